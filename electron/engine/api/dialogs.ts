/**
 * What only the host can do: open a folder in the file manager, and the open / save / choose
 * dialogs ('not-available' in the harness). Media chosen in a dialog goes on the allow-list.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { badInput } from '@core/errors.js';
import type { ApiContext, Implementations } from './context.js';
import { notAvailable } from './context.js';

type DialogChannel = 'shell.openFolder' | 'shell.notifyQueueFinished' | 'dialog.openFiles' | 'dialog.saveProject' | 'dialog.saveCaptions' | 'dialog.chooseFolder';

function notAFolder(file: string) {
  return badInput('not-a-folder', {
    id: `${file} bukan folder yang ada. Hanya folder yang bisa dibuka di pengelola berkas.`,
    en: `${file} is not an existing folder. Only folders can be opened in the file manager.`,
  });
}

export function dialogHandlers(context: ApiContext): Implementations<DialogChannel> {
  const { platform, access } = context;
  return {
    'shell.openFolder': async (request) => {
      if (!platform.openFolder) throw notAvailable('shell.openFolder', context.language());
      // folders only: opening a file would run it with its default program
      const folder = path.resolve(request.path);
      if (!(await stat(folder).catch(() => undefined))?.isDirectory()) throw notAFolder(folder);
      return { opened: await platform.openFolder(folder) };
    },
    'shell.notifyQueueFinished': async (request) => {
      if (!platform.notify) throw notAvailable('shell.notifyQueueFinished', context.language());
      const id = context.language() === 'id';
      return {
        shown: await platform.notify({
          title: id ? 'Antrean KlipKota selesai' : 'KlipKota queue finished',
          body: id ? `${request.done} video selesai, ${request.failed} gagal.` : `${request.done} video(s) done, ${request.failed} failed.`,
        }),
      };
    },
    'dialog.openFiles': async (request) => {
      if (!platform.openFiles) throw notAvailable('dialog.openFiles', context.language());
      const paths = await platform.openFiles(request);
      if (request.kind === 'media') for (const file of paths) access.allow(file);
      return { paths };
    },
    'dialog.saveProject': async (request) => {
      if (!platform.saveProjectDialog) throw notAvailable('dialog.saveProject', context.language());
      return { path: await platform.saveProjectDialog(request) };
    },
    'dialog.saveCaptions': async (request) => {
      if (!platform.saveCaptionsDialog) throw notAvailable('dialog.saveCaptions', context.language());
      return { path: await platform.saveCaptionsDialog(request) };
    },
    'dialog.chooseFolder': async (request) => {
      if (!platform.chooseFolder) throw notAvailable('dialog.chooseFolder', context.language());
      return { path: await platform.chooseFolder(request) };
    },
  };
}
