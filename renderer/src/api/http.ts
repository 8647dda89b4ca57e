/**
 * The browser harness's implementation of `KlipkotaApi`: calls are
 * `POST /api/<channel>` with the JSON request, answered `{ ok, value | error }`;
 * events arrive on one Server-Sent Events stream (`GET /api/events`) as
 * `{ event, payload }`. Dropped files are uploaded (`POST /api/upload`) into the
 * harness's home and come back as a local path, as Electron's drop would give.
 */
import type { ApiError, ApiResult, Channel, EventName, EventPayload, KlipkotaApi } from '@core/api/contract.js';

type Listener = (payload: never) => void;

/** dispatched on window when the event stream came back after a break (events may have been missed) */
export const RECONNECTED_EVENT = 'klipkota:reconnected';

const CONNECTION_ERROR: ApiError = {
  code: 'connection',
  message: 'Tidak bisa terhubung ke mesin KlipKota. / Cannot reach the KlipKota engine.',
};

function isApiResult(value: unknown): value is ApiResult<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

export interface HarnessApi extends KlipkotaApi {
  pathForFile(file: Blob, options?: { group?: string }): Promise<string>;
}

/** The most a call sent while the page goes away may carry (the browser's keepalive budget is 64 KiB in all). */
const KEEPALIVE_MAX_BYTES = 60_000;

export function createHttpApi(base = ''): HarnessApi {
  const listeners = new Map<string, Set<Listener>>();
  let source: EventSource | undefined;
  // a call made while the page is being left (reload, close: the last autosave) must outlive the page
  let leaving = false;
  window.addEventListener('pagehide', () => {
    leaving = true;
  });
  window.addEventListener('pageshow', () => {
    leaving = false;
  });

  function ensureStream(): void {
    if (source) return;
    source = new EventSource(`${base}/api/events`);
    let opened = false;
    source.onopen = () => {
      if (opened) window.dispatchEvent(new Event(RECONNECTED_EVENT));
      opened = true;
    };
    source.onmessage = (message: MessageEvent<string>) => {
      let data: { event?: unknown; payload?: unknown };
      try {
        data = JSON.parse(message.data) as typeof data;
      } catch {
        return;
      }
      const set = typeof data.event === 'string' ? listeners.get(data.event) : undefined;
      for (const listener of set ?? []) (listener as (payload: unknown) => void)(data.payload);
    };
  }

  async function post(url: string, init: RequestInit): Promise<ApiResult<unknown>> {
    let response: Response;
    try {
      response = await fetch(url, { method: 'POST', credentials: 'same-origin', ...init });
    } catch {
      return { ok: false, error: CONNECTION_ERROR };
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (isApiResult(body)) return body;
    return { ok: false, error: { ...CONNECTION_ERROR, detail: `HTTP ${response.status}` } };
  }

  const api: HarnessApi = {
    async invoke(channel: Channel, request: unknown) {
      const body = JSON.stringify(request ?? {});
      const result = await post(`${base}/api/${encodeURIComponent(channel)}`, {
        headers: { 'Content-Type': 'application/json' },
        body,
        ...(leaving && body.length < KEEPALIVE_MAX_BYTES ? { keepalive: true } : {}),
      });
      return result as never;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      ensureStream();
      const set = listeners.get(event) ?? new Set<Listener>();
      set.add(listener as Listener);
      listeners.set(event, set);
      return () => {
        set.delete(listener as Listener);
      };
    },
    async pathForFile(file: Blob, options?: { group?: string }) {
      const name = file instanceof File ? file.name : 'upload.bin';
      const group: Record<string, string> = options?.group ? { 'X-Upload-Group': options.group } : {};
      const result = await post(`${base}/api/upload`, {
        headers: { 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent(name), ...group },
        body: file,
      });
      if (!result.ok) throw Object.assign(new Error(result.error.message), { apiError: result.error });
      return (result.value as { path: string }).path;
    },
  };
  return api;
}
