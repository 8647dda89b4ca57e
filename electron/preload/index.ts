/**
 * The preload: exposes exactly the API contract as `window.klipkota` (calls on
 * allow-listed channels, events on allow-listed names), nothing more. No
 * Node or Electron object reaches the page.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { CHANNELS, EVENT_NAMES, type ApiResult, type KlipkotaApi } from '@core/api/contract.js';
import type { Language } from '@core/errors.js';

const channels = new Set<string>(CHANNELS);
const eventNames = new Set<string>(EVENT_NAMES);

export const UNKNOWN_CHANNEL_TEXT = {
  id: (channel: string) => `Aplikasi meminta hal yang tidak dikenal ("${channel}"). Muat ulang aplikasi (Ctrl+R); jika terulang, kirim log ke tim Diskominfo.`,
  en: (channel: string) => `The app asked for something unknown ("${channel}"). Reload the app (Ctrl+R); if it happens again, send the log to the Diskominfo team.`,
};

/** The admin's language from settings (Indonesian when settings cannot be read). */
async function settingsLanguage(renderer: Pick<typeof ipcRenderer, 'invoke'>): Promise<Language> {
  try {
    const result = (await renderer.invoke('settings.get', {})) as ApiResult<{ language?: unknown }>;
    return result.ok && result.value.language === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

export function createPreloadApi(renderer: Pick<typeof ipcRenderer, 'invoke' | 'on' | 'removeListener'>): KlipkotaApi {
  return {
    invoke: async (channel, request) => {
      if (!channels.has(channel)) {
        const name = String(channel);
        const message = UNKNOWN_CHANNEL_TEXT[await settingsLanguage(renderer)](name);
        return { ok: false, error: { code: 'unknown-channel', message, detail: name } } as ApiResult<never>;
      }
      return renderer.invoke(channel, request);
    },
    on: (event, listener) => {
      if (!eventNames.has(event)) throw new Error(`Unknown event ${String(event)}`);
      // the page gets only the payload, never the IpcRendererEvent (it carries `sender`)
      const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload as never);
      renderer.on(event, wrapped);
      return () => {
        renderer.removeListener(event, wrapped);
      };
    },
  };
}

/** The contract's calls and events, plus the local path of a dropped File (drag and drop import). */
export type PreloadApi = KlipkotaApi & { pathForFile(file: File): string };

contextBridge.exposeInMainWorld('klipkota', {
  ...createPreloadApi(ipcRenderer),
  pathForFile: (file: File) => webUtils.getPathForFile(file),
} satisfies PreloadApi);
