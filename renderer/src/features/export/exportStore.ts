/**
 * Exports: the chosen presets and output folder, and every job started in this
 * session with its progress (from export.* events), outputs or error.
 */
import type { ApiError, EventPayload, ExportOutput } from '@core/api/contract.js';
import type { PresetId } from '@core/presets.js';
import { call, onEvent, RECONNECTED_EVENT } from '../../api/client.js';
import { createStore } from '../../store.js';
import { guarded } from '../errors/errorStore.js';
import { projectStore } from '../../project/store.js';

export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

export interface JobView {
  jobId: string;
  /** the project's name when it was exported */
  projectName?: string;
  /** when the preset being encoded started (ms), for the whole job's time left */
  presetStartedAt?: number;
  /** the whole job's time left, smoothed so it does not jump */
  jobEtaSeconds?: number;
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
  /** the settings' default until they are loaded (then what the admin chose last) */
  presets: ['tiktok', 'youtube'] as PresetId[],
  outDir: '',
  jobs: [] as JobView[],
  /** outputs already in the folder: the admin chooses replace, keep both or cancel */
  existing: undefined as { files: string[]; keepBothName: string } | undefined,
  /** finished jobs the admin cleared from the list */
  cleared: readClearedJobs(),
  /** also write the captions as an .srt next to each video (offered when the project has captions) */
  sidecar: false,
});

export function setSidecar(sidecar: boolean): void {
  exportStore.set({ sidecar });
}

function readClearedJobs(): string[] {
  try {
    return JSON.parse(globalThis.localStorage?.getItem('klipkota.clearedJobs') ?? '[]') as string[];
  } catch {
    return [];
  }
}

/** Hide the finished jobs (done, failed, cancelled) from the list, also after a reload. */
export function clearFinished(): void {
  const finished = exportStore.get().jobs.filter((job) => job.state !== 'running').map((job) => job.jobId);
  const cleared = [...new Set([...exportStore.get().cleared, ...finished])].slice(-500);
  exportStore.set({ cleared });
  try {
    globalThis.localStorage?.setItem('klipkota.clearedJobs', JSON.stringify(cleared));
  } catch {
    // kept for this session only
  }
}

/**
 * The whole job's time left: the running preset's ETA plus, for each preset
 * still to come, as long as this one takes in total; smoothed so it does not jump.
 */
export function wholeJobEta(options: { job: JobView; preset: string; percent: number; etaSeconds?: number; now: number }): number | undefined {
  const { job, percent, now } = options;
  if (options.etaSeconds === undefined) return job.jobEtaSeconds;
  const index = Math.max(0, job.presets.indexOf(options.preset as PresetId));
  const remaining = Math.max(0, job.presets.length - index - 1);
  const started = job.preset === options.preset && job.presetStartedAt !== undefined ? job.presetStartedAt : now;
  const elapsed = (now - started) / 1000;
  const perPreset = percent > 5 ? elapsed + options.etaSeconds : options.etaSeconds / Math.max(0.05, 1 - percent / 100);
  const estimate = options.etaSeconds + remaining * perPreset;
  const previous = job.jobEtaSeconds;
  return previous === undefined ? estimate : Math.max(0, previous * 0.8 + estimate * 0.2);
}

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

/** Keep the chosen presets and folder in the settings, so the next start has them again. */
function rememberChoices(): void {
  const { presets, outDir } = exportStore.get();
  void guarded(() => call('settings.set', { ...(presets.length > 0 ? { exportDefaults: { presets } } : {}), ...(outDir ? { outputFolder: outDir } : {}) }));
}

/** The presets and folder the settings remember (at start). */
export function restoreChoices(options: { presets: PresetId[]; outDir: string | null }): void {
  exportStore.set({ ...(options.presets.length > 0 ? { presets: [...options.presets] } : {}), ...(options.outDir ? { outDir: options.outDir } : {}) });
}

export function togglePreset(preset: PresetId): void {
  exportStore.set((state) => ({
    presets: state.presets.includes(preset) ? state.presets.filter((id) => id !== preset) : [...state.presets, preset],
  }));
  rememberChoices();
}

/** A folder as typed or pasted (Windows "Copy as path" wraps it in quotes). */
export function cleanPath(value: string): string {
  const trimmed = value.trim();
  return /^(["']).*\1$/.test(trimmed) ? trimmed.slice(1, -1).trim() : trimmed;
}

export function setOutDir(outDir: string): void {
  exportStore.set({ outDir: cleanPath(outDir) });
  rememberChoices();
}

/** Start the export; when outputs already exist the admin is asked first (replace, keep both, cancel). */
export async function startExport(): Promise<string | undefined> {
  const { project } = projectStore.get();
  const { presets, outDir } = exportStore.get();
  if (!project || presets.length === 0 || !outDir) return undefined;
  const check = await guarded(() => call('export.check', { projectName: project.name, presets, outDir }));
  if (!check) return undefined;
  if (check.existing.length > 0) {
    exportStore.set({ existing: { files: check.existing, keepBothName: check.keepBothName } });
    return undefined;
  }
  return runExport({ overwrite: false });
}

/** The admin's answer when outputs already exist. */
export async function answerExisting(answer: 'replace' | 'keepBoth' | 'cancel'): Promise<string | undefined> {
  const existing = exportStore.get().existing;
  exportStore.set({ existing: undefined });
  if (!existing || answer === 'cancel') return undefined;
  return answer === 'replace' ? runExport({ overwrite: true }) : runExport({ overwrite: false, name: existing.keepBothName });
}

async function runExport(options: { overwrite: boolean; name?: string }): Promise<string | undefined> {
  const { project: current, path } = projectStore.get();
  const { presets, outDir } = exportStore.get();
  if (!current) return undefined;
  // "keep both": the outputs are named after a numbered project name; the project itself is unchanged
  const project = options.name ? { ...current, name: options.name } : current;
  const sidecar = exportStore.get().sidecar && project.timeline.tracks.captions.length > 0;
  const started = await guarded(() =>
    call('export.start', { project, projectPath: path, presets, outDir, ...(options.overwrite ? { overwrite: true } : {}), ...(sidecar ? { sidecar: true } : {}) }),
  );
  if (!started) return undefined;
  const job: JobView = { jobId: started.jobId, projectName: project.name, presets: [...presets], outDir, state: 'running', presetPercent: 0, outputs: [], cancelling: false };
  // events may have arrived before the answer: keep what they said
  exportStore.set((state) => ({
    jobs: state.jobs.some((item) => item.jobId === job.jobId) ? state.jobs.map((item) => (item.jobId === job.jobId ? { ...job, ...item, presets: job.presets, outDir, projectName: project.name } : item)) : [job, ...state.jobs],
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
  if (!job) return;
  const now = Date.now();
  patchJob(event.jobId, {
    preset: event.preset,
    presetPercent: event.percent,
    etaSeconds: event.etaSeconds,
    presetStartedAt: job.preset === event.preset && job.presetStartedAt !== undefined ? job.presetStartedAt : now,
    jobEtaSeconds: wholeJobEta({ job, preset: event.preset, percent: event.percent, ...(event.etaSeconds !== undefined ? { etaSeconds: event.etaSeconds } : {}), now }),
  });
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
      projectName: job.projectName,
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
