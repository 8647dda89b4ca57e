/**
 * Nothing outlives a crash: the CLI killed with SIGKILL mid-render leaves no
 * FFmpeg running; the next run removes the dead run's `.part` at once and its
 * temporary folder; queue recovery ends an FFmpeg a dead runner left (and never
 * a process that is not FFmpeg); SIGTERM stops the CLI cleanly.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFfmpeg } from '../../electron/engine/ffmpeg/binaries.js';
import { makeSampleClip } from '../../electron/engine/media/samples.js';
import { openExportQueue, QUEUE_FILE } from '../../electron/engine/queue/queue.js';
import { runKlipkota, type CliRun } from '../helpers/cli.js';
import { makeTempDir, type TempDir } from '../helpers/media.js';

let temp: TempDir;

beforeAll(async () => {
  temp = await makeTempDir('klipkota-life-');
  await makeSampleClip({ path: temp.file('long.mp4'), seconds: 40, width: 640, height: 360 });
  // the same output name from a short clip, so the run after the crash is quick
  await mkdir(temp.file('short'));
  await makeSampleClip({ path: temp.file('short/long.mp4'), seconds: 2, width: 320, height: 180 });
});
afterAll(async () => {
  await temp?.remove();
});

/** pids of processes whose command line mentions `needle` (Linux /proc). */
function processesMentioning(needle: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(needle)) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(check: () => boolean | Promise<boolean>, tries = 300): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

function render(options: { out: string; tmp: string; clip?: string; onSpawn?: (child: ChildProcess) => void }): Promise<CliRun> {
  return runKlipkota({
    args: ['render', '--clip', options.clip ?? temp.file('long.mp4'), '--preset', 'tiktok', '--out', options.out],
    env: { TMPDIR: options.tmp, KLIPKOTA_HOME: temp.file('home') },
    onSpawn: options.onSpawn,
  });
}

const ownFiles = async (dir: string) => (await readdir(dir).catch(() => [] as string[])).filter((name) => !name.startsWith('tsx-')).sort();

describe.runIf(process.platform === 'linux')('SIGKILL of the CLI mid-render', () => {
  it('leaves no FFmpeg running, and the next run leaves no .part and no temporary folder', async () => {
    const out = temp.file('out-kill');
    const tmp = temp.file('tmp-kill');
    await mkdir(tmp);
    let encoders: number[] = [];
    const killed = await render({
      out,
      tmp,
      onSpawn: (child) => {
        // on a loaded machine the audio pass and the graphics can take a while before the encoder starts: wait up to 2 minutes
        void until(async () => (await ownFiles(out)).some((name) => name.endsWith('.part')) && processesMentioning(out).length > 0, 2400).then(() => {
          encoders = processesMentioning(out).filter((pid) => pid !== child.pid);
          child.kill('SIGKILL');
        });
      },
    });
    expect(killed.signal).toBe('SIGKILL');
    expect(encoders.length).toBeGreaterThan(0);
    expect(await until(() => encoders.every((pid) => !isRunning(pid)))).toBe(true);
    expect(processesMentioning(out)).toEqual([]);
    // what the killed run left: its .part and its work folder
    expect((await ownFiles(out)).some((name) => name.endsWith('.part'))).toBe(true);
    expect((await ownFiles(tmp)).some((name) => name.startsWith('klipkota-render-'))).toBe(true);

    const again = await render({ out, tmp, clip: temp.file('short/long.mp4') });
    expect(again.code, again.stderr).toBe(0);
    expect(await ownFiles(out)).toEqual(['long-tiktok.mp4']);
    expect(await ownFiles(tmp)).toEqual([]);
  }, 180_000);
});

describe.runIf(process.platform === 'linux')('SIGTERM', () => {
  it('stops the CLI mid-render: FFmpeg ended, no .part, no temporary folder', async () => {
    const out = temp.file('out-term');
    const tmp = temp.file('tmp-term');
    await mkdir(tmp);
    const run = await render({
      out,
      tmp,
      onSpawn: (child) => {
        void until(async () => (await ownFiles(out)).some((name) => name.endsWith('.part'))).then(() => child.kill('SIGTERM'));
      },
    });
    expect(run.code).not.toBe(0);
    expect(run.signal).toBeNull();
    expect(processesMentioning(out)).toEqual([]);
    expect(await ownFiles(out)).toEqual([]);
    expect(await ownFiles(tmp)).toEqual([]);
  }, 120_000);
});

describe.runIf(process.platform === 'linux')('queue recovery', () => {
  it('ends the FFmpeg a dead runner recorded, and leaves a process that is not FFmpeg alone', async () => {
    const home = temp.file('home-recovery');
    await mkdir(home, { recursive: true });
    const ffmpeg = spawn(resolveFfmpeg().path, ['-v', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc=s=64x64:d=600', '-f', 'null', '-'], { stdio: 'ignore', detached: true });
    const sleeper = spawn('sleep', ['600'], { stdio: 'ignore', detached: true });
    try {
      expect(await until(() => readFileSync(`/proc/${ffmpeg.pid}/cmdline`, 'utf8').includes('testsrc'))).toBe(true);
      const dead = spawn('true');
      await new Promise((resolve) => dead.once('close', resolve));
      const stamp = new Date().toISOString();
      const job = {
        id: 'job-1',
        source: { kind: 'file', path: temp.file('x.klipkota.json') },
        projectName: 'x',
        presets: ['youtube'],
        outDir: temp.file('out-recovery'),
        overwrite: false,
        state: 'running',
        outputs: [],
        partials: [],
        runnerPid: dead.pid,
        ffmpegPids: [ffmpeg.pid, sleeper.pid],
        createdAt: stamp,
        updatedAt: stamp,
      };
      writeFileSync(path.join(home, QUEUE_FILE), JSON.stringify({ kind: 'klipkota.queue', version: 1, jobs: [job] }));
      const queue = openExportQueue({ home });
      expect(queue.recovery.requeued).toEqual(['job-1']);
      expect(queue.recovery.endedProcesses).toEqual([ffmpeg.pid]);
      expect(await until(() => ffmpeg.exitCode !== null || ffmpeg.signalCode !== null)).toBe(true);
      expect(isRunning(sleeper.pid!)).toBe(true);
      expect(queue.get('job-1')?.ffmpegPids).toBeUndefined();
    } finally {
      ffmpeg.kill('SIGKILL');
      sleeper.kill('SIGKILL');
    }
  });
});
