/** App settings as the engine keeps them; the language choice is saved there too. */
import type { Settings } from '@core/api/contract.js';
import { call } from '../../api/client.js';
import { languageStore, setLanguage, type Language } from '../../i18n.js';
import { createStore } from '../../store.js';
import { guarded } from '../errors/errorStore.js';

export const settingsStore = createStore({ settings: undefined as Settings | undefined });

export async function loadSettings(): Promise<Settings | undefined> {
  const settings = await guarded(() => call('settings.get', {}));
  if (settings) {
    settingsStore.set({ settings });
    setLanguage(settings.language);
  }
  return settings;
}

/** Switch the UI language and ask the engine to answer in it from now on. */
export async function chooseLanguage(language: Language): Promise<void> {
  setLanguage(language);
  const settings = await guarded(() => call('settings.set', { language }));
  if (settings) settingsStore.set({ settings });
}

export function toggleLanguage(): Promise<void> {
  return chooseLanguage(languageStore.get().language === 'id' ? 'en' : 'id');
}
