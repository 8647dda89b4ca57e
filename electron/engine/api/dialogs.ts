/**
 * What only the host can do: open a folder in the file manager, and the open / save / choose
 * dialogs ('not-available' in the harness). Media chosen in a dialog goes on the allow-list.
 */
import path from 'node:path';
import type { ApiContext, Implementations } from './context.js';
import { notAvailable } from './context.js';

type DialogChannel = 'shell.openFolder' | 'dialog.openFiles' | 'dialog.saveProject' | 'dialog.chooseFolder';

export function dialogHandlers(context: ApiContext): Implementations<DialogChannel> {
  const { platform, access } = context;
  return {
    'shell.openFolder': async (request) => {
      if (!platform.openFolder) throw notAvailable('shell.openFolder', context.language());
      return { opened: await platform.openFolder(path.resolve(request.path)) };
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
    'dialog.chooseFolder': async (request) => {
      if (!platform.chooseFolder) throw notAvailable('dialog.chooseFolder', context.language());
      return { path: await platform.chooseFolder(request) };
    },
  };
}
