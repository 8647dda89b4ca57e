/**
 * `--threads-experiment`: the effect of FFmpeg's threading options on this
 * machine, for both commands. The engine's picture pass is replayed exactly as
 * renderProject builds it (same inputs, graph, maps, output arguments; its PNGs
 * made beforehand, untimed), with the extra options added; the baseline (which
 * also makes its sound) gets the same extra options. Alternating, `runs` of each.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { inputArguments } from '@core/plan/args.js';
import { planInputFiles } from '../../electron/engine/export/render.js';
import { baselineArgs, type BaselineGraphics } from './baseline.js';
import type { BenchJob } from './job.js';
import type { RunSample } from './monitor.js';

export interface ThreadVariant {
  name: string;
  global: string[];
  output: string[];
  /** options before each clip's -i (the decoders) */
  clipInput?: string[];
}

export const VARIANTS: ThreadVariant[] = [
  { name: "FFmpeg's default threads", global: [], output: [] },
  { name: '-filter_complex_threads 1 (the engine since issue 15)', global: ['-filter_complex_threads', '1'], output: [] },
  { name: '-filter_complex_threads 2', global: ['-filter_complex_threads', '2'], output: [] },
  { name: 'x264 -threads 2', global: [], output: ['-threads', '2'] },
  { name: '-filter_complex_threads 2 + x264 -threads 2', global: ['-filter_complex_threads', '2'], output: ['-threads', '2'] },
  { name: 'clip decoders -threads 1', global: [], output: [], clipInput: ['-threads', '1'] },
  { name: 'clip decoders -threads 2', global: [], output: [], clipInput: ['-threads', '2'] },
];

/** The engine's picture pass as renderProject runs it, with extra options (and without its own GRAPH_THREADS: the variants set the threads). */
export async function engineVideoArgs(options: { job: BenchJob; dir: string }): Promise<(variant: ThreadVariant, output: string) => string[]> {
  const { job, dir } = options;
  await mkdir(dir, { recursive: true });
  const files = await planInputFiles({ plan: job.plan, workDir: dir });
  const inputs = (variant: ThreadVariant) =>
    job.plan.inputs.map((input) => (input.kind === 'file' && variant.clipInput && job.clips.includes(input.path) ? { ...input, before: [...variant.clipInput, ...input.before] } : input));
  return (variant, output) => [
    ...variant.global,
    ...inputArguments(inputs(variant), files),
    '-filter_complex', job.plan.filterGraph,
    ...job.plan.maps.flatMap((map) => ['-map', map]),
    ...job.plan.outputArgs,
    ...variant.output,
    '-y', output,
  ];
}

export async function runThreadsExperiment(options: {
  job: BenchJob;
  graphics: BaselineGraphics;
  workDir: string;
  runs: number;
  say: (line: string) => void;
  baselineRun: (args: string[]) => Promise<RunSample>;
  median: (values: number[]) => number;
}): Promise<Array<{ variant: string; engineVideoSeconds: number; baselineSeconds: number; enginePeakMiB: number; baselinePeakMiB: number }>> {
  const { job, graphics, workDir, runs, say, baselineRun, median } = options;
  const dir = path.join(workDir, 'threads');
  const engineArgs = await engineVideoArgs({ job, dir });
  const results = [];
  say(`\nthreads experiment: engine's video pass alone (no probe/audio/verify) vs baseline, ${runs} run(s) each, alternating`);
  for (const variant of VARIANTS) {
    const engine: RunSample[] = [];
    const baseline: RunSample[] = [];
    for (let run = 0; run < runs; run++) {
      const e = () => baselineRun(engineArgs(variant, path.join(dir, 'engine-video.mp4'))).then((s) => engine.push(s));
      const b = () => baselineRun(baselineArgs({ job, graphics, output: path.join(dir, 'baseline.mp4'), extra: variant })).then((s) => baseline.push(s));
      if (run % 2 === 0) {
        await e();
        await b();
      } else {
        await b();
        await e();
      }
    }
    const row = {
      variant: variant.name,
      engineVideoSeconds: median(engine.map((s) => s.wallSeconds)),
      baselineSeconds: median(baseline.map((s) => s.wallSeconds)),
      engineCpuSeconds: median(engine.map((s) => s.processes.reduce((sum, p) => sum + p.cpuSeconds, 0))),
      baselineCpuSeconds: median(baseline.map((s) => s.processes.reduce((sum, p) => sum + p.cpuSeconds, 0))),
      enginePeakMiB: Math.max(...engine.map((s) => s.peakRssBytes)) / (1024 * 1024),
      baselinePeakMiB: Math.max(...baseline.map((s) => s.peakRssBytes)) / (1024 * 1024),
    };
    results.push(row);
    say(
      `${variant.name.padEnd(44)} engine video ${row.engineVideoSeconds.toFixed(2)} s (cpu ${row.engineCpuSeconds.toFixed(1)}, ${row.enginePeakMiB.toFixed(0)} MiB)   ` +
        `baseline ${row.baselineSeconds.toFixed(2)} s (cpu ${row.baselineCpuSeconds.toFixed(1)}, ${row.baselinePeakMiB.toFixed(0)} MiB)`,
    );
  }
  return results;
}
