/**
 * The window's layout only: media bin left, preview centre, inspector right,
 * the timeline and the export band below; every feature keeps its own state in its store. Tab order
 * follows the work: media, templates, preview, inspector, export.
 */
import { useEffect } from 'react';
import { useShortcuts } from './commands/commands.js';
import { ShortcutsSheet } from './commands/ShortcutsSheet.js';
import { SettingsDialog } from './features/settings/SettingsDialog.js';
import { Header } from './components/Header.js';
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
import { startApp } from './startup.js';

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
            <Inspector />
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
