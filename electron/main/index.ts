/**
 * Electron main: single-instance lock, the media protocol, the IPC handlers
 * for the API contract, one window shown on ready-to-show, menus in Bahasa
 * Indonesia or English, and a clean shutdown that stops every FFmpeg run.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BrowserWindow, Menu, Notification, app, dialog, ipcMain, shell } from 'electron';
import { toErrorData, type Language } from '../../core/errors.js';
import { createApi, type Api } from '../engine/api/index.js';
import { configureBinaries } from '../engine/ffmpeg/binaries.js';
import { cancelAllRuns } from '../engine/ffmpeg/runner.js';
import { checkedSavedBinaries, chooseFfmpegBinaries } from '../engine/settings/ffmpeg-choice.js';
import { loadSettings, resolveHome, updateSettings } from '../engine/settings/settings.js';
import { createPlatform } from './dialogs.js';
import { createEmitter, registerIpcHandlers } from './ipc.js';
import { buildMenuTemplate } from './menu.js';
import { handleMediaProtocol, registerMediaScheme } from './protocol.js';
import { createMainWindow } from './window.js';

/** Where the built pieces are, relative to the bundled main (out/main/index.js). */
export function appPaths(options: { mainDir: string; devServer?: string }) {
  const rendererHtml = path.join(options.mainDir, '../renderer/index.html');
  // the window icon in development; a packaged app takes its icon from the installer
  const icon = path.join(options.mainDir, '../../resources/icon.png');
  return {
    preload: path.join(options.mainDir, '../preload/index.cjs'),
    appUrl: options.devServer ?? pathToFileURL(rendererHtml).href,
    ...(existsSync(icon) ? { icon } : {}),
  };
}

registerMediaScheme();

let mainWindow: BrowserWindow | undefined;
let api: Api | undefined;
let language: Language = 'id';

/** File > Choose FFmpeg: a main-process dialog; the file is saved only once it answers as FFmpeg. */
async function chooseFfmpeg(home: string): Promise<void> {
  const picked = await dialog.showOpenDialog({
    title: language === 'id' ? 'Pilih ffmpeg' : 'Choose ffmpeg',
    properties: ['openFile'],
    ...(process.platform === 'win32' ? { filters: [{ name: 'ffmpeg.exe', extensions: ['exe'] }] } : {}),
  });
  const ffmpegPath = picked.filePaths[0];
  if (picked.canceled || !ffmpegPath) return;
  const sibling = path.join(path.dirname(ffmpegPath), path.basename(ffmpegPath).replace(/ffmpeg/i, 'ffprobe'));
  try {
    const settings = await chooseFfmpegBinaries({ home, ffmpegPath, ...(existsSync(sibling) && sibling !== ffmpegPath ? { ffprobePath: sibling } : {}) });
    configureBinaries({ ffmpegPath: settings.ffmpegPath ?? undefined, ffprobePath: settings.ffprobePath ?? undefined });
  } catch (error) {
    dialog.showErrorBox('KlipKota', toErrorData(error, language).message);
  }
}

function setMenu(home: string, isDev: boolean): void {
  const template = buildMenuTemplate({
    language,
    isDev,
    onChooseFfmpeg: () => void chooseFfmpeg(home),
    onAction: (action) => mainWindow?.webContents.send('menu.action', { action }),
    onLanguage: (next) => {
      language = next;
      void updateSettings({ home, patch: { language: next } }).then(() => setMenu(home, isDev));
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

async function start(): Promise<void> {
  const home = resolveHome({ userData: app.getPath('userData') });
  const { settings } = await loadSettings({ home });
  language = settings.language;
  configureBinaries(await checkedSavedBinaries(settings));

  const devServer = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
  const paths = appPaths({ mainDir: path.dirname(fileURLToPath(import.meta.url)), devServer });

  const emit = createEmitter({ targets: () => (mainWindow && !mainWindow.isDestroyed() ? [mainWindow.webContents] : []) });
  const platform = createPlatform({
    dialog,
    shell,
    window: () => mainWindow,
    language: () => language,
    defaultFolder: () => settings.outputFolder ?? app.getPath('documents'),
    notify: ({ title, body }) => {
      if (!Notification.isSupported()) return false;
      new Notification({ title, body }).show();
      return true;
    },
  });
  api = createApi({ home, emit, platform });
  registerIpcHandlers({ ipcMain, api, appUrl: paths.appUrl });
  handleMediaProtocol(api.mediaAccess);
  setMenu(home, Boolean(devServer));

  mainWindow = createMainWindow({ preloadPath: paths.preload, appUrl: paths.appUrl, devServer, icon: paths.icon });
  mainWindow.on('closed', () => {
    mainWindow = undefined;
  });
}

function shutdown(): void {
  api?.shutdown();
  cancelAllRuns();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  app.on('before-quit', shutdown);
  app.on('window-all-closed', () => app.quit());
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      // the admin's language and a what-to-do text, never a raw (English) error message
      dialog.showErrorBox('KlipKota', toErrorData(error, language).message);
      app.exit(1);
    });
}
