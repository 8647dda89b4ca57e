/**
 * The renderer's one way to the engine. In Electron the preload has put the
 * typed API on `window.klipkota`; in a plain browser (the harness) the HTTP
 * implementation is installed there instead, so every feature calls the same
 * `call()` whichever transport is underneath.
 */
import type { ApiError, ApiRequest, ApiResponse, Channel, EventName, EventPayload, KlipkotaApi } from '@core/api/contract.js';
import { createHttpApi, RECONNECTED_EVENT } from './http.js';

export { RECONNECTED_EVENT };

/** The preload's API (its optional pathForFile is Electron's webUtils.getPathForFile). */
export type RendererApi = KlipkotaApi;

declare global {
  interface Window {
    klipkota?: RendererApi;
  }
}

let harness = false;

export function installApi(): RendererApi {
  if (!window.klipkota) {
    harness = true;
    window.klipkota = createHttpApi();
  }
  return window.klipkota;
}

function api(): RendererApi {
  return window.klipkota ?? installApi();
}

/** True in the browser harness: no native dialogs, so the UI shows path fields instead. */
export function isHarness(): boolean {
  api();
  return harness;
}

/** A failed call, carrying the engine's plain error (already in the admin's language). */
export class CallError extends Error {
  readonly error: ApiError;
  constructor(error: ApiError) {
    super(error.message);
    this.name = 'CallError';
    this.error = error;
  }
}

/** Call a channel; resolves with the value or rejects with a CallError. */
export async function call<C extends Channel>(channel: C, request: ApiRequest<C>): Promise<ApiResponse<C>> {
  const result = await api().invoke(channel, request);
  if (result.ok) return result.value;
  throw new CallError(result.error);
}

export function onEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return api().on(event, listener);
}

/** The local path of a dropped file, or undefined when this transport cannot give one. */
export async function pathForFile(file: File, options?: { group?: string }): Promise<string | undefined> {
  const current = api();
  if (!current.pathForFile) return undefined;
  const value = await current.pathForFile(file, options);
  return value || undefined;
}

/** Any failure as a plain error for the error banner. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof CallError) return error.error;
  const apiError = (error as { apiError?: ApiError } | undefined)?.apiError;
  if (apiError) return apiError;
  return { code: 'internal', message: error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error) };
}
