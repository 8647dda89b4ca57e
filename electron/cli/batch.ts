/**
 * `klipkota batch PROJECT.json... | --dir FOLDER --preset LIST --out DIR [--overwrite] [--json]`
 * `klipkota batch --resume [--json]`   `klipkota batch --status [--json]`
 *
 * Each project becomes one job in the persisted export queue (<home>/queue.json),
 * run two at a time (`--jobs N`; DEFAULT_QUEUE_JOBS, measured). A bad project
 * fails with its message and the rest go on. Ctrl+C stops the running jobs (no
 * partial file is left) and leaves them and the rest queued for `--resume`;
 * after a crash `--resume` deletes the interrupted jobs' `.part` files and runs
 * them again, without redoing finished jobs or the presets a job already saved.
 * Outputs are named after the project file
 * (`01-posyandu.klipkota.json` -> `01-posyandu-youtube.mp4`), so two projects
 * with the same name do not collide; two files with the same name are refused.
 * Network (UNC) and device paths are refused up front. `--resume` runs only
 * batch jobs; the app's own exports are left to the app.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { isNetworkOrDevicePath } from '@core/api/contract.js';
import { EXIT, type LocalizedText } from '@core/errors.js';
import { parsePresetIds, type PresetId } from '@core/presets.js';
import type { QueueJob } from '@core/queue.js';
import { klipkotaHome } from '../engine/pack/home.js';
import { hasProjectExtension, PROJECT_EXTENSION } from '../engine/project/projects.js';
import { DEFAULT_QUEUE_JOBS, openExportQueue, runQueueJob, type ExportQueue } from '../engine/queue/queue.js';
import { networkPathError } from '../engine/queue/queue-file.js';
import { outputBaseName, renderProject } from '../engine/export/render.js';
import { readSubtitleFile } from '../engine/captions/subtitles.js';
import { reportError, usageError, type CliCommand, type CliContext, parseCommandArgs } from './context.js';
import { COMMAND_HELP } from './help.js';
import { queueSheetBatch } from './batch-sheet.js';
import { queueProgress, type JobProgress } from '@core/batch/progress.js';
import { isSheetFile } from '../engine/queue/sheet-file.js';
import { sendToFarm } from './batch-farm.js';

/** A job as `--json` prints it. */
export function batchJobSummary(job: QueueJob) {
  return {
    id: job.id,
    project: job.source.kind === 'file' ? job.source.path : job.projectName,
    state: job.state,
    outputs: job.outputs.map(({ preset, path: file, width, height, durationSeconds, bytes, sidecar }) => ({ preset, path: file, width, height, durationSeconds, bytes, ...(sidecar ? { sidecar } : {}) })),
    ...(job.error ? { error: { code: job.error.code, message: job.error.message } } : {}),
  };
}

/** Every project file in a folder (not its subfolders), sorted by name. */
export async function projectFilesIn(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && hasProjectExtension(entry.name))
    .map((entry) => path.join(folder, entry.name))
    .sort((a, b) => a.localeCompare(b));
}

const label = (job: QueueJob) => (job.source.kind === 'file' ? path.basename(job.source.path) : job.projectName);

/** The whole queue's progress on one line of stderr (a terminal only): percent and time left. */
function overallPrinter(options: { jobs: Map<string, JobProgress>; context: CliContext }): () => void {
  const { jobs, context } = options;
  if (context.json || !process.stderr.isTTY) return () => {};
  const started = Date.now();
  let last = '';
  return () => {
    const progress = queueProgress({ jobs: [...jobs.values()], elapsedSeconds: (Date.now() - started) / 1000 });
    const eta = progress.etaSeconds !== undefined ? ` ~${Math.ceil(progress.etaSeconds)} s` : '';
    const line = `${context.language === 'id' ? 'Semua' : 'All'}: ${progress.percent.toFixed(0)}%${eta}`;
    if (line !== last) process.stderr.write(`\r${line.padEnd(40)}`);
    last = line;
  };
}

/** Run the jobs `ids` names, `concurrency` at a time, until none is left or Ctrl+C. */
async function runJobs(options: { queue: ExportQueue; ids: string[]; context: CliContext; concurrency?: number; bumperCache?: boolean }): Promise<QueueJob[]> {
  const { queue, ids, context } = options;
  const wanted = new Set(ids);
  const say = (text: LocalizedText) => {
    if (!context.json) context.err(`${process.stderr.isTTY ? '\r' : ''}${text[context.language]}`);
  };
  const progress = new Map<string, JobProgress>(ids.map((id) => [id, { presets: queue.get(id)?.presets ?? [], finished: false }]));
  const print = overallPrinter({ jobs: progress, context });
  let index = 0;
  const worker = async () => {
    while (!context.signal.aborted) {
      const job = queue.claimNext((candidate) => wanted.has(candidate.id));
      if (!job) return;
      index += 1;
      const position = `[${index}/${ids.length}]`;
      say({ id: `${position} ${label(job)}: mulai (${job.presets.join(', ')})`, en: `${position} ${label(job)}: starting (${job.presets.join(', ')})` });
      const ended = await runQueueJob({
        queue,
        job,
        render: renderProject,
        signal: context.signal,
        language: context.language,
        // Ctrl+C: the job goes back to the queue like an app quit, and --resume redoes it
        stopAs: () => 'queued',
        onProgress: (event) => {
          progress.set(job.id, { presets: job.presets, finished: false, current: event });
          print();
        },
        log: process.env.KLIPKOTA_DEBUG ? (line) => context.err(line) : undefined,
        ...(options.bumperCache === false ? {} : { bumperCacheDir: path.join(klipkotaHome(), 'cache', 'bumpers') }),
      });
      progress.set(job.id, { presets: job.presets, finished: ended.state !== 'queued' });
      print();
      sayEnded({ job: ended, position, say });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 1) }, worker));
  return ids.map((id) => queue.get(id)).filter((job): job is QueueJob => job !== undefined);
}

function sayEnded(options: { job: QueueJob; position: string; say: (text: LocalizedText) => void }): void {
  const { job: ended, position, say } = options;
  if (ended.state === 'done') {
    say({ id: `${position} ${label(ended)}: selesai → ${ended.outputs.map((output) => output.path).join(', ')}`, en: `${position} ${label(ended)}: done → ${ended.outputs.map((output) => output.path).join(', ')}` });
  } else if (ended.state === 'failed') {
    say({ id: `${position} ${label(ended)}: gagal: ${ended.error?.message ?? ''}`, en: `${position} ${label(ended)}: failed: ${ended.error?.message ?? ''}` });
  } else if (ended.state === 'queued') {
    say({ id: `${position} ${label(ended)}: dihentikan, tidak ada berkas setengah jadi; diantrekan lagi untuk --resume`, en: `${position} ${label(ended)}: stopped, no partial file left; queued again for --resume` });
  } else {
    say({ id: `${position} ${label(ended)}: dibatalkan, tidak ada berkas setengah jadi`, en: `${position} ${label(ended)}: cancelled, no partial file left` });
  }
}

/** Print the jobs and return the exit code: 0 all done, 1 any failed, cancelled or left queued. */
function finish(options: { jobs: QueueJob[]; queue: ExportQueue; context: CliContext; report?: boolean }): number {
  const { jobs, context } = options;
  const warnings = options.queue.recovery.warnings.map((text) => text[context.language]);
  if (context.json) {
    context.out(JSON.stringify({ jobs: jobs.map(batchJobSummary), ...(warnings.length ? { warnings } : {}) }));
  } else {
    for (const job of jobs) context.out(`${job.state.padEnd(9)} ${label(job)}${job.outputs.length ? `  ${job.outputs.map((output) => output.path).join(', ')}` : ''}${job.error ? `  (${job.error.message})` : ''}`);
  }
  if (options.report) return EXIT.ok;
  const left = jobs.filter((job) => job.state === 'queued').length;
  if (left && !context.json) {
    context.err(
      context.language === 'id'
        ? `${left} pekerjaan masih dalam antrean. Lanjutkan dengan: klipkota batch --resume`
        : `${left} job(s) are still queued. Continue with: klipkota batch --resume`,
    );
  }
  return jobs.every((job) => job.state === 'done') ? EXIT.ok : EXIT.failed;
}

const BATCH_OPTIONS = {
  dir: { type: 'string' },
  preset: { type: 'string' },
  out: { type: 'string' },
  overwrite: { type: 'boolean' },
  resume: { type: 'boolean' },
  status: { type: 'boolean' },
  json: { type: 'boolean' },
  pack: { type: 'string' },
  names: { type: 'string' },
  check: { type: 'boolean' },
  'skip-bad': { type: 'boolean' },
  jobs: { type: 'string' },
  'no-bumper-cache': { type: 'boolean' },
  captions: { type: 'string' },
  sidecar: { type: 'boolean' },
  farm: { type: 'boolean' },
  join: { type: 'string' },
  share: { type: 'string' },
  wait: { type: 'boolean' },
} as const;

interface BatchValues {
  dir?: string;
  preset?: string;
  out?: string;
  overwrite?: boolean;
  resume?: boolean;
  status?: boolean;
  pack?: string;
  names?: string;
  check?: boolean;
  'skip-bad'?: boolean;
  jobs?: string;
  'no-bumper-cache'?: boolean;
  captions?: string;
  sidecar?: boolean;
  farm?: boolean;
  join?: string;
  share?: string;
  wait?: boolean;
}

/** The option combinations that make no sense; undefined when the usage is fine, else the exit code. */
function checkBatchUsage(options: { values: BatchValues; positionals: string[]; context: CliContext }): number | undefined {
  const { values, positionals, context } = options;
  const adding = positionals.length > 0 || values.dir !== undefined;
  if ((values.resume && values.status) || ((values.resume || values.status) && (adding || values.preset || values.out || values.overwrite))) {
    return usageError(context, {
      id: '--resume dan --status dipakai sendiri, tanpa proyek, --dir, --preset, --out atau --overwrite.',
      en: '--resume and --status are used on their own, without projects, --dir, --preset, --out or --overwrite.',
    });
  }
  if (values.resume || values.status) return undefined;
  if (!adding) return usageError(context, { id: 'Sebutkan berkas proyek atau --dir FOLDER.', en: 'Name project files or --dir FOLDER.' });
  if (positionals.length && values.dir) return usageError(context, { id: 'Pakai berkas proyek atau --dir, bukan keduanya.', en: 'Use project files or --dir, not both.' });
  if (!values.preset) return usageError(context, { id: 'Sebutkan preset dengan --preset, misalnya --preset tiktok,youtube.', en: 'Name the presets with --preset, e.g. --preset tiktok,youtube.' });
  if (!values.out) return usageError(context, { id: 'Sebutkan folder hasil dengan --out DIR.', en: 'Name the output folder with --out DIR.' });
  return undefined;
}

/** The project files named on the command line, or every one in --dir; a number is the exit code of a usage error. */
async function batchProjectFiles(options: { positionals: string[]; dir?: string; context: CliContext }): Promise<string[] | number> {
  const { context } = options;
  if (!options.dir) return options.positionals.map((file) => path.resolve(file));
  const folder = path.resolve(options.dir);
  const isFolder = await stat(folder).then((info) => info.isDirectory(), () => false);
  if (!isFolder) return usageError(context, { id: `Folder ${folder} tidak ditemukan.`, en: `The folder ${folder} was not found.` });
  const files = await projectFilesIn(folder);
  if (files.length) return files;
  return usageError(context, { id: `Tidak ada berkas ${PROJECT_EXTENSION} di ${folder}.`, en: `There is no ${PROJECT_EXTENSION} file in ${folder}.` });
}

/** A project file's name without its extension: what its videos are named after. */
function projectStem(file: string): string {
  return hasProjectExtension(file) ? path.basename(file).slice(0, -PROJECT_EXTENSION.length) : path.basename(file).replace(/\.json$/i, '');
}

/** Each file with the base name of its videos; two files that would give the same name are a usage error (the exit code). */
function outputNames(files: string[], context: CliContext): Array<{ file: string; baseName: string }> | number {
  const named = files.map((file) => ({ file, baseName: outputBaseName(projectStem(file)) }));
  const clash = named.filter((entry) => named.some((other) => other !== entry && other.baseName === entry.baseName));
  if (!clash.length) return named;
  const list = clash.map((entry) => entry.file).join(', ');
  return usageError(context, {
    id: `Berkas proyek ini akan menghasilkan video dengan nama yang sama (${clash[0]!.baseName}-...mp4): ${list}. Ganti nama salah satunya atau jalankan batch terpisah dengan --out berbeda.`,
    en: `These project files would make videos with the same name (${clash[0]!.baseName}-...mp4): ${list}. Rename one of them or run separate batches with different --out folders.`,
  });
}

/** Queue one job per project (saying first if an earlier batch is still waiting); returns the new job ids. */
function queueProjects(options: {
  queue: ExportQueue;
  named: Array<{ file: string; baseName: string }>;
  presets: PresetId[];
  outDir: string;
  overwrite: boolean;
  /** every job's captions from this .srt/.vtt, and/or a sidecar .srt next to each video */
  captions: { file?: string; sidecar: boolean };
  context: CliContext;
}): string[] {
  const { queue, context } = options;
  const earlier = queue.list().filter((job) => job.state === 'queued' && job.queuedBy === 'cli').length;
  if (earlier && !context.json) {
    context.err(
      context.language === 'id'
        ? `${earlier} pekerjaan dari batch sebelumnya masih menunggu; jalankan "klipkota batch --resume" untuk meneruskannya.`
        : `${earlier} job(s) from an earlier batch are still waiting; run "klipkota batch --resume" to continue them.`,
    );
  }
  return options.named.map(
    ({ file, baseName }) =>
      queue.add({
        source: { kind: 'file', path: file },
        projectName: projectStem(file),
        baseName,
        presets: options.presets,
        outDir: options.outDir,
        overwrite: options.overwrite,
        ...(options.captions.file ? { captionsFile: options.captions.file } : {}),
        ...(options.captions.sidecar ? { sidecar: true } : {}),
      }).id,
  );
}

/** New projects (files, a folder or one spreadsheet) into the queue, then run them. */
async function addAndRun(options: {
  values: BatchValues;
  positionals: string[];
  context: CliContext;
  concurrency: number;
  onWarning: (text: LocalizedText) => void;
}): Promise<number> {
  const { values, positionals, context, concurrency } = options;
  const presets = parsePresetIds(values.preset!);
  // a UNC path makes Windows connect to that host (and offer the admin's password hash); the queue never holds one
  const network = [...positionals, values.dir, values.out, values.captions].find((value) => value !== undefined && isNetworkOrDevicePath(value));
  if (network !== undefined) return reportError(networkPathError(network), context);
  const sheetOptions = values.pack !== undefined || values.names !== undefined || values.check || values['skip-bad'];
  if (values.captions) {
    if (positionals.some(isSheetFile)) {
      return usageError(context, { id: '--captions hanya untuk berkas proyek, bukan lembar kerja.', en: '--captions is only for project files, not for a spreadsheet.' });
    }
    // read once before anything is queued: a broken file is refused now, not as twenty failed jobs
    await readSubtitleFile({ path: path.resolve(values.captions), fps: 30 });
  }
  if (values.farm && (positionals.length === 1 && isSheetFile(positionals[0]!))) {
    return usageError(context, { id: '--farm menerima berkas proyek atau --dir, belum lembar kerja.', en: '--farm takes project files or --dir, not a spreadsheet yet.' });
  }
  if (values.farm && (values.captions !== undefined || values.sidecar)) {
    return usageError(context, { id: '--captions dan --sidecar belum bisa dipakai bersama --farm; render batch bertakarir di PC ini.', en: '--captions and --sidecar do not work with --farm yet; render a captioned batch on this PC.' });
  }
  if (!values.farm && (values.join !== undefined || values.share !== undefined || values.wait)) {
    return usageError(context, { id: '--join, --share dan --wait hanya dipakai bersama --farm.', en: '--join, --share and --wait are only used with --farm.' });
  }
  if (positionals.length === 1 && isSheetFile(positionals[0]!)) {
    const queued = await queueSheetBatch(
      { file: positionals[0]!, presets, out: values.out!, pack: values.pack, names: values.names, check: values.check, skipBad: values['skip-bad'], overwrite: values.overwrite, sidecar: values.sidecar },
      context,
    );
    if (typeof queued === 'number') return queued;
    return finish({ jobs: await runJobs({ queue: queued.queue, ids: queued.ids, context, concurrency, bumperCache: !values['no-bumper-cache'] }), queue: queued.queue, context });
  }
  if (sheetOptions) {
    return usageError(context, { id: '--pack, --names, --check dan --skip-bad hanya untuk satu lembar kerja (.csv atau .xlsx).', en: '--pack, --names, --check and --skip-bad are only for one spreadsheet (.csv or .xlsx).' });
  }
  const files = await batchProjectFiles({ positionals, dir: values.dir, context });
  if (typeof files === 'number') return files;
  const named = outputNames(files, context);
  if (typeof named === 'number') return named;
  if (values.farm) {
    return sendToFarm({ named: named.map((entry) => ({ ...entry, projectName: projectStem(entry.file) })), presets, out: values.out!, join: values.join, share: values.share, wait: values.wait ?? false, context });
  }
  const queue = openExportQueue({ home: klipkotaHome(), onWarning: options.onWarning });
  const captions = { ...(values.captions ? { file: path.resolve(values.captions) } : {}), sidecar: values.sidecar ?? false };
  const ids = queueProjects({ queue, named, presets, outDir: path.resolve(values.out!), overwrite: values.overwrite ?? false, captions, context });
  return finish({ jobs: await runJobs({ queue, ids, context, concurrency, bumperCache: !values['no-bumper-cache'] }), queue, context });
}

export const batchCommand: CliCommand = async (args, context) => {
  const parsed = parseCommandArgs({ args, context, usage: COMMAND_HELP.batch.usage, spec: BATCH_OPTIONS });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const bad = checkBatchUsage({ values, positionals, context });
  if (bad !== undefined) return bad;
  const concurrency = values.jobs === undefined ? DEFAULT_QUEUE_JOBS : Number(values.jobs); // as the app's queue, by measurement
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 8) {
    return usageError(context, { id: '--jobs adalah jumlah video yang dirender bersamaan, 1 sampai 8.', en: '--jobs is how many videos render at once, 1 to 8.' });
  }
  try {
    const onWarning = (text: LocalizedText) => context.err(`${context.language === 'id' ? 'Perhatian' : 'Warning'}: ${text[context.language]}`);
    if (values.status) {
      const queue = openExportQueue({ home: klipkotaHome(), onWarning });
      return finish({ jobs: queue.list(), queue, context, report: true });
    }
    if (values.resume) {
      const queue = openExportQueue({ home: klipkotaHome(), onWarning });
      const ids = queue.list().filter((job) => job.state === 'queued' && job.queuedBy === 'cli').map((job) => job.id);
      return finish({ jobs: await runJobs({ queue, ids, context, concurrency, bumperCache: !values['no-bumper-cache'] }), queue, context });
    }
    return await addAndRun({ values, positionals, context, concurrency, onWarning });
  } catch (error) {
    return reportError(error, context);
  }
};
