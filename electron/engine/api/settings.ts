/**
 * The API's settings area: read and change the settings (language, binaries).
 */
import { loadSettings, updateSettings } from '../settings/settings.js';
import type { ApiContext, Implementations } from './context.js';

export function settingsHandlers(context: ApiContext): Implementations<'settings.get' | 'settings.set'> {
  const { engine, home } = context;
  return {
    'settings.get': async () => (await loadSettings({ home })).settings,
    'settings.set': async (request) => {
      const settings = await updateSettings({ home, patch: request });
      context.setLanguage(settings.language);
      engine.configureBinaries({ ffmpegPath: settings.ffmpegPath ?? undefined, ffprobePath: settings.ffprobePath ?? undefined });
      return settings;
    },
  };
}
