/**
 * The one typed API between the renderer and the engine. Every call is a
 * channel with a request and a response schema; every event a schema. The
 * preload exposes exactly this as `window.klipkota` (over IPC); the browser
 * harness implements the same over HTTP/WebSocket. Main re-validates every
 * payload against these schemas before anything reaches the engine.
 *
 * Results cross as `{ ok: true, value } | { ok: false, error }`; errors are
 * plain `{ code, message, detail? }` objects, never thrown Error instances
 * (contextBridge would strip them).
 */
import { z } from 'zod';
import { MediaInfoSchema } from '../media.js';
import { ProjectSchema } from '../model/project.js';
import { PLATFORMS } from '../platforms.js';
import { queueChannels, queueEvents } from './queue.js';
import { farmChannels } from './farm.js';
import { editorChannels, editorEvents, PackLayoutSchema } from './editor.js';
import { captionChannels } from './captions.js';
import { transcribeChannels, transcribeEvents } from './transcribe.js';

// ---------------------------------------------------------------- shared pieces

export const ApiErrorSchema = z.object({
  code: z.string().min(1),
  message: z.string(),
  detail: z.string().optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

export const LanguageSchema = z.enum(['id', 'en']);
export const AspectSchema = z.enum(['9:16', '16:9']);
export const PresetIdSchema = z.enum(Object.keys(PLATFORMS) as [keyof typeof PLATFORMS, ...(keyof typeof PLATFORMS)[]]);

/** The issue message of a refused network or device path (the API answers it with code 'network-path'). */
export const NETWORK_PATH_ISSUE = 'network or device path refused';

/**
 * A UNC path (\\host\share\x.mp4, //host/share), a Win32 device or long path
 * (\\?\, \\.\) or an NT object path (\??\). Touching a UNC path makes Windows
 * connect to that host and offer the user's NTLM hash, so the API never takes one.
 */
export function isNetworkOrDevicePath(value: string): boolean {
  return /^[\\/]{2}/.test(value) || /^\\\?\?\\/.test(value);
}

/** An absolute or project-relative local file path; never empty, no NUL bytes, no network or device path. */
export const FilePathSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((value) => !value.includes('\0'), 'path must not contain NUL')
  .refine((value) => !isNetworkOrDevicePath(value), NETWORK_PATH_ISSUE);

const IsoTime = z.string().min(1);
const Empty = z.strictObject({});
const DataUrl = z.string().startsWith('data:');
const Localized = z.object({ id: z.string(), en: z.string() });

/** A project as the editor holds it: the file's content and where it lives (null: never saved). */
export const ProjectDocumentSchema = z.object({
  project: ProjectSchema,
  path: FilePathSchema.nullable(),
});

export const RecentProjectSchema = z.object({
  path: FilePathSchema,
  name: z.string(),
  openedAt: IsoTime,
  /** false when the file is no longer there */
  exists: z.boolean(),
});

export const ExportOutputSchema = z.object({
  preset: z.string(),
  path: FilePathSchema,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  durationSeconds: z.number().nonnegative(),
  bytes: z.number().int().nonnegative(),
  /** things the admin should know about this output (text over a safe zone, a too-long Short...) */
  warnings: z.array(z.object({ code: z.string(), message: Localized })).default([]),
  /** the captions' .srt written next to the video, when asked */
  sidecar: FilePathSchema.optional(),
});
export type ExportOutput = z.infer<typeof ExportOutputSchema>;

export const ExportStateSchema = z.enum(['running', 'done', 'failed', 'cancelled']);

export const ExportJobSchema = z.object({
  jobId: z.string().min(1),
  state: ExportStateSchema,
  projectName: z.string(),
  presets: z.array(PresetIdSchema),
  outDir: FilePathSchema,
  startedAt: IsoTime,
  /** the preset being encoded and how far it got */
  progress: z.object({ preset: z.string(), percent: z.number().min(0).max(100), etaSeconds: z.number().nonnegative().optional() }).optional(),
  outputs: z.array(ExportOutputSchema).default([]),
  error: ApiErrorSchema.optional(),
  /**
   * true while the job waits for the export before it (exports run one at a
   * time); its state stays 'running' and it can be cancelled before it starts
   */
  queued: z.boolean().optional(),
});
export type ExportJob = z.infer<typeof ExportJobSchema>;

export const SettingsSchema = z.object({
  version: z.literal(1).default(1),
  /** language of the UI and of error messages */
  language: LanguageSchema.default('id'),
  /** an FFmpeg/ffprobe the admin chose instead of the bundled ones */
  ffmpegPath: FilePathSchema.nullable().default(null),
  ffprobePath: FilePathSchema.nullable().default(null),
  /** where exports go unless the admin picks another folder */
  outputFolder: FilePathSchema.nullable().default(null),
  /** the whisper.cpp model file for auto-captions (checked before use; KLIPKOTA_WHISPER_MODEL wins over it) */
  whisperModelPath: FilePathSchema.nullable().default(null),
  exportDefaults: z
    .object({
      presets: z.array(PresetIdSchema).min(1).default(['tiktok', 'youtube']),
      overwrite: z.boolean().default(false),
    })
    .default({ presets: ['tiktok', 'youtube'], overwrite: false }),
});
export type Settings = z.infer<typeof SettingsSchema>;

/**
 * What the renderer may change. Not the FFmpeg/FFprobe paths: an executable is
 * chosen only in a main-process dialog (checked to be FFmpeg) or by the environment.
 */
export const SettingsPatchSchema = z.strictObject({
  language: LanguageSchema.optional(),
  outputFolder: FilePathSchema.nullable().optional(),
  /** a data file, never run: checked against whisper.cpp's published checksums before use */
  whisperModelPath: FilePathSchema.nullable().optional(),
  exportDefaults: z
    .strictObject({ presets: z.array(PresetIdSchema).min(1).optional(), overwrite: z.boolean().optional() })
    .optional(),
});
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export const ImportedMediaSchema = z.object({
  path: FilePathSchema,
  /** probe result; absent when the file could not be read (see error) */
  info: MediaInfoSchema.optional(),
  /** a small JPEG of an early frame, as a data: URL (absent for audio-only files) */
  thumbnail: DataUrl.optional(),
  /** URL the renderer may play the file from (klipkota-media:// in the app, http://127.0.0.1 in the harness) */
  mediaUrl: z.string().optional(),
  error: ApiErrorSchema.optional(),
});
export type ImportedMedia = z.infer<typeof ImportedMediaSchema>;

export const PackSummarySchema = z.object({
  id: z.string(),
  name: Localized,
  version: z.string(),
  issuer: z.string(),
  trust: z.enum(['verified', 'unsigned', 'untrusted', 'tampered']),
  builtIn: z.boolean(),
  /** why this copy of the pack is the one used (a built-in pack and an imported one with the same id) */
  copyReason: Localized.optional(),
  colors: z.record(z.string(), z.string()),
  overlays: z.array(
    z.object({
      id: z.string(),
      label: Localized,
      defaultSeconds: z.number(),
      fields: z.array(
        z.object({
          name: z.string(),
          label: Localized,
          maxLength: z.number().int(),
          required: z.boolean(),
          default: z.string().optional(),
        }),
      ),
    }),
  ),
  /** placements, animations, cards and graphic sizes, for core/layout.ts in the preview */
  layout: PackLayoutSchema,
  /** the pack's preview picture, when it has one */
  preview: DataUrl.optional(),
});
export type PackSummary = z.infer<typeof PackSummarySchema>;

/** What the queue panel's channels (core/api/queue.ts) build on. */
const shared = { FilePathSchema, PresetIdSchema, ExportOutputSchema, ApiErrorSchema };

/** Actions the app menu asks the renderer to perform. */
export const MenuActionSchema = z.enum([
  'project.new',
  'project.open',
  'project.save',
  'project.saveAs',
  'media.import',
  'export.start',
  'settings.open',
]);

// ---------------------------------------------------------------- calls

export const contract = {
  'project.new': {
    request: z.strictObject({ name: z.string().min(1).max(200).optional() }),
    response: ProjectDocumentSchema,
  },
  'project.open': {
    request: z.strictObject({ path: FilePathSchema }),
    /** missingClipIds: clips whose file was not found (marked media.missing; the editor offers "locate") */
    response: ProjectDocumentSchema.extend({ missingClipIds: z.array(z.string()) }),
  },
  /**
   * save to the project's own file; an existing file this session did not open
   * or save is refused with code 'file-exists' (ask, then send overwrite: true);
   * a missing folder is refused with 'folder-missing' (no folder is created)
   */
  'project.save': {
    request: z.strictObject({ project: ProjectSchema, path: FilePathSchema, overwrite: z.boolean().optional() }),
    response: z.object({ path: FilePathSchema, savedAt: IsoTime }),
  },
  /** like save, but refuses to replace an existing file unless overwrite is true (code 'file-exists') */
  'project.saveAs': {
    request: z.strictObject({ project: ProjectSchema, path: FilePathSchema, overwrite: z.boolean().optional() }),
    response: z.object({ path: FilePathSchema, savedAt: IsoTime }),
  },
  'project.recent': {
    request: Empty,
    response: z.object({ projects: z.array(RecentProjectSchema) }),
  },
  /** the "locate" action: point a (missing) clip at a file; the file is probed first */
  'project.relinkClip': {
    request: z.strictObject({ project: ProjectSchema, clipId: z.string().min(1), path: FilePathSchema }),
    response: z.object({ project: ProjectSchema }),
  },
  /** keep the unsaved edit in the recovery file; the renderer calls this every few seconds while dirty */
  'project.autosave': {
    request: z.strictObject({ project: ProjectSchema, path: FilePathSchema.nullable() }),
    response: z.object({ savedAt: IsoTime }),
  },
  /** an edit newer than the last save, left by a run that did not end cleanly */
  'recovery.check': {
    request: Empty,
    response: z.object({
      recovery: z.object({ project: ProjectSchema, path: FilePathSchema.nullable(), savedAt: IsoTime, name: z.string() }).nullable(),
    }),
  },
  'recovery.restore': {
    request: Empty,
    response: ProjectDocumentSchema.extend({ missingClipIds: z.array(z.string()) }),
  },
  'recovery.discard': {
    request: Empty,
    response: z.object({ discarded: z.boolean() }),
  },
  'media.import': {
    request: z.strictObject({ paths: z.array(FilePathSchema).min(1).max(500) }),
    response: z.object({ items: z.array(ImportedMediaSchema) }),
  },
  'media.thumbnail': {
    request: z.strictObject({
      path: FilePathSchema,
      atSeconds: z.number().min(0).max(86_400).optional(),
      width: z.number().int().min(16).max(1920).optional(),
    }),
    response: z.object({ dataUrl: DataUrl }),
  },
  /** a small thumbnail of a clip near a time (the nearest key frame), for the timeline's strip; made in the background, cached */
  'timeline.thumbnail': {
    request: z.strictObject({ path: FilePathSchema, atSeconds: z.number().min(0).max(86_400) }),
    response: z.object({ dataUrl: DataUrl }),
  },
  /** a sound file's waveform: peaks (0..255, base64, one byte each) at a fixed rate; computed once per file, cached */
  'timeline.waveform': {
    request: z.strictObject({ path: FilePathSchema }),
    response: z.object({ peaksPerSecond: z.number().int().positive(), peaks: z.string() }),
  },
  'packs.list': {
    request: Empty,
    response: z.object({ packs: z.array(PackSummarySchema) }),
  },
  /** an overlay of a pack drawn with the given field values, as the export would draw it */
  'overlay.preview': {
    request: z.strictObject({
      pack: z.string().min(1).optional(),
      template: z.string().min(1),
      fields: z.record(z.string(), z.string().max(500)),
      aspect: AspectSchema,
      /** width of the frame the overlay is drawn for (default 1080 for 9:16, 1920 for 16:9) */
      frameWidth: z.number().int().min(64).max(3840).optional(),
    }),
    response: z.object({
      dataUrl: DataUrl,
      /** the overlay's box in the frame, pixels */
      box: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }),
      frame: z.object({ width: z.number().int(), height: z.number().int() }),
    }),
  },
  ...editorChannels,
  ...captionChannels,
  ...transcribeChannels,
  'export.start': {
    request: z.strictObject({
      project: ProjectSchema,
      /** the project file, if saved: relative clip paths are resolved from its folder */
      projectPath: FilePathSchema.nullable().optional(),
      presets: z.array(PresetIdSchema).min(1),
      outDir: FilePathSchema,
      overwrite: z.boolean().optional(),
      /** also write the captions as an .srt next to each video (YouTube takes it as a caption track) */
      sidecar: z.boolean().optional(),
    }),
    response: z.object({ jobId: z.string().min(1) }),
  },
  'export.cancel': {
    request: z.strictObject({ jobId: z.string().min(1) }),
    /** false when the job was not running (already finished or unknown) */
    response: z.object({ cancelled: z.boolean() }),
  },
  /** the app's project exports (the queue's other jobs are in queue.list) */
  'export.list': {
    request: Empty,
    response: z.object({ jobs: z.array(ExportJobSchema) }),
  },
  ...queueChannels(shared),
  ...farmChannels,
  'settings.get': {
    request: Empty,
    response: SettingsSchema,
  },
  'settings.set': {
    request: SettingsPatchSchema,
    response: SettingsSchema,
  },
  /** show a folder (an export's output folder) in the system's file manager */
  'shell.openFolder': {
    request: z.strictObject({ path: FilePathSchema }),
    response: z.object({ opened: z.boolean() }),
  },
  /**
   * an OS notification that a queue of jobs has finished (the engine writes the words, in the UI
   * language; the renderer sends only the counts); the harness answers 'not-available'
   */
  'shell.notifyQueueFinished': {
    request: z.strictObject({ done: z.number().int().min(0).max(100_000), failed: z.number().int().min(0).max(100_000) }),
    response: z.object({ shown: z.boolean() }),
  },
  /** main only; the harness answers code 'not-available' */
  'dialog.openFiles': {
    /** whisperModel: the auto-caption model file (.bin) for Settings */
    request: z.strictObject({ kind: z.enum(['media', 'project', 'sheet', 'subtitles', 'whisperModel']), multiple: z.boolean().optional() }),
    /** empty when the admin cancelled */
    response: z.object({ paths: z.array(FilePathSchema) }),
  },
  'dialog.saveProject': {
    request: z.strictObject({ suggestedName: z.string().max(200).optional() }),
    response: z.object({ path: FilePathSchema.nullable() }),
  },
  /** main only: where to save the captions as an .srt (the dialog asks before replacing a file); the harness answers code 'not-available' */
  'dialog.saveCaptions': {
    request: z.strictObject({ suggestedName: z.string().max(200).optional() }),
    response: z.object({ path: FilePathSchema.nullable() }),
  },
  'dialog.chooseFolder': {
    request: z.strictObject({ defaultPath: FilePathSchema.optional() }),
    response: z.object({ path: FilePathSchema.nullable() }),
  },
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export const CHANNELS = Object.keys(contract) as Channel[];

/** what the renderer sends (defaults not yet applied) */
export type ApiRequest<C extends Channel> = z.input<Contract[C]['request']>;
/** what a handler receives after validation (defaults applied) */
export type ApiParsedRequest<C extends Channel> = z.output<Contract[C]['request']>;
export type ApiResponse<C extends Channel> = z.output<Contract[C]['response']>;

/** A job of the export queue as the queue panel shows it. */
export type QueueEntry = ApiResponse<'queue.list'>['jobs'][number];
/** The row-by-row check of a batch spreadsheet. */
export type SheetReport = ApiResponse<'queue.checkSheet'>;

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

// ---------------------------------------------------------------- events

export const events = {
  'export.progress': z.object({
    jobId: z.string(),
    preset: z.string(),
    percent: z.number().min(0).max(100),
    etaSeconds: z.number().nonnegative().optional(),
  }),
  'export.done': z.object({ jobId: z.string(), outputs: z.array(ExportOutputSchema) }),
  'export.failed': z.object({ jobId: z.string(), error: ApiErrorSchema }),
  'export.cancelled': z.object({ jobId: z.string() }),
  ...queueEvents(shared),
  /** the app menu asks the renderer to do something (main only) */
  'menu.action': z.object({ action: MenuActionSchema }),
  ...editorEvents,
  ...transcribeEvents,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export const EVENT_NAMES = Object.keys(events) as EventName[];
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(contract, value);
}

// ---------------------------------------------------------------- window.klipkota

/** A file dropped on the page, as core sees it (a browser Blob or File; core has no DOM types). */
export interface DroppedFile {
  readonly size: number;
  readonly type: string;
}

/** The API the preload exposes as `window.klipkota` (and the harness client implements). */
export interface KlipkotaApi {
  /** call one contract channel; never rejects for engine errors (they come back as { ok: false, error }) */
  invoke<C extends Channel>(channel: C, request: ApiRequest<C>): Promise<ApiResult<ApiResponse<C>>>;
  /** subscribe to a contract event; returns the unsubscribe function */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /**
   * The local path of a file dropped on the page, for media.import. Electron: the
   * preload answers with webUtils.getPathForFile(file); the harness client uploads
   * the file into <home>/imports first (files with the same `group` into one
   * folder, so a spreadsheet dropped with its clips finds them by their relative
   * names). Optional: without it, drag and drop is off.
   */
  pathForFile?(file: DroppedFile, options?: { group?: string }): Promise<string> | string;
}
