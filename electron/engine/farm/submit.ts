/**
 * Sending a batch to the farm (`klipkota batch ... --farm`): each project file
 * becomes one farm job carrying everything a worker needs: the project with its
 * media named relative to the shared folder, the pack by id and content hash
 * (stored in the farm's database for workers that lack it), the presets and
 * the output names. A job's id comes from its output files, so sending the
 * same batch twice adds nothing: a finished video is never rendered again.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { badInput } from '@core/errors.js';
import { FARM_JOB_VERSION, farmMediaPaths, farmOutputPath, FarmJobSchema, isUnderOutputFolders, mapMediaPaths, type FarmJob, type FarmPackRef } from '@core/farm.js';
import type { PresetId } from '@core/presets.js';
import { absoluteProject } from '../export/render.js';
import { openProject } from '../project/projects.js';
import { openFarmQueue, PACK_QUEUE, RENDER_QUEUE, type FarmQueue } from './connection.js';
import { localPackRef, storePack } from './packs.js';

/** how often a job is tried before it is parked with its error */
export const FARM_ATTEMPTS = 3;

/** `file` relative to the shared folder with forward slashes, or undefined when it is outside it. */
export function shareRelative(share: string, file: string): string | undefined {
  const relative = path.relative(path.resolve(share), path.resolve(file));
  if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}

export interface FarmSubmission {
  url: string;
  /** this PC's path to the shared folder */
  share: string;
  /** the output folders the coordinator's admin chose (share-relative) */
  outputs: string[];
  /** the output folder on this PC (inside the shared folder) */
  outDir: string;
  presets: PresetId[];
  projects: Array<{ file: string; baseName: string; projectName: string }>;
  libraryDir: string;
}

export interface SubmittedJob {
  id: string;
  projectName: string;
  outputs: string[];
}

function outsideShare(what: string, file: string, share: string) {
  return badInput('farm-outside-share', {
    id: `${what} ${file} tidak ada di folder bersama ${share}. Salin ke folder bersama agar PC lain bisa melihatnya, lalu kirim lagi.`,
    en: `${what} ${file} is not in the shared folder ${share}. Copy it into the shared folder so the other PCs can see it, then send again.`,
  });
}

function checkOutDir(submission: FarmSubmission): string {
  const outDir = shareRelative(submission.share, submission.outDir);
  if (outDir === undefined) throw outsideShare('Folder hasil', submission.outDir, submission.share);
  if (!isUnderOutputFolders({ outDir, outputs: submission.outputs })) {
    throw badInput('farm-output-refused', {
      id: `Folder hasil ${submission.outDir} bukan folder hasil farm (${submission.outputs.join(', ')} di ${submission.share}). Pilih salah satunya dengan --out.`,
      en: `The output folder ${submission.outDir} is not one of the farm's output folders (${submission.outputs.join(', ')} in ${submission.share}). Choose one of them with --out.`,
    });
  }
  return outDir;
}

/** The farm job of one project file (checked with the same schema the workers use). */
async function farmJobFor(options: { submission: FarmSubmission; entry: FarmSubmission['projects'][number]; outDir: string; pack: (id: string) => Promise<FarmPackRef> }): Promise<FarmJob> {
  const { submission, entry } = options;
  const opened = await openProject({ path: entry.file });
  const absolute = absoluteProject(opened.project, path.dirname(opened.path));
  for (const file of farmMediaPaths(absolute)) if (shareRelative(submission.share, file) === undefined) throw outsideShare('Berkas media / media file', file, submission.share);
  return FarmJobSchema.parse({
    kind: 'klipkota.farm-job',
    version: FARM_JOB_VERSION,
    project: mapMediaPaths(absolute, (file) => shareRelative(submission.share, file)!),
    projectName: entry.projectName,
    presets: submission.presets,
    baseName: entry.baseName,
    outDir: options.outDir,
    pack: await options.pack(absolute.pack),
    submittedBy: os.hostname(),
  });
}

/** The job's id: its output files, so the same outputs are never queued twice. */
export function farmJobId(job: FarmJob): string {
  const outputs = job.presets.map((preset) => farmOutputPath(job, preset)).sort();
  return `job-${createHash('sha256').update(outputs.join('\n')).digest('hex').slice(0, 32)}`;
}

/** Every job checked and its outputs free, before the farm is contacted; the packs the jobs use, by id. */
async function prepareJobs(submission: FarmSubmission): Promise<{ jobs: FarmJob[]; packDirs: Map<string, { ref: FarmPackRef; dir: string }> }> {
  const outDir = checkOutDir(submission);
  const packDirs = new Map<string, { ref: FarmPackRef; dir: string }>();
  const pack = async (id: string) => {
    if (!packDirs.has(id)) packDirs.set(id, await localPackRef({ id, libraryDir: submission.libraryDir }));
    return packDirs.get(id)!.ref;
  };
  const jobs: FarmJob[] = [];
  for (const entry of submission.projects) jobs.push(await farmJobFor({ submission, entry, outDir, pack }));
  const existing = jobs.flatMap((job) => job.presets.map((preset) => farmOutputPath(job, preset))).filter((file) => existsSync(path.join(submission.share, ...file.split('/'))));
  if (existing.length) {
    throw badInput('output-exists', {
      id: `Berkas ${existing.join(', ')} sudah ada di folder bersama. Hapus atau pindahkan dulu, atau pilih folder hasil lain. Tidak ada yang dikirim.`,
      en: `${existing.join(', ')} already exist in the shared folder. Delete or move them first, or choose another output folder. Nothing was sent.`,
    });
  }
  return { jobs, packDirs };
}

/** Put the projects on the farm; refuses (nothing sent) when a media file or the output folder is outside the shared folder or an output exists. */
export async function submitFarmJobs(submission: FarmSubmission): Promise<SubmittedJob[]> {
  const { jobs, packDirs } = await prepareJobs(submission);
  const packs = openFarmQueue({ url: submission.url, name: PACK_QUEUE });
  const renders: FarmQueue = openFarmQueue({ url: submission.url, name: RENDER_QUEUE });
  try {
    for (const { ref, dir } of packDirs.values()) await storePack({ packs, ref, dir });
    const added: SubmittedJob[] = [];
    for (const job of jobs) {
      const id = farmJobId(job);
      // the outputs are not on disk (checked above): an earlier finished or parked job for them is sent again; a waiting or running one is left alone
      const earlier = await renders.getJob(id);
      const state = earlier ? await earlier.getState() : undefined;
      if (earlier && (state === 'completed' || state === 'failed')) await earlier.remove();
      await renders.add('render', job, { jobId: id, attempts: FARM_ATTEMPTS, backoff: { type: 'fixed', delay: 1000 }, removeOnComplete: false, removeOnFail: false });
      added.push({ id, projectName: job.projectName, outputs: job.presets.map((preset) => farmOutputPath(job, preset)) });
    }
    return added;
  } finally {
    await Promise.all([packs.close(), renders.close()]);
  }
}
