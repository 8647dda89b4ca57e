/**
 * Export jobs for the API: an in-memory registry and a FIFO queue that runs one
 * job at a time (two FFmpeg encodes at once on a 2-core office PC only slow
 * each other down), one AbortController per job, progress / done / failed /
 * cancelled events. A queued job can be cancelled before it starts. The seam
 * for the persisted, resumable queue is `ExportJobStore` (a later issue swaps in
 * one that writes to disk and resumes on start).
 */
import { randomUUID } from 'node:crypto';
import type { EventName, EventPayload, ExportJob, ExportOutput } from '../../core/api/contract.js';
import { toErrorData, type Language } from '../../core/errors.js';
import type { RenderRequest } from './render.js';

export type { RenderRequest };
export type RenderFunction = (request: RenderRequest) => Promise<ExportOutput[]>;

export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** Where job records live. In memory now; a persisted queue implements the same. */
export interface ExportJobStore {
  put(job: ExportJob): void;
  get(jobId: string): ExportJob | undefined;
  all(): ExportJob[];
}

export function memoryJobStore(): ExportJobStore {
  const jobs = new Map<string, ExportJob>();
  return {
    put: (job) => void jobs.set(job.jobId, job),
    get: (jobId) => jobs.get(jobId),
    all: () => [...jobs.values()],
  };
}

/** What the API asks for: a render request without the pieces the queue owns. */
export type ExportJobRequest = Omit<RenderRequest, 'signal' | 'onProgress' | 'log' | 'presets'> & { presets: ExportJob['presets'] };

export interface ExportJobs {
  /** queue a job; it starts when the jobs before it have finished */
  start(request: ExportJobRequest): string;
  /** stop a running job or drop a queued one; false when it already finished (or is unknown) */
  cancel(jobId: string): boolean;
  list(): ExportJob[];
  /** resolves when the job has finished one way or another (for tests and shutdown) */
  settled(jobId: string): Promise<void>;
  cancelAll(): void;
}

interface Pending {
  jobId: string;
  request: ExportJobRequest;
  controller: AbortController;
  done: () => void;
}

export function createExportJobs(options: { render: RenderFunction; emit: Emit; language: () => Language; store?: ExportJobStore }): ExportJobs {
  const store = options.store ?? memoryJobStore();
  const controllers = new Map<string, AbortController>();
  const finished = new Map<string, Promise<void>>();
  const queue: Pending[] = [];
  let running = false;

  const update = (jobId: string, patch: Partial<ExportJob>) => {
    const job = store.get(jobId);
    if (job) store.put({ ...job, ...patch });
  };

  const cancelled = (jobId: string) => {
    const { queued: _queued, ...job } = store.get(jobId) ?? ({} as ExportJob);
    if (job.jobId) store.put({ ...job, state: 'cancelled' });
    options.emit('export.cancelled', { jobId });
  };

  const run = async (next: Pending): Promise<void> => {
    const { jobId, controller } = next;
    const { queued: _queued, ...job } = store.get(jobId)!;
    store.put({ ...job, startedAt: new Date().toISOString() });
    try {
      const outputs = await options.render({
        ...next.request,
        signal: controller.signal,
        onProgress: (event) => {
          if (controller.signal.aborted) return;
          const percent = Math.min(100, Math.max(0, event.percent));
          const progress = { preset: event.preset, percent, ...(event.etaSeconds !== undefined ? { etaSeconds: Math.max(0, event.etaSeconds) } : {}) };
          update(jobId, { progress });
          options.emit('export.progress', { jobId, ...progress });
        },
      });
      // the render finished and its files are in place: a cancel that came too late does not undo that
      update(jobId, { state: 'done', outputs });
      options.emit('export.done', { jobId, outputs });
    } catch (error) {
      if (controller.signal.aborted) {
        cancelled(jobId);
      } else {
        const data = toErrorData(error, options.language());
        update(jobId, { state: 'failed', error: data });
        options.emit('export.failed', { jobId, error: data });
      }
    }
  };

  const pump = () => {
    if (running) return;
    const next = queue.shift();
    if (!next) return;
    running = true;
    void run(next).finally(() => {
      controllers.delete(next.jobId);
      running = false;
      next.done();
      pump();
    });
  };

  const cancel = (jobId: string): boolean => {
    const controller = controllers.get(jobId);
    if (!controller || controller.signal.aborted) return false;
    controller.abort();
    const index = queue.findIndex((pending) => pending.jobId === jobId);
    if (index >= 0) {
      // not started yet: drop it from the queue, nothing was written
      const [pending] = queue.splice(index, 1);
      controllers.delete(jobId);
      cancelled(jobId);
      pending!.done();
    }
    return true;
  };

  return {
    start(request) {
      const jobId = randomUUID();
      const controller = new AbortController();
      controllers.set(jobId, controller);
      store.put({
        jobId,
        state: 'running',
        queued: true,
        projectName: request.project.name,
        presets: request.presets,
        outDir: request.outDir,
        startedAt: new Date().toISOString(),
        outputs: [],
      });
      let done!: () => void;
      finished.set(jobId, new Promise<void>((resolve) => (done = resolve)));
      queue.push({ jobId, request, controller, done });
      pump();
      return jobId;
    },
    cancel,
    list: () => store.all(),
    settled: (jobId) => finished.get(jobId) ?? Promise.resolve(),
    cancelAll() {
      for (const pending of [...queue].reverse()) cancel(pending.jobId);
      for (const controller of controllers.values()) controller.abort();
    },
  };
}
