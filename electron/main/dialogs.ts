/**
 * The host pieces of the API that need Electron: file dialogs and showing a
 * folder in the file manager.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { BrowserWindow, Dialog, Shell } from 'electron';
import type { Language } from '@core/errors.js';
import type { ApiPlatform } from '../engine/api/index.js';
import { PROJECT_EXTENSION } from '../engine/project/projects.js';

export const MEDIA_EXTENSIONS = ['mp4', 'mov', 'm4v', 'mkv', 'webm', 'avi', '3gp', 'mts', 'mp3', 'm4a', 'aac', 'wav', 'ogg', 'png', 'jpg', 'jpeg'];

/**
 * The save dialog's answer with the project extension: the dialog's filter can
 * only add `.json`, and the engine saves projects only to `.klipkota.json` names.
 */
export function withProjectExtension(file: string): string {
  if (file.toLowerCase().endsWith(PROJECT_EXTENSION)) return file;
  const base = file.toLowerCase().endsWith('.json') ? file.slice(0, -'.json'.length) : file;
  return `${base}${PROJECT_EXTENSION}`;
}

export function createPlatform(options: {
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;
  shell: Pick<Shell, 'openPath'>;
  window: () => BrowserWindow | undefined;
  language: () => Language;
  defaultFolder: () => string;
  /** an OS notification (Electron's Notification in main; the renderer's permission stays denied) */
  notify?: (text: { title: string; body: string }) => boolean;
}): ApiPlatform {
  const id = () => options.language() === 'id';
  const parent = () => options.window();
  const open = (dialogOptions: Electron.OpenDialogOptions) => {
    const win = parent();
    return win ? options.dialog.showOpenDialog(win, dialogOptions) : options.dialog.showOpenDialog(dialogOptions);
  };
  return {
    async openFiles(request) {
      const media = request.kind === 'media';
      const sheet = request.kind === 'sheet';
      if (request.kind === 'whisperModel') {
        const chosen = await open({
          title: id() ? 'Pilih model teks otomatis (whisper.cpp)' : 'Choose the auto-caption model (whisper.cpp)',
          properties: ['openFile'],
          filters: [{ name: id() ? 'Model ggml whisper.cpp' : 'whisper.cpp ggml model', extensions: ['bin'] }],
        });
        return chosen.canceled ? [] : chosen.filePaths.slice(0, 1);
      }
      const subtitles = request.kind === 'subtitles';
      const title = media ? (id() ? 'Impor klip' : 'Import clips') : sheet ? (id() ? 'Pilih lembar kerja batch' : 'Choose a batch spreadsheet') : subtitles ? (id() ? 'Impor takarir' : 'Import captions') : id() ? 'Buka proyek' : 'Open project';
      const filters = media
        ? [{ name: id() ? 'Video, audio, gambar' : 'Video, audio, images', extensions: MEDIA_EXTENSIONS }]
        : sheet
          ? [{ name: id() ? 'Lembar kerja (CSV, Excel)' : 'Spreadsheet (CSV, Excel)', extensions: ['csv', 'xlsx'] }]
          : subtitles
            ? [{ name: id() ? 'Takarir (SRT, WebVTT)' : 'Captions (SRT, WebVTT)', extensions: ['srt', 'vtt'] }]
            : [{ name: id() ? 'Proyek KlipKota' : 'KlipKota project', extensions: ['json'] }];
      const result = await open({ title, properties: ['openFile', ...(media && request.multiple !== false ? (['multiSelections'] as const) : [])], filters });
      return result.canceled ? [] : result.filePaths;
    },
    async saveProjectDialog(request) {
      const name = (request.suggestedName ?? 'proyek').replace(/[\\/:*?"<>|]+/g, '-');
      const win = parent();
      const dialogOptions: Electron.SaveDialogOptions = {
        title: id() ? 'Simpan proyek' : 'Save project',
        defaultPath: path.join(options.defaultFolder(), name.endsWith(PROJECT_EXTENSION) ? name : `${name}${PROJECT_EXTENSION}`),
        filters: [{ name: id() ? 'Proyek KlipKota' : 'KlipKota project', extensions: ['json'] }],
      };
      const result = win ? await options.dialog.showSaveDialog(win, dialogOptions) : await options.dialog.showSaveDialog(dialogOptions);
      return result.canceled || !result.filePath ? null : withProjectExtension(result.filePath);
    },
    async saveCaptionsDialog(request) {
      const name = (request.suggestedName ?? 'subtitle').replace(/[\\/:*?"<>|]+/g, '-');
      const win = parent();
      const dialogOptions: Electron.SaveDialogOptions = {
        title: id() ? 'Simpan subtitle' : 'Save captions',
        defaultPath: path.join(options.defaultFolder(), name.toLowerCase().endsWith('.srt') ? name : `${name}.srt`),
        filters: [{ name: id() ? 'Subtitle SRT' : 'SRT subtitles', extensions: ['srt'] }],
      };
      const result = win ? await options.dialog.showSaveDialog(win, dialogOptions) : await options.dialog.showSaveDialog(dialogOptions);
      if (result.canceled || !result.filePath) return null;
      return result.filePath.toLowerCase().endsWith('.srt') ? result.filePath : `${result.filePath}.srt`;
    },
    async chooseFolder(request) {
      const result = await open({
        title: id() ? 'Pilih folder' : 'Choose a folder',
        properties: ['openDirectory', 'createDirectory'],
        ...(request.defaultPath ? { defaultPath: request.defaultPath } : {}),
      });
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    ...(options.notify ? { notify: async (text: { title: string; body: string }) => options.notify!(text) } : {}),
    async openFolder(folder) {
      if (!existsSync(folder) || !statSync(folder).isDirectory()) return false;
      // openPath resolves to an error string, empty on success
      return (await options.shell.openPath(folder)) === '';
    },
  };
}
