/**
 * What the farm is doing: counts, each job (waiting, rendering on which PC and
 * how far, done with its files, parked after three failures with its error)
 * and the workers connected. Used by `klipkota farm status`, `batch --farm
 * --wait` and the app's queue panel.
 */
import type { Language } from '@core/errors.js';
import type { FarmStatus } from '@core/farm.js';
import { backendOf, openFarmQueue, progressOf, publicAddress, RENDER_QUEUE, type FarmQueue } from './connection.js';

/** A failure as the worker stored it (JSON with both languages), in the admin's language. */
export function failureText(reason: string | undefined, language: Language): string | undefined {
  if (!reason) return undefined;
  try {
    const parsed = JSON.parse(reason) as { message?: { id?: string; en?: string } };
    return parsed.message?.[language] ?? reason;
  } catch {
    return reason;
  }
}

type StateName = FarmStatus['jobs'][number]['state'];

const STATES: Array<[string, StateName]> = [
  ['active', 'active'],
  ['waiting', 'waiting'],
  ['prioritized', 'waiting'],
  ['delayed', 'waiting'],
  ['completed', 'done'],
  ['failed', 'parked'],
];

async function jobsOf(queue: FarmQueue, language: Language, limit: number): Promise<FarmStatus['jobs']> {
  const jobs: FarmStatus['jobs'] = [];
  for (const [type, state] of STATES) {
    // ended jobs newest first: a farm keeps them all, and the panel shows the latest
    const ended = state === 'done' || state === 'parked';
    for (const job of await queue.getJobs([type as 'active'], 0, limit - 1, !ended)) {
      if (!job?.id) continue;
      const data = job.data as { projectName?: unknown; presets?: unknown };
      const progress = progressOf(job);
      const result = job.returnvalue as { outputs?: string[]; worker?: string } | null | undefined;
      const error = state === 'parked' ? failureText(job.failedReason, language) : undefined;
      jobs.push({
        id: job.id,
        projectName: typeof data.projectName === 'string' ? data.projectName : '?',
        presets: Array.isArray(data.presets) ? data.presets.map(String) : [],
        state,
        ...(state === 'active' && progress ? { percent: progress.percent } : {}),
        ...(state === 'done' && result?.worker ? { worker: result.worker } : state === 'active' && progress?.worker ? { worker: progress.worker } : {}),
        attempts: job.attemptsStarted ?? job.attemptsMade,
        outputs: state === 'done' ? (result?.outputs ?? []) : (progress?.done ?? []),
        ...(error ? { error } : {}),
      });
    }
  }
  return jobs;
}

export async function farmStatus(options: { url: string; language: Language; limit?: number }): Promise<FarmStatus> {
  const queue = openFarmQueue({ url: options.url, name: RENDER_QUEUE });
  try {
    const counts = await queue.getJobCounts('active', 'waiting', 'prioritized', 'delayed', 'completed', 'failed');
    const jobs = await jobsOf(queue, options.language, options.limit ?? 500);
    // a worker's connection is named `<queue>:w:<worker name>` (rawname) on both backends
    const workers = (await queue.getWorkers().catch(() => [])) as Array<{ rawname?: string }>;
    const names = new Set(workers.map((worker) => /:w:(.+)$/.exec(worker.rawname ?? '')?.[1]).filter((name): name is string => Boolean(name)));
    for (const job of jobs) if (job.state === 'active' && job.worker) names.add(job.worker);
    return {
      backend: backendOf(options.url),
      address: publicAddress(options.url),
      counts: {
        waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts.delayed ?? 0),
        active: counts.active ?? 0,
        done: counts.completed ?? 0,
        parked: counts.failed ?? 0,
      },
      workers: [...names].sort().map((name) => ({ name, busyWith: jobs.filter((job) => job.state === 'active' && job.worker === name).map((job) => job.id) })),
      jobs,
    };
  } finally {
    await queue.close();
  }
}
