/** The auto-caption model in Settings: its state as the engine judges it, choosing and removing the file. */
import type { WhisperModelState } from '@core/api/transcribe.js';
import { call } from '../../api/client.js';
import { createStore } from '../../store.js';
import { guarded } from '../errors/errorStore.js';
import { settingsStore } from './settingsStore.js';

export const whisperModelStore = createStore({ state: undefined as WhisperModelState | undefined, checking: false, open: false });

export async function refreshWhisperModel(): Promise<void> {
  whisperModelStore.set({ checking: true });
  const state = await guarded(() => call('captions.modelStatus', {}));
  whisperModelStore.set({ checking: false, ...(state ? { state } : {}) });
}

/** Save the path in Settings, then let the engine judge the file (hashing it once). */
export async function useWhisperModel(path: string | null): Promise<void> {
  const settings = await guarded(() => call('settings.set', { whisperModelPath: path }));
  if (settings) settingsStore.set({ settings });
  await refreshWhisperModel();
}

export async function chooseWhisperModelWithDialog(): Promise<void> {
  const chosen = await guarded(() => call('dialog.openFiles', { kind: 'whisperModel', multiple: false }));
  const path = chosen?.paths[0];
  if (path) await useWhisperModel(path);
}

export function openSettings(): void {
  whisperModelStore.set({ open: true });
  void refreshWhisperModel();
}

export function closeSettings(): void {
  whisperModelStore.set({ open: false });
}
