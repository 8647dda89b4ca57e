/**
 * Export jobs for the API, kept in the persisted export queue (queue.ts): one
 * job runs at a time (two FFmpeg encodes at once on a 2-core office PC only
 * slow each other down), one AbortController for the running job, progress /
 * done / failed / cancelled events. A queued job can be cancelled before it
 * starts. Jobs survive the app: queued jobs (and a job a crash interrupted)
 * run on the next start; quitting (`suspend`) puts the running job back in the
 * queue instead of cancelling it. The app runs only its own (inline) jobs; the
 * project-file jobs of `klipkota batch` are left to the CLI.
 */
import { rmSync } from 'node:fs';
import type { EventName, EventPayload, ExportJob, ExportOutput } from '../../../core/api/contract.js';
import type { Language } from '../../../core/errors.js';
import { isFinished } from '../../../core/queue.js';
import { isDeadRunner, openExportQueue, runQueueJob, type ExportQueue, type QueueJob, type RenderFunction } from './queue.js';
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
  /** app quit: stop the running job and keep it and the waiting ones queued for the next start (each is reported `export.cancelled` to this session) */
  suspend(): void;
  /** the queue behind the jobs (its `recovery` says what a crash left) */
  queue: ExportQueue;
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

/**
 * `queue`: the persisted queue to use (openExportQueue({ home })); without it the
 * jobs live in memory only. Queued jobs already in the queue start at once.
 */
export function createExportJobs(options: { render: RenderFunction; emit: Emit; language: () => Language; queue?: ExportQueue; log?: (line: string) => void }): ExportJobs {
  const log = options.log ?? ((line: string) => console.error(line));
  const queue = options.queue ?? openExportQueue({ home: null });
  const progress = new Map<string, NonNullable<ExportJob['progress']>>();
  const waiters = new Map<string, { promise: Promise<void>; resolve: () => void }>();
  let current: { jobId: string; controller: AbortController; stopAs: 'cancelled' | 'queued' } | undefined;
  let suspended = false;

  const waiter = (jobId: string) => {
    let entry = waiters.get(jobId);
    if (!entry) {
      let resolve!: () => void;
      const promise = new Promise<void>((done) => (resolve = done));
      entry = { promise, resolve };
      waiters.set(jobId, entry);
    }
    return entry;
  };
  const settle = (jobId: string) => {
    waiter(jobId).resolve();
  };

  const run = async (job: QueueJob): Promise<void> => {
    const controller = new AbortController();
    current = { jobId: job.id, controller, stopAs: 'cancelled' };
    const ended = await runQueueJob({
      queue,
      job,
      render: options.render,
      signal: controller.signal,
      language: options.language(),
      stopAs: () => current?.stopAs ?? 'cancelled',
      log,
      onProgress: (event) => {
        if (controller.signal.aborted) return;
        const percent = Math.min(100, Math.max(0, event.percent));
        const next = { preset: event.preset, percent, ...(event.etaSeconds !== undefined ? { etaSeconds: Math.max(0, event.etaSeconds) } : {}) };
        progress.set(job.id, next);
        options.emit('export.progress', { jobId: job.id, ...next });
      },
    });
    progress.delete(job.id);
    if (ended.state === 'done') options.emit('export.done', { jobId: job.id, outputs: ended.outputs as ExportOutput[] });
    else if (ended.state === 'failed' && ended.error) options.emit('export.failed', { jobId: job.id, error: ended.error });
    else options.emit('export.cancelled', { jobId: job.id });
  };

  const pump = () => {
    if (current || suspended) return;
    let next: QueueJob | undefined;
    try {
      next = queue.claimNext((job) => job.source.kind === 'inline');
    } catch (error) {
      // queue.json locked or the disk full: the waiting jobs stay queued and run on the next start or export
      log(`klipkota: the export queue could not be read or written (${(error as Error).message})`);
      return;
    }
    if (!next) return;
    void run(next).finally(() => {
      current = undefined;
      settle(next.id);
      pump();
    });
  };

  const cancel = (jobId: string): boolean => {
    if (current?.jobId === jobId) {
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
      log(`klipkota: the export queue could not be updated (${(error as Error).message})`);
      return false;
    }
    if (!dropped) return false;
    for (const partial of left) rmSync(partial, { force: true });
    options.emit('export.cancelled', { jobId });
    settle(jobId);
    return true;
  };

  // what the last session left waiting (or a crash interrupted) runs now
  queueMicrotask(pump);

  return {
    queue,
    start(request) {
      const job = queue.add({
        source: { kind: 'inline', project: request.project, projectDir: request.projectDir },
        projectName: request.project.name,
        presets: request.presets,
        outDir: request.outDir,
        ...(request.overwrite !== undefined ? { overwrite: request.overwrite } : {}),
        ...(request.packDir ? { packDir: request.packDir } : {}),
        ...(request.libraryDir ? { libraryDir: request.libraryDir } : {}),
      });
      waiter(job.id);
      pump();
      return job.id;
    },
    cancel,
    list: () => queue.list().map((job) => toExportJob(job, progress.get(job.id))),
    settled: (jobId) => {
      const job = queue.get(jobId);
      if (!job || (isFinished(job.state) && current?.jobId !== jobId)) return Promise.resolve();
      // after a quit nothing runs a waiting job (nor a job another process runs): nothing will settle it here
      if (current?.jobId !== jobId && (suspended || job.source.kind !== 'inline' || job.state === 'running')) return Promise.resolve();
      return waiter(jobId).promise;
    },
    suspend() {
      suspended = true;
      for (const job of queue.list()) {
        if (job.state !== 'queued' || !waiters.has(job.id)) continue;
        options.emit('export.cancelled', { jobId: job.id });
        settle(job.id);
      }
      if (current && !current.controller.signal.aborted) {
        current.stopAs = 'queued';
        current.controller.abort();
      }
    },
  };
}
