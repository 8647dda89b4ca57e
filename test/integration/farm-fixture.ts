/**
 * What the farm tests share: a farm database on a random loopback port
 * (embedded PostgreSQL through the coordinator, or Debian's redis-server with
 * persistence off), a shared folder with a generated clip and eight project
 * files that use a pack only the submitter has installed, worker processes
 * (`bin/klipkota.mjs farm work`) whose JSON event lines are collected, and the
 * submitter (`klipkota batch ... --farm`).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmod, cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startCoordinator, type Coordinator } from '../../electron/engine/farm/coordinator.js';
import { encodeJoinCode } from '../../electron/engine/farm/join-code.js';
import { makeSampleClip } from '../../electron/engine/media/samples.js';
import { ROOT, runKlipkota, type CliRun } from '../helpers/cli.js';
import type { TempDir } from '../helpers/media.js';
import { oneClipProject } from '../helpers/project.js';

export const FARM_PACK = 'farm-uji';
export const OUTPUT_FOLDER = 'hasil';
export const JOBS = 8;
/**
 * Short locks keep the tests quick (a killed worker's job is taken again after
 * this), but not so short that a worker starved of CPU by the rest of the test
 * run misses its renewal (every second at 2 s): its job then counts as stalled,
 * and three of those park it (a "two workers" run failed so under full load).
 */
export const LOCK_SECONDS = 5;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface FarmDatabase {
  url: string;
  stop(): Promise<void>;
}

/** As root, PostgreSQL runs as the `postgres` user, which must pass through the test's private temp folder to the coordinator's home. */
export async function letPostgresThrough(temp: TempDir): Promise<void> {
  if (process.getuid?.() === 0) await chmod(temp.dir, 0o711);
}

export async function startPostgresFarm(temp: TempDir): Promise<FarmDatabase> {
  await letPostgresThrough(temp);
  const home = temp.file(`coordinator-${Math.random().toString(36).slice(2)}`);
  const coordinator: Coordinator = await startCoordinator({ home, lan: false, port: await freePort() });
  return { url: coordinator.url, stop: () => coordinator.stop() };
}

/** Whether Debian's redis-server is installed (the Redis suite is skipped, with a reason, when not). */
export function redisServerPath(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

export async function startRedisFarm(): Promise<FarmDatabase> {
  const port = await freePort();
  const password = `pw${Math.random().toString(36).slice(2)}`;
  const server = spawn(redisServerPath()!, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--requirepass', password], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  server.stdout!.on('data', (chunk) => (log += chunk));
  for (let waited = 0; !/ready to accept connections/i.test(log); waited += 100) {
    if (waited > 20_000 || server.exitCode !== null) throw new Error(`redis-server did not start: ${log}`);
    await sleep(100);
  }
  return {
    url: `redis://:${password}@127.0.0.1:${port}`,
    stop: async () => {
      server.kill('SIGTERM');
      if (server.exitCode === null) await new Promise((resolve) => server.once('exit', resolve));
    },
  };
}

/** A copy of the built-in pack under an id no worker has: workers must fetch it from the farm. */
async function installSubmitterPack(home: string): Promise<void> {
  const dir = path.join(home, 'packs', FARM_PACK);
  await cp(path.join(ROOT, 'templates', 'pemkot-malang'), dir, { recursive: true });
  const manifestFile = path.join(dir, 'pack.json');
  const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as Record<string, unknown>;
  await writeFile(manifestFile, JSON.stringify({ ...manifest, id: FARM_PACK }, null, 2));
  await rm(path.join(dir, 'signature.json'), { force: true });
}

export interface FarmShare {
  share: string;
  outDir: string;
  projects: string[];
  submitterHome: string;
  /** each video's length */
  seconds: number;
}

/**
 * A clip long enough that a test killing a worker "mid-render" (on a progress
 * event) is sure to land before the render ends, even on a loaded machine: a
 * 1 s video can finish between the event and the signal.
 */
export const MID_RENDER_SECONDS = 4;

/** The shared folder: one clip (1 s unless told), eight projects (one per job), the output folder; the submitter's home with the pack. */
export async function makeShare(temp: TempDir, name: string, options: { seconds?: number } = {}): Promise<FarmShare> {
  const seconds = options.seconds ?? 1;
  const share = temp.file(`${name}-share`);
  await mkdir(path.join(share, 'media'), { recursive: true });
  await mkdir(path.join(share, 'proyek'), { recursive: true });
  const clip = path.join(share, 'media', 'kerja-bakti.mp4');
  await makeSampleClip({ path: clip, seconds, width: 320, height: 180, fps: 30 });
  const projects: string[] = [];
  for (let index = 1; index <= JOBS; index++) {
    const file = path.join(share, 'proyek', `video-${index}.klipkota.json`);
    await writeFile(file, JSON.stringify({ ...oneClipProject({ name: `Video ${index}`, clip: '../media/kerja-bakti.mp4', frames: 30 * seconds }), pack: FARM_PACK }));
    projects.push(file);
  }
  const submitterHome = temp.file(`${name}-submitter`);
  await installSubmitterPack(submitterHome);
  return { share, outDir: path.join(share, OUTPUT_FOLDER), projects, submitterHome, seconds };
}

export function joinCodeFor(database: FarmDatabase, share: FarmShare): string {
  return encodeJoinCode({ url: database.url, share: share.share, outputs: [OUTPUT_FOLDER] });
}

export type WorkerEvent = { event: string; jobId?: string; percent?: number; worker?: string; code?: string };

export interface SpawnedWorker {
  child: ChildProcess;
  events: WorkerEvent[];
  stderr: () => string;
  exited: Promise<number | null>;
  /** resolves when an event matching `test` has been printed */
  waitFor(test: (event: WorkerEvent) => boolean, timeoutMs?: number): Promise<WorkerEvent>;
}

export function spawnWorker(options: { joinCode: string; home: string; name: string }): SpawnedWorker {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/klipkota.mjs'), 'farm', 'work', '--join', options.joinCode, '--name', options.name, '--lock-seconds', String(LOCK_SECONDS), '--json'], {
    cwd: ROOT,
    env: { ...process.env, KLIPKOTA_HOME: options.home, KLIPKOTA_LANG: 'en' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const events: WorkerEvent[] = [];
  let buffer = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) if (line.trim()) events.push(JSON.parse(line) as WorkerEvent);
  });
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    events,
    stderr: () => stderr,
    exited,
    async waitFor(test, timeoutMs = 180_000) {
      for (let waited = 0; waited < timeoutMs; waited += 100) {
        const found = events.find(test);
        if (found) return found;
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`worker ${options.name} ended: ${stderr}`);
        await sleep(100);
      }
      throw new Error(`worker ${options.name}: no such event within ${timeoutMs} ms; got ${JSON.stringify(events.slice(-5))} ${stderr}`);
    },
  };
}

/** Stop a worker as Ctrl+C would, and wait for it. */
export async function stopWorker(worker: SpawnedWorker): Promise<void> {
  if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGINT');
  await worker.exited;
}

export function submit(options: { share: FarmShare; joinCode: string; wait: boolean; presets?: string; projects?: string[]; onSpawn?: (child: ChildProcess) => void }): Promise<CliRun> {
  const { share } = options;
  return runKlipkota({
    args: ['batch', ...(options.projects ?? share.projects), '--preset', options.presets ?? 'youtube', '--out', share.outDir, '--farm', '--join', options.joinCode, '--share', share.share, ...(options.wait ? ['--wait'] : []), '--json'],
    env: { KLIPKOTA_HOME: share.submitterHome, LANG: 'en_US.UTF-8' },
    ...(options.onSpawn ? { onSpawn: options.onSpawn } : {}),
  });
}
