import { execFileSync } from 'node:child_process';
import { chmod, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KlipError } from '@core/errors.js';
import type { Progress } from '@core/progress.js';
import { findBinary, resolveFfmpeg, unpackedPath } from '../../electron/engine/ffmpeg/binaries.js';
import { cancelAllRuns, runFfmpeg, runningCount, shellCommandLine } from '../../electron/engine/ffmpeg/runner.js';
import { probeMedia } from '../../electron/engine/ffmpeg/probe.js';
import { makeTempDir, type TempDir } from '../helpers/media.js';

let temp: TempDir;
beforeAll(async () => {
  temp = await makeTempDir();
});
afterAll(async () => {
  await temp.remove();
});

async function rejection(promise: Promise<unknown>): Promise<KlipError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KlipError);
  return error as KlipError;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** An encode that takes far longer than the tests let it run (it is always cancelled). */
const LONG_RUN = ['-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=30:duration=600', '-c:v', 'libx264', '-preset', 'medium', '-f', 'null', '-'];

describe('runFfmpeg', () => {
  it('reports progress that only grows and ends at 100 %, and writes the file', async () => {
    const out = temp.file('progress.mp4');
    const seen: Progress[] = [];
    const logged: string[] = [];
    const args = ['-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25:duration=3', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-y', out];
    await runFfmpeg({
      args,
      expectedSeconds: 3,
      onProgress: (p) => seen.push(p),
      log: (line) => logged.push(line),
    });
    expect(seen.length).toBeGreaterThan(0);
    const percents = seen.map((p) => p.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(seen.at(-1)).toMatchObject({ percent: 100, done: true });
    expect(logged).toHaveLength(1);
    // exactly the caller's arguments after the runner's own (no -y added by the runner)
    expect(logged[0]).toBe(shellCommandLine(resolveFfmpeg().path, ['-hide_banner', '-nostdin', '-progress', 'pipe:1', '-nostats', ...args]));
    const info = await probeMedia(out);
    expect(info.video).toMatchObject({ width: 320, height: 240 });
    expect(info.durationSeconds).toBeCloseTo(3, 1);
  });

  it('an abort mid-run kills the process and throws cancelled', async () => {
    const controller = new AbortController();
    let pid = 0;
    let countWhileRunning = -1;
    const error = await rejection(
      runFfmpeg({
        args: LONG_RUN,
        expectedSeconds: 600,
        signal: controller.signal,
        onStart: (info) => {
          pid = info.pid;
        },
        onProgress: () => {
          countWhileRunning = runningCount();
          controller.abort();
        },
      }),
    );
    expect(error.code).toBe('cancelled');
    expect(error.kind).toBe('cancelled');
    expect(countWhileRunning).toBe(1);
    expect(runningCount()).toBe(0);
    expect(pid).toBeGreaterThan(0);
    expect(isAlive(pid)).toBe(false);
  });

  it('an already aborted signal starts nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    let started = false;
    const error = await rejection(runFfmpeg({ args: LONG_RUN, signal: controller.signal, onStart: () => (started = true) }));
    expect(error.code).toBe('cancelled');
    expect(started).toBe(false);
  });

  it('cancelAllRuns stops every running process', async () => {
    const pids: number[] = [];
    let progressed = 0;
    const runs = [0, 1].map(() =>
      rejection(
        runFfmpeg({
          args: LONG_RUN,
          expectedSeconds: 600,
          onStart: (info) => pids.push(info.pid),
          onProgress: () => {
            progressed += 1;
            if (runningCount() === 2 && progressed >= 2) cancelAllRuns();
          },
        }),
      ),
    );
    const errors = await Promise.all(runs);
    expect(errors.map((e) => e.code)).toEqual(['cancelled', 'cancelled']);
    expect(runningCount()).toBe(0);
    expect(pids.filter(isAlive)).toEqual([]);
  });

  it('a failing run throws ffmpeg-failed with the meaningful stderr lines', async () => {
    const error = await rejection(runFfmpeg({ args: ['-i', temp.file('does-not-exist.mp4'), '-y', temp.file('x.mp4')] }));
    expect(error.code).toBe('ffmpeg-failed');
    expect(error.kind).toBe('failed');
    expect(error.detail).toMatch(/exit code 1/);
    expect(error.detail).toMatch(/does-not-exist\.mp4: No such file or directory/);
    expect(error.text.id).toBeTruthy();
    expect(runningCount()).toBe(0);
  });

  it('a throwing progress callback stops the run and surfaces its error', async () => {
    const error = await runFfmpeg({
      args: LONG_RUN,
      expectedSeconds: 600,
      onProgress: () => {
        throw new Error('callback broke');
      },
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as Error).message).toBe('callback broke');
    expect(runningCount()).toBe(0);
  });

  it('measures the peak memory of a run', async () => {
    const result = await runFfmpeg({
      args: ['-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=30:duration=2', '-c:v', 'libx264', '-preset', 'veryfast', '-f', 'null', '-'],
      measureMemory: true,
    });
    // x264 on 720p holds far more than 10 MiB of frames
    expect(result.peakRssBytes).toBeGreaterThan(10 * 1024 * 1024);
    expect(result.wallSeconds).toBeGreaterThan(0);
  });

  it('runs ffprobe too', async () => {
    const result = await runFfmpeg({ tool: 'ffprobe', args: ['-version'] });
    expect(result.stdout).toMatch(/^ffprobe version/);
  });
});

describe('shellCommandLine', () => {
  it('quotes so that a POSIX shell gives back exactly the same arguments', () => {
    const args = ['-i', "Pak Wali's speech (final).mp4", '-vf', 'scale=w=1080:h=-2,fps=30', '', 'a"b$c`d\\e', 'ok/plain-1.mp4'];
    const line = shellCommandLine('printf', ['%s\\n', ...args]);
    const echoed = execFileSync('/bin/sh', ['-c', line], { encoding: 'utf8' });
    expect(echoed).toBe(args.map((a) => `${a}\n`).join(''));
    expect(shellCommandLine('ffmpeg', ['-i', 'plain.mp4'])).toBe('ffmpeg -i plain.mp4');
  });

  it('the logged command line, pasted into a shell, runs the same thing', async () => {
    const logged: string[] = [];
    const result = await runFfmpeg({ args: ['-version'], log: (line) => logged.push(line) });
    const pasted = execFileSync('/bin/sh', ['-c', logged[0] ?? 'false'], { encoding: 'utf8' });
    expect(pasted).toBe(result.stdout);
  });
});

describe('binary resolution', () => {
  it('finds ffmpeg here and says where it came from', () => {
    const choice = resolveFfmpeg();
    expect(['env', 'setting', 'ffmpeg-static', 'registry-package', 'path']).toContain(choice.source);
    expect(execFileSync(choice.path, ['-version'], { encoding: 'utf8' })).toMatch(/^ffmpeg version/);
  });

  it('FFMPEG_PATH wins, and a wrong FFMPEG_PATH is an error that says what to do', async () => {
    const fake = temp.file('my-ffmpeg');
    await writeFile(fake, '#!/bin/sh\necho fake\n');
    await chmod(fake, 0o755);
    expect(findBinary({ tool: 'ffmpeg', env: { FFMPEG_PATH: fake, PATH: '' } })).toEqual({ path: fake, source: 'env' });
    let error: unknown;
    try {
      findBinary({ tool: 'ffmpeg', env: { FFMPEG_PATH: temp.file('nope'), PATH: '' } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KlipError);
    expect((error as KlipError).code).toBe('ffmpeg-missing');
    expect((error as KlipError).text.en).toContain('FFMPEG_PATH');
    expect((error as KlipError).text.id).toContain('Pasang FFmpeg');
  });

  it('the app setting comes before the bundled binaries; a non-executable setting is skipped', async () => {
    const fake = temp.file('setting-ffprobe');
    await writeFile(fake, '#!/bin/sh\n');
    await chmod(fake, 0o755);
    expect(findBinary({ tool: 'ffprobe', settingPath: fake, env: { PATH: '' } })).toEqual({ path: fake, source: 'setting' });
    const notExecutable = temp.file('not-executable');
    await writeFile(notExecutable, 'x');
    expect(findBinary({ tool: 'ffprobe', settingPath: notExecutable, env: { PATH: '' } }).source).not.toBe('setting');
  });

  it('in a packaged app, a binary inside app.asar is taken from app.asar.unpacked', () => {
    const packaged = process as NodeJS.Process & { resourcesPath?: string };
    const inside = '/opt/KlipKota/resources/app.asar/node_modules/@ffmpeg-installer/linux-x64/ffmpeg';
    expect(unpackedPath(inside)).toBe(inside); // not packaged: unchanged
    packaged.resourcesPath = '/opt/KlipKota/resources';
    try {
      expect(unpackedPath(inside)).toBe('/opt/KlipKota/resources/app.asar.unpacked/node_modules/@ffmpeg-installer/linux-x64/ffmpeg');
      expect(unpackedPath('/usr/bin/ffmpeg')).toBe('/usr/bin/ffmpeg');
    } finally {
      Reflect.deleteProperty(process, 'resourcesPath');
    }
  });
});
