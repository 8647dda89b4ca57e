/**
 * The farm case of `npm run bench -- --farm` (or alone:
 * `node bin/tsx-run.mjs test/bench/farm.ts [--runs N] [--seconds S]`): eight
 * jobs (one 1080p YouTube video each from an S-second clip, default 2) sent
 * with `klipkota batch --farm --wait` to a farm on the embedded PostgreSQL,
 * rendered by one worker and by two workers, each worker process (and the
 * FFmpeg it starts) pinned to its own core with taskset. The two sides
 * alternate within each run. Prints wall seconds from sending to the last file,
 * the speed-up, and the load average next to each figure. The engine has no
 * FFmpeg -threads option, so only taskset limits a worker to one core.
 * Writes only under out/.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ProjectSchema } from '@core/model/project.js';
import { startCoordinator } from '../../electron/engine/farm/coordinator.js';
import { encodeJoinCode } from '../../electron/engine/farm/join-code.js';
import { makeSampleClip } from '../../electron/engine/media/samples.js';

const WORK_DIR = path.resolve('out', 'bench-work', 'farm');
const JOBS = 8;

const load = () => os.loadavg().map((value) => value.toFixed(2)).join(' ');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The shared folder: one clip, eight projects. */
async function makeShare(seconds: number): Promise<{ share: string; projects: string[] }> {
  const share = path.join(WORK_DIR, 'share');
  await mkdir(path.join(share, 'proyek'), { recursive: true });
  await makeSampleClip({ path: path.join(share, 'klip.mp4'), seconds, width: 1280, height: 720, fps: 30 });
  const projects: string[] = [];
  for (let index = 1; index <= JOBS; index++) {
    const project = ProjectSchema.parse({
      kind: 'klipkota.project',
      version: 2,
      name: `Kegiatan ${index}`,
      intro: false,
      outro: false,
      logo: false,
      timeline: { tracks: { video: [{ kind: 'clip', id: 'clip-1', media: { path: '../klip.mp4' }, sourceRange: { start: 0, duration: seconds * 30 } }] } },
    });
    const file = path.join(share, 'proyek', `kegiatan-${index}.klipkota.json`);
    await writeFile(file, JSON.stringify(project));
    projects.push(file);
  }
  return { share, projects };
}

const hasTaskset = () => spawnSync('sh', ['-c', 'command -v taskset']).status === 0;

/** A worker pinned to one core; resolves once it says it is ready. */
function startWorker(options: { joinCode: string; core: number; name: string }): Promise<ChildProcess> {
  const command = [process.execPath, 'bin/klipkota.mjs', 'farm', 'work', '--join', options.joinCode, '--name', options.name, '--json'];
  const pinned = hasTaskset() ? ['taskset', '-c', String(options.core % os.cpus().length), ...command] : command;
  const child = spawn(pinned[0]!, pinned.slice(1), { env: { ...process.env, KLIPKOTA_HOME: path.join(WORK_DIR, `home-${options.name}`) }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('"ready"')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker ${options.name} exited ${code}`)));
  });
}

function sendAndWait(options: { joinCode: string; share: string; projects: string[]; outDir: string }): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/klipkota.mjs', 'batch', ...options.projects, '--preset', 'youtube', '--out', options.outDir, '--farm', '--join', options.joinCode, '--share', options.share, '--wait', '--json'], {
    env: { ...process.env, KLIPKOTA_HOME: path.join(WORK_DIR, 'home-submitter') },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return new Promise((resolve, reject) => child.once('exit', (code) => (code === 0 ? resolve((performance.now() - started) / 1000) : reject(new Error(`batch --farm exited ${code}`)))));
}

async function oneSide(options: { workers: number; joinCode: string; share: string; projects: string[]; label: string }): Promise<number> {
  const started = await Promise.all(Array.from({ length: options.workers }, (_, core) => startWorker({ joinCode: options.joinCode, core, name: `${options.label}-pc${core + 1}` })));
  try {
    return await sendAndWait({ joinCode: options.joinCode, share: options.share, projects: options.projects, outDir: path.join(options.share, 'hasil', options.label) });
  } finally {
    await Promise.all(started.map((child) => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGINT')))));
  }
}

export async function runFarmBench(options: { runs: number; seconds: number; say: (line: string) => void }): Promise<Record<string, number>> {
  const { say } = options;
  await rm(WORK_DIR, { recursive: true, force: true });
  say(`\nfarm case: ${JOBS} jobs (1080p YouTube from a ${options.seconds} s clip), 1 worker vs 2 workers, ${os.cpus().length} cores, load ${load()}`);
  say(hasTaskset() ? 'each worker and its FFmpeg pinned to one core with taskset (the engine has no FFmpeg -threads option)' : 'taskset not found: workers are NOT pinned to one core');
  const { share, projects } = await makeShare(options.seconds);
  const coordinator = await startCoordinator({ home: path.join(WORK_DIR, 'coordinator'), lan: false, port: await freePort() });
  const joinCode = encodeJoinCode({ url: coordinator.url, share, outputs: ['hasil'] });
  const one: number[] = [];
  const two: number[] = [];
  try {
    for (let run = 1; run <= options.runs; run++) {
      // alternate which side goes first, so a change in the machine's load hits both
      const order = run % 2 ? [1, 2] : [2, 1];
      for (const workers of order) {
        const seconds = await oneSide({ workers, joinCode, share, projects, label: `run${run}-w${workers}` });
        (workers === 1 ? one : two).push(seconds);
        say(`run ${run}: ${workers} worker(s): ${seconds.toFixed(1)} s for ${JOBS} jobs, load ${load()}`);
      }
    }
  } finally {
    await coordinator.stop();
  }
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  };
  const speedUp = median(one) / median(two);
  const perRun = one.map((seconds, index) => (seconds / two[index]!).toFixed(2)).join(', ');
  say(`farm: 1 worker ${median(one).toFixed(1)} s, 2 workers ${median(two).toFixed(1)} s (medians), speed-up ${speedUp.toFixed(2)}x (per run: ${perRun}; ideal 2.00x), load ${load()}`);
  return { oneWorkerSeconds: median(one), twoWorkersSeconds: median(two), speedUp };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '1' }, seconds: { type: 'string', default: '2' } } });
  runFarmBench({
    runs: Math.max(1, Number.parseInt(values.runs!, 10) || 1),
    seconds: Math.max(1, Number(values.seconds) || 2),
    say: (line) => process.stdout.write(`${line}\n`),
  }).catch((error: unknown) => {
    process.stderr.write(`farm bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
