/**
 * Export jobs for the API: an in-memory registry, one AbortController per job,
 * progress / done / failed / cancelled events. The seam for the persisted,
 * resumable queue is `ExportJobStore` (a later issue swaps in one that writes
 * to disk and resumes on start).
 */
import { randomUUID } from 'node:crypto';
import type { EventName, EventPayload, ExportJob, ExportOutput } from '../../core/api/contract.js';
import { toErrorData, type Language } from '../../core/errors.js';
import type { Project } from '../../core/model/project.js';

export interface RenderRequest {
  project: Project;
  projectDir: string;
  presets: string[];
  outDir: string;
  packDir?: string;
  overwrite?: boolean;
  signal?: AbortSignal;
  onProgress?: (event: { preset: string; percent: number; etaSeconds?: number }) => void;
}
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

export interface ExportJobs {
  start(request: Omit<RenderRequest, 'signal' | 'onProgress'> & { presets: ExportJob['presets'] }): string;
  cancel(jobId: string): boolean;
  list(): ExportJob[];
  /** resolves when the job has finished one way or another (for tests and shutdown) */
  settled(jobId: string): Promise<void>;
  cancelAll(): void;
}

export function createExportJobs(options: { render: RenderFunction; emit: Emit; language: () => Language; store?: ExportJobStore }): ExportJobs {
  const store = options.store ?? memoryJobStore();
  const controllers = new Map<string, AbortController>();
  const finished = new Map<string, Promise<void>>();

  const update = (jobId: string, patch: Partial<ExportJob>) => {
    const job = store.get(jobId);
    if (job) store.put({ ...job, ...patch });
  };

  return {
    start(request) {
      const jobId = randomUUID();
      const controller = new AbortController();
      controllers.set(jobId, controller);
      store.put({
        jobId,
        state: 'running',
        projectName: request.project.name,
        presets: request.presets,
        outDir: request.outDir,
        startedAt: new Date().toISOString(),
        outputs: [],
      });
      const run = (async () => {
        try {
          const outputs = await options.render({
            ...request,
            signal: controller.signal,
            onProgress: (event) => {
              if (controller.signal.aborted) return;
              const percent = Math.min(100, Math.max(0, event.percent));
              const progress = { preset: event.preset, percent, ...(event.etaSeconds !== undefined ? { etaSeconds: Math.max(0, event.etaSeconds) } : {}) };
              update(jobId, { progress });
              options.emit('export.progress', { jobId, ...progress });
            },
          });
          if (controller.signal.aborted) throw new Error('cancelled');
          update(jobId, { state: 'done', outputs });
          options.emit('export.done', { jobId, outputs });
        } catch (error) {
          if (controller.signal.aborted) {
            update(jobId, { state: 'cancelled' });
            options.emit('export.cancelled', { jobId });
          } else {
            const data = toErrorData(error, options.language());
            update(jobId, { state: 'failed', error: data });
            options.emit('export.failed', { jobId, error: data });
          }
        } finally {
          controllers.delete(jobId);
        }
      })();
      finished.set(jobId, run);
      return jobId;
    },
    cancel(jobId) {
      const controller = controllers.get(jobId);
      if (!controller || controller.signal.aborted) return false;
      controller.abort();
      return true;
    },
    list: () => store.all(),
    settled: (jobId) => finished.get(jobId) ?? Promise.resolve(),
    cancelAll() {
      for (const controller of controllers.values()) controller.abort();
    },
  };
}
