/**
 * Export: project x presets -> MP4 files. Probes each media file once, compiles a
 * RenderPlan per preset (pure), rasterizes the overlays, runs one FFmpeg pass per
 * preset for the picture while the sound is made beside it (measured and
 * normalised once, encoded once per sound setting), puts the two together into a
 * temporary name without encoding again, checks the result by probing it, and
 * only then renames it into place. Nothing partial is left behind
 * on failure or cancel, and an existing file is never overwritten unless asked.
 */
import { nameSlug } from '@core/batch/names.js';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { badInput, isKlipError, KlipError } from '@core/errors.js';
import type { MediaInfo } from '@core/media.js';
import type { Project } from '@core/model/project.js';
import type { ResolvedPack } from '@core/pack/resolved.js';
import { muxCommand, picturePassCommand, soundEncodeCommand } from '@core/plan/args.js';
import { compileRenderPlan } from '@core/plan/compile.js';
import type { PlanSegment, PlanWarning, RenderPlan } from '@core/plan/types.js';
import { getPreset, type Preset } from '@core/presets.js';
import { renderAudioPass } from './audio-pass.js';
import { runPass } from './pass.js';
import { encodeInParts } from './in-parts.js';
import { planParts } from '@core/plan/parts.js';
import { checkOutputFolder } from './output-folder.js';
import { partialPath, sweepStalePartials, sweepTempFolders, workDirPath } from './leftovers.js';
import { checkPackForExport } from '../pack/use-check.js';
import { choosePack } from '../pack/find.js';
import { packLibraryDir } from '../pack/home.js';
import { probeMany, probeMedia } from '../ffmpeg/probe.js';
import { rasterizeCached } from '../raster/rasterize.js';
import { writeRasterSequence } from '../raster/sequence.js';
import { sidecarPath, writeSidecar } from '../captions/sidecar.js';

export { STALE_PARTIAL_MS, sweepStalePartials } from './leftovers.js';

export interface RenderProgressEvent {
  preset: string;
  percent: number;
  etaSeconds?: number;
}

export interface RenderRequest {
  project: Project;
  /** the project file's folder: relative media paths are resolved from here */
  projectDir: string;
  /** preset ids; each is resolved into its typed Preset once, here */
  presets: string[];
  outDir: string;
  /** a pack folder; else `pack`; else the pack the project names, from `libraryDir` or the built-in packs */
  packDir?: string;
  pack?: ResolvedPack;
  /** the user's pack library (default: KLIPKOTA_HOME/packs or the OS user-data folder) */
  libraryDir?: string;
  overwrite?: boolean;
  /** normalise loudness to the preset's target (default true) */
  normalizeLoudness?: boolean;
  signal?: AbortSignal;
  onProgress?: (event: RenderProgressEvent) => void;
  log?: (line: string) => void;
  /** render even with a pack whose signature no longer matches its files (the admin's explicit override) */
  allowTamperedPack?: boolean;
  /** base name of the output files (default: from the project name) */
  baseName?: string;
  /** file name per preset id, instead of BASE-PRESET.mp4 (batch from a spreadsheet) */
  outputNames?: Record<string, string>;
  /** encode intro and outro cards once and keep them here for later exports (batches); without it, one pass per preset */
  bumperCacheDir?: string;
  /** told each temporary `.part` path (and awaited) right before it is written, so a persisted queue can clean it up after a crash */
  onPartial?: (path: string) => void | Promise<void>;
  /** told each finished output (and awaited) right after it is renamed into place, so a persisted queue can record it before the next preset */
  onOutput?: (output: RenderOutput) => void | Promise<void>;
  /** also write the captions as an .srt next to each video (same name), on that video's time line */
  sidecar?: boolean;
}

export interface RenderOutput {
  preset: string;
  path: string;
  width: number;
  height: number;
  durationSeconds: number;
  bytes: number;
  warnings: PlanWarning[];
  /** where the intro, clips, overlays and logo are in the output, seconds and pixels */
  timeline: PlanSegment[];
  /** the captions' .srt written next to the video (when asked) */
  sidecar?: string;
}

/** A file-name-safe version of the project name. */
export function outputBaseName(name: string): string {
  return nameSlug(name) || 'video';
}

/** The project with every media path absolute. */
export function absoluteProject(project: Project, projectDir: string): Project {
  const absolute = (file: string) => (path.isAbsolute(file) ? file : path.resolve(projectDir, file));
  return {
    ...project,
    timeline: {
      ...project.timeline,
      tracks: {
        ...project.timeline.tracks,
        video: project.timeline.tracks.video.map((item) =>
          item.kind === 'clip' ? { ...item, media: { ...item.media, path: absolute(item.media.path) } } : item,
        ),
        overlay: project.timeline.tracks.overlay,
        audio: project.timeline.tracks.audio.map((item) => ({ ...item, media: { ...item.media, path: absolute(item.media.path) } })),
      },
    },
  };
}

function mediaPaths(project: Project): string[] {
  return [
    ...project.timeline.tracks.video.flatMap((item) => (item.kind === 'clip' ? [item.media.path] : [])),
    ...project.timeline.tracks.audio.map((item) => item.media.path),
  ];
}

async function loadPack(request: RenderRequest): Promise<ResolvedPack> {
  if (request.pack && !request.packDir) return request.pack;
  return choosePack({ dir: request.packDir, id: request.project.pack, libraryDir: request.libraryDir ?? packLibraryDir(), probe: (file) => probeMedia(file) });
}

/** A plan that also carries the pack's warnings (an untrusted pack) to its output. */
function withWarnings(plan: RenderPlan, warnings: PlanWarning[]): RenderPlan {
  return warnings.length ? { ...plan, warnings: [...warnings, ...plan.warnings] } : plan;
}

/** Each preset once, resolved once into its typed Preset: the plans, names and progress all use that object. */
function resolvePresets(presets: readonly string[]): Preset[] {
  return [...new Set(presets)].map(getPreset);
}

/** Check a finished file before it gets its real name: right size, duration within a frame, sound present. */
export async function verifyOutput(options: { file: string; plan: RenderPlan }): Promise<MediaInfo> {
  const { file, plan } = options;
  const info = await probeMedia(file);
  const problems: string[] = [];
  if (!info.video) problems.push('no video stream');
  else if (info.video.width !== plan.width || info.video.height !== plan.height) {
    problems.push(`size ${info.video.width}x${info.video.height}, expected ${plan.width}x${plan.height}`);
  }
  if (!info.audio) problems.push('no audio stream');
  if (Math.abs(info.durationSeconds - plan.durationSeconds) > 1.5 / plan.fps + 0.03) {
    problems.push(`duration ${info.durationSeconds.toFixed(3)} s, expected ${plan.durationSeconds.toFixed(3)} s`);
  }
  if (problems.length) {
    throw new KlipError({
      code: 'output-invalid',
      text: {
        id: `Hasil ekspor tidak sesuai rencana (${problems.join('; ')}). Berkas tidak disimpan; coba ekspor lagi.`,
        en: `The exported file did not match the plan (${problems.join('; ')}). It was not kept; try exporting again.`,
      },
      detail: problems.join('; '),
    });
  }
  return info;
}

interface PresetExport {
  preset: Preset;
  plan: RenderPlan;
  target: string;
  pack: ResolvedPack;
}

/** Decide everything before any FFmpeg run: a bad input fails with no file written. */
async function planExports(request: RenderRequest): Promise<PresetExport[]> {
  const presets = resolvePresets(request.presets);
  const project = absoluteProject(request.project, request.projectDir);
  const pack = await loadPack(request);
  const packWarnings = checkPackForExport({ pack, allowTampered: request.allowTamperedPack });
  const probed = await probeMany(mediaPaths(project), { signal: request.signal });
  const media = Object.fromEntries(probed.map((info) => [info.path, info]));
  const baseName = request.baseName ?? outputBaseName(project.name);
  const jobs = presets.map((preset) => ({
    preset,
    plan: withWarnings(compileRenderPlan({ project, pack, preset, media }), packWarnings),
    target: path.join(request.outDir, request.outputNames?.[preset.id] ?? `${baseName}-${preset.id}.mp4`),
    pack,
  }));
  if (!request.overwrite) {
    const targets = jobs.flatMap((job) => (request.sidecar ? [job.target, sidecarPath(job.target)] : [job.target]));
    const existing = targets.filter((target) => existsSync(target));
    if (existing.length) {
      throw badInput('output-exists', {
        id: `Berkas ${existing.map((file) => path.basename(file)).join(', ')} sudah ada di ${request.outDir}. Pilih folder lain atau izinkan menimpa (--overwrite).`,
        en: `${existing.map((file) => path.basename(file)).join(', ')} already exists in ${request.outDir}. Choose another folder or allow overwriting (--overwrite).`,
      });
    }
  }
  return jobs;
}

/** What the exports of one request share: the temporary folder, the sounds made so far, the files finished so far. */
interface ExportRun {
  request: RenderRequest;
  workDir: string;
  partials: string[];
  /** the normalised sound (WAV) per distinct sound, and its encodings (M4A) per distinct sound and encoder settings */
  sounds: Map<string, Promise<string>>;
  encodedSounds: Map<string, Promise<string>>;
  /** presets that come out byte-for-byte the same (TikTok and Reels today) are encoded once */
  finished: Map<string, string>;
}

/** One preset: encode (or copy an identical one) into a `.part`, verify it, rename it into place. */
async function exportOne(run: ExportRun, job: PresetExport): Promise<RenderOutput> {
  const { request, partials } = run;
  const sameAs = run.finished.get(planKey(job.plan));
  const report = (fraction: number, etaSeconds?: number) =>
    request.onProgress?.({ preset: job.preset.id, percent: Math.max(0, Math.min(100, fraction * 100)), etaSeconds });
  report(0);
  const partial = partialPath(job.target);
  partials.push(partial);
  if (sameAs) {
    await request.onPartial?.(partial);
    await copyFile(sameAs, partial).catch((error: NodeJS.ErrnoException) => {
      throw folderError(partial, error);
    });
  } else {
    await encode({ job, partial, run, report });
  }
  await verifyOutput({ file: partial, plan: job.plan });
  if (!request.overwrite && existsSync(job.target)) {
    throw badInput('output-exists', {
      id: `Berkas ${path.basename(job.target)} muncul di folder tujuan selama ekspor. Hasil tidak menimpanya; pilih folder lain.`,
      en: `${path.basename(job.target)} appeared in the output folder during the export. It was not overwritten; choose another folder.`,
    });
  }
  await rename(partial, job.target).catch((error: NodeJS.ErrnoException) => {
    throw folderError(job.target, error);
  });
  partials.splice(partials.indexOf(partial), 1);
  run.finished.set(planKey(job.plan), job.target);
  const sidecar = request.sidecar ? await writeSidecar({ project: request.project, plan: job.plan, videoPath: job.target }) : undefined;
  const bytes = (await stat(job.target)).size;
  report(1);
  return {
    preset: job.preset.id,
    path: job.target,
    width: job.plan.width,
    height: job.plan.height,
    durationSeconds: job.plan.durationSeconds,
    bytes,
    warnings: job.plan.warnings,
    timeline: job.plan.timeline,
    ...(sidecar ? { sidecar: sidecar.path } : {}),
  };
}

export async function renderProject(request: RenderRequest): Promise<RenderOutput[]> {
  const jobs = await planExports(request);
  await checkOutputFolder(request.outDir);
  await sweepStalePartials(jobs.map((job) => job.target));
  await sweepTempFolders();
  const workDir = workDirPath();
  await mkdir(workDir, { recursive: true });
  const run: ExportRun = { request, workDir, partials: [], sounds: new Map(), encodedSounds: new Map(), finished: new Map() };
  try {
    const outputs: RenderOutput[] = [];
    for (const job of jobs) {
      outputs.push(await exportOne(run, job));
      await request.onOutput?.(outputs[outputs.length - 1]!);
    }
    return outputs;
  } finally {
    await Promise.all(run.partials.map((file) => rm(file, { force: true })));
    await rm(workDir, { recursive: true, force: true });
  }
}

/** A file-system refusal (no permission, file open in a player, disk full) in words an admin can act on. */
function folderError(target: string, error: NodeJS.ErrnoException): KlipError {
  const full = error.code === 'ENOSPC';
  const busy = error.code === 'EBUSY' || error.code === 'EPERM' || error.code === 'EACCES';
  return new KlipError({
    code: full ? 'disk-full' : 'output-unwritable',
    kind: 'failed',
    detail: `${error.code ?? ''} ${error.message}`.trim(),
    cause: error,
    text: full
      ? { id: `Disk penuh saat menyimpan ${path.basename(target)}. Kosongkan ruang disk atau pilih folder di disk lain, lalu ekspor lagi.`, en: `The disk is full while saving ${path.basename(target)}. Free some space or choose a folder on another disk, then export again.` }
      : busy
        ? { id: `${path.basename(target)} tidak bisa ditulis: tidak ada izin, atau berkas sedang dibuka program lain. Tutup pemutar video atau pilih folder lain.`, en: `${path.basename(target)} cannot be written: no permission, or the file is open in another program. Close the video player or choose another folder.` }
        : { id: `Folder ${target} tidak bisa dipakai untuk menyimpan (${error.code ?? error.message}). Pilih folder lain.`, en: `The folder ${target} cannot be used for saving (${error.code ?? error.message}). Choose another folder.` },
  });
}

function planKey(plan: RenderPlan): string {
  return JSON.stringify([plan.inputs, plan.filterGraph, plan.maps, plan.outputArgs, plan.soundArgs, plan.audio.filterGraph, plan.audio.target]);
}

/** The file behind each plan input: the clip itself, or the overlay rasterized into the work folder. */
export async function planInputFiles(options: { plan: RenderPlan; workDir: string }): Promise<string[]> {
  return Promise.all(
    options.plan.inputs.map(async (input) => {
      if (input.kind === 'file') return input.path;
      if (input.kind === 'raster-sequence') return writeRasterSequence({ input, cacheDir: overlayCacheDir(options.workDir) });
      return rasterizeCached({ request: input.request, cacheDir: overlayCacheDir(options.workDir) });
    }),
  );
}

function overlayCacheDir(workDir: string): string {
  return path.join(workDir, 'overlays');
}

/** Rasterizer processes at once: two keep a 2-core PC busy while the picture pass waits for them (4 overlays: 0.38 s one by one). */
const RASTER_LANES = 2;

/** Rasterize the plan's overlays into the work folder's cache (planInputFiles then finds them there), a few at a time. */
async function rasterizeOverlays(options: { plan: RenderPlan; workDir: string }): Promise<void> {
  const requests = options.plan.inputs.flatMap((input) => (input.kind === 'raster' ? [input.request] : []));
  let next = 0;
  let failed = false;
  const lane = async () => {
    // a failed overlay stops the other lane too: the export is over, and its work folder is about to go
    while (next < requests.length && !failed) {
      const request = requests[next++]!;
      await rasterizeCached({ request, cacheDir: overlayCacheDir(options.workDir) }).catch((error: unknown) => {
        failed = true;
        throw error;
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(RASTER_LANES, requests.length) }, lane));
}

/** What makes two presets' normalised sound the same. */
function soundKey(plan: RenderPlan): string {
  return JSON.stringify([plan.audio.inputs, plan.audio.filterGraph, plan.audio.target, plan.audio.durationFrames]);
}

/** The normalised sound (WAV): made by the audio pass once per distinct sound, shared by the presets that have it. */
function soundFor(options: { plan: RenderPlan; run: ExportRun; signal: AbortSignal }): Promise<string> {
  const { plan, run } = options;
  const key = soundKey(plan);
  const made = run.sounds.get(key);
  if (made) return made;
  const sound = path.join(run.workDir, `sound-${run.sounds.size}.wav`);
  const making = renderAudioPass({
    plan: plan.audio,
    outPath: sound,
    normalize: run.request.normalizeLoudness ?? true,
    signal: options.signal,
    ...(run.request.log ? { log: run.request.log } : {}),
  }).then(() => sound);
  run.sounds.set(key, making);
  return making;
}

/** The preset's encoded sound (M4A): the normalised sound encoded once per distinct sound and encoder settings. */
function encodedSoundFor(options: { plan: RenderPlan; run: ExportRun; signal: AbortSignal }): Promise<string> {
  const { plan, run } = options;
  const key = JSON.stringify([soundKey(plan), plan.soundArgs]);
  const made = run.encodedSounds.get(key);
  if (made) return made;
  const output = path.join(run.workDir, `sound-${run.encodedSounds.size}.m4a`);
  const making = soundFor(options).then(async (sound) => {
    await runPass({ command: soundEncodeCommand({ plan, sound, output }), signal: options.signal, ...(run.request.log ? { log: run.request.log } : {}) });
    return output;
  });
  run.encodedSounds.set(key, making);
  return making;
}

/**
 * One preset's picture (one FFmpeg pass, or in parts with the bumper cache) while
 * its sound is made beside it (the loudness measure and apply, once per distinct
 * sound, then the AAC encode), then the two put together into `partial`. The
 * picture no longer waits for the loudness measure, and FFmpeg's main thread,
 * which decodes and filters every frame, no longer encodes the sound between
 * frames. When either side fails, the other is stopped and the first failure is
 * what the admin sees.
 */
async function encode(options: {
  job: PresetExport;
  partial: string;
  run: ExportRun;
  report: (fraction: number, etaSeconds?: number) => void;
}): Promise<void> {
  const { job, partial, run, report } = options;
  const { request, workDir } = run;
  const both = new AbortController();
  const stop = () => both.abort();
  request.signal?.addEventListener('abort', stop, { once: true });
  if (request.signal?.aborted) both.abort();
  let soundFailure: unknown;
  const sound = encodedSoundFor({ plan: job.plan, run, signal: both.signal }).catch((error: unknown) => {
    soundFailure ??= error;
    both.abort();
    throw error;
  });
  // awaited below; until then a failure is held in soundFailure, not reported as unhandled
  sound.catch(() => undefined);
  const log = request.log ? { log: request.log } : {};
  try {
    let picture: string | undefined;
    try {
      await rasterizeOverlays({ plan: job.plan, workDir });
      const files = await planInputFiles({ plan: job.plan, workDir });
      const parts = request.bumperCacheDir ? planParts(job.plan) : undefined;
      if (parts && request.bumperCacheDir) {
        await encodeInParts({
          plan: job.plan, preset: job.preset, pack: job.pack, parts, files, sound, workDir, cacheDir: request.bumperCacheDir, output: partial,
          beforeJoin: async () => {
            await request.onPartial?.(partial);
          },
          signal: both.signal,
          ...log,
          onProgress: (fraction, etaSeconds) => report(fraction * 0.99, etaSeconds),
        });
      } else {
        // next to the output (a `.part` of it: swept after a crash like the other), not in the temp folder: a long
        // export's picture takes the output's size, and a full disk is then the output folder's, named as such
        picture = partialPath(job.target);
        run.partials.push(picture);
        await request.onPartial?.(picture);
        await runPass({
          command: picturePassCommand({ plan: job.plan, files, output: picture, scriptPath: path.join(workDir, `${path.basename(partial)}.ffgraph`) }),
          signal: both.signal,
          ...log,
          onProgress: (progress) => report((progress.percent / 100) * 0.97, progress.etaSeconds),
        });
      }
    } catch (error) {
      const first = soundFailure;
      both.abort();
      await sound.catch(() => undefined);
      throw first ?? error;
    }
    if (picture) {
      const encoded = await sound;
      // recorded only now, right before it is written: a crash recovery that finds no `.part` of a target takes it as renamed
      await request.onPartial?.(partial);
      await runPass({
        command: muxCommand({ plan: job.plan, picture, sound: encoded, output: partial }),
        signal: both.signal,
        ...log,
        onProgress: (progress) => report(0.97 + (progress.percent / 100) * 0.02),
      });
      // a file a virus scanner still holds is left for the cleanup at the end of the export, not an error
      if (await rm(picture, { force: true }).then(() => true, () => false)) run.partials.splice(run.partials.indexOf(picture), 1);
    }
  } catch (error) {
    if (isKlipError(error) && /No space left on device/i.test(error.detail ?? '')) {
      throw folderError(partial, Object.assign(new Error('No space left on device'), { code: 'ENOSPC' }));
    }
    throw error;
  } finally {
    request.signal?.removeEventListener('abort', stop);
  }
}
