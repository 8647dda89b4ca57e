/**
 * The window's layout only: media bin left, preview centre, inspector right
 * (with the captions panel as its second tab), the timeline and the export band below; every feature keeps its own state in its store. Tab order
 * follows the work: media, templates, preview, inspector, export.
 */
import { useEffect } from 'react';
import { useShortcuts } from './commands/commands.js';
import { ShortcutsSheet } from './commands/ShortcutsSheet.js';
import { SettingsDialog } from './features/settings/SettingsDialog.js';
import { Header } from './components/Header.js';
import { SideTabs } from './components/SideTabs.js';
import { CaptionsPanel } from './features/captions/CaptionsPanel.js';
import { useCaptionsT } from './features/captions/texts.js';
import { ErrorBanner } from './features/errors/ErrorBanner.js';
import { ExportPanel } from './features/export/ExportPanel.js';
import { Inspector } from './features/inspector/Inspector.js';
import { MediaPanel } from './features/media/MediaPanel.js';
import { QueuePanel } from './features/queue/QueuePanel.js';
import { PreviewPanel } from './features/preview/PreviewPanel.js';
import { ProjectPanel } from './features/project/ProjectPanel.js';
import { RecoveryBanner } from './features/project/RecoveryBanner.js';
import { useAutosave } from './features/project/recovery.js';
import { TemplatesPanel } from './features/templates/TemplatesPanel.js';
import { Timeline } from './features/timeline/Timeline.js';
import { useT } from './i18n.js';
import { projectStore } from './project/store.js';
import { useStore } from './store.js';
import { startApp } from './startup.js';

/** The right column: the inspector and the captions panel as two tabs. */
function RightColumn() {
  const t = useT();
  const tc = useCaptionsT();
  const count = useStore(projectStore, (state) => state.project?.timeline.tracks.captions.length ?? 0);
  return (
    <SideTabs
      tabs={[
        { id: 'inspector', label: t('side.inspector'), panel: <Inspector /> },
        { id: 'captions', label: tc('captions.tab', { count }), panel: <CaptionsPanel /> },
      ]}
    />
  );
}

export function App() {
  useEffect(() => startApp(), []);
  useAutosave();
  useShortcuts();
  return (
    <div className="app">
      <Header />
      <main className="main">
        <RecoveryBanner />
        <ErrorBanner />
        <div className="editor">
          <div className="editor__left">
            <ProjectPanel />
            <MediaPanel />
            <TemplatesPanel />
          </div>
          <div className="editor__centre">
            <PreviewPanel />
          </div>
          <div className="editor__right">
            <RightColumn />
          </div>
          <div className="editor__timeline">
            <Timeline />
          </div>
          <div className="editor__bottom">
            <ExportPanel />
            <QueuePanel />
          </div>
        </div>
      </main>
      <ShortcutsSheet />
      <SettingsDialog />
    </div>
  );
}
