/**
 * `npm run bench [-- --runs N] [--presets tiktok,youtube] [--before DIR] [--json] [--no-chains] [--no-startup] [--threads-experiment] [--ablation [--only A,B]] [--batch] [--captions] [--farm] [--no-main] [--timeline]`
 *
 * `--captions` adds the captions case (test/bench/captions.ts: the job with and without 200 caption segments).
 *
 * `--farm` adds the farm case (test/bench/farm.ts: 8 jobs on 1 worker vs 2 workers, one core each).
 *
 * `--timeline` runs only the timeline case (test/bench/timeline.ts: thumbnails, a 500-clip project in Chromium).
 *
 * For each preset (tiktok and youtube of the same project), renders the fixed
 * job (test/bench/job.ts) with the engine (renderProject: pack load, probe,
 * compile, raster, audio pass, video pass, verify, rename), with one
 * hand-written FFmpeg command (test/bench/baseline.ts) and with the three sides
 * of the encode floor (test/bench/floor.ts: decode + encode of the export's own
 * output with its own encoder arguments, decode only, x264 alone from raw
 * frames), interleaved, after one uncounted warm-up. Prints median wall and CPU
 * times, export/floor and export/hand-written ratios per interleaved pair,
 * realtime factors, peak RSS of every process, where the export's time went by
 * step, the video pass by filter chain (test/bench/chains.ts) and CLI start-up
 * (test/bench/startup.ts), with the load average. A benchmark, not a test:
 * nothing is asserted, and the machine may be shared, so the numbers are noisy.
 * Writes only under out/ (gitignored). FFMPEG_PATH/FFPROBE_PATH choose the binary.
 * `--before DIR` adds `klipkota render` from this checkout and from DIR (test/bench/cli-sides.ts).
 */
import { copyFile, mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveFfmpeg } from '../../electron/engine/ffmpeg/binaries.js';
import { runFfmpeg, shellCommandLine } from '../../electron/engine/ffmpeg/runner.js';
import { renderProject } from '../../electron/engine/export/render.js';
import { baselineArgs, encoderSettingsDiffer, exportGraphics } from './baseline.js';
import { BENCH_PRESETS, benchJob, type BenchJob } from './job.js';
import { FLOOR_SIDES, floorArgs, floorOutput, rawFrames, type FloorSide } from './floor.js';
import { runChains } from './chains.js';
import { runStartup } from './startup.js';
import { cliRender, writeBenchProject } from './cli-sides.js';
import { classify, watchChildren, type ProcessRecord, type RunSample } from './monitor.js';
import { runThreadsExperiment } from './threads.js';
import { runAblation } from './ablation.js';
import { runBatchBench } from './batch.js';
import { runFarmBench } from './farm.js';
import { runTimelineBench } from './timeline.js';
import { runCaptionsBench } from './captions.js';

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

/** Seconds in which at least one process ran (the sound's steps run beside the picture's: their spans overlap). */
function coveredSeconds(records: ProcessRecord[]): number {
  let covered = 0;
  let end = -Infinity;
  for (const record of [...records].sort((a, b) => a.firstSeenMs - b.firstSeenMs)) {
    const start = Math.max(record.firstSeenMs, end);
    if (record.lastSeenMs > start) covered += record.lastSeenMs - start;
    end = Math.max(end, record.lastSeenMs);
  }
  return covered / 1000;
}

async function engineRun(job: BenchJob, log: (line: string) => void): Promise<RunSample & { output: string }> {
  const epoch = performance.now();
  const watcher = watchChildren({ epoch });
  let records: ProcessRecord[] = [];
  let output = '';
  try {
    const outputs = await renderProject({
      project: job.project,
      projectDir: job.projectDir,
      presets: [job.presetId],
      outDir: path.join(WORK_DIR, 'engine'),
      overwrite: true,
      log,
    });
    output = outputs[0]!.path;
  } finally {
    records = watcher.stop();
  }
  const wallSeconds = (performance.now() - epoch) / 1000;
  const { steps, processes } = describe(records);
  steps.node = Math.max(0, wallSeconds - coveredSeconds(records));
  return { wallSeconds, peakRssBytes: Math.max(0, ...records.map((r) => r.peakRssBytes)), steps, processes, output };
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

const cpuOf = (sample: RunSample) => sample.processes.reduce((sum, p) => sum + p.cpuSeconds, 0);
const loadNow = () => os.loadavg().map((v) => v.toFixed(2)).join(' ');

type Side = 'engine' | 'baseline' | FloorSide | 'cli' | 'cli-before';

/** Where the engine's time went, per step (median), with CPU and the peak RSS of each step's processes. */
function stepTable(engine: RunSample[], engineWall: number): string[][] {
  const stepNames = ['probe', 'raster', 'audio-measure', 'audio-apply', 'audio-encode', 'audio', 'video', 'mux', 'verify', 'node', 'other'];
  return stepNames
    .filter((name) => engine.some((s) => s.steps?.[name] !== undefined))
    .map((name) => {
      const seconds = median(engine.map((s) => s.steps?.[name] ?? 0));
      const cpu = median(engine.map((s) => s.processes.filter((p) => p.step === name).reduce((sum, p) => sum + p.cpuSeconds, 0)));
      const peak = Math.max(0, ...engine.flatMap((s) => s.processes.filter((p) => p.step === name).map((p) => p.peakRssMiB)));
      return [name, seconds.toFixed(2), name === 'node' ? '-' : cpu.toFixed(2), name === 'node' ? '-' : peak.toFixed(0), `${((100 * seconds) / engineWall).toFixed(1)}%`];
    });
}

/**
 * One preset: the engine, the hand-written baseline and the three floor sides,
 * interleaved (the order turns every run), after an uncounted warm-up.
 */
async function measurePreset(options: { job: BenchJob; runs: number; say: (line: string) => void; before?: string }): Promise<Record<string, unknown>> {
  const { job, runs, say, before } = options;
  const graphics = await exportGraphics({ job, dir: path.join(MEDIA_DIR, 'graphics') });
  const args = baselineArgs({ job, graphics, output: path.join(WORK_DIR, `baseline-${job.presetId}.mp4`) });
  const differ = encoderSettingsDiffer(job, args);
  if (differ) throw new Error(`the baseline's encoder settings are not the engine's (${differ})`);
  const outputSeconds = job.plan.durationSeconds;
  say(`\n=== preset ${job.presetId}: ${outputSeconds} s output, ${job.plan.width}x${job.plan.height}; load ${loadNow()}`);
  say(`baseline command:\n${shellCommandLine(resolveFfmpeg().path, ['-hide_banner', '-nostdin', ...args])}\n`);
  const engineCommands: string[] = [];
  say('warm-up (not counted): engine, baseline');
  const warm = await engineRun(job, (line) => engineCommands.push(line));
  await baselineRun(args);
  say(`engine commands (from renderProject's log):\n${engineCommands.join('\n\n')}\n`);
  // the floor is measured on the engine's own output, kept aside
  const exported = path.join(WORK_DIR, `exported-${job.presetId}.mp4`);
  await copyFile(warm.output, exported);
  const raw = await rawFrames({ exported, raw: path.join(WORK_DIR, `raw-${job.presetId}.nut`) });
  const sideArgs = (side: FloorSide) => floorArgs({ side, job, exported, raw, output: floorOutput(WORK_DIR, side, job.presetId) });
  const sides: Side[] = ['engine', 'baseline', ...FLOOR_SIDES, ...(before ? (['cli', 'cli-before'] as const) : [])];
  const project = before ? await writeBenchProject(job, path.join(WORK_DIR, 'bench-project.json')) : '';
  const cli = (root: string) => cliRender({ root, project, presetId: job.presetId, outDir: path.join(WORK_DIR, 'cli') });
  if (before) {
    // warm-up, not counted
    await cli(path.resolve('.'));
    await cli(before);
  }
  const samples = new Map<Side, RunSample[]>(sides.map((side) => [side, []]));
  const runSide = (side: Side): Promise<RunSample> => {
    if (side === 'engine') return engineRun(job, () => undefined);
    if (side === 'cli' || side === 'cli-before') return cli(side === 'cli' ? path.resolve('.') : before!);
    return baselineRun(side === 'baseline' ? args : sideArgs(side));
  };
  for (let run = 0; run < runs; run++) {
    const order = run % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) {
      const sample = await runSide(side);
      samples.get(side)!.push(sample);
      say(`run ${run + 1}/${runs} ${side.padEnd(12)} ${sample.wallSeconds.toFixed(2)} s, cpu ${cpuOf(sample).toFixed(1)} s, peak ${(sample.peakRssBytes / MIB).toFixed(0)} MiB, load ${os.loadavg()[0]!.toFixed(2)}`);
    }
  }
  return summarize({ job, samples, say, outputSeconds, baselineCommand: shellCommandLine(resolveFfmpeg().path, ['-hide_banner', '-nostdin', ...args]) });
}

function summarize(options: { job: BenchJob; samples: Map<Side, RunSample[]>; say: (line: string) => void; outputSeconds: number; baselineCommand: string }): Record<string, unknown> {
  const { job, samples, say, outputSeconds } = options;
  const get = (side: Side) => samples.get(side)!;
  const wall = (side: Side) => median(get(side).map((s) => s.wallSeconds));
  const cpu = (side: Side) => median(get(side).map(cpuOf));
  const peak = (side: Side) => Math.max(...get(side).map((s) => s.peakRssBytes)) / MIB;
  const pairs = (side: Side) => get('engine').map((sample, index) => sample.wallSeconds / get(side)[index]!.wallSeconds);
  const row = (side: Side, label: string) => [label, wall(side).toFixed(2), Math.min(...get(side).map((s) => s.wallSeconds)).toFixed(2), Math.max(...get(side).map((s) => s.wallSeconds)).toFixed(2), (outputSeconds / wall(side)).toFixed(2), cpu(side).toFixed(2), peak(side).toFixed(0)];
  say(
    `\n${job.presetId}: medians of ${get('engine').length} interleaved run(s), load ${loadNow()}\n` +
      table([
        ['', 'median wall s', 'min s', 'max s', 'realtime x', 'cpu s', 'peak RSS MiB'],
        row('engine', 'engine export (whole renderProject call)'),
        row('baseline', 'hand-written single pass, quarter-size blur'),
        row('floor', 'floor: decode output + encode, same args'),
        row('decode-only', 'decode the output only'),
        row('x264-alone', 'x264 alone from raw frames'),
        ...(samples.has('cli') ? [row('cli', 'klipkota render (this checkout)'), row('cli-before', 'klipkota render (--before checkout)')] : []),
      ]),
  );
  if (samples.has('cli')) {
    say(`klipkota render, this checkout / --before checkout: ${median(get('cli').map((sample, index) => sample.wallSeconds / get('cli-before')[index]!.wallSeconds)).toFixed(3)} per interleaved pair; cpu ${(cpu('cli') / cpu('cli-before')).toFixed(3)}`);
  }
  const floorRatio = median(pairs('floor'));
  const baselineRatio = median(pairs('baseline'));
  say(`export / floor: ${floorRatio.toFixed(3)} per interleaved pair (target <= 1.5, goal 1.3); cpu ${(cpu('engine') / cpu('floor')).toFixed(3)}`);
  say(`export / hand-written: ${baselineRatio.toFixed(3)} per interleaved pair (target <= 0.8); cpu ${(cpu('engine') / cpu('baseline')).toFixed(3)}`);
  const steps = stepTable(get('engine'), wall('engine'));
  say(`\nwhere the export's time goes (median per step; process spans sampled every 50 ms; the sound's steps run beside the video pass, so shares add up past 100%; node = pack load, compile, rename, time with no process running):\n${table([['step', 'wall s', 'cpu s', 'peak MiB', 'share'], ...steps])}`);
  const summary = (side: Side) => ({ medianWallSeconds: wall(side), medianCpuSeconds: cpu(side), peakRssMiB: peak(side), runs: get(side) });
  return {
    outputSeconds,
    width: job.plan.width,
    height: job.plan.height,
    engine: summary('engine'),
    baseline: summary('baseline'),
    floor: summary('floor'),
    decodeOnly: summary('decode-only'),
    x264Alone: summary('x264-alone'),
    ...(samples.has('cli') ? { cli: summary('cli'), cliBefore: summary('cli-before') } : {}),
    exportOverFloor: floorRatio,
    exportOverBaseline: baselineRatio,
    engineSteps: Object.fromEntries(steps.map((step) => [step[0], Number(step[1])])),
    baselineCommand: options.baselineCommand,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      json: { type: 'boolean', default: false },
      presets: { type: 'string', default: BENCH_PRESETS.join(',') },
      'threads-experiment': { type: 'boolean', default: false },
      ablation: { type: 'boolean', default: false },
      only: { type: 'string' },
      'no-main': { type: 'boolean', default: false },
      'no-chains': { type: 'boolean', default: false },
      'no-startup': { type: 'boolean', default: false },
      before: { type: 'string' },
      batch: { type: 'boolean', default: false },
      captions: { type: 'boolean', default: false },
      farm: { type: 'boolean', default: false },
      timeline: { type: 'boolean', default: false },
    },
  });
  const runs = Math.max(1, Number.parseInt(values.runs!, 10) || 5);
  const say = (line: string) => (values.json ? process.stderr : process.stdout).write(`${line}\n`);
  await mkdir(WORK_DIR, { recursive: true });
  if (values.timeline) {
    say(`KlipKota timeline bench: ${os.cpus().length} cores, load ${loadNow()}`);
    const timeline = await runTimelineBench({ say });
    if (values.json) process.stdout.write(`${JSON.stringify({ timeline }, null, 2)}\n`);
    return;
  }
  say(`KlipKota bench: ${os.cpus().length} cores, load ${loadNow()}, ffmpeg ${resolveFfmpeg().path}`);
  const summary: Record<string, unknown> = { cores: os.cpus().length, ffmpeg: resolveFfmpeg().path, runs, loadAtStart: os.loadavg() };
  const presetIds = values.presets!.split(',').filter(Boolean);
  for (const presetId of presetIds) {
    const job = await benchJob({ mediaDir: MEDIA_DIR, log: say, presetId });
    const result: Record<string, unknown> = {};
    if (!values['no-main']) Object.assign(result, await measurePreset({ job, runs, say, ...(values.before ? { before: path.resolve(values.before) } : {}) }));
    if (!values['no-chains']) result.chains = await runChains({ job, workDir: WORK_DIR, runs, say, run: baselineRun, median });
    if (values.ablation || values['threads-experiment']) {
      const graphics = await exportGraphics({ job, dir: path.join(MEDIA_DIR, 'graphics') });
      if (values.ablation) result.ablation = await runAblation({ job, graphics, workDir: WORK_DIR, runs, say, baselineRun, median, only: values.only?.split(',').filter(Boolean) });
      if (values['threads-experiment']) result.threads = await runThreadsExperiment({ job, graphics, workDir: WORK_DIR, runs, say, baselineRun, median });
    }
    summary[presetId] = result;
  }
  if (!values['no-startup']) {
    const job = await benchJob({ mediaDir: MEDIA_DIR, log: say });
    summary.startup = await runStartup({ clip: job.clips[0]!, runs: Math.max(runs, 5), say, median });
  }
  if (values.batch) summary.batch = await runBatchBench({ rows: 10, jobs: [1, 2], say });
  if (values.captions) summary.captions = await runCaptionsBench({ job: await benchJob({ mediaDir: MEDIA_DIR, log: say }), runs, workDir: WORK_DIR, say, median });
  if (values.farm) summary.farm = await runFarmBench({ runs: 1, seconds: 2, say });
  summary.loadAtEnd = os.loadavg();
  say(`\nload at the end: ${loadNow()}`);
  await rm(path.join(WORK_DIR, 'engine'), { recursive: true, force: true });
  if (values.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  if (error && typeof error === 'object' && 'detail' in error) process.stderr.write(`${String((error as { detail: unknown }).detail)}\n`);
  process.exit(1);
});
