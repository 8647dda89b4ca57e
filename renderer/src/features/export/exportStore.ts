/**
 * Exports: the chosen presets and output folder, and every job started in this
 * session with its progress (from export.* events), outputs or error.
 */
import type { ApiError, EventPayload, ExportOutput } from '../../../../core/api/contract.js';
import type { PresetId } from '../../../../core/presets.js';
import { call, onEvent, RECONNECTED_EVENT } from '../../api/client.js';
import { createStore } from '../../store.js';
import { guarded } from '../errors/errorStore.js';
import { projectStore } from '../../project/store.js';

export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

export interface JobView {
  jobId: string;
  presets: PresetId[];
  outDir: string;
  state: JobState;
  /** the preset being encoded, its percent and time left */
  preset?: string;
  presetPercent: number;
  etaSeconds?: number;
  outputs: ExportOutput[];
  error?: ApiError;
  cancelling: boolean;
}

export const exportStore = createStore({
  presets: ['tiktok'] as PresetId[],
  outDir: '',
  jobs: [] as JobView[],
});

/** The whole job's percent: finished presets count fully, the running one by its percent. */
export function jobPercent(job: JobView): number {
  if (job.state === 'done') return 100;
  const index = job.preset ? Math.max(0, job.presets.indexOf(job.preset as PresetId)) : 0;
  const value = ((index * 100 + job.presetPercent) / Math.max(1, job.presets.length));
  return Math.min(100, Math.max(0, Math.round(value * 10) / 10));
}

function patchJob(jobId: string, patch: Partial<JobView>): void {
  exportStore.set((state) => ({ jobs: state.jobs.map((job) => (job.jobId === jobId ? { ...job, ...patch } : job)) }));
}

export function togglePreset(preset: PresetId): void {
  exportStore.set((state) => ({
    presets: state.presets.includes(preset) ? state.presets.filter((id) => id !== preset) : [...state.presets, preset],
  }));
}

export function setOutDir(outDir: string): void {
  exportStore.set({ outDir: outDir.trim() });
}

export async function startExport(): Promise<string | undefined> {
  const { project, path } = projectStore.get();
  const { presets, outDir } = exportStore.get();
  if (!project || presets.length === 0 || !outDir) return undefined;
  const started = await guarded(() => call('export.start', { project, projectPath: path, presets, outDir }));
  if (!started) return undefined;
  const job: JobView = { jobId: started.jobId, presets: [...presets], outDir, state: 'running', presetPercent: 0, outputs: [], cancelling: false };
  // events may have arrived before the answer: keep what they said
  exportStore.set((state) => ({
    jobs: state.jobs.some((item) => item.jobId === job.jobId) ? state.jobs.map((item) => (item.jobId === job.jobId ? { ...job, ...item, presets: job.presets, outDir } : item)) : [job, ...state.jobs],
  }));
  return started.jobId;
}

export async function cancelExport(jobId: string): Promise<void> {
  patchJob(jobId, { cancelling: true });
  const result = await guarded(() => call('export.cancel', { jobId }));
  if (!result?.cancelled) patchJob(jobId, { cancelling: false });
}

export async function openFolder(path: string): Promise<void> {
  await guarded(() => call('shell.openFolder', { path }));
}

function ensureJob(jobId: string): void {
  if (exportStore.get().jobs.some((job) => job.jobId === jobId)) return;
  const placeholder: JobView = { jobId, presets: [], outDir: '', state: 'running', presetPercent: 0, outputs: [], cancelling: false };
  exportStore.set((state) => ({ jobs: [placeholder, ...state.jobs] }));
}

function onProgress(event: EventPayload<'export.progress'>): void {
  ensureJob(event.jobId);
  const job = exportStore.get().jobs.find((item) => item.jobId === event.jobId);
  if (job && job.state !== 'running') return;
  patchJob(event.jobId, { preset: event.preset, presetPercent: event.percent, etaSeconds: event.etaSeconds });
}

/**
 * Catch up with the engine's job list: after the window reloaded (jobs keep
 * running in the engine) or the event stream reconnected (events may be lost).
 */
export async function syncJobs(): Promise<void> {
  const listed = await guarded(() => call('export.list', {}));
  if (!listed) return;
  for (const job of listed.jobs) {
    ensureJob(job.jobId);
    patchJob(job.jobId, {
      presets: job.presets,
      outDir: job.outDir,
      state: job.state,
      outputs: job.outputs,
      ...(job.error ? { error: job.error } : {}),
      ...(job.progress ? { preset: job.progress.preset, presetPercent: job.progress.percent, etaSeconds: job.progress.etaSeconds } : {}),
      ...(job.state !== 'running' ? { cancelling: false } : {}),
    });
  }
}

/** Listen to the engine's export events for the lifetime of the app. */
export function listenToExports(): () => void {
  const stops = [
    onEvent('export.progress', onProgress),
    onEvent('export.done', (event) => {
      ensureJob(event.jobId);
      patchJob(event.jobId, { state: 'done', outputs: event.outputs, presetPercent: 100, etaSeconds: 0, cancelling: false });
    }),
    onEvent('export.failed', (event) => {
      ensureJob(event.jobId);
      patchJob(event.jobId, { state: 'failed', error: event.error, cancelling: false });
    }),
    onEvent('export.cancelled', (event) => {
      ensureJob(event.jobId);
      patchJob(event.jobId, { state: 'cancelled', cancelling: false });
    }),
  ];
  const resync = () => void syncJobs();
  window.addEventListener(RECONNECTED_EVENT, resync);
  void syncJobs();
  return () => {
    stops.forEach((stop) => stop());
    window.removeEventListener(RECONNECTED_EVENT, resync);
  };
}
