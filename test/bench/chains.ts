/**
 * Where the video pass's filter time goes, chain by chain: the engine's graph
 * (to -f null, no encoder) compiled from the bench project with one kind of
 * chain taken out at a time, and the sources decoded alone. The cost of a chain
 * is the full graph minus the graph without it. Variants are interleaved, runs
 * of each, medians.
 */
import path from 'node:path';
import { GRAPH_THREADS } from '@core/plan/args.js';
import type { Project } from '@core/model/project.js';
import { compileRenderPlan } from '@core/plan/compile.js';
import { getPreset } from '@core/presets.js';
import { probeMany } from '../../electron/engine/ffmpeg/probe.js';
import { toNull } from './ablation.js';
import type { BenchJob } from './job.js';
import type { RunSample } from './monitor.js';
import { engineVideoArgs, type ThreadVariant } from './threads.js';

// the picture pass as the engine runs it (its graph threads)
const NONE: ThreadVariant = { name: 'default', global: [...GRAPH_THREADS], output: [] };

interface ChainVariant {
  name: string;
  /** the project with one chain kind taken out (undefined: the sources decoded alone) */
  project?: (project: Project) => Project;
}

const VARIANTS: ChainVariant[] = [
  { name: 'full graph' },
  { name: 'without overlays (lower third, logo)', project: (p) => ({ ...p, logo: false, timeline: { ...p.timeline, tracks: { ...p.timeline.tracks, overlay: [] } } }) },
  {
    name: 'without blur fill (fit + pad)',
    project: (p) => ({ ...p, timeline: { ...p.timeline, tracks: { ...p.timeline.tracks, video: p.timeline.tracks.video.map((item) => (item.kind === 'clip' ? { ...item, reframe: { mode: 'pad' as const, color: '#000000' } } : item)) } } }),
  },
  { name: 'without intro and outro cards', project: (p) => ({ ...p, intro: false, outro: false }) },
  { name: 'sources decoded alone' },
];

async function variantJob(job: BenchJob, change: (project: Project) => Project): Promise<BenchJob> {
  const project = change(job.project);
  const infos = await probeMany(job.clips);
  const plan = compileRenderPlan({ project, pack: job.pack, preset: getPreset(job.presetId), media: Object.fromEntries(infos.map((info) => [info.path, info])) });
  return { ...job, project, plan };
}

/** The clips decoded with the plan's own input options, nothing else. */
function decodeSources(job: BenchJob): string[] {
  const clipInputs = job.plan.inputs.flatMap((input) => (input.kind === 'file' && job.clips.includes(input.path) ? [input] : []));
  return [...clipInputs.flatMap((input) => [...input.before, '-i', input.kind === 'file' ? input.path : '']), ...clipInputs.flatMap((_, index) => ['-map', `${index}:v:0`]), '-f', 'null', '-'];
}

async function variantArgs(job: BenchJob, variant: ChainVariant, dir: string): Promise<string[]> {
  if (variant.name === 'sources decoded alone') return decodeSources(job);
  const target = variant.project ? await variantJob(job, variant.project) : job;
  const args = await engineVideoArgs({ job: target, dir: path.join(dir, variant.name.replace(/[^a-z]+/g, '-')) });
  return toNull(args(NONE, path.join(dir, 'unused.mp4')), ['[vout]']);
}

export interface ChainRow {
  variant: string;
  seconds: number;
  cpuSeconds: number;
  peakMiB: number;
}

export async function runChains(options: {
  job: BenchJob;
  workDir: string;
  runs: number;
  say: (line: string) => void;
  run: (args: string[]) => Promise<RunSample>;
  median: (values: number[]) => number;
}): Promise<ChainRow[]> {
  const { job, runs, say, median } = options;
  const dir = path.join(options.workDir, `chains-${job.presetId}`);
  const prepared = await Promise.all(VARIANTS.map(async (variant) => ({ variant, args: await variantArgs(job, variant, dir) })));
  const samples = new Map<string, RunSample[]>(VARIANTS.map((variant) => [variant.name, []]));
  for (let run = 0; run < runs; run++) {
    const order = run % 2 === 0 ? prepared : [...prepared].reverse();
    for (const { variant, args } of order) samples.get(variant.name)!.push(await options.run(args));
  }
  const rows = VARIANTS.map((variant) => {
    const list = samples.get(variant.name)!;
    return {
      variant: variant.name,
      seconds: median(list.map((s) => s.wallSeconds)),
      cpuSeconds: median(list.map((s) => s.processes.reduce((sum, p) => sum + p.cpuSeconds, 0))),
      peakMiB: Math.max(...list.map((s) => s.peakRssBytes)) / (1024 * 1024),
    };
  });
  const full = rows[0]!;
  say(`\nvideo pass by filter chain (${job.presetId}; graph to -f null, no encoder; ${runs} run(s) each, interleaved; cost = full graph minus the graph without it):`);
  for (const row of rows) {
    const cost = row === full || row.variant === 'sources decoded alone' ? '' : `  -> chain costs ${(full.seconds - row.seconds).toFixed(2)} s wall, ${(full.cpuSeconds - row.cpuSeconds).toFixed(1)} s cpu`;
    say(`  ${row.variant.padEnd(40)} ${row.seconds.toFixed(2)} s wall, ${row.cpuSeconds.toFixed(1)} s cpu, ${row.peakMiB.toFixed(0)} MiB${cost}`);
  }
  return rows;
}
