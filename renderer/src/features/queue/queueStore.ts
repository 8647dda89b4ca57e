/**
 * The queue panel's state: every job of the export queue as the engine lists
 * it (refreshed on export events and every second), whether the queue is
 * paused, and the current "run" (the jobs since the queue was last idle) for
 * the overall bar, its time left and the notification when it ends.
 */
import type { EventPayload, QueueEntry } from '../../../../core/api/contract.js';
import { queueProgress, type QueueProgress } from '../../../../core/batch/progress.js';
import { call, onEvent, RECONNECTED_EVENT } from '../../api/client.js';
import { translate, languageStore } from '../../i18n.js';
import { createStore } from '../../store.js';
import { guarded } from '../errors/errorStore.js';

export type QueueJobState = QueueEntry['state'];

export const queueStore = createStore({
  jobs: [] as QueueEntry[],
  paused: false,
  /** job ids of the current run, and when it started (ms) */
  run: { ids: [] as string[], startedAt: 0 },
  /** what the last finished run came to (shown until the next run starts) */
  lastRun: undefined as { done: number; failed: number } | undefined,
  /** a cancel asked for and not yet answered */
  busy: [] as string[],
});

const unfinished = (job: QueueEntry) => job.state === 'queued' || job.state === 'running';

/** A job's percent: its finished presets fully, the running one by its percent. */
export function entryPercent(job: QueueEntry): number {
  if (job.state === 'done') return 100;
  if (!job.progress || job.presets.length === 0) return 0;
  const index = Math.max(0, job.presets.indexOf(job.progress.preset as QueueEntry['presets'][number]));
  return Math.min(100, Math.round(((index * 100 + job.progress.percent) / job.presets.length) * 10) / 10);
}

/** The whole run's percent and time left (core/batch/progress.ts). */
export function runProgress(state: ReturnType<typeof queueStore.get>, nowMs: number): QueueProgress & { done: number; total: number } {
  const jobs = state.run.ids.map((id) => state.jobs.find((job) => job.jobId === id)).filter((job): job is QueueEntry => job !== undefined);
  const progress = queueProgress({
    jobs: jobs.map((job) => ({ presets: job.presets, finished: !unfinished(job), ...(job.progress ? { current: { preset: job.progress.preset, percent: job.progress.percent } } : {}) })),
    elapsedSeconds: Math.max(0, (nowMs - state.run.startedAt) / 1000),
  });
  return { ...progress, done: jobs.filter((job) => !unfinished(job)).length, total: jobs.length };
}

/**
 * An OS notification when a run of more than one job has ended: the app's main
 * process shows it (the window's own permission stays denied); where there is
 * no main process (the browser harness) the web Notification API, if allowed.
 */
async function notifyRunEnded(result: { done: number; failed: number }): Promise<void> {
  try {
    await call('shell.notifyQueueFinished', result);
    return;
  } catch {
    // no OS notification here: the web one below, else only the panel's own message
  }
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const language = languageStore.get().language;
  new Notification(translate(language, 'queue.finishedTitle'), { body: translate(language, 'queue.finishedBody', { done: result.done, failed: result.failed }) });
}

/** Take the engine's list; start, grow or end the current run. */
function applyList(jobs: QueueEntry[], paused: boolean): void {
  const { run } = queueStore.get();
  const open = jobs.filter(unfinished).map((job) => job.jobId);
  const ids = [...run.ids.filter((id) => jobs.some((job) => job.jobId === id)), ...open.filter((id) => !run.ids.includes(id))];
  const startedAt = run.ids.length ? run.startedAt : Date.now();
  const inRun = ids.map((id) => jobs.find((job) => job.jobId === id)!);
  if (ids.length && inRun.every((job) => !unfinished(job))) {
    const result = { done: inRun.filter((job) => job.state === 'done').length, failed: inRun.filter((job) => job.state === 'failed').length };
    if (ids.length > 1) void notifyRunEnded(result);
    queueStore.set({ jobs, paused, run: { ids: [], startedAt: 0 }, lastRun: result });
    return;
  }
  queueStore.set({ jobs, paused, run: { ids, startedAt: ids.length ? startedAt : 0 }, ...(open.length ? { lastRun: undefined } : {}) });
}

export async function refreshQueue(): Promise<void> {
  const listed = await guarded(() => call('queue.list', {}));
  if (listed) applyList(listed.jobs, listed.paused);
}

/** Ask once, when the admin queues something (a click), whether the app may notify. */
export function askNotificationPermission(): void {
  if (typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission().catch(() => undefined);
}

async function act(action: () => Promise<unknown>): Promise<void> {
  await guarded(action);
  await refreshQueue();
}

export const pauseQueue = () => act(() => call('queue.pause', {}));
export const resumeQueue = () => act(() => call('queue.resume', {}));
export const cancelAll = () => act(() => call('queue.cancelAll', {}));
export const retryJob = (jobId: string) => act(() => call('queue.retry', { jobId }));
export const moveJob = (jobId: string, direction: 'up' | 'down') => act(() => call('queue.move', { jobId, direction }));
export const clearFinished = () => act(() => call('queue.clearFinished', {}));
export const showInFolder = (folder: string) => guarded(() => call('shell.openFolder', { path: folder }));

export async function cancelJob(jobId: string): Promise<void> {
  queueStore.set((state) => ({ busy: [...state.busy, jobId] }));
  await act(() => call('queue.cancel', { jobId }));
  queueStore.set((state) => ({ busy: state.busy.filter((id) => id !== jobId) }));
}

function onProgress(event: EventPayload<'export.progress' | 'queue.progress'>): void {
  const { preset, percent, etaSeconds } = event;
  queueStore.set((state) => ({
    jobs: state.jobs.map((job) => (job.jobId === event.jobId && job.state === 'running' ? { ...job, progress: { preset, percent, ...(etaSeconds !== undefined ? { etaSeconds } : {}) } } : job)),
  }));
}

/** Follow the queue while the panel is shown: export events, and a list every second (the CLI's jobs send no events here). */
export function watchQueue(): () => void {
  const refresh = () => void refreshQueue();
  const stops = [
    ...(['export.progress', 'queue.progress'] as const).map((event) => onEvent(event, onProgress)),
    ...(['export.done', 'export.failed', 'export.cancelled', 'queue.done', 'queue.failed', 'queue.cancelled'] as const).map((event) => onEvent(event, refresh)),
  ];
  window.addEventListener(RECONNECTED_EVENT, refresh);
  const timer = window.setInterval(refresh, 1000);
  refresh();
  return () => {
    stops.forEach((stop) => stop());
    window.removeEventListener(RECONNECTED_EVENT, refresh);
    window.clearInterval(timer);
  };
}
