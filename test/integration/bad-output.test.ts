/**
 * Bad places to write and bad things to read, as the CLI meets them: an output
 * folder under a file, in /proc, on a read-only or full disk is refused with
 * exit 2 and a message naming the folder, before any FFmpeg run; FFmpeg's own
 * disk-full is reported as such; a clip or bumper that is a playlist or concat
 * list is refused before FFmpeg follows it.
 */
import { execFileSync } from 'node:child_process';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isKlipError } from '../../core/errors.js';
import { runFfmpeg } from '../../electron/engine/ffmpeg/runner.js';
import { makeSampleClip } from '../../electron/engine/media/samples.js';
import { validatePackFolder } from '../../electron/engine/pack/validate.js';
import { runKlipkota, type CliRun } from '../helpers/cli.js';
import { makeTempDir, type TempDir } from '../helpers/media.js';
import { KELURAHAN } from './pack-fixtures.js';

let temp: TempDir;
const mounts: string[] = [];

function canMount(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  try {
    execFileSync('mount', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function mountTmpfs(dir: string, options: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'ignore' });
    mounts.push(dir);
    return true;
  } catch {
    return false;
  }
}

function render(options: { clip?: string; out: string }): Promise<CliRun> {
  return runKlipkota({
    args: ['render', '--clip', options.clip ?? temp.file('clip.mp4'), '--preset', 'youtube', '--out', options.out, '--json'],
    env: { KLIPKOTA_HOME: temp.file('home'), TMPDIR: temp.file('tmp') },
  });
}

function refusal(run: CliRun): { code: string; message: string } {
  expect(run.code, run.stdout + run.stderr).toBe(2);
  return (JSON.parse(run.stdout) as { error: { code: string; message: string } }).error;
}

beforeAll(async () => {
  temp = await makeTempDir('klipkota-badout-');
  await mkdir(temp.file('tmp'));
  await makeSampleClip({ path: temp.file('clip.mp4'), seconds: 1, width: 320, height: 180 });
});
afterAll(async () => {
  for (const dir of mounts.reverse()) execFileSync('umount', [dir], { stdio: 'ignore' });
  await temp?.remove();
});

describe('the output folder is checked before FFmpeg runs', () => {
  it('under a file: exit 2, the folder named', async () => {
    await writeFile(temp.file('notes.txt'), 'catatan');
    const out = path.join(temp.file('notes.txt'), 'hasil');
    const error = refusal(await render({ out }));
    expect(error.code).toBe('output-not-folder');
    expect(error.message).toContain(out);
  });

  it.runIf(process.platform === 'linux')('in /proc: exit 2, the folder named, no hang', async () => {
    const error = refusal(await render({ out: '/proc/self/klipkota-hasil' }));
    expect(error.code).toBe('output-system-folder');
    expect(error.message).toContain('/proc/self/klipkota-hasil');
  });

  it.runIf(canMount())('on a read-only disk: exit 2, the folder named', async () => {
    const disk = temp.file('readonly-disk');
    await mkdir(disk);
    expect(mountTmpfs(disk, 'size=8m,ro')).toBe(true);
    const error = refusal(await render({ out: disk }));
    expect(error.code).toBe('output-read-only');
    expect(error.message).toContain(disk);
  });

  it.runIf(canMount())('on a full disk: exit 2, the folder named', async () => {
    const disk = temp.file('full-disk');
    await mkdir(disk);
    expect(mountTmpfs(disk, 'size=1m')).toBe(true);
    await writeFile(path.join(disk, 'filler.bin'), Buffer.alloc(1024 * 1024 - 8192)).catch(() => undefined);
    const error = refusal(await render({ out: path.join(disk, 'hasil') }));
    expect(error.code).toBe('disk-full');
    expect(error.message).toContain(path.join(disk, 'hasil'));
  });

  it.runIf(process.platform === 'linux')('FFmpeg writing to a full device is reported as a full disk', async () => {
    const error = await runFfmpeg({ args: ['-f', 'lavfi', '-i', 'testsrc=s=320x240:d=2', '-c:v', 'libx264', '-f', 'mp4', '-y', '/dev/full'] }).catch((caught: unknown) => caught);
    expect(isKlipError(error) && error.code).toBe('disk-full');
  });
});

describe('playlists and file lists are not media', () => {
  it('a clip that is an HLS playlist naming another local file: exit 2, the file named', async () => {
    await writeFile(temp.file('secret.txt'), 'rahasia');
    await writeFile(temp.file('kiriman.mp4'), `#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nfile://${temp.file('secret.txt')}\n#EXT-X-ENDLIST\n`);
    const error = refusal(await render({ clip: temp.file('kiriman.mp4'), out: temp.file('out-hls') }));
    expect(error.code).toBe('media-playlist');
    expect(error.message).toContain('kiriman.mp4');
  });

  it('a clip that is an FFmpeg concat list: exit 2', async () => {
    await writeFile(temp.file('gabungan.mov'), `ffconcat version 1.0\nfile '${temp.file('clip.mp4')}'\n`);
    const error = refusal(await render({ clip: temp.file('gabungan.mov'), out: temp.file('out-concat') }));
    expect(error.code).toBe('media-playlist');
    expect(error.message).toContain('gabungan.mov');
  });

  it('a pack bumper that is really a playlist is refused at validation, naming the field', async () => {
    const dir = temp.file('pack-hls');
    await cp(KELURAHAN, dir, { recursive: true });
    const manifest = JSON.parse(await readFile(path.join(dir, 'pack.json'), 'utf8'));
    manifest.intro = { type: 'video', file: 'video/intro.mp4' };
    await writeFile(path.join(dir, 'pack.json'), JSON.stringify(manifest));
    await mkdir(path.join(dir, 'video'));
    await writeFile(path.join(dir, 'video', 'intro.mp4'), `#EXTM3U\n#EXTINF:1,\n${temp.file('clip.mp4')}\n#EXT-X-ENDLIST\n`);
    const error = await validatePackFolder({ dir }).catch((caught: unknown) => caught);
    expect(isKlipError(error) && error.code).toBe('pack-video-invalid');
    expect(isKlipError(error) && error.detail).toContain('media-playlist');
    expect(isKlipError(error) && error.text.en).toContain('video/intro.mp4');
  });
});
