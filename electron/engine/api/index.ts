/**
 * The one implementation of the API contract (core/api/contract.ts) against
 * the engine. Electron main's IPC handlers and the browser harness server both
 * call these handlers. Every handler checks its payload with the contract's
 * schema first (code 'invalid-payload', nothing reaches the engine), calls the
 * engine, and checks its response against the contract before returning it.
 */
import path from 'node:path';
import {
  contract,
  describeIssues,
  isChannel,
  NETWORK_PATH_ISSUE,
  type ApiError,
  type ApiParsedRequest,
  type ApiResponse,
  type ApiResult,
  type Channel,
  type PackSummary,
} from '../../../core/api/contract.js';
import { toErrorData, type Language, type LocalizedText } from '../../../core/errors.js';
import type { MediaInfo } from '../../../core/media.js';
import type { ResolvedPack } from '../../../core/pack/resolved.js';
import type { RasterRequest } from '../../../core/plan/types.js';
import { createExportJobs, type Emit, type ExportJobs, type RenderFunction } from '../queue/export-jobs.js';
import { openExportQueue } from '../queue/queue.js';
import { createMediaAccess, mediaUrlFor, type MediaAccess } from '../media/access.js';
import * as projects from '../project/projects.js';
import { loadSettings, updateSettings } from '../settings/settings.js';
import { apiPackPaths, listInstalledPacks, overlayPreview, summarizePack } from './packs.js';
import { timelineImplementations } from './timeline.js';
import { configureBinaries } from '../ffmpeg/binaries.js';

/** The engine functions the API calls; tests pass spies, the app uses the real ones (loaded lazily). */
export interface ApiEngine {
  renderProject: RenderFunction;
  probeMedia(file: string, options?: { signal?: AbortSignal }): Promise<MediaInfo>;
  thumbnail(options: { path: string; atSeconds?: number; width?: number }): Promise<string>;
  /** every pack the app knows: the built-in ones and those installed in <home>/packs */
  listPacks(options: { home: string }): Promise<Array<{ pack: ResolvedPack; builtIn: boolean }>>;
  rasterizeToBuffer(request: RasterRequest): Promise<Buffer>;
  configureBinaries(options: { ffmpegPath?: string; ffprobePath?: string }): void;
}

/** What only the host can do (Electron's dialogs and shell); absent in the harness -> 'not-available'. */
export interface ApiPlatform {
  openFolder?(folder: string): Promise<boolean>;
  openFiles?(request: ApiParsedRequest<'dialog.openFiles'>): Promise<string[]>;
  saveProjectDialog?(request: ApiParsedRequest<'dialog.saveProject'>): Promise<string | null>;
  chooseFolder?(request: ApiParsedRequest<'dialog.chooseFolder'>): Promise<string | null>;
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
}

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

type Implementations = { [C in Channel]: (request: ApiParsedRequest<C>) => Promise<ApiResponse<C>> };

export const defaultEngine: ApiEngine = {
  renderProject: async (request) => (await import('../export/render.js')).renderProject(request),
  probeMedia: async (file, options) => (await import('../ffmpeg/probe.js')).probeMedia(file, options),
  thumbnail: async (options) => (await import('../media/thumbnails.js')).thumbnailDataUrl(options),
  listPacks: listInstalledPacks,
  rasterizeToBuffer: async (request) => (await import('../raster/rasterize.js')).rasterizeToBuffer(request),
  configureBinaries,
};

/** A network (UNC) or device path in a request: say so and what to do instead, not "reload the app". */
function networkPath(channel: string, detail: string, language: Language): ApiError {
  return {
    code: 'network-path',
    message:
      language === 'id'
        ? 'Jalur jaringan (\\\\server\\...) atau jalur perangkat tidak bisa dipakai. Salin berkasnya ke disk komputer ini (misalnya ke Dokumen), lalu pilih salinan itu.'
        : 'Network (\\\\server\\...) or device paths cannot be used. Copy the file to this computer\'s disk (for example to Documents), then choose that copy.',
    detail: `${channel}: ${detail}`,
  };
}

function invalidPayload(channel: string, detail: string, language: Language): ApiError {
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

function errorData(error: unknown, language: Language): ApiError {
  const carried = (error as { apiError?: ApiError } | null)?.apiError;
  return carried ?? toErrorData(error, language);
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
  // exports are kept in <home>/queue.json: they survive a crash or a quit and resume on the next start
  const jobs = createExportJobs({ render: engine.renderProject, emit: options.emit, language: () => language, queue: openExportQueue({ home }) });
  const platform = options.platform ?? {};

  // a project's clips are served only once they probe as media (a restored autosave is renderer-written data)
  const opened = async (result: projects.OpenedProject | { project: ApiResponse<'project.new'>['project']; path: string | null; missingClipIds: string[] }) => {
    await access.allowProject({ project: result.project, projectDir: result.path ? path.dirname(result.path) : home, probe: (file) => engine.probeMedia(file) });
    return result;
  };

  const impl: Implementations = {
    'project.new': async (request) => ({ project: projects.newProject(request), path: null }),
    'project.open': async (request) => opened(await projects.openProject({ path: request.path, home })),
    'project.save': async (request) => projects.saveProject({ project: request.project, path: request.path, home }),
    'project.saveAs': async (request) =>
      projects.saveProject({ project: request.project, path: request.path, home, overwrite: request.overwrite ?? false }),
    'project.recent': async () => ({ projects: await projects.recentProjects({ home }) }),
    'project.relinkClip': async (request) => {
      await engine.probeMedia(request.path);
      access.allow(request.path);
      return { project: projects.relinkClip(request) };
    },
    'project.autosave': async (request) => projects.autosave({ home, project: request.project, path: request.path }),
    'recovery.check': async () => ({ recovery: await projects.checkRecovery({ home }) }),
    'recovery.restore': async () => {
      const recovery = await projects.checkRecovery({ home });
      if (!recovery) {
        throw Object.assign(new Error('no recovery'), {
          apiError: {
            code: 'recovery-none',
            message: language === 'id' ? 'Tidak ada suntingan yang perlu dipulihkan.' : 'There is no edit to restore.',
          },
        });
      }
      const projectDir = recovery.path ? path.dirname(recovery.path) : home;
      const marked = await projects.markMissingMedia({ project: recovery.project, projectDir });
      return opened({ project: marked.project, path: recovery.path, missingClipIds: marked.missingClipIds });
    },
    'recovery.discard': async () => ({ discarded: await projects.discardRecovery({ home }) }),
    'media.import': async (request) => {
      const items = [];
      for (const file of request.paths) {
        const absolute = path.resolve(file);
        try {
          const info = await engine.probeMedia(absolute);
          access.allow(absolute);
          let thumbnail: string | undefined;
          if (info.video) thumbnail = await engine.thumbnail({ path: absolute, atSeconds: info.video.still ? 0 : Math.min(1, info.durationSeconds / 10) });
          items.push({ path: absolute, info, mediaUrl: urlFor(absolute), ...(thumbnail ? { thumbnail } : {}) });
        } catch (error) {
          items.push({ path: absolute, error: errorData(error, language) });
        }
      }
      return { items };
    },
    // a thumbnail is a data: URL; asking for one does not put the file on the media allow-list
    'media.thumbnail': async (request) => {
      if (!access.isAllowed(request.path)) await engine.probeMedia(request.path);
      return { dataUrl: await engine.thumbnail(request) };
    },
    ...timelineImplementations({ home, access, probe: (file) => engine.probeMedia(file) }),
    'packs.list': async () => {
      const packs = await engine.listPacks({ home });
      return { packs: packs.map(({ pack, builtIn }): PackSummary => summarizePack({ pack, builtIn })) };
    },
    'overlay.preview': async (request) => {
      const packs = await engine.listPacks({ home });
      return overlayPreview({ request, packs: packs.map((entry) => entry.pack), rasterize: engine.rasterizeToBuffer });
    },
    'export.start': async (request) => {
      const packs = await engine.listPacks({ home });
      const entry = packs.find((candidate) => candidate.pack.manifest.id === request.project.pack);
      const projectDir = request.projectPath ? path.dirname(path.resolve(request.projectPath)) : home;
      const jobId = jobs.start({
        // the API's own pack library, not the env-based default (one home for packs, trust list and settings)
        libraryDir: apiPackPaths(home).libraryDir,
        project: request.project,
        projectDir,
        presets: request.presets,
        outDir: path.resolve(request.outDir),
        ...(entry && !entry.builtIn ? { packDir: entry.pack.root } : {}),
        ...(request.overwrite !== undefined ? { overwrite: request.overwrite } : {}),
      });
      void jobs.settled(jobId).then(() => {
        for (const output of jobs.list().find((job) => job.jobId === jobId)?.outputs ?? []) access.allow(output.path);
      });
      return { jobId };
    },
    'export.cancel': async (request) => ({ cancelled: jobs.cancel(request.jobId) }),
    'export.list': async () => ({ jobs: jobs.list() }),
    'settings.get': async () => (await loadSettings({ home })).settings,
    'settings.set': async (request) => {
      const settings = await updateSettings({ home, patch: request });
      if (!options.language) language = settings.language;
      engine.configureBinaries({ ffmpegPath: settings.ffmpegPath ?? undefined, ffprobePath: settings.ffprobePath ?? undefined });
      return settings;
    },
    'shell.openFolder': async (request) => {
      if (!platform.openFolder) throw notAvailable('shell.openFolder', language);
      return { opened: await platform.openFolder(path.resolve(request.path)) };
    },
    'dialog.openFiles': async (request) => {
      if (!platform.openFiles) throw notAvailable('dialog.openFiles', language);
      const paths = await platform.openFiles(request);
      if (request.kind === 'media') for (const file of paths) access.allow(file);
      return { paths };
    },
    'dialog.saveProject': async (request) => {
      if (!platform.saveProjectDialog) throw notAvailable('dialog.saveProject', language);
      return { path: await platform.saveProjectDialog(request) };
    },
    'dialog.chooseFolder': async (request) => {
      if (!platform.chooseFolder) throw notAvailable('dialog.chooseFolder', language);
      return { path: await platform.chooseFolder(request) };
    },
  };

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
        return { ok: false, error: (network ? networkPath : invalidPayload)(channel, detail, language) };
      }
      await refreshLanguage();
      try {
        const value = await run(parsed.data);
        const checked = schemas.response.safeParse(value);
        if (!checked.success) {
          return {
            ok: false,
            error: { code: 'invalid-response', message: toErrorData(new Error('invalid response'), language).message, detail: describeIssues(checked.error) },
          };
        }
        return { ok: true, value: checked.data };
      } catch (error) {
        return { ok: false, error: errorData(error, language) };
      }
    };
  }

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
