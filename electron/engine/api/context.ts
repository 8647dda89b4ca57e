/**
 * What the API's areas (project, media, packs, export, settings, dialogs) share:
 * the host's options, the engine functions, the media allow-list, the export
 * jobs, the current language; and the errors every handler may return.
 */
import type { ApiError, ApiParsedRequest, ApiResponse, Channel } from '@core/api/contract.js';
import { toErrorData, type Language, type LocalizedText } from '@core/errors.js';
import type { MediaInfo } from '@core/media.js';
import type { ResolvedPack } from '@core/pack/resolved.js';
import type { RasterRequest } from '@core/plan/types.js';
import type { Emit, ExportJobs, RenderFunction } from '../queue/export-jobs.js';
import type { MediaAccess } from '../media/access.js';

/** The engine functions the API calls; tests pass spies, the app uses the real ones (loaded lazily). */
export interface ApiEngine {
  renderProject: RenderFunction;
  probeMedia(file: string, options?: { signal?: AbortSignal }): Promise<MediaInfo>;
  thumbnail(options: { path: string; atSeconds?: number; width?: number }): Promise<string>;
  /** every pack the app knows: the built-in ones and those installed in <home>/packs */
  listPacks(options: { home: string }): Promise<Array<{ pack: ResolvedPack; builtIn: boolean; copyReason?: LocalizedText }>>;
  rasterizeToBuffer(request: RasterRequest): Promise<Buffer>;
  configureBinaries(options: { ffmpegPath?: string; ffprobePath?: string }): void;
}

/** What only the host can do (Electron's dialogs and shell); absent in the harness -> 'not-available'. */
export interface ApiPlatform {
  openFolder?(folder: string): Promise<boolean>;
  openFiles?(request: ApiParsedRequest<'dialog.openFiles'>): Promise<string[]>;
  saveProjectDialog?(request: ApiParsedRequest<'dialog.saveProject'>): Promise<string | null>;
  saveCaptionsDialog?(request: ApiParsedRequest<'dialog.saveCaptions'>): Promise<string | null>;
  chooseFolder?(request: ApiParsedRequest<'dialog.chooseFolder'>): Promise<string | null>;
  /** show an OS notification; false when the system has none */
  notify?(text: { title: string; body: string }): Promise<boolean>;
}

export interface ApiOptions {
  /** KLIPKOTA_HOME or the user-data folder: settings, recent projects, recovery, packs */
  home: string;
  emit: Emit;
  /** fixed language for error messages; by default the one in settings */
  language?: Language;
  platform?: ApiPlatform;
  engine?: Partial<ApiEngine>;
  /** shared with the media protocol (app) or the /media route (harness) */
  mediaAccess?: MediaAccess;
  /** the URL the renderer plays an allowed file from (default klipkota-media://local/...) */
  mediaUrlFor?: (file: string) => string;
  /** exports rendered at once by the queue (default DEFAULT_QUEUE_JOBS, chosen by measurement) */
  queueJobs?: number;
}

/** What each area's handlers are built from. */
export interface ApiContext {
  /** absolute home folder */
  home: string;
  engine: ApiEngine;
  access: MediaAccess;
  urlFor: (file: string) => string;
  jobs: ExportJobs;
  platform: ApiPlatform;
  /** the language of error messages right now */
  language(): Language;
  /** settings changed the language (ignored when the host fixed one) */
  setLanguage(language: Language): void;
}

/** The implementations of some channels, each taking the request its schema checked. */
export type Implementations<C extends Channel = Channel> = { [K in C]: (request: ApiParsedRequest<K>) => Promise<ApiResponse<K>> };

/** A network (UNC) or device path in a request: say so and what to do instead, not "reload the app". */
export function networkPath(channel: string, detail: string, language: Language): ApiError {
  return {
    code: 'network-path',
    message:
      language === 'id'
        ? 'Jalur jaringan (\\\\server\\...) atau jalur perangkat tidak bisa dipakai. Salin berkasnya ke disk komputer ini (misalnya ke Dokumen), lalu pilih salinan itu.'
        : 'Network (\\\\server\\...) or device paths cannot be used. Copy the file to this computer\'s disk (for example to Documents), then choose that copy.',
    detail: `${channel}: ${detail}`,
  };
}

export function invalidPayload(channel: string, detail: string, language: Language): ApiError {
  return {
    code: 'invalid-payload',
    message:
      language === 'id'
        ? `Permintaan "${channel}" tidak sah (${detail}). Muat ulang aplikasi; jika terulang, kirim log ke tim Diskominfo.`
        : `The "${channel}" request is not valid (${detail}). Reload the app; if it happens again, send the log to the Diskominfo team.`,
    detail,
  };
}

export function notAvailable(what: string, language: Language): Error {
  const error = new Error(what) as Error & { apiError: ApiError };
  error.apiError = {
    code: 'not-available',
    message:
      language === 'id'
        ? `"${what}" tidak tersedia di sini (hanya di aplikasi desktop). Ketik jalur berkasnya atau gunakan aplikasi KlipKota.`
        : `"${what}" is not available here (desktop app only). Type the file path or use the KlipKota app.`,
  };
  return error;
}

export function errorData(error: unknown, language: Language): ApiError {
  const carried = (error as { apiError?: ApiError } | null)?.apiError;
  return carried ?? toErrorData(error, language);
}

