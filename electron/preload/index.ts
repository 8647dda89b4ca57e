/**
 * The preload: exposes exactly the API contract as `window.klipkota` (calls on
 * allow-listed channels, events on allow-listed names), nothing more. No
 * Node or Electron object reaches the page.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { CHANNELS, EVENT_NAMES, type ApiResult, type KlipkotaApi } from '../../core/api/contract.js';

const channels = new Set<string>(CHANNELS);
const eventNames = new Set<string>(EVENT_NAMES);

export function createPreloadApi(renderer: Pick<typeof ipcRenderer, 'invoke' | 'on' | 'removeListener'>): KlipkotaApi {
  return {
    invoke: async (channel, request) => {
      if (!channels.has(channel)) {
        return { ok: false, error: { code: 'unknown-channel', message: `Unknown channel ${String(channel)}` } } as ApiResult<never>;
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
