/**
 * IPC: one `ipcMain.handle` per contract channel, nothing else. Every payload
 * is checked against the contract's schema inside the API handler before it
 * reaches the engine; results cross as `{ ok: true, value } | { ok: false, error }`.
 * Events go to the renderer on their contract names, checked the same way.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { CHANNELS, events, type ApiResult, type EventName, type EventPayload } from '@core/api/contract.js';
import type { Api } from '../engine/api/index.js';
import { isAllowedNavigation } from './window.js';

/** The answer to a call from a frame that is not the app page. */
export const FORBIDDEN_TEXT = {
  id: 'Halaman ini tidak boleh memakai API KlipKota. Tutup jendela ini lalu buka KlipKota lagi dari menu Start.',
  en: 'This page may not use the KlipKota API. Close this window and open KlipKota again from the Start menu.',
};

/** Only the app's own page may call (not a frame that navigated elsewhere). */
export function isTrustedSender(options: { event: Pick<IpcMainInvokeEvent, 'senderFrame'>; appUrl: string }): boolean {
  const url = options.event.senderFrame?.url;
  return typeof url === 'string' && isAllowedNavigation({ url, appUrl: options.appUrl });
}

export function registerIpcHandlers(options: { ipcMain: Pick<IpcMain, 'handle'>; api: Api; appUrl: string }): string[] {
  for (const channel of CHANNELS) {
    options.ipcMain.handle(channel, async (event, payload: unknown): Promise<ApiResult<unknown>> => {
      if (!isTrustedSender({ event, appUrl: options.appUrl })) {
        return { ok: false, error: await options.api.localizedError({ code: 'forbidden', text: FORBIDDEN_TEXT }) };
      }
      return options.api[channel](payload);
    });
  }
  return [...CHANNELS];
}

/** An `emit` for createApi that sends checked events to the given windows' contents. */
export function createEmitter(options: { targets: () => WebContents[]; log?: (line: string) => void }) {
  return <E extends EventName>(event: E, payload: EventPayload<E>): void => {
    const checked = events[event].safeParse(payload);
    if (!checked.success) {
      options.log?.(`dropped malformed event ${event}`);
      return;
    }
    for (const contents of options.targets()) {
      if (!contents.isDestroyed()) contents.send(event, checked.data);
    }
  };
}
