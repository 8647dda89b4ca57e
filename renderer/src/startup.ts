/**
 * What happens once when the window opens: settings (language, output folder),
 * the export event listeners, the menu actions and the crash-recovery offer.
 * Returns the cleanup for React's effect.
 */
import { onEvent } from './api/client.js';
import { guarded } from './features/errors/errorStore.js';
import { listenToExports, setOutDir, startExport } from './features/export/exportStore.js';
import { checkRecovery } from './features/project/recovery.js';
import { newProject, saveProject } from './features/project/projectStore.js';
import { loadSettings } from './features/settings/settingsStore.js';

export function startApp(): () => void {
  const stopExports = listenToExports();
  const stopMenu = onEvent('menu.action', ({ action }) => {
    // actions that need a dialog are handled by the buttons; the menu covers the rest
    if (action === 'project.new') void newProject();
    else if (action === 'project.save') void saveProject();
    else if (action === 'export.start') void startExport();
  });
  void (async () => {
    const settings = await loadSettings();
    if (settings?.outputFolder) setOutDir(settings.outputFolder);
    if (settings) void guarded(checkRecovery);
  })();
  return () => {
    stopExports();
    stopMenu();
  };
}
