/**
 * What happens once when the window opens: settings (language, output folder),
 * the export event listeners, the menu actions and the crash-recovery offer.
 * Returns the cleanup for React's effect.
 */
import { onEvent } from './api/client.js';
import { guarded } from './features/errors/errorStore.js';
import { listenToExports, restoreChoices, startExport } from './features/export/exportStore.js';
import { checkRecovery } from './features/project/recovery.js';
import { restoreSheetFolder } from './features/queue/sheetStore.js';
import { importWithDialog } from './project/media.js';
import { openProjectWithDialog, saveProjectWithDialog } from './features/project/projectDialogs.js';
import { newProject } from './project/store.js';
import { loadSettings } from './features/settings/settingsStore.js';
import { openSettings } from './features/settings/whisperModel.js';
import { loadPacks } from './project/packs.js';
import { listenToProxies } from './project/media.js';

export function startApp(): () => void {
  const stopExports = listenToExports();
  const stopProxies = listenToProxies();
  const stopMenu = onEvent('menu.action', ({ action }) => {
    if (action === 'project.new') void newProject();
    else if (action === 'project.open') void openProjectWithDialog();
    else if (action === 'project.save') void saveProjectWithDialog(false);
    else if (action === 'project.saveAs') void saveProjectWithDialog(true);
    else if (action === 'media.import') void importWithDialog();
    else if (action === 'export.start') void startExport();
    else if (action === 'settings.open') openSettings();
  });
  void loadPacks();
  void (async () => {
    const settings = await loadSettings();
    if (settings) restoreChoices({ presets: settings.exportDefaults.presets, outDir: settings.outputFolder });
    if (settings) restoreSheetFolder(settings.outputFolder);
    if (settings) void guarded(checkRecovery);
  })();
  return () => {
    stopExports();
    stopProxies();
    stopMenu();
  };
}
