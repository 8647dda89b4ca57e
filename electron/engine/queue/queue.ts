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
 * starts empty with a warning; a single bad job is set aside in
 * `queue.json.rejected.json` and the rest go on. A running job refreshes its
 * `updatedAt` every 30 s, so a job whose process is gone (or whose pid another
 * program now has, and that has been silent for 2 minutes) is known to be dead.
 * Finished jobs beyond the newest 200, or older than 30 days, are pruned on open.
 * Progress is not persisted (it changes too often).
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { isNetworkOrDevicePath, NETWORK_PATH_ISSUE, type ExportOutput } from '@core/api/contract.js';
import { badInput, toErrorData, type Language, type LocalizedText } from '@core/errors.js';
import { withCaptionsFile } from '../captions/subtitles.js';
import { withDefaultFields } from '@core/model/fields.js';
import type { Project } from '@core/model/project.js';
import { impliedOwner, isFinished, QueueJobSchema, type QueueJob, type QueueJobSource } from '@core/queue.js';
import { openProject } from '../project/projects.js';
import { isAlive, networkPathError, now, queueStore, type QueueStore } from './queue-file.js';
import type { RenderOutput, RenderRequest } from '../export/render.js';
import { endOrphanedProcess, observeProcesses, type ProcessObserver } from '../ffmpeg/lifetime.js';
import { adoptLanded, landedOutputs } from './landed.js';

/**
 * Videos rendered at once by the app's queue and `klipkota batch`, chosen by
 * measurement (`npm run bench -- --batch`, README "Batch"): on 2 cores a 10-row x
 * 2-preset sheet took 0.91 of the serial sum one at a time and 0.74 two at a time
 * (x264 already uses both cores; the second job fills the single-threaded parts:
 * probe, rasterizing, the loudness pass, checks, the joins). Peak memory is about
 * 400 MiB per export.
 */
export const DEFAULT_QUEUE_JOBS = 2;

export type { QueueJob, QueueJobSource } from '@core/queue.js';

export const QUEUE_FILE = 'queue.json';
/** finished jobs kept in queue.json: the newest this many ... */
export const KEEP_FINISHED = 200;
/** ... and none older than this */
export const KEEP_FINISHED_MS = 30 * 24 * 60 * 60 * 1000;
/** how often a running job says it is still alive */
export const HEARTBEAT_MS = 30_000;
/** a running job silent for this long is dead even when its pid exists (another program may have it now) */
export const RUNNER_SILENT_MS = 2 * 60 * 1000;

export interface QueueRecovery {
  /** jobs that were running when their process stopped; back in the queue */
  requeued: string[];
  /** `.part` files of those jobs that were deleted */
  removedPartials: string[];
  /** FFmpeg processes of those jobs that were still running and were ended */
  endedProcesses: number[];
  /** outputs of finished jobs that are no longer on disk */
  missingOutputs: Array<{ jobId: string; path: string }>;
  /** set when queue.json could not be read: where the unreadable file was kept */
  corrupt?: { backup: string; reason: string };
  /** finished jobs dropped from the file (too many or too old) */
  pruned: number;
  /** what the admin should be told, in both languages */
  warnings: LocalizedText[];
}

export interface NewQueueJob {
  source: QueueJobSource;
  /** who runs it (default: the app for inline jobs, the CLI for the others) */
  queuedBy?: QueueJob['queuedBy'];
  projectName: string;
  presets: QueueJob['presets'];
  outDir: string;
  overwrite?: boolean;
  sidecar?: boolean;
  captionsFile?: string;
  packDir?: string;
  libraryDir?: string;
  baseName?: string;
  outputNames?: Record<string, string>;
}

/** The file a job's project comes from (its folder, for a project carried in the job). */
function sourcePath(source: QueueJobSource): string {
  return source.kind === 'file' ? source.path : source.projectDir;
}

export interface ExportQueue {
  /** the queue file, or null for a queue kept in memory only */
  readonly file: string | null;
  /** what opening the queue found and repaired */
  readonly recovery: QueueRecovery;
  /** every job, oldest first (as last read or written) */
  list(): QueueJob[];
  get(jobId: string): QueueJob | undefined;
  /** add a job; a job the queue file could not hold (a network path, say) is refused with a KlipError */
  add(job: NewQueueJob): QueueJob;
  /** change one job; `only` guards the change (e.g. only while still queued); undefined when refused or unknown */
  update(jobId: string, patch: Partial<QueueJob>, only?: (job: QueueJob) => boolean): QueueJob | undefined;
  /** take the oldest queued job (of `among`, when given) for this process: it becomes `running`; undefined when none is left */
  claimNext(among?: (job: QueueJob) => boolean): QueueJob | undefined;
  /** change the whole list in one transaction (reorder, clear finished); `change` returns undefined to leave it */
  rewrite(change: (jobs: QueueJob[]) => QueueJob[] | undefined): void;
}

/** A running job nobody runs any more: its process is gone, or it has been silent too long (its pid now belongs to another program). */
export function isDeadRunner(job: QueueJob, at = Date.now()): boolean {
  if (job.state !== 'running') return false;
  if (job.runnerPid === undefined || !isAlive(job.runnerPid)) return true;
  const updated = Date.parse(job.updatedAt);
  return !Number.isFinite(updated) || at - updated > RUNNER_SILENT_MS;
}

/** Only what the contract says an output is (no timeline: queue.json stays small). */
export function storedOutput(output: ExportOutput | RenderOutput): ExportOutput {
  return {
    preset: output.preset,
    path: output.path,
    width: output.width,
    height: output.height,
    durationSeconds: output.durationSeconds,
    bytes: output.bytes,
    ...(output.sidecar ? { sidecar: output.sidecar } : {}),
    warnings: output.warnings.map((warning) => ({ code: warning.code, message: { id: warning.message.id, en: warning.message.en } })),
  };
}

/** Drop finished jobs beyond the newest KEEP_FINISHED or older than KEEP_FINISHED_MS; unfinished jobs always stay. */
export function pruneFinished(jobs: QueueJob[], at = Date.now()): QueueJob[] {
  const ended = (job: QueueJob) => Date.parse(job.finishedAt ?? job.updatedAt) || 0;
  const keep = new Set(
    jobs
      .filter((job) => isFinished(job.state) && at - ended(job) <= KEEP_FINISHED_MS)
      .sort((a, b) => ended(b) - ended(a))
      .slice(0, KEEP_FINISHED),
  );
  return jobs.filter((job) => !isFinished(job.state) || keep.has(job));
}

function checkedJob(job: QueueJob): QueueJob {
  const parsed = QueueJobSchema.safeParse(job);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (issue?.message === NETWORK_PATH_ISSUE) {
    const paths = [job.outDir, job.packDir, job.libraryDir, sourcePath(job.source)];
    throw networkPathError(paths.find((file) => file !== undefined && isNetworkOrDevicePath(file)) ?? issue.path.join('.'));
  }
  const where = issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid';
  throw badInput('queue-job-invalid', {
    id: `Ekspor ini tidak bisa dimasukkan ke antrean (${where}). Periksa proyek dan folder hasil, lalu coba lagi.`,
    en: `This export cannot be queued (${where}). Check the project and the output folder, then try again.`,
  }, where);
}

/** After a crash: jobs whose runner is gone lose their `.part` files and are queued again; old finished jobs are pruned. */
function requeueDeadJobs(options: { store: QueueStore; recovery: QueueRecovery; warn: (text: LocalizedText) => void }): void {
  const { store, recovery, warn } = options;
  store.transact((jobs) => {
    let changed = false;
    const repaired = jobs.map((job) => {
      if (!isDeadRunner(job)) return job;
      // an FFmpeg the dead runner left (its watchdog was killed too) would go on writing the .part
      for (const pid of job.ffmpegPids ?? []) if (endOrphanedProcess(pid)) recovery.endedProcesses.push(pid);
      const landed = landedOutputs(job);
      for (const partial of job.partials) {
        rmSync(partial, { force: true });
        recovery.removedPartials.push(partial);
      }
      recovery.requeued.push(job.id);
      changed = true;
      const { runnerPid: _pid, startedAt: _started, ffmpegPids: _ffmpeg, ...rest } = job;
      return { ...rest, state: 'queued' as const, partials: [], ...(landed.length ? { landed: [...(job.landed ?? []), ...landed] } : {}), updatedAt: now() };
    });
    const kept = pruneFinished(repaired);
    recovery.pruned = repaired.length - kept.length;
    return changed || recovery.pruned ? kept : undefined;
  });
  if (recovery.requeued.length) {
    warn({
      id: `${recovery.requeued.length} ekspor terhenti di tengah jalan (aplikasi tertutup atau komputer mati). Berkas sementaranya dihapus dan ekspor itu diantrekan lagi.`,
      en: `${recovery.requeued.length} export(s) stopped halfway (the app closed or the computer went off). Their temporary files were deleted and they are queued again.`,
    });
  }
}

/** Finished jobs whose outputs were moved or deleted since: reported, not changed. */
function reportMissingOutputs(options: { jobs: QueueJob[]; recovery: QueueRecovery; warn: (text: LocalizedText) => void }): void {
  const { recovery, warn } = options;
  for (const job of options.jobs) {
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

/** A new queued job, checked as queue.json will hold it; a network path is refused before path.resolve hides it. */
function newJob(input: NewQueueJob): QueueJob {
  // before path.resolve, which on Linux turns //host/share into /host/share
  const raw = [input.outDir, input.packDir, input.libraryDir, input.captionsFile, sourcePath(input.source)];
  const network = raw.find((file) => file !== undefined && isNetworkOrDevicePath(file));
  if (network !== undefined) throw networkPathError(network);
  const stamp = now();
  return checkedJob({
    id: randomUUID(),
    source: input.source,
    queuedBy: input.queuedBy ?? impliedOwner(input.source),
    projectName: input.projectName,
    presets: [...new Set(input.presets)],
    outDir: path.resolve(input.outDir),
    overwrite: input.overwrite ?? false,
    ...(input.sidecar ? { sidecar: true } : {}),
    ...(input.captionsFile ? { captionsFile: path.resolve(input.captionsFile) } : {}),
    ...(input.packDir ? { packDir: input.packDir } : {}),
    ...(input.libraryDir ? { libraryDir: input.libraryDir } : {}),
    ...(input.baseName ? { baseName: input.baseName } : {}),
    ...(input.outputNames ? { outputNames: input.outputNames } : {}),
    state: 'queued',
    outputs: [],
    partials: [],
    createdAt: stamp,
    updatedAt: stamp,
  });
}

/** Change the jobs `pick` chooses (the first one only when `first`); returns the changed job, or undefined when none was. */
function changeJob(store: QueueStore, options: { pick: (job: QueueJob) => boolean; change: (job: QueueJob) => QueueJob; first?: boolean }): QueueJob | undefined {
  let changed: QueueJob | undefined;
  store.transact((jobs) => {
    const next = jobs.map((job) => {
      if ((options.first && changed) || !options.pick(job)) return job;
      changed = options.change(job);
      return changed;
    });
    return changed ? next : undefined;
  });
  return changed;
}

/**
 * Open the queue in `home` (null: in memory only, for callers that persist nothing).
 * Repairs what a crash left behind and prunes old finished jobs; see `recovery`.
 */
export function openExportQueue(options: { home: string | null; onWarning?: (text: LocalizedText) => void }): ExportQueue {
  const file = options.home ? path.join(path.resolve(options.home), QUEUE_FILE) : null;
  const recovery: QueueRecovery = { requeued: [], removedPartials: [], endedProcesses: [], missingOutputs: [], pruned: 0, warnings: [] };
  const warn = (text: LocalizedText) => {
    recovery.warnings.push(text);
    options.onWarning?.(text);
  };
  const store = queueStore({
    file,
    warn,
    onCorrupt: (corrupt) => {
      recovery.corrupt ??= corrupt;
    },
  });
  if (file) {
    mkdirSync(path.dirname(file), { recursive: true });
    requeueDeadJobs({ store, recovery, warn });
    reportMissingOutputs({ jobs: store.jobs(), recovery, warn });
  }
  return {
    file,
    recovery,
    list: () => [...store.jobs()],
    get: (jobId) => store.jobs().find((job) => job.id === jobId),
    add(input) {
      const job = newJob(input);
      store.transact((jobs) => [...jobs, job]);
      return job;
    },
    update: (jobId, patch, only) =>
      changeJob(store, {
        pick: (job) => job.id === jobId && (!only || only(job)),
        change: (job) => ({ ...job, ...patch, ...(patch.outputs ? { outputs: patch.outputs.map(storedOutput) } : {}), id: job.id, updatedAt: now() }),
      }),
    rewrite: (change) => store.transact(change),
    claimNext: (among) =>
      changeJob(store, {
        first: true,
        pick: (job) => job.state === 'queued' && (!among || among(job)),
        change: (job) => ({ ...job, state: 'running', runnerPid: process.pid, startedAt: now(), partials: [], updatedAt: now() }),
      }),
  };
}

export type RenderFunction = (request: RenderRequest) => Promise<ExportOutput[]>;

/** The project a job renders: read from its file (checked like any project file) or carried inline. */
export async function jobProject(job: QueueJob): Promise<{ project: Project; projectDir: string }> {
  if (job.source.kind !== 'file') return { project: job.source.project, projectDir: job.source.projectDir };
  const opened = await openProject({ path: job.source.path });
  return { project: opened.project, projectDir: path.dirname(opened.path) };
}

/** The presets a job still has to render: those without a recorded output that is still on disk. */
export function presetsLeft(job: QueueJob): QueueJob['presets'] {
  return job.presets.filter((preset) => !job.outputs.some((output) => output.preset === preset && existsSync(output.path)));
}

/** Keeps the job's list of running FFmpeg pids (encoders only: probes are short) in the queue file. */
function ffmpegPidRecorder(write: (pids: number[]) => void): ProcessObserver {
  const pids = new Set<number>();
  const change = (tool: string, apply: () => void) => {
    if (tool !== 'ffmpeg') return;
    apply();
    write([...pids]);
  };
  return {
    started: (pid, tool) => change(tool, () => pids.add(pid)),
    ended: (pid, tool) => change(tool, () => pids.delete(pid)),
  };
}

/** What the job chose about its outputs and pack, as the render request takes it. */
function jobOutputChoices(job: QueueJob): Pick<RenderRequest, 'overwrite' | 'sidecar' | 'packDir' | 'libraryDir' | 'baseName' | 'outputNames'> {
  return {
    overwrite: job.overwrite,
    ...(job.sidecar ? { sidecar: true } : {}),
    ...(job.packDir ? { packDir: job.packDir } : {}),
    ...(job.libraryDir ? { libraryDir: job.libraryDir } : {}),
    ...(job.baseName ? { baseName: job.baseName } : {}),
    ...(job.outputNames ? { outputNames: job.outputNames } : {}),
  };
}

/**
 * Run one claimed job to its end and record it: `done` with its outputs,
 * `failed` with its error, or (when `signal` was aborted) `stopAs()`:
 * `cancelled` when the admin cancelled, `queued` to run again later (app quit,
 * Ctrl+C). Each output is recorded the moment it is in place, and a job run
 * again renders only the presets it has no output for yet. The `.part` paths
 * are recorded before FFmpeg writes them. The project gets the export's
 * default title and date (withDefaultFields), whoever runs it.
 * Never throws: a queue file that cannot be written (disk full, locked) is
 * logged and the job goes on; the returned job says how it ended.
 */
export async function runQueueJob(options: {
  queue: ExportQueue;
  job: QueueJob;
  render: RenderFunction;
  signal: AbortSignal;
  language: Language;
  stopAs?: () => 'cancelled' | 'queued';
  /** last touches to the project before it renders, after the default fields */
  prepare?: (project: Project) => Project;
  onProgress?: RenderRequest['onProgress'];
  log?: RenderRequest['log'];
  /** encode intro and outro cards once for the whole queue (see export/bumper-cache.ts) */
  bumperCacheDir?: string;
}): Promise<QueueJob> {
  const { queue, job, signal } = options;
  const warn = options.log ?? ((line: string) => console.error(line));
  const mine = (entry: QueueJob) => entry.state === 'running' && entry.runnerPid === process.pid;
  const safeUpdate = (patch: Partial<QueueJob>, only?: (entry: QueueJob) => boolean): QueueJob | undefined => {
    try {
      return queue.update(job.id, patch, only);
    } catch (error) {
      warn(`klipkota: the export queue could not be updated (${(error as Error).message}); the export goes on`);
      return undefined;
    }
  };
  const partials: string[] = [];
  const outputs: ExportOutput[] = job.outputs.filter((output) => existsSync(output.path)).map(storedOutput);
  const finish = (patch: Partial<QueueJob>): QueueJob => {
    const ended = { runnerPid: undefined, ffmpegPids: undefined, error: undefined, partials: [], landed: undefined, outputs: [...outputs], ...patch, ...(patch.state === 'queued' ? { startedAt: undefined } : { finishedAt: now() }) };
    return safeUpdate(ended) ?? { ...job, ...ended };
  };
  const record = (output: ExportOutput | RenderOutput) => {
    const stored = storedOutput(output);
    const index = outputs.findIndex((entry) => entry.preset === stored.preset);
    if (index >= 0) outputs.splice(index, 1);
    outputs.push(stored);
  };
  const heartbeat = setInterval(() => safeUpdate({}, mine), HEARTBEAT_MS);
  heartbeat.unref?.();
  try {
    await adoptLanded(job, record);
    const presets = presetsLeft({ ...job, outputs });
    if (presets.length) {
      const { project: read, projectDir } = await jobProject(job);
      const project = job.captionsFile ? await withCaptionsFile({ project: read, path: job.captionsFile }) : read;
      const filled = withDefaultFields(project, { date: new Date(), language: options.language });
      const processes = ffmpegPidRecorder((pids) => safeUpdate({ ffmpegPids: pids }, mine));
      const rendered = await observeProcesses(processes, () => options.render({
        project: options.prepare ? options.prepare(filled) : filled,
        projectDir,
        presets,
        outDir: job.outDir,
        ...jobOutputChoices(job),
        ...(options.bumperCacheDir ? { bumperCacheDir: options.bumperCacheDir } : {}),
        signal,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        ...(options.log ? { log: options.log } : {}),
        onPartial: (partial) => {
          partials.push(partial);
          safeUpdate({ partials: [...partials] });
        },
        onOutput: (output) => {
          record(output);
          safeUpdate({ outputs: [...outputs] });
        },
      }));
      for (const output of rendered) record(output);
    }
    // the files are in place: a cancel that came too late does not undo that
    outputs.sort((a, b) => (job.presets as string[]).indexOf(a.preset) - (job.presets as string[]).indexOf(b.preset));
    return finish({ state: 'done' });
  } catch (error) {
    if (signal.aborted) return finish({ state: options.stopAs?.() ?? 'cancelled' });
    return finish({ state: 'failed', error: toErrorData(error, options.language) });
  } finally {
    clearInterval(heartbeat);
  }
}
