/**
 * Which datastore a farm runs on: the connection string decides. `postgres://`
 * (the coordinator's embedded PostgreSQL, or the office's own) uses BullMQ's
 * PostgreSQL backend; `redis://` uses BullMQ's original Redis backend. Both give
 * the same Queue and Worker classes, so the rest of the farm does not care.
 */
import { createPostgresBackend, Queue, Worker, withBackend, type Job, type Processor, type WorkerOptions } from 'bullmq';
import { badInput } from '@core/errors.js';
import type { FarmJob, FarmProgress } from '@core/farm.js';

export type FarmBackend = 'postgres' | 'redis';

/** the queue of render jobs */
export const RENDER_QUEUE = 'klipkota-render';
/** the packs jobs use, stored by the submitter for workers that lack them (never processed) */
export const PACK_QUEUE = 'klipkota-packs';

export type FarmJobResult = { outputs: string[]; worker: string };
export type FarmQueue = Queue<FarmJob | Record<string, unknown>, FarmJobResult, string>;
export type FarmRenderJob = Job<FarmJob, FarmJobResult, string>;
export type FarmWorker = Worker<FarmJob, FarmJobResult, string>;

export function backendOf(url: string): FarmBackend {
  if (/^postgres(ql)?:\/\//i.test(url)) return 'postgres';
  if (/^rediss?:\/\//i.test(url)) return 'redis';
  throw badInput('farm-url', {
    id: `Alamat farm "${url.replace(/:[^:@/]*@/, ':***@')}" tidak dikenal. Pakai kode gabung dari "klipkota farm serve", atau alamat postgres://... atau redis://...`,
    en: `The farm address "${url.replace(/:[^:@/]*@/, ':***@')}" is not recognised. Use the join code from "klipkota farm serve", or a postgres://... or redis://... address.`,
  });
}

/** The address without its password, for printing. */
export function publicAddress(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.hostname}:${parsed.port || (backendOf(url) === 'redis' ? '6379' : '5432')}`;
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

/** a queue (status, sending) stops trying a Redis that does not answer after this many reconnects; workers keep trying */
const QUEUE_RECONNECTS = 3;

/** ioredis options from a redis:// address (BullMQ workers need maxRetriesPerRequest null). */
function redisOptions(url: string, options: { giveUp: boolean }) {
  const parsed = new URL(url);
  const db = Number(parsed.pathname.replace(/^\//, '') || '0');
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    db: Number.isInteger(db) ? db : 0,
    maxRetriesPerRequest: null,
    ...(options.giveUp ? { retryStrategy: (times: number) => (times > QUEUE_RECONNECTS ? null : 300) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/** What BullMQ's `connection` option is for this address (PostgreSQL: made ready by the coordinator, or here when `migrate`). */
function connectionFor(options: { url: string; migrate: boolean; giveUp: boolean }) {
  return backendOf(options.url) === 'postgres' ? { connectionString: options.url, migrate: options.migrate } : redisOptions(options.url, { giveUp: options.giveUp });
}

/** A queue on the farm (the coordinator sets up the PostgreSQL tables with `migrate`). */
export function openFarmQueue(options: { url: string; name: string; migrate?: boolean }): FarmQueue {
  const connection = connectionFor({ url: options.url, migrate: options.migrate ?? false, giveUp: true });
  const queue =
    backendOf(options.url) === 'postgres'
      ? (new (withBackend(createPostgresBackend).Queue)(options.name, { connection: connection as { connectionString: string } }) as unknown as FarmQueue)
      : new Queue(options.name, { connection: connection as ReturnType<typeof redisOptions> });
  // a farm that cannot be reached fails the call that needed it; the connection's own error events are not printed
  queue.on('error', () => undefined);
  return queue as FarmQueue;
}

export type FarmWorkerOptions = Pick<WorkerOptions, 'lockDuration' | 'stalledInterval' | 'maxStalledCount' | 'concurrency' | 'name' | 'autorun'>;

/** A BullMQ worker on the render queue. */
export function openFarmWorker(options: { url: string; processor: Processor<FarmJob, FarmJobResult, string>; workerOptions: FarmWorkerOptions }): FarmWorker {
  const connection = connectionFor({ url: options.url, migrate: false, giveUp: false });
  if (backendOf(options.url) === 'postgres') {
    const classes = withBackend(createPostgresBackend);
    return new classes.Worker<FarmJob, FarmJobResult, string>(RENDER_QUEUE, options.processor, {
      connection: connection as { connectionString: string },
      ...options.workerOptions,
    }) as unknown as FarmWorker;
  }
  return new Worker<FarmJob, FarmJobResult, string>(RENDER_QUEUE, options.processor, { connection: connection as ReturnType<typeof redisOptions>, ...options.workerOptions });
}

/** A job's progress as a worker reports it, or undefined when it has none (yet). */
export function progressOf(job: { progress: unknown }): FarmProgress | undefined {
  const progress = job.progress;
  return typeof progress === 'object' && progress !== null && 'worker' in progress ? (progress as FarmProgress) : undefined;
}
