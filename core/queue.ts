/**
 * The export queue file (`<home>/queue.json`): every export job (a project and
 * its presets), its state, its outputs, and the temporary `.part` files it is
 * writing, so a crash mid-batch loses nothing. Versioned like every saved file.
 */
import { z } from 'zod';
import { ApiErrorSchema, ExportOutputSchema, FilePathSchema, PresetIdSchema } from './api/contract.js';
import { ProjectSchema } from './model/project.js';

export const QUEUE_VERSION = 2;

/** Who queued a job and so runs it: the app (its exports, and sheets the admin queued from the queue panel) or `klipkota batch` (its --resume). */
export const QueueOwnerSchema = z.enum(['app', 'cli']);
export type QueueOwner = z.infer<typeof QueueOwnerSchema>;

export const QueueJobStateSchema = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);
export type QueueJobState = z.infer<typeof QueueJobStateSchema>;

/** Where the job's project comes from: a project file (read when the job runs) or the project itself (the app's unsaved edits). */
export const QueueJobSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file'), path: FilePathSchema }),
  z.object({ kind: z.literal('inline'), project: ProjectSchema, projectDir: FilePathSchema }),
  /** a row of a batch spreadsheet, made into a project when the sheet was accepted (run by whoever queued it: `klipkota batch` or the app) */
  z.object({ kind: z.literal('sheet'), project: ProjectSchema, projectDir: FilePathSchema, sheet: FilePathSchema, row: z.number().int().min(2) }),
]);
export type QueueJobSource = z.infer<typeof QueueJobSourceSchema>;

const IsoTime = z.string().min(1);

export const QueueJobSchema = z.object({
  id: z.string().min(1),
  source: QueueJobSourceSchema,
  /** who queued the job (version 1 files had no owner: inline jobs were the app's, the rest the CLI's) */
  queuedBy: QueueOwnerSchema,
  /** the project's name when the job was queued (for lists) */
  projectName: z.string(),
  presets: z.array(PresetIdSchema).min(1),
  outDir: FilePathSchema,
  overwrite: z.boolean().default(false),
  /** also write the captions as an .srt next to each video */
  sidecar: z.boolean().optional(),
  /** captions read from this .srt/.vtt when the job runs, replacing the project's (`batch --captions`) */
  captionsFile: FilePathSchema.optional(),
  /** a pack folder to use instead of the one the project names */
  packDir: FilePathSchema.optional(),
  /** the pack library the job was queued with */
  libraryDir: FilePathSchema.optional(),
  /** base name of the output files (batch: the project file's name), instead of one made from the project name */
  baseName: z.string().min(1).max(120).regex(/^[^\\/\0]+$/).optional(),
  /** file name per preset (batch from a spreadsheet: from the name pattern), instead of BASE-PRESET.mp4 */
  outputNames: z.record(z.string(), z.string().min(5).max(130).regex(/^[^\\/\0]+\.mp4$/)).optional(),
  state: QueueJobStateSchema,
  outputs: z.array(ExportOutputSchema).default([]),
  error: ApiErrorSchema.optional(),
  /** temporary files the running job is writing; deleted before a crashed job runs again */
  partials: z.array(FilePathSchema).default([]),
  /** outputs a crashed runner had already renamed into place but not yet recorded (found by recovery; adopted, not rendered again) */
  landed: z.array(FilePathSchema).optional(),
  /** the process running the job (a job whose process is gone after a crash goes back to the queue) */
  runnerPid: z.number().int().optional(),
  /** the FFmpeg processes the running job has started and not yet seen end (ended on recovery if the runner died) */
  ffmpegPids: z.array(z.number().int().positive()).optional(),
  createdAt: IsoTime,
  startedAt: IsoTime.optional(),
  finishedAt: IsoTime.optional(),
  updatedAt: IsoTime,
});
export type QueueJob = z.infer<typeof QueueJobSchema>;

/** The owner a version-1 job implies: the app ran only its inline jobs then. */
export function impliedOwner(source: unknown): QueueOwner {
  return (source as { kind?: unknown } | null)?.kind === 'inline' ? 'app' : 'cli';
}

/** Upgrade a queue file's jobs to this version (1 -> 2: the owner). Unknown versions are left to the caller to refuse. */
export function migrateQueueJobs(version: unknown, jobs: unknown[]): unknown[] {
  if (version !== 1) return jobs;
  return jobs.map((job) => (typeof job === 'object' && job !== null && !('queuedBy' in job) ? { ...job, queuedBy: impliedOwner((job as { source?: unknown }).source) } : job));
}

/** Whether a job has nothing more to do. */
export function isFinished(state: QueueJobState): boolean {
  return state === 'done' || state === 'failed' || state === 'cancelled';
}
