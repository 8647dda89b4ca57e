/**
 * The picture and the sound of an export are made side by side (render.ts):
 * when one side fails, the other is stopped at once, the admin sees the failure
 * that came first (not a "cancelled"), and nothing is left in the output
 * folder. FFmpeg is a wrapper script here that fails one chosen run and passes
 * every other run to the real binary (POSIX shell: skipped on Windows).
 */
import { chmod, readdir, readFile, writeFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isKlipError, type KlipError } from '@core/errors.js';
import { ProjectSchema, type Project } from '@core/model/project.js';
import { resolveFfmpeg } from '../../electron/engine/ffmpeg/binaries.js';
import { runningCount } from '../../electron/engine/ffmpeg/runner.js';
import { renderProject } from '../../electron/engine/export/render.js';
import { isAlive } from '../../electron/engine/queue/queue-file.js';
import { makeSampleClip } from '../../electron/engine/media/samples.js';
import { makeTempDir, type TempDir } from '../helpers/media.js';

let temp: TempDir;
let realFfmpeg: string;
const before = process.env.FFMPEG_PATH;

function project(clip: string): Project {
  return ProjectSchema.parse({
    kind: 'klipkota.project',
    version: 3,
    name: 'Uji Sisi',
    fps: 30,
    fields: { title: 'Uji Sisi', date: '3 Desember 2026' },
    timeline: { tracks: { video: [{ kind: 'clip', id: 'c1', media: { path: clip }, sourceRange: { start: 0, duration: 120 } }], overlay: [], audio: [] } },
  });
}

/**
 * An FFmpeg that logs `<pid> <side>` for the picture pass and the loudness
 * measure, and runs `script` (sh) for the run of `side` before handing it to
 * the real binary (a script that exits ends the run there).
 */
async function wrapper(options: { name: string; side: 'picture' | 'sound'; script: string }): Promise<{ path: string; log: string }> {
  const file = temp.file(`${options.name}.sh`);
  const log = temp.file(`${options.name}.log`);
  await writeFile(
    file,
    [
      '#!/bin/sh',
      'side=other',
      'case " $* " in',
      '  *" libx264 "*" -an "*) side=picture ;;',
      '  *print_format=json*) side=sound ;;',
      'esac',
      `[ "$side" != other ] && echo "$$ $side" >> '${log}'`,
      `if [ "$side" = ${options.side} ]; then`,
      options.script,
      'fi',
      `exec '${realFfmpeg}' "$@"`,
      '',
    ].join('\n'),
  );
  await chmod(file, 0o755);
  return { path: file, log };
}

async function failure(run: Promise<unknown>): Promise<KlipError> {
  try {
    await run;
  } catch (error) {
    if (isKlipError(error)) return error;
    throw error;
  }
  throw new Error('the export did not fail');
}

const pids = async (log: string) =>
  Object.fromEntries((await readFile(log, 'utf8')).trim().split('\n').map((line) => line.split(' ').reverse() as [string, string]));

describe.skipIf(process.platform === 'win32')('the picture and the sound side by side', () => {
  let clip: string;

  beforeAll(async () => {
    temp = await makeTempDir('klipkota-sides-');
    realFfmpeg = resolveFfmpeg().path;
    clip = temp.file('clip.mp4');
    await makeSampleClip({ path: clip, seconds: 4, width: 640, height: 360, fps: 30, pattern: 'testsrc2', audio: { frequency: 440 } });
  }, 120_000);

  afterEach(() => {
    if (before === undefined) delete process.env.FFMPEG_PATH;
    else process.env.FFMPEG_PATH = before;
  });

  afterAll(async () => {
    await temp?.remove();
  });

  it('a sound that fails stops the picture pass, and its own error is the one shown', async () => {
    // the measure fails once the picture pass is running (waiting for its line in the log, 30 s at most)
    const log = temp.file('sound-fails.log');
    const fake = await wrapper({
      name: 'sound-fails',
      side: 'sound',
      script: `  n=0; while ! grep -q picture '${log}' && [ $n -lt 300 ]; do sleep 0.1; n=$((n+1)); done; sleep 0.3; echo "boom from the sound" >&2; exit 1`,
    });
    process.env.FFMPEG_PATH = fake.path;
    const out = temp.file('out-sound');
    const error = await failure(renderProject({ project: project(clip), projectDir: temp.dir, presets: ['tiktok'], outDir: out }));
    expect(error.code).toBe('ffmpeg-failed');
    expect(error.detail).toContain('boom from the sound');
    const started = await pids(fake.log);
    expect(Number(started.picture)).toBeGreaterThan(0);
    expect(isAlive(Number(started.picture))).toBe(false);
    expect(runningCount()).toBe(0);
    expect(await readdir(out)).toEqual([]);
  }, 120_000);

  it('a picture pass that fails stops the sound, and its own error is the one shown', async () => {
    // the sound is held back for a minute: it is still running when the picture fails
    const fake = await wrapper({ name: 'picture-fails', side: 'picture', script: '  sleep 0.5; echo "boom from the picture" >&2; exit 1' });
    const slowSound = await readFile(fake.path, 'utf8');
    await writeFile(fake.path, slowSound.replace('if [ "$side" = picture ]', 'if [ "$side" = sound ]; then sleep 60; fi\nif [ "$side" = picture ]'));
    process.env.FFMPEG_PATH = fake.path;
    const out = temp.file('out-picture');
    const error = await failure(renderProject({ project: project(clip), projectDir: temp.dir, presets: ['tiktok'], outDir: out }));
    expect(error.code).toBe('ffmpeg-failed');
    expect(error.detail).toContain('boom from the picture');
    const started = await pids(fake.log);
    expect(Number(started.sound)).toBeGreaterThan(0);
    expect(isAlive(Number(started.sound))).toBe(false);
    expect(runningCount()).toBe(0);
    expect(await readdir(out)).toEqual([]);
  }, 120_000);
});
