/**
 * The API's queue area, behind the queue panel: every job of the persisted
 * export queue (the app's exports, the sheets queued from the panel, the
 * CLI's batch jobs), pause and resume, cancel one or all, retry, reorder the
 * waiting jobs, clear the finished ones; and a batch spreadsheet in two steps,
 * `queue.checkSheet` (the row report, nothing queued) and `queue.addSheet`
 * (the accepted rows become jobs the app runs).
 */
import path from 'node:path';
import type { QueueEntry, SheetReport } from '@core/api/contract.js';
import { COLUMN_LABELS } from '@core/batch/columns.js';
import { badInput, type Language } from '@core/errors.js';
import { isFinished, type QueueJob } from '@core/queue.js';
import { loadSettings } from '../settings/settings.js';
import { ownedByApp, type ExportJobs } from '../queue/export-jobs.js';
import type { PreparedSheet } from '../queue/sheet-jobs.js';
import type { ApiContext, Implementations } from './context.js';
import { apiPackPaths } from './packs.js';

type QueueChannel =
  | 'queue.list'
  | 'queue.pause'
  | 'queue.resume'
  | 'queue.cancel'
  | 'queue.cancelAll'
  | 'queue.retry'
  | 'queue.move'
  | 'queue.clearFinished'
  | 'queue.checkSheet'
  | 'queue.addSheet';

export function toQueueEntry(job: QueueJob, jobs: ExportJobs): QueueEntry {
  const progress = job.state === 'running' ? jobs.progressOf(job.id) : undefined;
  return {
    jobId: job.id,
    state: job.state,
    queuedBy: job.queuedBy,
    source: job.source.kind === 'sheet' ? 'sheet' : 'project',
    ...(job.source.kind === 'sheet' ? { sheetRow: job.source.row } : {}),
    projectName: job.projectName,
    presets: job.presets,
    outDir: job.outDir,
    ...(progress ? { progress } : {}),
    outputs: job.outputs,
    ...(job.error ? { error: job.error } : {}),
    createdAt: job.createdAt,
    ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
  };
}

/** Move a waiting job past its waiting neighbour (running and finished jobs keep their places). */
export function moveWaiting(jobs: QueueJob[], options: { jobId: string; direction: 'up' | 'down' }): QueueJob[] | undefined {
  const index = jobs.findIndex((job) => job.id === options.jobId && job.state === 'queued');
  if (index < 0) return undefined;
  const step = options.direction === 'up' ? -1 : 1;
  let other = index + step;
  while (other >= 0 && other < jobs.length && jobs[other]!.state !== 'queued') other += step;
  if (other < 0 || other >= jobs.length) return undefined;
  const next = [...jobs];
  [next[index], next[other]] = [next[other]!, next[index]!];
  return next;
}

function sheetReport(sheet: PreparedSheet, language: Language): SheetReport {
  return {
    sheet: sheet.file,
    accepted: sheet.rows.map((row) => ({ row: row.row, title: row.title, outputs: row.outputs })),
    issues: sheet.issues.map((entry) => ({
      row: entry.row,
      ...(entry.column ? { column: entry.column, columnLabel: COLUMN_LABELS[entry.column][language] } : {}),
      code: entry.code,
      message: entry.message[language],
    })),
    unknownColumns: sheet.unknownColumns,
  };
}

function sheetNotChecked(file: string) {
  return badInput('sheet-not-checked', {
    id: `Lembar kerja ${path.basename(file)} belum diperiksa. Pilih atau jatuhkan lembar kerjanya lagi, periksa laporannya, lalu masukkan ke antrean.`,
    en: `The spreadsheet ${path.basename(file)} has not been checked yet. Choose or drop it again, look at the report, then queue it.`,
  });
}

function nothingToQueue(file: string) {
  return badInput('sheet-nothing-to-queue', {
    id: `Tidak ada baris ${path.basename(file)} yang bisa dimasukkan ke antrean. Perbaiki baris yang bermasalah atau centang baris yang ingin dirender.`,
    en: `No row of ${path.basename(file)} can be queued. Fix the rows with problems or tick the rows to render.`,
  });
}

type SheetChannel = 'queue.checkSheet' | 'queue.addSheet';

/** The list and its controls. */
function controlHandlers(context: ApiContext): Implementations<Exclude<QueueChannel, SheetChannel>> {
  const { jobs } = context;
  const queue = jobs.queue;
  return {
    'queue.list': async () => {
      try {
        // read the file again: `klipkota batch` in another process changes it too
        queue.rewrite(() => undefined);
      } catch {
        // locked too long or unreadable: the last known list
      }
      return { jobs: queue.list().map((job) => toQueueEntry(job, jobs)), paused: jobs.paused() };
    },
    'queue.pause': async () => {
      jobs.pause();
      return { paused: true };
    },
    'queue.resume': async () => {
      jobs.resume();
      return { paused: false };
    },
    'queue.cancel': async (request) => ({ cancelled: jobs.cancel(request.jobId) }),
    'queue.cancelAll': async () => {
      // the app's own jobs only: a `klipkota batch` running in another process keeps its jobs (cancel one to drop it)
      // the waiting ones first, so the running ones' ends start nothing new
      const all = queue.list().filter(ownedByApp);
      let cancelled = 0;
      for (const job of [...all.filter((entry) => entry.state === 'queued'), ...all.filter((entry) => entry.state === 'running')]) {
        if (jobs.cancel(job.id)) cancelled += 1;
      }
      return { cancelled };
    },
    'queue.retry': async (request) => ({ retried: jobs.retry(request.jobId) }),
    'queue.move': async (request) => {
      let moved = false;
      queue.rewrite((list) => {
        const next = moveWaiting(list, request);
        moved = next !== undefined;
        return next;
      });
      return { moved };
    },
    'queue.clearFinished': async () => {
      let cleared = 0;
      queue.rewrite((list) => {
        const kept = list.filter((job) => !isFinished(job.state));
        cleared = list.length - kept.length;
        return cleared ? kept : undefined;
      });
      return { cleared };
    },
  };
}

/** A sheet checked (nothing queued), then its accepted rows queued for the app to run. */
function sheetHandlers(context: ApiContext): Implementations<SheetChannel> {
  const { jobs, home, access } = context;
  const queue = jobs.queue;
  /** sheets checked in this session: only those can be queued (the report was shown first) */
  const checked = new Set<string>();
  const prepare = async (request: { path: string; presets?: QueueJob['presets']; pack?: string }) => {
    const [{ prepareSheet }, { BUILT_IN_PACK_ID }] = await Promise.all([import('../queue/sheet-jobs.js'), import('../pack/load.js')]);
    const presets = request.presets ?? (await loadSettings({ home })).settings.exportDefaults.presets;
    return prepareSheet({ file: path.resolve(request.path), presets, defaultPack: request.pack ?? BUILT_IN_PACK_ID, libraryDir: apiPackPaths(home).libraryDir, language: context.language() });
  };
  return {
    'queue.checkSheet': async (request) => {
      const sheet = await prepare(request);
      checked.add(sheet.file);
      return sheetReport(sheet, context.language());
    },
    'queue.addSheet': async (request) => {
      const file = path.resolve(request.path);
      if (!checked.has(file)) throw sheetNotChecked(file);
      // checked again: the file may have changed since the report, and the names depend on the presets
      const sheet = await prepare(request);
      const skip = new Set(request.skipRows);
      const rows = sheet.rows.filter((row) => !skip.has(row.row));
      if (!rows.length) throw nothingToQueue(file);
      const { queueSheetRows } = await import('../queue/sheet-jobs.js');
      const queued = queueSheetRows({
        queue,
        sheet: { ...sheet, rows },
        presets: request.presets,
        outDir: path.resolve(request.outDir),
        overwrite: request.overwrite ?? false,
        libraryDir: apiPackPaths(home).libraryDir,
        queuedBy: 'app',
      });
      for (const job of queued) {
        void jobs.settled(job.id).then(() => {
          for (const output of queue.get(job.id)?.outputs ?? []) access.allow(output.path);
        });
      }
      jobs.wake();
      return { jobIds: queued.map((job) => job.id), rows: rows.map((row) => row.row) };
    },
  };
}

export function queueHandlers(context: ApiContext): Implementations<QueueChannel> {
  return { ...controlHandlers(context), ...sheetHandlers(context) };
}
