/**
 * The one implementation of the API contract (core/api/contract.ts) against
 * the engine. Electron main's IPC handlers and the browser harness server both
 * call these handlers. Every handler checks its payload with the contract's
 * schema first (code 'invalid-payload', nothing reaches the engine), calls the
 * engine, and checks its response against the contract before returning it.
 */
import path from 'node:path';
import { contract, isChannel, NETWORK_PATH_ISSUE, type ApiError, type ApiResponse, type ApiResult, type Channel } from '@core/api/contract.js';
import { describeIssues, toErrorData, type Language, type LocalizedText } from '@core/errors.js';
import { createExportJobs, type ExportJobs } from '../queue/export-jobs.js';
import { openExportQueue } from '../queue/queue.js';
import { createMediaAccess, mediaUrlFor, type MediaAccess } from '../media/access.js';
import { loadSettings } from '../settings/settings.js';
import { configureBinaries } from '../ffmpeg/binaries.js';
import { errorData, invalidPayload, networkPath, type ApiContext, type ApiEngine, type ApiOptions, type Implementations } from './context.js';
import { dialogHandlers } from './dialogs.js';
import { exportHandlers } from './export.js';
import { mediaHandlers } from './media.js';
import { projectHandlers } from './project.js';
import { queueHandlers } from './queue.js';
import { farmHandlers } from './farm.js';
import { listInstalledPacks, packHandlers } from './packs.js';
import { settingsHandlers } from './settings.js';
import { editorHandlers } from './editor.js';
import { timelineHandlers } from './timeline.js';
import { captionHandlers } from './captions.js';
import { transcribeHandlers } from './transcribe.js';

export type { ApiOptions, ApiPlatform } from './context.js';

export type ApiHandler<C extends Channel> = (payload: unknown) => Promise<ApiResult<ApiResponse<C>>>;
export type ApiHandlers = { [C in Channel]: ApiHandler<C> };

/** The handlers (one per channel, `api['project.open'](payload)`) plus the pieces hosts need. */
export type Api = ApiHandlers & {
  /** call a channel by a name that came from outside (unknown names -> 'unknown-channel') */
  handle(channel: string, payload: unknown): Promise<ApiResult<unknown>>;
  mediaAccess: MediaAccess;
  jobs: ExportJobs;
  /** app quit: stop the running export and keep it and the waiting ones queued for the next start (reported `export.cancelled` to this session) */
  shutdown(): void;
  /** the language of error messages (the fixed one, else the one in settings) */
  language(): Promise<Language>;
  /** an error in the same shape as every other API error, in the current language */
  localizedError(options: { code: string; text: LocalizedText }): Promise<ApiError>;
};

export const defaultEngine: ApiEngine = {
  renderProject: async (request) => (await import('../export/render.js')).renderProject(request),
  probeMedia: async (file, options) => (await import('../ffmpeg/probe.js')).probeMedia(file, options),
  thumbnail: async (options) => (await import('../media/thumbnails.js')).thumbnailDataUrl(options),
  listPacks: listInstalledPacks,
  rasterizeToBuffer: async (request) => (await import('../raster/rasterize.js')).rasterizeToBuffer(request),
  configureBinaries,
};

/** One handler per channel: check the payload, run the implementation, check its response; errors become ApiErrors. */
function checkedHandlers(options: { impl: Implementations; refreshLanguage: () => Promise<void>; language: () => Language }): Record<Channel, (payload: unknown) => Promise<ApiResult<unknown>>> {
  const { impl, refreshLanguage } = options;
  const handlers = {} as Record<Channel, (payload: unknown) => Promise<ApiResult<unknown>>>;
  for (const channel of Object.keys(contract) as Channel[]) {
    const schemas = contract[channel];
    const run = impl[channel] as (request: unknown) => Promise<unknown>;
    handlers[channel] = async (payload) => {
      const parsed = schemas.request.safeParse(payload === undefined ? {} : payload);
      if (!parsed.success) {
        await refreshLanguage();
        const detail = describeIssues(parsed.error);
        const network = parsed.error.issues.some((issue) => issue.message === NETWORK_PATH_ISSUE);
        return { ok: false, error: (network ? networkPath : invalidPayload)(channel, detail, options.language()) };
      }
      await refreshLanguage();
      try {
        const value = await run(parsed.data);
        const checked = schemas.response.safeParse(value);
        if (!checked.success) {
          return {
            ok: false,
            error: { code: 'invalid-response', message: toErrorData(new Error('invalid response'), options.language()).message, detail: describeIssues(checked.error) },
          };
        }
        return { ok: true, value: checked.data };
      } catch (error) {
        return { ok: false, error: errorData(error, options.language()) };
      }
    };
  }
  return handlers;
}

export function createApi(options: ApiOptions): Api {
  const home = path.resolve(options.home);
  const engine: ApiEngine = { ...defaultEngine, ...options.engine };
  const access = options.mediaAccess ?? createMediaAccess();
  const urlFor = options.mediaUrlFor ?? mediaUrlFor;
  let language: Language = options.language ?? 'id';
  const refreshLanguage = async () => {
    if (options.language) return;
    try {
      language = (await loadSettings({ home })).settings.language;
    } catch {
      // keep the last known language
    }
  };
  // what a killed earlier run left in the temporary folder (work folders of dead processes, old thumbnails)
  void import('../export/leftovers.js').then((leftovers) => leftovers.sweepTempFolders()).catch(() => undefined);
  // exports are kept in <home>/queue.json: they survive a crash or a quit and resume on the next start
  const jobs = createExportJobs({
    render: engine.renderProject,
    emit: options.emit,
    language: () => language,
    queue: openExportQueue({ home }),
    ...(options.queueJobs ? { concurrency: options.queueJobs } : {}),
    // the same bumper cache as `klipkota batch` in this home
    bumperCacheDir: path.join(home, 'cache', 'bumpers'),
  });
  const platform = options.platform ?? {};

  const context: ApiContext = {
    home,
    engine,
    access,
    urlFor,
    jobs,
    platform,
    language: () => language,
    setLanguage: (next) => {
      if (!options.language) language = next;
    },
  };
  const impl: Implementations = {
    ...projectHandlers(context),
    ...mediaHandlers(context),
    ...timelineHandlers(context),
    ...packHandlers(context),
    ...exportHandlers(context),
    ...queueHandlers(context),
    ...farmHandlers(context),
    ...settingsHandlers(context),
    ...dialogHandlers(context),
    ...editorHandlers(context, options.emit),
    ...captionHandlers(context),
    ...transcribeHandlers(context, options.emit),
  };

  const handlers = checkedHandlers({ impl, refreshLanguage, language: () => language });

  const handle = async (channel: string, payload: unknown): Promise<ApiResult<unknown>> => {
    if (!isChannel(channel)) {
      return {
        ok: false,
        error: { code: 'unknown-channel', message: invalidPayload(channel, 'unknown channel', language).message, detail: channel },
      };
    }
    return handlers[channel](payload);
  };
  const currentLanguage = async () => {
    await refreshLanguage();
    return language;
  };
  return Object.assign(handlers as ApiHandlers, {
    handle,
    mediaAccess: access,
    jobs,
    shutdown: () => jobs.suspend(),
    language: currentLanguage,
    localizedError: async ({ code, text }: { code: string; text: LocalizedText }): Promise<ApiError> => ({ code, message: text[await currentLanguage()] }),
  });
}
