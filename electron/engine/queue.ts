/**
 * The persisted export queue: `<home>/queue.json`, written atomically on every
 * state change (queued, running, a `.part` being written, done, failed,
 * cancelled). Every change is a short transaction under a lock file
 * (read, change, write), so the app and the CLI can share one home without
 * losing each other's jobs.
 *
 * On open after a crash: a job that was `running` in a process that is gone has
 * its recorded `.part` files deleted and goes back to `queued`; a `done` job
 * whose outputs are no longer there is reported; a queue.json that cannot be
 * read is kept as `queue.json.bak` (never silently dropped) and the queue
 * starts empty with a warning. Progress is not persisted (it changes too often).
 */
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ExportOutput } from '../../core/api/contract.js';
import { KlipError, toErrorData, type Language, type LocalizedText } from '../../core/errors.js';
import type { Project } from '../../core/model/project.js';
import { parseQueueFile, QUEUE_VERSION, type QueueJob, type QueueJobSource } from '../../core/queue.js';
import { openProject } from './projects.js';
import type { RenderRequest } from './render.js';

export type { QueueJob, QueueJobSource } from '../../core/queue.js';

export const QUEUE_FILE = 'queue.json';

export interface QueueRecovery {
  /** jobs that were running when their process stopped; back in the queue */
  requeued: string[];
  /** `.part` files of those jobs that were deleted */
  removedPartials: string[];
  /** outputs of finished jobs that are no longer on disk */
  missingOutputs: Array<{ jobId: string; path: string }>;
  /** set when queue.json could not be read: where the unreadable file was kept */
  corrupt?: { backup: string; reason: string };
  /** what the admin should be told, in both languages */
  warnings: LocalizedText[];
}

export interface NewQueueJob {
  source: QueueJobSource;
  projectName: string;
  presets: QueueJob['presets'];
  outDir: string;
  overwrite?: boolean;
  packDir?: string;
  libraryDir?: string;
}

export interface ExportQueue {
  /** the queue file, or null for a queue kept in memory only */
  readonly file: string | null;
  /** what opening the queue found and repaired */
  readonly recovery: QueueRecovery;
  /** every job, oldest first (as last read or written) */
  list(): QueueJob[];
  get(jobId: string): QueueJob | undefined;
  add(job: NewQueueJob): QueueJob;
  /** change one job; `only` guards the change (e.g. only while still queued); undefined when refused or unknown */
  update(jobId: string, patch: Partial<QueueJob>, only?: (job: QueueJob) => boolean): QueueJob | undefined;
  /** take the oldest queued job (of `among`, when given) for this process: it becomes `running`; undefined when none is left */
  claimNext(among?: (job: QueueJob) => boolean): QueueJob | undefined;
  /** read the file again (another process may have changed it) */
  refresh(): void;
}

const now = () => new Date().toISOString();

function isAlive(pid: number): boolean {
  if (pid === process.pid) return false; // a job this process claimed before it opened the queue again is not being run
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
const pause = (ms: number) => Atomics.wait(sleeper, 0, 0, ms);

function queueBusy(file: string): KlipError {
  return new KlipError({
    code: 'queue-busy',
    text: {
      id: `Antrean ekspor (${file}) sedang dipakai proses lain terlalu lama. Tunggu sebentar lalu coba lagi.`,
      en: `The export queue (${file}) has been held by another process for too long. Wait a moment and try again.`,
    },
  });
}

/** Hold `<file>.lock` while `change` runs; a lock whose process is gone (or that is very old) is taken over. */
function withLock<T>(file: string, change: () => T): T {
  const lock = `${file}.lock`;
  for (let attempt = 0; ; attempt += 1) {
    try {
      const handle = openSync(lock, 'wx');
      writeFileSync(handle, String(process.pid));
      closeSync(handle);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let stale = false;
      try {
        const holder = Number(readFileSync(lock, 'utf8'));
        // this process never holds the lock between calls (every change is synchronous), so its own pid means a dead holder's reused pid
        stale = (Number.isInteger(holder) && holder > 0 && !isAlive(holder)) || Date.now() - statSync(lock).mtimeMs > 30_000;
      } catch {
        continue; // the holder just let go
      }
      if (stale) rmSync(lock, { force: true });
      else if (attempt > 500) throw queueBusy(file);
      else pause(10);
    }
  }
  try {
    return change();
  } finally {
    rmSync(lock, { force: true });
  }
}

/** Write and flush a temporary file beside the target, then rename it over: a crash leaves the old queue or the new one. */
function writeAtomicSync(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
  const handle = openSync(temporary, 'w');
  try {
    writeFileSync(handle, text);
    fsyncSync(handle);
  } finally {
    closeSync(handle);
  }
  try {
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

type ReadResult = { jobs: QueueJob[] } | { corrupt: string };

function readQueue(file: string): ReadResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { jobs: [] };
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { corrupt: `not JSON (${(error as Error).message})` };
  }
  const parsed = parseQueueFile(value);
  return parsed.ok ? { jobs: parsed.queue.jobs } : { corrupt: parsed.reason };
}

/** Keep an unreadable queue file as `.bak` (an older `.bak` gets a time stamp instead of being replaced). */
function keepCorrupt(file: string, reason: string): { backup: string; reason: string } {
  let backup = `${file}.bak`;
  if (existsSync(backup)) backup = `${file}.${now().replace(/[:.]/g, '-')}.bak`;
  renameSync(file, backup);
  return { backup, reason };
}

function corruptWarning(corrupt: { backup: string; reason: string }): LocalizedText {
  return {
    id: `Antrean ekspor tidak bisa dibaca (${corrupt.reason}). Berkasnya disimpan sebagai ${corrupt.backup} dan antrean dimulai kosong; ekspor yang belum selesai perlu dimasukkan lagi.`,
    en: `The export queue could not be read (${corrupt.reason}). It was kept as ${corrupt.backup} and the queue starts empty; unfinished exports need to be queued again.`,
  };
}

/**
 * Open the queue in `home` (null: in memory only, for callers that persist nothing).
 * Repairs what a crash left behind; see `recovery`.
 */
export function openExportQueue(options: { home: string | null; onWarning?: (text: LocalizedText) => void }): ExportQueue {
  const file = options.home ? path.join(path.resolve(options.home), QUEUE_FILE) : null;
  const recovery: QueueRecovery = { requeued: [], removedPartials: [], missingOutputs: [], warnings: [] };
  const warn = (text: LocalizedText) => {
    recovery.warnings.push(text);
    options.onWarning?.(text);
  };
  let cache: QueueJob[] = [];

  /** read, change, write: the one way the file changes */
  const transact = (change: (jobs: QueueJob[]) => QueueJob[] | undefined): void => {
    if (!file) {
      cache = change(cache) ?? cache;
      return;
    }
    withLock(file, () => {
      const read = readQueue(file);
      let jobs = cache;
      if ('corrupt' in read) {
        const corrupt = keepCorrupt(file, read.corrupt);
        recovery.corrupt ??= corrupt;
        warn(corruptWarning(corrupt));
      } else {
        jobs = read.jobs;
      }
      const next = change(jobs);
      if (!next) {
        cache = jobs;
        return;
      }
      writeAtomicSync(file, `${JSON.stringify({ kind: 'klipkota.queue', version: QUEUE_VERSION, jobs: next }, null, 2)}\n`);
      cache = next;
    });
  };

  if (file) {
    mkdirSync(path.dirname(file), { recursive: true });
    withLock(file, () => {
      const read = readQueue(file);
      if ('corrupt' in read) {
        recovery.corrupt = keepCorrupt(file, read.corrupt);
        warn(corruptWarning(recovery.corrupt));
        return;
      }
      cache = read.jobs;
    });
    let repaired = false;
    const repair = (jobs: QueueJob[]) =>
      jobs.map((job) => {
        if (job.state !== 'running' || (job.runnerPid !== undefined && isAlive(job.runnerPid))) return job;
        for (const partial of job.partials) {
          rmSync(partial, { force: true });
          recovery.removedPartials.push(partial);
        }
        recovery.requeued.push(job.id);
        repaired = true;
        const { runnerPid: _pid, startedAt: _started, ...rest } = job;
        return { ...rest, state: 'queued' as const, partials: [], updatedAt: now() };
      });
    if (cache.some((job) => job.state === 'running')) transact(repair);
    if (repaired) {
      warn({
        id: `${recovery.requeued.length} ekspor terhenti di tengah jalan (aplikasi tertutup atau komputer mati). Berkas sementaranya dihapus dan ekspor itu diantrekan lagi.`,
        en: `${recovery.requeued.length} export(s) stopped halfway (the app closed or the computer went off). Their temporary files were deleted and they are queued again.`,
      });
    }
    for (const job of cache) {
      if (job.state !== 'done') continue;
      for (const output of job.outputs) if (!existsSync(output.path)) recovery.missingOutputs.push({ jobId: job.id, path: output.path });
    }
    if (recovery.missingOutputs.length) {
      const names = recovery.missingOutputs.map((entry) => entry.path).join(', ');
      warn({
        id: `Hasil ekspor yang sudah selesai tidak ada lagi di tempatnya: ${names}. Mungkin dipindah atau dihapus; ekspor ulang bila perlu.`,
        en: `Finished exports are no longer where they were saved: ${names}. They may have been moved or deleted; export them again if needed.`,
      });
    }
  }

  const queue: ExportQueue = {
    file,
    recovery,
    list: () => [...cache],
    get: (jobId) => cache.find((job) => job.id === jobId),
    add(input) {
      const stamp = now();
      const job: QueueJob = {
        id: randomUUID(),
        source: input.source,
        projectName: input.projectName,
        presets: [...new Set(input.presets)],
        outDir: path.resolve(input.outDir),
        overwrite: input.overwrite ?? false,
        ...(input.packDir ? { packDir: input.packDir } : {}),
        ...(input.libraryDir ? { libraryDir: input.libraryDir } : {}),
        state: 'queued',
        outputs: [],
        partials: [],
        createdAt: stamp,
        updatedAt: stamp,
      };
      transact((jobs) => [...jobs, job]);
      return job;
    },
    update(jobId, patch, only) {
      let changed: QueueJob | undefined;
      transact((jobs) => {
        const next = jobs.map((job) => {
          if (job.id !== jobId || (only && !only(job))) return job;
          changed = { ...job, ...patch, id: job.id, updatedAt: now() };
          return changed;
        });
        return changed ? next : undefined;
      });
      return changed;
    },
    claimNext(among) {
      let claimed: QueueJob | undefined;
      transact((jobs) => {
        const next = jobs.map((job) => {
          if (claimed || job.state !== 'queued' || (among && !among(job))) return job;
          claimed = { ...job, state: 'running', runnerPid: process.pid, startedAt: now(), partials: [], updatedAt: now() };
          return claimed;
        });
        return claimed ? next : undefined;
      });
      return claimed;
    },
    refresh() {
      if (!file) return;
      withLock(file, () => {
        const read = readQueue(file);
        if ('jobs' in read) cache = read.jobs;
      });
    },
  };
  return queue;
}

export type RenderFunction = (request: RenderRequest) => Promise<ExportOutput[]>;

/** The project a job renders: read from its file (checked like any project file) or carried inline. */
export async function jobProject(job: QueueJob): Promise<{ project: Project; projectDir: string }> {
  if (job.source.kind === 'inline') return { project: job.source.project, projectDir: job.source.projectDir };
  const opened = await openProject({ path: job.source.path });
  return { project: opened.project, projectDir: path.dirname(opened.path) };
}

/**
 * Run one claimed job to its end and record it: `done` with its outputs,
 * `failed` with its error, or (when `signal` was aborted) `stopAs()`:
 * `cancelled` when the admin cancelled, `queued` to run again later (app quit).
 * The `.part` paths are recorded before FFmpeg writes them. Never throws for the job's own failure.
 */
export async function runQueueJob(options: {
  queue: ExportQueue;
  job: QueueJob;
  render: RenderFunction;
  signal: AbortSignal;
  language: Language;
  stopAs?: () => 'cancelled' | 'queued';
  /** last touches to the project before it renders (the CLI fills in today's date) */
  prepare?: (project: Project) => Project;
  onProgress?: RenderRequest['onProgress'];
  log?: RenderRequest['log'];
}): Promise<QueueJob> {
  const { queue, job, signal } = options;
  const partials: string[] = [];
  const finish = (patch: Partial<QueueJob>): QueueJob => {
    const ended = { runnerPid: undefined, error: undefined, partials: [], ...patch, ...(patch.state === 'queued' ? { startedAt: undefined } : { finishedAt: now() }) };
    return queue.update(job.id, ended) ?? { ...job, ...ended };
  };
  try {
    const { project, projectDir } = await jobProject(job);
    const outputs = await options.render({
      project: options.prepare ? options.prepare(project) : project,
      projectDir,
      presets: job.presets,
      outDir: job.outDir,
      overwrite: job.overwrite,
      ...(job.packDir ? { packDir: job.packDir } : {}),
      ...(job.libraryDir ? { libraryDir: job.libraryDir } : {}),
      signal,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.log ? { log: options.log } : {}),
      onPartial: (partial) => {
        partials.push(partial);
        queue.update(job.id, { partials: [...partials] });
      },
    });
    // the files are in place: a cancel that came too late does not undo that
    return finish({ state: 'done', outputs });
  } catch (error) {
    if (signal.aborted) {
      const state = options.stopAs?.() ?? 'cancelled';
      return finish({ state });
    }
    return finish({ state: 'failed', error: toErrorData(error, options.language) });
  }
}
