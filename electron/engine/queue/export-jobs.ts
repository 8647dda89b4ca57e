/**
 * Export jobs for the API, kept in the persisted export queue (queue.ts):
 * DEFAULT_QUEUE_JOBS run at once (measured: see the constant), one
 * AbortController per running job, progress / done / failed / cancelled
 * events. A queued job can be cancelled before it starts. Jobs survive the
 * app: queued jobs (and jobs a crash interrupted) run on the next start;
 * quitting (`suspend`) puts the running jobs back in the queue instead of
 * cancelling them. The app runs the jobs it queued (its exports
 * and the sheets queued from the queue panel, `queuedBy: 'app'`); the jobs of
 * `klipkota batch` are left to the CLI and its `--resume`. Pausing lets the
 * running jobs finish and starts no new one until `resume`.
 */
import { rmSync } from 'node:fs';
import type { EventName, EventPayload, ExportJob, ExportOutput } from '@core/api/contract.js';
import type { Language } from '@core/errors.js';
import { isFinished } from '@core/queue.js';
import { DEFAULT_QUEUE_JOBS, isDeadRunner, openExportQueue, runQueueJob, type ExportQueue, type QueueJob, type RenderFunction } from './queue.js';
import type { RenderRequest } from '../export/render.js';

export type { RenderRequest, RenderFunction };

export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** What the API asks for: a render request without the pieces the queue owns. */
export type ExportJobRequest = Omit<RenderRequest, 'signal' | 'onProgress' | 'log' | 'presets' | 'onPartial'> & { presets: ExportJob['presets'] };

export interface ExportJobs {
  /** queue a job; it starts when the jobs before it have finished */
  start(request: ExportJobRequest): string;
  /** stop a running job or drop a queued one; false when it already finished (or is unknown) */
  cancel(jobId: string): boolean;
  list(): ExportJob[];
  /** resolves when the job has finished one way or another (for tests and shutdown) */
  settled(jobId: string): Promise<void>;
  /** app quit: stop the running jobs and keep them and the waiting ones queued for the next start (each is reported `export.cancelled` to this session) */
  suspend(): void;
  /** the queue behind the jobs (its `recovery` says what a crash left) */
  queue: ExportQueue;
  /** finish the running jobs, start no new one */
  pause(): void;
  resume(): void;
  paused(): boolean;
  /** the running job's progress (undefined when it has none yet) */
  progressOf(jobId: string): ExportJob['progress'] | undefined;
  /** queue a failed or cancelled job again (the app runs it from now on); false when it is not one */
  retry(jobId: string): boolean;
  /** start waiting jobs if fewer than the limit run (after jobs were queued straight into the queue) */
  wake(): void;
}

/** The jobs this app runs. */
export const ownedByApp = (job: QueueJob) => job.queuedBy === 'app';

/** A project export of the editor speaks through export.* events; the queue's other jobs through queue.* (the export panel shows only its own). */
export function jobEvents(job: Pick<QueueJob, 'source'>) {
  return job.source.kind === 'inline'
    ? ({ progress: 'export.progress', done: 'export.done', failed: 'export.failed', cancelled: 'export.cancelled' } as const)
    : ({ progress: 'queue.progress', done: 'queue.done', failed: 'queue.failed', cancelled: 'queue.cancelled' } as const);
}

/** A queue job as the API's contract shows it: a waiting job is `running` with `queued: true`. */
export function toExportJob(job: QueueJob, progress?: ExportJob['progress']): ExportJob {
  return {
    jobId: job.id,
    state: job.state === 'queued' ? 'running' : job.state,
    ...(job.state === 'queued' ? { queued: true } : {}),
    projectName: job.projectName,
    presets: job.presets,
    outDir: job.outDir,
    startedAt: job.startedAt ?? job.createdAt,
    ...(progress && job.state === 'running' ? { progress } : {}),
    outputs: job.outputs as ExportOutput[],
    ...(job.error ? { error: job.error } : {}),
  };
}

type JobsOptions = {
  render: RenderFunction;
  /** jobs at once (default DEFAULT_QUEUE_JOBS) */
  concurrency?: number;
  emit: Emit;
  language: () => Language;
  queue?: ExportQueue;
  log?: (line: string) => void;
  /** where sheet jobs keep their encoded intro and outro cards (the CLI's cache in the same home); editor exports do not use it */
  bumperCacheDir?: string;
};

/** What the jobs of one session share: the queue, the running job, the progress shown, who waits for which job. */
interface JobsState {
  options: JobsOptions;
  queue: ExportQueue;
  log: (line: string) => void;
  progress: Map<string, NonNullable<ExportJob['progress']>>;
  /** the jobs running now, by id (with the outputs they write: see outputKeys) */
  running: Map<string, { controller: AbortController; stopAs: 'cancelled' | 'queued'; outputs: Set<string> }>;
  concurrency: number;
  suspended: boolean;
  paused: boolean;
  waiter(jobId: string): { promise: Promise<void>; resolve: () => void };
  /** a job queued again waits anew */
  forget(jobId: string): void;
}

/** One promise per job that resolves when it has finished one way or another. */
function waiters(): { waiter: JobsState['waiter']; forget: JobsState['forget']; has(jobId: string): boolean } {
  const entries = new Map<string, { promise: Promise<void>; resolve: () => void }>();
  return {
    has: (jobId) => entries.has(jobId),
    forget: (jobId) => void entries.delete(jobId),
    waiter(jobId) {
      let entry = entries.get(jobId);
      if (!entry) {
        let resolve!: () => void;
        const promise = new Promise<void>((done) => (resolve = done));
        entry = { promise, resolve };
        entries.set(jobId, entry);
      }
      return entry;
    },
  };
}

/** Run one claimed job with its own AbortController, reporting progress and how it ended as events. */
async function runJob(state: JobsState, job: QueueJob): Promise<void> {
  const { options, progress } = state;
  const names = jobEvents(job);
  const controller = new AbortController();
  const current = { controller, stopAs: 'cancelled' as 'cancelled' | 'queued', outputs: outputKeys(job) };
  state.running.set(job.id, current);
  const ended = await runQueueJob({
    queue: state.queue,
    job,
    render: options.render,
    signal: controller.signal,
    language: options.language(),
    stopAs: () => current.stopAs,
    log: state.log,
    ...(options.bumperCacheDir && job.source.kind === 'sheet' ? { bumperCacheDir: options.bumperCacheDir } : {}),
    onProgress: (event) => {
      if (controller.signal.aborted) return;
      const percent = Math.min(100, Math.max(0, event.percent));
      const next = { preset: event.preset, percent, ...(event.etaSeconds !== undefined ? { etaSeconds: Math.max(0, event.etaSeconds) } : {}) };
      progress.set(job.id, next);
      options.emit(names.progress, { jobId: job.id, ...next });
    },
  });
  progress.delete(job.id);
  if (ended.state === 'done') options.emit(names.done, { jobId: job.id, outputs: ended.outputs as ExportOutput[] });
  else if (ended.state === 'failed' && ended.error) options.emit(names.failed, { jobId: job.id, error: ended.error });
  else options.emit(names.cancelled, { jobId: job.id });
}

/**
 * What a job writes, as keys that two jobs writing the same file share: its
 * output folder with each output name the sheet gave, else with the project's
 * name (the editor's exports are named after it). Two such jobs never run at
 * once: the second waits, and then meets the first one's file as any export does.
 */
function outputKeys(job: QueueJob): Set<string> {
  const folder = job.outDir.replace(/[\\/]+$/, '').toLowerCase();
  const names = job.outputNames ? Object.values(job.outputNames) : [job.projectName];
  return new Set(names.map((name) => `${folder}\0${name.toLowerCase()}`));
}

function writesWhatRunsWrites(state: JobsState, job: QueueJob): boolean {
  const keys = outputKeys(job);
  for (const running of state.running.values()) for (const key of keys) if (running.outputs.has(key)) return true;
  return false;
}

/** Start the oldest waiting jobs while fewer than `concurrency` run (and the app is neither quitting nor paused); each end starts the next. */
function pump(state: JobsState): void {
  while (state.running.size < state.concurrency && !state.suspended && !state.paused) {
    let next: QueueJob | undefined;
    try {
      next = state.queue.claimNext((job) => ownedByApp(job) && !writesWhatRunsWrites(state, job));
    } catch (error) {
      // queue.json locked or the disk full: the waiting jobs stay queued and run on the next start or export
      state.log(`klipkota: the export queue could not be read or written (${(error as Error).message})`);
      return;
    }
    if (!next) return;
    const { id } = next;
    void runJob(state, next).finally(() => {
      state.running.delete(id);
      state.waiter(id).resolve();
      pump(state);
    });
  }
}

/** Stop a running job, or take a waiting one (or one whose process is gone) out of the queue. */
function cancelJob(state: JobsState, jobId: string): boolean {
  const { queue } = state;
  const current = state.running.get(jobId);
  if (current) {
    if (current.controller.signal.aborted) return false;
    current.controller.abort();
    return true;
  }
  // not started yet (or its process is gone): it leaves the queue
  let left: string[] = [];
  let dropped: QueueJob | undefined;
  try {
    dropped = queue.update(jobId, { state: 'cancelled', finishedAt: new Date().toISOString(), runnerPid: undefined, partials: [] }, (job) => {
      left = job.partials;
      return job.state === 'queued' || isDeadRunner(job);
    });
  } catch (error) {
    state.log(`klipkota: the export queue could not be updated (${(error as Error).message})`);
    return false;
  }
  if (!dropped) return false;
  for (const partial of left) rmSync(partial, { force: true });
  state.options.emit(jobEvents(dropped).cancelled, { jobId });
  state.waiter(jobId).resolve();
  return true;
}

/** A failed or cancelled job goes back to the queue, owned by the app from now on; finished presets are not rendered again. */
function retryJob(state: JobsState, jobId: string): boolean {
  let again: QueueJob | undefined;
  try {
    again = state.queue.update(
      jobId,
      { state: 'queued', queuedBy: 'app', error: undefined, finishedAt: undefined, startedAt: undefined, runnerPid: undefined, partials: [] },
      (job) => job.state === 'failed' || job.state === 'cancelled',
    );
  } catch (error) {
    state.log(`klipkota: the export queue could not be updated (${(error as Error).message})`);
    return false;
  }
  if (!again) return false;
  state.forget(jobId);
  state.waiter(jobId);
  pump(state);
  return true;
}

/** App quit: waiting jobs of this session are reported cancelled (they stay queued), the running ones go back to the queue. */
function suspendJobs(state: JobsState, waiting: { has(jobId: string): boolean }): void {
  state.suspended = true;
  for (const job of state.queue.list()) {
    if (job.state !== 'queued' || !waiting.has(job.id)) continue;
    state.options.emit(jobEvents(job).cancelled, { jobId: job.id });
    state.waiter(job.id).resolve();
  }
  for (const current of state.running.values()) {
    if (current.controller.signal.aborted) continue;
    current.stopAs = 'queued';
    current.controller.abort();
  }
}

/**
 * `queue`: the persisted queue to use (openExportQueue({ home })); without it the
 * jobs live in memory only. Queued jobs already in the queue start at once.
 */
export function createExportJobs(options: JobsOptions): ExportJobs {
  const waiting = waiters();
  const state: JobsState = {
    options,
    queue: options.queue ?? openExportQueue({ home: null }),
    log: options.log ?? ((line: string) => console.error(line)),
    progress: new Map(),
    running: new Map(),
    concurrency: Number.isInteger(options.concurrency) && options.concurrency! >= 1 ? options.concurrency! : DEFAULT_QUEUE_JOBS,
    suspended: false,
    paused: false,
    waiter: waiting.waiter,
    forget: waiting.forget,
  };
  const { queue } = state;
  // what the last session left waiting (or a crash interrupted) runs now
  queueMicrotask(() => pump(state));
  return {
    queue,
    start(request) {
      const job = queue.add({
        source: { kind: 'inline', project: request.project, projectDir: request.projectDir },
        projectName: request.project.name,
        presets: request.presets,
        outDir: request.outDir,
        ...(request.overwrite !== undefined ? { overwrite: request.overwrite } : {}),
        ...(request.sidecar ? { sidecar: true } : {}),
        ...(request.packDir ? { packDir: request.packDir } : {}),
        ...(request.libraryDir ? { libraryDir: request.libraryDir } : {}),
      });
      state.waiter(job.id);
      pump(state);
      return job.id;
    },
    cancel: (jobId) => cancelJob(state, jobId),
    list: () => queue.list().filter((job) => job.source.kind === 'inline').map((job) => toExportJob(job, state.progress.get(job.id))),
    settled: (jobId) => {
      const job = queue.get(jobId);
      const running = state.running.has(jobId);
      if (!job || (isFinished(job.state) && !running)) return Promise.resolve();
      // after a quit nothing runs a waiting job (nor a job another process runs): nothing will settle it here
      if (!running && (state.suspended || !ownedByApp(job) || job.state === 'running')) return Promise.resolve();
      return state.waiter(jobId).promise;
    },
    suspend: () => suspendJobs(state, waiting),
    pause: () => {
      state.paused = true;
    },
    resume: () => {
      state.paused = false;
      pump(state);
    },
    paused: () => state.paused,
    progressOf: (jobId) => state.progress.get(jobId),
    retry: (jobId) => retryJob(state, jobId),
    wake: () => pump(state),
  };
}
