/**
 * The fixed bench job: three 10 s 1920x1080 30 fps clips with sound, the
 * Pemkot Malang intro and outro, a lower third over the first clip, the logo,
 * blur fill to 1080x1920 (preset tiktok; the same project as youtube, 1920x1080), no music. The clips are made once
 * into out/bench-media/ and reused.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { buildQuickProject } from '@core/model/quick.js';
import type { Project } from '@core/model/project.js';
import type { ResolvedPack } from '@core/pack/resolved.js';
import { compileRenderPlan } from '@core/plan/compile.js';
import type { RenderPlan } from '@core/plan/types.js';
import { getPreset } from '@core/presets.js';
import { loadBuiltInPack } from '../../electron/engine/pack/load.js';
import { probeMany, probeMedia } from '../../electron/engine/ffmpeg/probe.js';
import { makeSampleClip } from '../../electron/engine/media/samples.js';

export const PRESET_ID = 'tiktok';
/** The presets the bench measures: the bench job as a 9:16 TikTok and as a 16:9 YouTube export. */
export const BENCH_PRESETS = ['tiktok', 'youtube'] as const;
export const CLIP_SECONDS = 10;
const PATTERNS = ['testsrc2', 'smpte', 'testsrc2'] as const;
const TONES = [330, 440, 550];

export interface BenchJob {
  project: Project;
  projectDir: string;
  pack: ResolvedPack;
  plan: RenderPlan;
  clips: string[];
  /** the preset this job's plan is compiled for */
  presetId: string;
}

async function usableClip(file: string): Promise<boolean> {
  if (!existsSync(file)) return false;
  try {
    const info = await probeMedia(file);
    return info.video?.width === 1920 && info.video.height === 1080 && Boolean(info.audio) && Math.abs(info.durationSeconds - CLIP_SECONDS) < 0.1;
  } catch {
    return false;
  }
}

/** The three clips, generated on the first run (libx264 ultrafast + AAC, like a camera file). */
export async function ensureBenchMedia(dir: string, log: (line: string) => void): Promise<string[]> {
  const root = path.resolve(dir);
  await mkdir(root, { recursive: true });
  const clips = PATTERNS.map((_, index) => path.join(root, `clip-${index + 1}-1080p30.mp4`));
  for (const [index, file] of clips.entries()) {
    if (await usableClip(file)) continue;
    log(`making ${path.relative(process.cwd(), file)} (once; reused on later runs)`);
    await makeSampleClip({
      path: file,
      seconds: CLIP_SECONDS,
      width: 1920,
      height: 1080,
      fps: 30,
      pattern: PATTERNS[index],
      audio: { sampleRate: 48000, channels: 2, frequency: TONES[index] },
    });
  }
  return clips;
}

/** The project the engine renders, and its plan (compiled here only to read sizes and times for the baseline). */
export async function benchJob(options: { mediaDir: string; log: (line: string) => void; presetId?: string }): Promise<BenchJob> {
  const presetId = options.presetId ?? PRESET_ID;
  const clips = await ensureBenchMedia(options.mediaDir, options.log);
  const infos = await probeMany(clips);
  const project = buildQuickProject({
    name: 'Bench KlipKota',
    clips: infos,
    title: { name: 'Siti Aminah', role: 'Lurah Kauman' },
    reframe: 'blur',
    fps: 30,
    fields: { title: 'Car Free Day di Jalan Ijen', date: 'Minggu, 29 November 2026' },
  });
  const pack = await loadBuiltInPack(project.pack);
  const plan = compileRenderPlan({
    project,
    pack,
    preset: getPreset(presetId),
    media: Object.fromEntries(infos.map((info) => [info.path, info])),
  });
  return { project, projectDir: path.resolve(options.mediaDir), pack, plan, clips, presetId };
}
