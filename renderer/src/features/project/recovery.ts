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

/** Keep a recovery copy of the unsaved project every AUTOSAVE_MS while it is dirty. */
export function useAutosave(): void {
  useEffect(() => {
    let lastSaved: unknown;
    const timer = setInterval(() => {
      const { project, path, dirty } = projectStore.get();
      if (!project || !dirty || project === lastSaved) return;
      lastSaved = project;
      void guarded(() => call('project.autosave', { project, path }));
    }, AUTOSAVE_MS);
    return () => clearInterval(timer);
  }, []);
}
