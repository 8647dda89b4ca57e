/**
 * `--ablation`: where the video pass spends its time. Replays the engine's video
 * pass (threads.ts engineVideoArgs) and the baseline with one thing changed at a
 * time: no encoder (graph to -f null), and the baseline without its inline
 * loudnorm. (The earlier proposals, decoding graphics once with the loop filter
 * and cropping the background's source before shrinking it, are now in the
 * compiler.)
 */
import path from 'node:path';
import { GRAPH_THREADS } from '@core/plan/args.js';
import { baselineArgs, type BaselineGraphics } from './baseline.js';
import type { RunSample } from './monitor.js';
import type { BenchJob } from './job.js';
import { engineVideoArgs } from './threads.js';

interface Variant {
  name: string;
  args: (dir: string) => string[];
}

// the picture pass as the engine runs it (its graph threads)
const NONE = { name: 'default', global: [...GRAPH_THREADS], output: [] };

/** No encoder: keep inputs and graph, map the graph's outputs into -f null. */
export function toNull(args: string[], labels: string[]): string[] {
  const filterAt = args.indexOf('-filter_complex');
  return [...args.slice(0, filterAt + 2), ...labels.flatMap((label) => ['-map', label]), '-f', 'null', '-'];
}

export async function runAblation(options: {
  job: BenchJob;
  graphics: BaselineGraphics;
  workDir: string;
  runs: number;
  say: (line: string) => void;
  baselineRun: (args: string[]) => Promise<RunSample>;
  median: (values: number[]) => number;
  /** run only the variants whose name contains one of these */
  only?: string[];
}): Promise<Array<{ variant: string; seconds: number; cpuSeconds: number; peakMiB: number }>> {
  const { job, graphics, workDir, runs, say, baselineRun, median } = options;
  const dir = path.join(workDir, 'ablation');
  const engine = await engineVideoArgs({ job, dir });
  const engineOut = path.join(dir, 'engine.mp4');
  const base = (extraGraph?: (graph: string) => string) => {
    const args = baselineArgs({ job, graphics, output: path.join(dir, 'baseline.mp4') });
    if (extraGraph) {
      const at = args.indexOf('-filter_complex') + 1;
      args[at] = extraGraph(args[at]!);
    }
    return args;
  };
  const all: Variant[] = [
    { name: 'engine video pass (as compiled)', args: () => engine(NONE, engineOut) },
    { name: 'engine graph only (-f null, no x264)', args: () => toNull(engine(NONE, engineOut), ['[vout]']) },
    { name: 'baseline (as written)', args: () => base() },
    { name: 'baseline graph only (-f null, no x264, with its audio)', args: () => toNull(base(), ['[vout]', '[aout]']) },
    { name: 'baseline without inline loudnorm', args: () => base((graph) => graph.replace('loudnorm=I=-14:TP=-1.5:LRA=11,', '')) },
  ];
  const variants = options.only?.length ? all.filter((variant) => options.only!.some((part) => variant.name.includes(part))) : all;
  say(`\nablation: one change at a time, ${runs} run(s) each, variants interleaved`);
  const samples = new Map<string, RunSample[]>(variants.map((variant) => [variant.name, []]));
  for (let run = 0; run < runs; run++) {
    const order = run % 2 === 0 ? variants : [...variants].reverse();
    for (const variant of order) {
      const sample = await baselineRun(variant.args(dir));
      samples.get(variant.name)!.push(sample);
      say(`  ${variant.name.padEnd(48)} ${sample.wallSeconds.toFixed(2)} s`);
    }
  }
  const results = variants.map((variant) => {
    const list = samples.get(variant.name)!;
    return {
      variant: variant.name,
      seconds: median(list.map((s) => s.wallSeconds)),
      cpuSeconds: median(list.map((s) => s.processes.reduce((sum, p) => sum + p.cpuSeconds, 0))),
      peakMiB: Math.max(...list.map((s) => s.peakRssBytes)) / (1024 * 1024),
    };
  });
  say('ablation medians:');
  for (const row of results) say(`  ${row.variant.padEnd(48)} ${row.seconds.toFixed(2)} s wall, ${row.cpuSeconds.toFixed(1)} s cpu, ${row.peakMiB.toFixed(0)} MiB`);
  return results;
}
