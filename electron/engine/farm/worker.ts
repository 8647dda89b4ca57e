/**
 * A farm worker: takes render jobs from the farm's queue one at a time and
 * renders them with this PC's own FFmpeg through the same engine as a local
 * export (renderProject: `.part`, probe, rename). Before acting on a job it
 * parses it with the farm schemas (core/farm.ts, built from the local queue's
 * schemas), checks that the output folder is one the coordinator's admin chose
 * and that every media file is visible under this PC's shared folder. A job
 * another worker started and abandoned (its lock expired) is taken again: the
 * abandoned `.part` files are deleted and outputs it had already renamed into
 * place are kept, not rendered twice.
 */
import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { UnrecoverableError, WaitingError } from 'bullmq';
import { KlipError, toErrorData, type LocalizedText } from '@core/errors.js';
import { farmMediaPaths, farmOutputPath, FarmJobSchema, isUnderOutputFolders, mapMediaPaths, type FarmJob, type FarmProgress } from '@core/farm.js';
import { renderProject } from '../export/render.js';
import { probeMedia } from '../ffmpeg/probe.js';
import { packLibraryDir, trustFilePath } from '../pack/home.js';
import { openFarmQueue, openFarmWorker, PACK_QUEUE, progressOf, type FarmJobResult, type FarmQueue, type FarmRenderJob, type FarmWorker } from './connection.js';
import type { JoinCode } from './join-code.js';
import { packFolderForJob } from './packs.js';

export type FarmWorkerEvent =
  | { event: 'started'; jobId: string; projectName: string; presets: string[] }
  | { event: 'progress'; jobId: string; percent: number; preset?: string }
  | { event: 'done'; jobId: string; outputs: string[] }
  | { event: 'failed'; jobId: string; code: string; message: LocalizedText }
  | { event: 'returned'; jobId: string };

export interface FarmWorkerSetup {
  join: JoinCode;
  /** this PC's path to the shared folder */
  share: string;
  home: string;
  /** how long a silent worker keeps a job before another takes it */
  lockMs: number;
  signal: AbortSignal;
  onEvent: (event: FarmWorkerEvent) => void;
  name?: string;
}

/** A job's failure as BullMQ stores it: the code and both languages, so `farm status` can show it in the admin's. */
function failure(error: unknown): { code: string; message: LocalizedText } {
  if (error instanceof KlipError) return { code: error.code, message: error.text };
  const id = toErrorData(error, 'id');
  return { code: id.code, message: { id: id.message, en: toErrorData(error, 'en').message } };
}

function refused(code: string, text: LocalizedText): UnrecoverableError {
  return new UnrecoverableError(JSON.stringify({ code, message: text }));
}

/** The job's data, checked as the local queue checks its jobs; anything else is refused for good. */
function checkedJob(job: FarmRenderJob, join: JoinCode): FarmJob {
  const parsed = FarmJobSchema.safeParse(job.data);
  if (!parsed.success) {
    const where = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'job'}: ${issue.message}`).slice(0, 3).join('; ');
    throw refused('farm-job-invalid', {
      id: `Pekerjaan farm ditolak karena isinya tidak sah (${where}). Pekerjaan hanya berisi data proyek, tidak pernah perintah. Kirim ulang dari KlipKota.`,
      en: `The farm job was refused because its content is not valid (${where}). A job holds project data, never a command. Send it again from KlipKota.`,
    });
  }
  if (!isUnderOutputFolders({ outDir: parsed.data.outDir, outputs: join.outputs })) {
    throw refused('farm-output-refused', {
      id: `Pekerjaan farm ditolak: folder hasil "${parsed.data.outDir}" bukan folder hasil yang dipilih admin koordinator (${join.outputs.join(', ')}).`,
      en: `The farm job was refused: the output folder "${parsed.data.outDir}" is not one the coordinator's admin chose (${join.outputs.join(', ')}).`,
    });
  }
  return parsed.data;
}

/** A share-relative path on this PC, never outside the shared folder. */
export function localPath(share: string, relative: string): string {
  const file = path.resolve(share, ...relative.split('/'));
  const inside = path.relative(path.resolve(share), file);
  if (inside.startsWith('..') || path.isAbsolute(inside)) throw refused('farm-path-outside', { id: `Jalur "${relative}" keluar dari folder bersama.`, en: `The path "${relative}" leaves the shared folder.` });
  return file;
}

function checkMediaVisible(job: FarmJob, share: string): void {
  const missing = farmMediaPaths(job.project).filter((file) => !existsSync(localPath(share, file)));
  if (!missing.length) return;
  throw new KlipError({
    code: 'farm-media-missing',
    kind: 'failed',
    detail: missing.join(', '),
    text: {
      id: `PC ini tidak bisa melihat berkas media di folder bersama (${share}): ${missing.join(', ')}. Pastikan folder bersama terpasang di PC ini (opsi --share) dan berkasnya sudah disalin ke sana.`,
      en: `This PC cannot see media files in the shared folder (${share}): ${missing.join(', ')}. Make sure the shared folder is mapped on this PC (the --share option) and the files were copied there.`,
    },
  });
}

/** Delete the `.part` files an abandoned attempt of this job left for its outputs (the job's lock is ours: nobody else writes them). */
async function removeAbandonedParts(targets: string[]): Promise<string[]> {
  const removed: string[] = [];
  for (const target of targets) {
    const prefix = `${path.basename(target)}.`;
    for (const name of await readdir(path.dirname(target)).catch(() => [] as string[])) {
      if (!name.startsWith(prefix) || !name.endsWith('.part')) continue;
      await rm(path.join(path.dirname(target), name), { force: true });
      removed.push(name);
    }
  }
  return removed;
}

/** The presets still to render; an output already in place on a retaken job was renamed there by an earlier attempt (only after it probed right). */
async function presetsLeft(options: { job: FarmJob; share: string; retaken: boolean }): Promise<{ left: FarmJob['presets']; kept: string[] }> {
  const kept: string[] = [];
  const left: FarmJob['presets'] = [];
  for (const preset of options.job.presets) {
    const relative = farmOutputPath(options.job, preset);
    const target = localPath(options.share, relative);
    if (!existsSync(target)) left.push(preset);
    else if (options.retaken && (await probeMedia(target).then((info) => Boolean(info.video && info.audio), () => false))) kept.push(relative);
    else if (options.retaken) {
      await rm(target, { force: true }); // cannot happen with rename-after-probe; never keep a file that does not probe
      left.push(preset);
    } else {
      throw refused('output-exists', {
        id: `Berkas ${relative} sudah ada di folder bersama dan tidak ditimpa. Hapus atau pindahkan berkas itu, lalu kirim ulang.`,
        en: `${relative} already exists in the shared folder and is not overwritten. Delete or move it, then send again.`,
      });
    }
  }
  return { left, kept };
}

interface Running {
  controller: AbortController;
  token?: string;
}

/** Render one job; the outputs (share-relative) when done. */
async function renderJob(options: { setup: FarmWorkerSetup; packs: FarmQueue; job: FarmRenderJob; running: Running; name: string }): Promise<FarmJobResult> {
  const { setup, job, running, name } = options;
  const farmJob = checkedJob(job, setup.join);
  checkMediaVisible(farmJob, setup.share);
  setup.onEvent({ event: 'started', jobId: job.id!, projectName: farmJob.projectName, presets: farmJob.presets });
  const targets = farmJob.presets.map((preset) => localPath(setup.share, farmOutputPath(farmJob, preset)));
  await removeAbandonedParts(targets);
  const { left, kept } = await presetsLeft({ job: farmJob, share: setup.share, retaken: job.attemptsStarted > 1 || job.stalledCounter > 0 || Boolean(progressOf(job)) });
  const done = [...kept];
  const report = (progress: Omit<FarmProgress, 'worker' | 'done'>) => job.updateProgress({ worker: name, done, ...progress }).catch(() => undefined);
  await report({ percent: 0 });
  if (left.length) {
    const packDir = await packFolderForJob({ ref: farmJob.pack, packs: options.packs, libraryDir: packLibraryDir(), farmPacksDir: path.join(setup.home, 'farm', 'packs'), trustFile: trustFilePath() });
    let last = 0;
    await renderProject({
      project: mapMediaPaths(farmJob.project, (file) => localPath(setup.share, file)),
      projectDir: setup.share,
      presets: left,
      outDir: localPath(setup.share, farmJob.outDir),
      packDir,
      baseName: farmJob.baseName,
      ...(farmJob.outputNames ? { outputNames: farmJob.outputNames } : {}),
      overwrite: false,
      signal: running.controller.signal,
      onProgress: (event) => {
        const percent = ((done.length - kept.length + event.percent / 100) / left.length) * 100;
        if (percent - last < 5 && percent < 100) return;
        last = percent;
        setup.onEvent({ event: 'progress', jobId: job.id!, percent, preset: event.preset });
        void report({ percent, preset: event.preset });
      },
      onOutput: async (output) => {
        done.push(farmOutputPath(farmJob, output.preset));
        await report({ percent: ((done.length - kept.length) / left.length) * 100 });
      },
    });
  }
  return { outputs: farmJob.presets.map((preset) => farmOutputPath(farmJob, preset)), worker: name };
}

export interface RunningFarmWorker {
  worker: FarmWorker;
  name: string;
  /** stops taking jobs; a job in progress is stopped (no `.part` left) and goes back to the queue */
  close(): Promise<void>;
}

/** Start a worker; it takes jobs until `setup.signal` aborts or `close()`. */
export function startFarmWorker(setup: FarmWorkerSetup): RunningFarmWorker {
  const name = setup.name ?? `${os.hostname()}:${process.pid}`;
  const packs = openFarmQueue({ url: setup.join.url, name: PACK_QUEUE });
  const running = new Map<string, Running>();
  let stopping = false;
  const processor = async (job: FarmRenderJob, token?: string): Promise<FarmJobResult> => {
    const entry: Running = { controller: new AbortController(), ...(token ? { token } : {}) };
    running.set(job.id!, entry);
    try {
      const result = await renderJob({ setup, packs, job, running: entry, name });
      setup.onEvent({ event: 'done', jobId: job.id!, outputs: result.outputs });
      return result;
    } catch (error) {
      if (stopping && token) {
        // stopped by Ctrl+C: the job goes back to the queue for another worker (this is not one of its three tries)
        await job.moveToWait(token);
        setup.onEvent({ event: 'returned', jobId: job.id! });
        throw new WaitingError();
      }
      const reason = error instanceof UnrecoverableError ? (JSON.parse(error.message) as ReturnType<typeof failure>) : failure(error);
      setup.onEvent({ event: 'failed', jobId: job.id!, ...reason });
      if (error instanceof UnrecoverableError) throw error;
      throw new Error(JSON.stringify(reason));
    } finally {
      running.delete(job.id!);
    }
  };
  const worker = openFarmWorker({
    url: setup.join.url,
    processor,
    workerOptions: { name, concurrency: 1, lockDuration: setup.lockMs, stalledInterval: Math.max(500, Math.floor(setup.lockMs / 2)), maxStalledCount: 3 },
  });
  // a job whose lock could not be kept may already be another worker's: stop writing at once
  worker.on('lockRenewalFailed', (jobIds: string[]) => jobIds.forEach((id) => running.get(id)?.controller.abort()));
  worker.on('error', () => undefined);
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      stopping = true;
      for (const entry of running.values()) entry.controller.abort();
      await worker.close();
      await packs.close();
    })();
    return closing;
  };
  setup.signal.addEventListener('abort', () => void close(), { once: true });
  return { worker, name, close };
}
