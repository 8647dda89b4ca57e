/**
 * The API's settings area: read and change the settings (language, output folder, export
 * defaults; never the binaries, which only the main process sets).
 */
import { loadSettings, updateSettings } from '../settings/settings.js';
import type { ApiContext, Implementations } from './context.js';

export function settingsHandlers(context: ApiContext): Implementations<'settings.get' | 'settings.set'> {
  const { home } = context;
  return {
    'settings.get': async () => (await loadSettings({ home })).settings,
    'settings.set': async (request) => {
      const settings = await updateSettings({ home, patch: request });
      context.setLanguage(settings.language);
      // the FFmpeg/FFprobe paths are not in the renderer's patch: only the main process sets them (settings/ffmpeg-choice.ts)
      return settings;
    },
  };
}
