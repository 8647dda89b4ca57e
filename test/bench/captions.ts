/**
 * The captions case of `npm run bench -- --captions`: the fixed bench job
 * (test/bench/job.ts: three 10 s 1080p clips, intro, outro, lower third, logo,
 * TikTok) rendered by the engine without captions and with 200 caption
 * segments burned in (all different words, so 200 rasterizations), alternating,
 * after one uncounted warm-up of each. Prints wall seconds of each run with
 * the load average, the medians and the ratio with/without. Every run is one
 * FFmpeg video pass (the captions are one input and one overlay per lane).
 */
import os from 'node:os';
import path from 'node:path';
import { rm } from 'node:fs/promises';
import { replaceCaptions } from '@core/model/captions.js';
import type { Project } from '@core/model/project.js';
import { compileRenderPlan } from '@core/plan/compile.js';
import { getPreset } from '@core/presets.js';
import { renderProject } from '../../electron/engine/export/render.js';
import type { BenchJob } from './job.js';
import { watchChildren, type ProcessRecord } from './monitor.js';

export const CAPTION_SEGMENTS = 200;

/** 200 captions spread over the content, each with its own words. */
export function withBenchCaptions(project: Project, contentFrames: number): Project {
  const step = contentFrames / CAPTION_SEGMENTS;
  const captions = Array.from({ length: CAPTION_SEGMENTS }, (_, index) => ({
    start: Math.round(index * step),
    duration: Math.max(1, Math.round(step) - 1),
    text: `Teks ke-${index + 1}: warga Kota Malang bergotong royong`,
  }));
  return replaceCaptions({ project, captions });
}

/** Wall seconds of one export, FFmpeg's CPU seconds (steadier on a shared machine) and this process's CPU seconds (compile, raster). */
async function timed(options: { project: Project; job: BenchJob; outDir: string }): Promise<{ wall: number; ffmpegCpu: number; nodeCpu: number }> {
  const started = performance.now();
  const usage = process.cpuUsage();
  const watcher = watchChildren({ epoch: started });
  let records: ProcessRecord[] = [];
  try {
    await renderProject({ project: options.project, projectDir: options.job.projectDir, presets: ['tiktok'], outDir: options.outDir, overwrite: true });
  } finally {
    records = watcher.stop();
  }
  const own = process.cpuUsage(usage);
  return {
    wall: (performance.now() - started) / 1000,
    ffmpegCpu: records.filter((record) => record.tool === 'ffmpeg').reduce((sum, record) => sum + record.cpuSeconds, 0),
    nodeCpu: (own.user + own.system) / 1e6,
  };
}

export async function runCaptionsBench(options: { job: BenchJob; runs: number; workDir: string; say: (line: string) => void; median: (values: number[]) => number }): Promise<Record<string, unknown>> {
  const { job, say } = options;
  const contentFrames = job.project.timeline.tracks.video.reduce((sum, item) => sum + (item.kind === 'clip' ? item.sourceRange.duration : item.duration), 0);
  const captioned = withBenchCaptions(job.project, contentFrames);
  const plan = compileRenderPlan({ project: captioned, pack: job.pack, preset: getPreset('tiktok'), media: Object.fromEntries((await import('../../electron/engine/ffmpeg/probe.js').then((m) => m.probeMany(job.clips))).map((info) => [info.path, info])) });
  const lanes = plan.inputs.filter((input) => input.kind === 'raster-sequence').length;
  say(`\ncaptions: ${CAPTION_SEGMENTS} segments, ${lanes} lane(s), ${plan.inputs.length} FFmpeg inputs, graph ${plan.filterGraph.length} characters${plan.filterScript ? ' (script file)' : ''}`);
  const outDir = path.join(options.workDir, 'captions');
  type Sample = Awaited<ReturnType<typeof timed>>;
  const sides = { without: [] as Sample[], with: [] as Sample[] };
  for (let run = 0; run <= options.runs; run += 1) {
    const order = run % 2 === 0 ? (['without', 'with'] as const) : (['with', 'without'] as const);
    for (const side of order) {
      const sample = await timed({ project: side === 'with' ? captioned : job.project, job, outDir: path.join(outDir, side) });
      // run 0 is the warm-up (caches, page cache), not counted
      if (run > 0) sides[side].push(sample);
      say(`${run === 0 ? 'warm-up' : `run ${run}/${options.runs}`} ${side.padEnd(7)} captions ${sample.wall.toFixed(2)} s wall, FFmpeg CPU ${sample.ffmpegCpu.toFixed(2)} s, node CPU ${sample.nodeCpu.toFixed(2)} s, load ${os.loadavg().map((value) => value.toFixed(2)).join(' ')}`);
    }
  }
  const median = (list: Sample[], key: keyof Sample) => options.median(list.map((sample) => sample[key]));
  const rows = (['wall', 'ffmpegCpu', 'nodeCpu'] as const).map((key) => {
    const without = median(sides.without, key);
    const withCaptions = median(sides.with, key);
    say(`median ${key.padEnd(9)} without captions ${without.toFixed(2)} s, with ${CAPTION_SEGMENTS} captions ${withCaptions.toFixed(2)} s, ratio ${(withCaptions / without).toFixed(3)}`);
    return [key, { without, with: withCaptions, ratio: withCaptions / without }] as const;
  });
  await rm(outDir, { recursive: true, force: true });
  return { segments: CAPTION_SEGMENTS, lanes, inputs: plan.inputs.length, runs: sides, medians: Object.fromEntries(rows) };
}
