/**
 * What is known about each clip's file (probe result, thumbnail), keyed by
 * path, and the import actions: by path (dialog or path field) and by drop.
 */
import type { ImportedMedia } from '../../../core/api/contract.js';
import { setMusicBed } from '../../../core/model/edits.js';
import { needsProxy } from '../../../core/proxy.js';
import { call, onEvent, pathForFile, toApiError } from '../api/client.js';
import { baseName } from '../format.js';
import { languageStore, translate } from '../i18n.js';
import { createStore } from '../store.js';
import { guarded, reportError } from '../features/errors/errorStore.js';
import { dispatch, ensureProject, projectStore } from './store.js';
import { appendImported, clipsOf } from './clips.js';

/** A file as the editor knows it; `needsProxy`: the browser cannot play it, so the preview plays `proxyUrl` (never exported). */
export type KnownMedia = ImportedMedia & { needsProxy?: boolean; proxyUrl?: string; proxyPercent?: number; proxyError?: string };

export const mediaStore = createStore({
  byPath: {} as Record<string, KnownMedia>,
  /** names of files being uploaded or probed */
  pending: [] as string[],
  /** the clip file shown in the preview */
  selectedPath: undefined as string | undefined,
});

export function selectClipMedia(path: string | undefined): void {
  mediaStore.set({ selectedPath: path });
}

function patchMedia(path: string, patch: Partial<KnownMedia>): void {
  mediaStore.set((state) => {
    const current = state.byPath[path];
    return current ? { byPath: { ...state.byPath, [path]: { ...current, ...patch } } } : {};
  });
}

/** Ask the engine for a preview proxy of each file the browser cannot play (in the background). */
function prepareProxies(items: ImportedMedia[]): void {
  for (const item of items) {
    if (!item.info || !needsProxy(item.info)) continue;
    const known = mediaStore.get().byPath[item.path];
    if (known?.proxyUrl) continue;
    patchMedia(item.path, { needsProxy: true, proxyPercent: 0 });
    call('media.proxy', { path: item.path }).then(
      (result) => patchMedia(item.path, { proxyUrl: result.url, proxyPercent: 100 }),
      (error: unknown) => patchMedia(item.path, { proxyError: toApiError(error).message }),
    );
  }
}

/** Proxy progress from the engine, for the bin. */
export function listenToProxies(): () => void {
  return onEvent('media.proxyProgress', ({ path, percent }) => {
    const known = mediaStore.get().byPath[path];
    if (known && !known.proxyUrl && percent > (known.proxyPercent ?? 0)) patchMedia(path, { proxyPercent: percent });
  });
}

function remember(items: ImportedMedia[]): void {
  mediaStore.set((state) => {
    const byPath = { ...state.byPath };
    for (const item of items) byPath[item.path] = { ...state.byPath[item.path], ...item };
    return { byPath };
  });
  prepareProxies(items);
}

async function withPending<T>(names: string[], action: () => Promise<T>): Promise<T> {
  mediaStore.set((state) => ({ pending: [...state.pending, ...names] }));
  try {
    return await action();
  } finally {
    mediaStore.set((state) => {
      const pending = [...state.pending];
      for (const name of names) pending.splice(pending.indexOf(name), 1);
      return { pending };
    });
  }
}

/** Probe files and add the ones with a picture to the end of the timeline. */
export async function importPaths(paths: string[]): Promise<void> {
  const cleaned = paths.map((path) => path.trim()).filter(Boolean);
  if (cleaned.length === 0) return;
  if (!(await ensureProject())) return;
  const result = await withPending(cleaned.map(baseName), () => guarded(() => call('media.import', { paths: cleaned })));
  if (!result) return;
  remember(result.items);
  for (const item of result.items) if (item.error) reportError({ apiError: item.error });
  const usable = result.items.filter((item) => !item.error);
  // a file with sound only becomes the music bed (the first one, when several come at once)
  const sounds = usable.filter((entry) => !entry.info?.video && entry.info?.audio);
  const language = languageStore.get().language;
  for (const item of usable.filter((entry) => !entry.info?.video && !entry.info?.audio)) {
    reportError({
      apiError: { code: 'media-no-video', message: translate(language, 'media.notVideo', { name: baseName(item.path) }) },
    });
  }
  const bed = sounds[0];
  dispatch((project) => {
    const withClips = appendImported(usable)(project);
    return bed ? setMusicBed({ project: withClips, path: bed.path }) : withClips;
  });
}

/** "Import clips…": the host's file dialog, then import what was chosen. */
export async function importWithDialog(): Promise<void> {
  const chosen = await guarded(() => call('dialog.openFiles', { kind: 'media', multiple: true }));
  if (chosen && chosen.paths.length > 0) await importPaths(chosen.paths);
}

/** Files dropped on the window: their local paths (uploaded first in the harness), then imported. */
export async function importFiles(files: File[]): Promise<void> {
  if (files.length === 0) return;
  const paths = await withPending(
    files.map((file) => file.name),
    async () => {
      const found: string[] = [];
      for (const file of files) {
        const path = await guarded(() => pathForFile(file));
        if (path) found.push(path);
      }
      return found;
    },
  );
  await importPaths(paths);
}

/** After opening or restoring a project: probe its clips for thumbnails and the preview allow-list. */
export async function importProjectMedia(): Promise<void> {
  const { project, missingClipIds } = projectStore.get();
  const paths = [...new Set(clipsOf(project).filter((clip) => !missingClipIds.includes(clip.id) && !clip.media.missing).map((clip) => clip.media.path))];
  if (paths.length === 0) return;
  const result = await withPending(paths.map(baseName), () => guarded(() => call('media.import', { paths })));
  if (result) remember(result.items);
}
