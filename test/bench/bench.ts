/**
 * `npm run bench [-- --runs N] [--json] [--threads-experiment] [--ablation [--only A,B]] [--batch] [--farm] [--no-main] [--timeline]`
 *
 * `--farm` adds the farm case (test/bench/farm.ts: 8 jobs on 1 worker vs 2 workers, one core each).
 *
 * `--timeline` runs only the timeline case (test/bench/timeline.ts: thumbnails, a 500-clip project in Chromium).
 *
 * Renders the fixed job (test/bench/job.ts) with the engine (renderProject: pack
 * load, probe, compile, raster, audio pass, video pass, verify, rename) and with
 * one hand-written FFmpeg command (test/bench/baseline.ts), alternating, after
 * one uncounted warm-up of each. Prints median wall times, the median of the
 * per-pair ratio engine/baseline, realtime factors (output seconds / wall
 * seconds), peak RSS of every FFmpeg process, and where the engine's time went.
 * A benchmark, not a test: nothing is asserted, and the machine may be shared,
 * so the numbers are noisy. Writes only under out/ (gitignored).
 */
import { mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveFfmpeg } from '../../electron/engine/ffmpeg/binaries.js';
import { runFfmpeg, shellCommandLine } from '../../electron/engine/ffmpeg/runner.js';
import { renderProject } from '../../electron/engine/export/render.js';
import { baselineArgs, encoderSettingsDiffer, exportGraphics } from './baseline.js';
import { benchJob, PRESET_ID, type BenchJob } from './job.js';
import { classify, watchChildren, type ProcessRecord, type RunSample } from './monitor.js';
import { runThreadsExperiment } from './threads.js';
import { runAblation } from './ablation.js';
import { runBatchBench } from './batch.js';
import { runFarmBench } from './farm.js';
import { runTimelineBench } from './timeline.js';

const OUT = path.resolve('out');
const MEDIA_DIR = path.join(OUT, 'bench-media');
const WORK_DIR = path.join(OUT, 'bench-work');
const MIB = 1024 * 1024;

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

function describe(records: ProcessRecord[]): { steps: Record<string, number>; processes: RunSample['processes'] } {
  const steps: Record<string, number> = {};
  const processes: RunSample['processes'] = [];
  let videoSeen = false;
  for (const record of records) {
    const step = classify(record, videoSeen);
    if (step === 'video') videoSeen = true;
    const seconds = (record.lastSeenMs - record.firstSeenMs) / 1000;
    steps[step] = (steps[step] ?? 0) + seconds;
    processes.push({ step, seconds, cpuSeconds: record.cpuSeconds, peakRssMiB: record.peakRssBytes / MIB });
  }
  return { steps, processes };
}

async function engineRun(job: BenchJob, log: (line: string) => void): Promise<RunSample> {
  const epoch = performance.now();
  const watcher = watchChildren({ epoch });
  let records: ProcessRecord[] = [];
  try {
    await renderProject({
      project: job.project,
      projectDir: job.projectDir,
      presets: [PRESET_ID],
      outDir: path.join(WORK_DIR, 'engine'),
      overwrite: true,
      log,
    });
  } finally {
    records = watcher.stop();
  }
  const wallSeconds = (performance.now() - epoch) / 1000;
  const { steps, processes } = describe(records);
  const inProcesses = Object.values(steps).reduce((sum, value) => sum + value, 0);
  steps.node = Math.max(0, wallSeconds - inProcesses);
  return { wallSeconds, peakRssBytes: Math.max(0, ...records.map((r) => r.peakRssBytes)), steps, processes };
}

export async function baselineRun(args: string[]): Promise<RunSample> {
  const epoch = performance.now();
  const watcher = watchChildren({ epoch });
  let records: ProcessRecord[] = [];
  let result;
  try {
    result = await runFfmpeg({ args, measureMemory: true, log: () => undefined });
  } finally {
    records = watcher.stop();
  }
  const wallSeconds = (performance.now() - epoch) / 1000;
  const peak = Math.max(result.peakRssBytes ?? 0, ...records.map((r) => r.peakRssBytes));
  return { wallSeconds, peakRssBytes: peak, processes: describe(records).processes };
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ')).join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      json: { type: 'boolean', default: false },
      'threads-experiment': { type: 'boolean', default: false },
      ablation: { type: 'boolean', default: false },
      only: { type: 'string' },
      'no-main': { type: 'boolean', default: false },
      batch: { type: 'boolean', default: false },
      farm: { type: 'boolean', default: false },
      timeline: { type: 'boolean', default: false },
    },
  });
  const runs = Math.max(1, Number.parseInt(values.runs!, 10) || 5);
  const say = (line: string) => (values.json ? process.stderr : process.stdout).write(`${line}\n`);
  await mkdir(WORK_DIR, { recursive: true });
  if (values.timeline) {
    say(`KlipKota timeline bench: ${os.cpus().length} cores, load ${os.loadavg().map((v) => v.toFixed(2)).join(' ')}`);
    const timeline = await runTimelineBench({ say });
    if (values.json) process.stdout.write(`${JSON.stringify({ timeline }, null, 2)}\n`);
    return;
  }
  say(`KlipKota bench: ${os.cpus().length} cores, load ${os.loadavg().map((v) => v.toFixed(2)).join(' ')}, ffmpeg ${resolveFfmpeg().path}`);

  const job = await benchJob({ mediaDir: MEDIA_DIR, log: say });
  const graphics = await exportGraphics({ job, dir: path.join(MEDIA_DIR, 'graphics') });
  const baselineOut = path.join(WORK_DIR, 'baseline.mp4');
  const args = baselineArgs({ job, graphics, output: baselineOut });
  const differ = encoderSettingsDiffer(job, args);
  if (differ) throw new Error(`the baseline's encoder settings are not the engine's (${differ})`);
  const outputSeconds = job.plan.durationSeconds;
  say(`job: ${outputSeconds} s output, ${job.plan.width}x${job.plan.height}, preset ${PRESET_ID}`);
  say(`\nbaseline command:\n${shellCommandLine(resolveFfmpeg().path, ['-hide_banner', '-nostdin', ...args])}\n`);

  const summary: Record<string, unknown> = { cores: os.cpus().length, outputSeconds, ffmpeg: resolveFfmpeg().path, runs };
  if (!values['no-main']) {
    const engineCommands: string[] = [];
    say('warm-up (not counted): engine, baseline');
    await engineRun(job, (line) => engineCommands.push(line));
    await baselineRun(args);
    say(`engine commands (from renderProject's log):\n${engineCommands.join('\n\n')}\n`);

    const engine: RunSample[] = [];
    const baseline: RunSample[] = [];
    for (let run = 0; run < runs; run++) {
      // alternate which goes first, so a drift in machine load hits both alike
      const order = run % 2 === 0 ? (['engine', 'baseline'] as const) : (['baseline', 'engine'] as const);
      for (const which of order) {
        const sample = which === 'engine' ? await engineRun(job, () => undefined) : await baselineRun(args);
        (which === 'engine' ? engine : baseline).push(sample);
        say(`run ${run + 1}/${runs} ${which.padEnd(8)} ${sample.wallSeconds.toFixed(2)} s, peak ${(sample.peakRssBytes / MIB).toFixed(0)} MiB, load ${os.loadavg()[0]!.toFixed(2)}`);
      }
    }
    const ratios = engine.map((sample, index) => sample.wallSeconds / baseline[index]!.wallSeconds);
    const engineWall = median(engine.map((s) => s.wallSeconds));
    const baselineWall = median(baseline.map((s) => s.wallSeconds));
    const cpu = (list: RunSample[]) => median(list.map((sample) => sample.processes.reduce((sum, p) => sum + p.cpuSeconds, 0)));
    const engineCpu = cpu(engine);
    const baselineCpu = cpu(baseline);
    const enginePeak = Math.max(...engine.map((s) => s.peakRssBytes)) / MIB;
    const baselinePeak = Math.max(...baseline.map((s) => s.peakRssBytes)) / MIB;
    say(
      '\n' +
        table([
          ['', 'median wall s', 'min s', 'max s', 'realtime x', 'ffmpeg cpu s', 'peak RSS MiB'],
          ['engine (whole renderProject call)', engineWall.toFixed(2), Math.min(...engine.map((s) => s.wallSeconds)).toFixed(2), Math.max(...engine.map((s) => s.wallSeconds)).toFixed(2), (outputSeconds / engineWall).toFixed(2), engineCpu.toFixed(2), enginePeak.toFixed(0)],
          ['baseline (one ffmpeg command)', baselineWall.toFixed(2), Math.min(...baseline.map((s) => s.wallSeconds)).toFixed(2), Math.max(...baseline.map((s) => s.wallSeconds)).toFixed(2), (outputSeconds / baselineWall).toFixed(2), baselineCpu.toFixed(2), baselinePeak.toFixed(0)],
        ]),
    );
    say(`median ratio engine/baseline (per alternating pair): ${median(ratios).toFixed(3)}  [pairs: ${ratios.map((r) => r.toFixed(3)).join(', ')}]`);
    say(`ratio of medians: ${(engineWall / baselineWall).toFixed(3)}  (target <= 1.0, aim 0.75; FFmpeg peak target < 700 MiB)`);
    say(`ratio of FFmpeg CPU time (steadier than wall time when the machine is shared): ${(engineCpu / baselineCpu).toFixed(3)}`);

    const stepNames = ['probe', 'audio-measure', 'audio-apply', 'video', 'verify', 'node', 'other'];
    const stepRows = stepNames
      .filter((name) => engine.some((s) => s.steps?.[name] !== undefined))
      .map((name) => {
        const seconds = median(engine.map((s) => s.steps?.[name] ?? 0));
        const cpu = median(engine.map((s) => s.processes.filter((p) => p.step === name).reduce((sum, p) => sum + p.cpuSeconds, 0)));
        const peak = Math.max(0, ...engine.flatMap((s) => s.processes.filter((p) => p.step === name).map((p) => p.peakRssMiB)));
        return [name, seconds.toFixed(2), name === 'node' ? '-' : cpu.toFixed(2), name === 'node' ? '-' : peak.toFixed(0), `${((100 * seconds) / engineWall).toFixed(1)}%`];
      });
    say(`\nwhere the engine's time goes (median per step; process spans sampled every 50 ms; node = pack load, compile, raster, rename, gaps):\n${table([['step', 'wall s', 'cpu s', 'peak MiB', 'share'], ...stepRows])}`);
    Object.assign(summary, {
      engine: { medianWallSeconds: engineWall, medianCpuSeconds: engineCpu, realtimeFactor: outputSeconds / engineWall, peakRssMiB: enginePeak, runs: engine },
      baseline: { medianWallSeconds: baselineWall, medianCpuSeconds: baselineCpu, realtimeFactor: outputSeconds / baselineWall, peakRssMiB: baselinePeak, runs: baseline },
      medianRatio: median(ratios),
      cpuRatio: engineCpu / baselineCpu,
      ratioOfMedians: engineWall / baselineWall,
      engineSteps: Object.fromEntries(stepRows.map((row) => [row[0], Number(row[1])])),
      baselineCommand: shellCommandLine(resolveFfmpeg().path, ['-hide_banner', '-nostdin', ...args]),
    });
  }
  if (values.ablation) {
    summary.ablation = await runAblation({ job, graphics, workDir: WORK_DIR, runs, say, baselineRun, median, only: values.only?.split(',').filter(Boolean) });
  }
  if (values['threads-experiment']) {
    summary.threads = await runThreadsExperiment({ job, graphics, workDir: WORK_DIR, runs, say, baselineRun, median });
  }
  if (values.batch) summary.batch = await runBatchBench({ rows: 10, jobs: [1, 2], say });
  if (values.farm) summary.farm = await runFarmBench({ runs: 1, seconds: 2, say });
  await rm(path.join(WORK_DIR, 'engine'), { recursive: true, force: true });
  if (values.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  if (error && typeof error === 'object' && 'detail' in error) process.stderr.write(`${String((error as { detail: unknown }).detail)}\n`);
  process.exit(1);
});
