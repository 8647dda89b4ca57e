/** The window's layout only; every feature keeps its own state in its store. */
import { useEffect } from 'react';
import { ShortcutsSheet } from './commands/ShortcutsSheet.js';
import { installShortcuts } from './commands/shortcuts.js';
import { COMMANDS } from './commands/table.js';
import { Header } from './components/Header.js';
import { ErrorBanner } from './features/errors/ErrorBanner.js';
import { ExportPanel } from './features/export/ExportPanel.js';
import { MediaPanel } from './features/media/MediaPanel.js';
import { ProjectPanel } from './features/project/ProjectPanel.js';
import { RecoveryBanner } from './features/project/RecoveryBanner.js';
import { useAutosave } from './features/project/recovery.js';
import { Timeline } from './features/timeline/Timeline.js';
import { startApp } from './startup.js';

export function App() {
  useEffect(() => startApp(), []);
  useEffect(() => installShortcuts(COMMANDS), []);
  useAutosave();
  return (
    <div className="app">
      <Header />
      <main className="main">
        <RecoveryBanner />
        <ErrorBanner />
        <div className="layout">
          <div className="layout__side">
            <ProjectPanel />
            <ExportPanel />
          </div>
          <MediaPanel />
        </div>
        <Timeline />
      </main>
      <ShortcutsSheet />
    </div>
  );
}
