/**
 * Crash safety: while the project has unsaved changes a recovery copy is kept
 * every few seconds; on start, an edit left by a run that did not end cleanly
 * is offered back.
 */
import { useEffect } from 'react';
import { call } from '../../api/client.js';
import { createStore } from '../../store.js';
import { guarded } from '../errors/errorStore.js';
import { projectStore, restoreDocument } from '../../project/store.js';
import { importProjectMedia } from '../../project/media.js';

export const AUTOSAVE_MS = 3000;

export const recoveryStore = createStore({
  offer: undefined as { name: string; savedAt: string } | undefined,
});

export async function checkRecovery(): Promise<void> {
  const found = await guarded(() => call('recovery.check', {}));
  if (found?.recovery) recoveryStore.set({ offer: { name: found.recovery.name, savedAt: found.recovery.savedAt } });
}

export async function restoreRecovery(): Promise<void> {
  recoveryStore.set({ offer: undefined });
  const document = await guarded(() => call('recovery.restore', {}));
  if (!document) return;
  restoreDocument(document);
  await importProjectMedia();
}

export async function discardRecovery(): Promise<void> {
  recoveryStore.set({ offer: undefined });
  await guarded(() => call('recovery.discard', {}));
}

/**
 * Keep a recovery copy of the unsaved project every AUTOSAVE_MS while it is
 * dirty, and once more when the page is left (a reload, the window closed), so
 * the last words typed are not lost. While an earlier edit is still offered
 * back, nothing is written: the one recovery copy is that edit until the admin
 * restores or discards it.
 */
export function useAutosave(): void {
  useEffect(() => {
    let lastSaved: unknown;
    const keepCopy = () => {
      const { project, path, dirty } = projectStore.get();
      if (!project || !dirty || project === lastSaved || recoveryStore.get().offer) return;
      lastSaved = project;
      void guarded(() => call('project.autosave', { project, path }));
    };
    const timer = setInterval(keepCopy, AUTOSAVE_MS);
    window.addEventListener('pagehide', keepCopy);
    return () => {
      clearInterval(timer);
      window.removeEventListener('pagehide', keepCopy);
    };
  }, []);
}
