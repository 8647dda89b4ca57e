/**
 * The queue panel's part of the API contract: the export queue's jobs (the
 * editor's exports, sheet rows queued from the panel, the CLI's batch jobs),
 * its controls, and a batch spreadsheet checked (queue.checkSheet: a row
 * report, nothing queued) then queued (queue.addSheet). contract.ts spreads
 * these in; they take the contract's shared schemas as an argument, so this
 * module does not import contract.ts at run time (no import cycle).
 */
import { z } from 'zod';
import type { ApiErrorSchema, ExportOutputSchema, FilePathSchema, PresetIdSchema } from './contract.js';

export interface QueueContractSchemas {
  FilePathSchema: typeof FilePathSchema;
  PresetIdSchema: typeof PresetIdSchema;
  ExportOutputSchema: typeof ExportOutputSchema;
  ApiErrorSchema: typeof ApiErrorSchema;
}

const IsoTime = z.string().min(1);
const Empty = z.strictObject({});

/** The schemas of a queue job as the panel shows it and of a sheet's row report. */
export function queueSchemas(s: QueueContractSchemas) {
  /** A job of the export queue as the queue panel shows it (the app's exports and sheet rows, and the CLI's batch jobs). */
  const QueueEntrySchema = z.object({
    jobId: z.string().min(1),
    state: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']),
    /** who runs it: the app, or `klipkota batch` (its jobs are shown; the app runs them only when retried here) */
    queuedBy: z.enum(['app', 'cli']),
    /** where the project came from; a sheet job names its sheet and row */
    source: z.enum(['project', 'sheet']),
    sheetRow: z.number().int().optional(),
    projectName: z.string(),
    presets: z.array(s.PresetIdSchema),
    outDir: s.FilePathSchema,
    progress: z.object({ preset: z.string(), percent: z.number().min(0).max(100), etaSeconds: z.number().nonnegative().optional() }).optional(),
    outputs: z.array(s.ExportOutputSchema),
    /** in the UI's language, saying what happened and what to do */
    error: s.ApiErrorSchema.optional(),
    createdAt: IsoTime,
    finishedAt: IsoTime.optional(),
  });

  const JobIdRequest = z.strictObject({ jobId: z.string().min(1).max(100) });

  /** A spreadsheet path (.csv or .xlsx), from a dialog or a drop, like media. */
  const SheetPathSchema = s.FilePathSchema.refine((value) => /\.(csv|xlsx)$/i.test(value), 'a spreadsheet must be a .csv or .xlsx file');

  /** The row-by-row check of a batch spreadsheet; nothing is queued yet. */
  const SheetReportSchema = z.object({
    sheet: s.FilePathSchema,
    /** rows that can be rendered, with the file name each preset gets */
    accepted: z.array(z.object({ row: z.number().int(), title: z.string(), outputs: z.record(z.string(), z.string()) })),
    /** problems by row and column, in the UI's language (a row may have several) */
    issues: z.array(z.object({ row: z.number().int(), column: z.string().optional(), columnLabel: z.string().optional(), code: z.string(), message: z.string() })),
    /** headers KlipKota does not know (shown, never fatal) */
    unknownColumns: z.array(z.string()),
  });
  return { QueueEntrySchema, SheetPathSchema, SheetReportSchema, JobIdRequest };
}

export function queueChannels(s: QueueContractSchemas) {
  const { QueueEntrySchema, SheetPathSchema, SheetReportSchema, JobIdRequest } = queueSchemas(s);
  return {
    /** every job of the export queue, in the order they run; paused: the app starts no new job */
    'queue.list': {
      request: Empty,
      response: z.object({ jobs: z.array(QueueEntrySchema), paused: z.boolean() }),
    },
    /** the running jobs finish, no new one starts */
    'queue.pause': { request: Empty, response: z.object({ paused: z.boolean() }) },
    'queue.resume': { request: Empty, response: z.object({ paused: z.boolean() }) },
    /** stop a running job of the app or drop a waiting one; false when it cannot be (finished, or run by another program) */
    'queue.cancel': { request: JobIdRequest, response: z.object({ cancelled: z.boolean() }) },
    /** the app's jobs, waiting and running; a `klipkota batch` in another process keeps its own */
    'queue.cancelAll': { request: Empty, response: z.object({ cancelled: z.number().int().nonnegative() }) },
    /** queue a failed or cancelled job again; the app runs it (finished presets are kept) */
    'queue.retry': { request: JobIdRequest, response: z.object({ retried: z.boolean() }) },
    /** move a waiting job one place earlier or later among the waiting jobs */
    'queue.move': {
      request: z.strictObject({ jobId: z.string().min(1).max(100), direction: z.enum(['up', 'down']) }),
      response: z.object({ moved: z.boolean() }),
    },
    /** take done, failed and cancelled jobs off the list (their files stay) */
    'queue.clearFinished': { request: Empty, response: z.object({ cleared: z.number().int().nonnegative() }) },
    /** read and check a batch spreadsheet row by row; nothing is queued */
    'queue.checkSheet': {
      request: z.strictObject({ path: SheetPathSchema, presets: z.array(s.PresetIdSchema).min(1).max(10).optional(), pack: z.string().min(1).max(100).optional() }),
      response: SheetReportSchema,
    },
    /** queue the good rows of a sheet checked in this session (the sheet is checked again: it may have changed); skipRows are left out */
    'queue.addSheet': {
      request: z.strictObject({
        path: SheetPathSchema,
        presets: z.array(s.PresetIdSchema).min(1).max(10),
        outDir: s.FilePathSchema,
        skipRows: z.array(z.number().int().min(2).max(100_000)).max(5000).default([]),
        pack: z.string().min(1).max(100).optional(),
        overwrite: z.boolean().optional(),
      }),
      response: z.object({ jobIds: z.array(z.string()), rows: z.array(z.number().int()) }),
    },
  } as const;
}

export function queueEvents(s: QueueContractSchemas) {
  return {
    /** the same for the queue's other jobs the app runs (sheet rows, a retried batch job): the queue panel shows them, the export panel does not */
    'queue.progress': z.object({
      jobId: z.string(),
      preset: z.string(),
      percent: z.number().min(0).max(100),
      etaSeconds: z.number().nonnegative().optional(),
    }),
    'queue.done': z.object({ jobId: z.string(), outputs: z.array(s.ExportOutputSchema) }),
    'queue.failed': z.object({ jobId: z.string(), error: s.ApiErrorSchema }),
    'queue.cancelled': z.object({ jobId: z.string() }),
  } as const;
}
