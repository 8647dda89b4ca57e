/**
 * `klipkota render` as an admin runs it: bad media is refused with exit 2 and a
 * message naming the file, leaving nothing behind; Ctrl+C mid-render leaves no
 * partial file; --json prints one document.
 */
import type { ChildProcess } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, truncate, writeFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSampleAudioOnly, makeSampleClip } from '../../electron/engine/media/samples.js';
import { ROOT, runKlipkota, type CliRun } from '../helpers/cli.js';
import { makeTempDir, type TempDir } from '../helpers/media.js';

let temp: TempDir;

function cli(options: { args: string[]; tmp: string; lang?: string; onSpawn?: (child: ChildProcess) => void }): Promise<CliRun> {
  return runKlipkota({ args: options.args, env: { TMPDIR: options.tmp, LANG: options.lang ?? 'id_ID.UTF-8' }, onSpawn: options.onSpawn });
}

async function listAll(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true });
    // tsx keeps its compile cache in TMPDIR; everything else counts
    return entries.map(String).filter((entry) => !entry.startsWith('tsx-')).sort();
  } catch {
    return [];
  }
}

beforeAll(async () => {
  temp = await makeTempDir('klipkota-cli-');
  await mkdir(temp.file('media'));
  const media = (name: string) => temp.file(path.join('media', name));
  await makeSampleClip({ path: media('good.mp4'), seconds: 2, width: 320, height: 180 });
  await makeSampleClip({ path: media('long.mp4'), seconds: 40, width: 640, height: 360 });
  await makeSampleAudioOnly({ path: media('voice.m4a'), seconds: 2 });
  await writeFile(media('notes.mp4'), 'Catatan rapat RT 05, bukan video.\n');
  await writeFile(media('empty.mp4'), '');
  await copyFile(media('good.mp4'), media('truncated.mp4'));
  await truncate(media('truncated.mp4'), Math.floor((await stat(media('good.mp4'))).size / 3));
});

afterAll(async () => {
  await temp?.remove();
});

describe('bad media: exit 2, a message naming the file, nothing left behind', () => {
  const cases = [
    { file: 'notes.mp4', code: 'media-unreadable' },
    { file: 'truncated.mp4', code: 'media-unreadable' },
    { file: 'empty.mp4', code: 'media-empty' },
    { file: 'voice.m4a', code: 'media-no-video' },
    { file: 'missing.mp4', code: 'media-missing' },
  ];
  for (const { file, code } of cases) {
    it(`${file} -> ${code}`, async () => {
      const tmp = temp.file(`tmp-${file}`);
      const out = temp.file(`out-${file}`);
      await mkdir(tmp);
      const run = await cli({
        args: ['render', '--clip', temp.file(path.join('media', 'good.mp4')), '--clip', temp.file(path.join('media', file)), '--preset', 'tiktok,youtube', '--out', out, '--json'],
        tmp,
      });
      expect(run.code).toBe(2);
      const document = JSON.parse(run.stdout);
      expect(document.error.code).toBe(code);
      expect(document.error.message).toContain(file);
      expect(await listAll(out)).toEqual([]);
      expect(await listAll(tmp)).toEqual([]);
    });
  }

  it('speaks English when LANG says so, and plain text without --json', async () => {
    const tmp = temp.file('tmp-en');
    await mkdir(tmp);
    const run = await cli({ args: ['render', '--clip', temp.file('media/notes.mp4'), '--preset', 'tiktok', '--out', temp.file('out-en')], tmp, lang: 'en_US.UTF-8' });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^Error: .*notes\.mp4/);
    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('refuses an unknown preset and a missing --out with exit 2', async () => {
    const tmp = temp.file('tmp-usage');
    await mkdir(tmp);
    const unknown = await cli({ args: ['render', '--clip', temp.file('media/good.mp4'), '--preset', 'tiktok,myspace', '--out', temp.file('o'), '--json'], tmp });
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stdout).error.code).toBe('preset-unknown');
    const noOut = await cli({ args: ['render', '--clip', temp.file('media/good.mp4'), '--json'], tmp });
    expect(noOut.code).toBe(2);
    const nothing = await cli({ args: ['render', '--preset', 'tiktok', '--out', temp.file('o'), '--json'], tmp });
    expect(nothing.code).toBe(2);
    expect(JSON.parse(nothing.stdout).error.message).toContain('--clip');
    const both = await cli({ args: ['render', temp.file('media/none.klipkota.json'), '--title', 'A|B', '--out', temp.file('o'), '--json'], tmp });
    expect(both.code).toBe(2);
    expect(JSON.parse(both.stdout).error.message).toContain('--title');
  });
});

describe('a good render', () => {
  it('prints one JSON document with the outputs and exits 0', async () => {
    const tmp = temp.file('tmp-good');
    await mkdir(tmp);
    const out = temp.file('out-good');
    const run = await cli({ args: ['render', '--clip', temp.file('media/good.mp4'), '--title', 'Siti Aminah|Lurah Kauman', '--reframe', 'pad', '--preset', 'youtube', '--out', out, '--json'], tmp });
    expect(run.code, run.stderr).toBe(0);
    const document = JSON.parse(run.stdout);
    expect(document.outputs).toHaveLength(1);
    const [output] = document.outputs;
    expect(output).toMatchObject({ preset: 'youtube', width: 1920, height: 1080, path: path.join(out, 'good-youtube.mp4') });
    expect(output.durationSeconds).toBeCloseTo(8, 3);
    expect(output.bytes).toBe((await stat(output.path)).size);
    expect(await listAll(out)).toEqual(['good-youtube.mp4']);
    expect(await listAll(tmp)).toEqual([]);
  });
});

describe('--title with any pack', () => {
  it("puts the speaker in the pack's own name-and-role template (the kelurahan pack calls it nama-jabatan)", async () => {
    const tmp = temp.file('tmp-kelurahan');
    await mkdir(tmp);
    const run = await cli({
      args: ['render', '--clip', temp.file('media/good.mp4'), '--title', 'Sri Wahyuni|Lurah Oro-Oro Dowo', '--pack', path.join(ROOT, 'templates/kelurahan-oro-oro-dowo'), '--preset', 'youtube', '--out', temp.file('out-kelurahan'), '--json'],
      tmp,
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).outputs[0].width).toBe(1920);
  });
});

describe('Ctrl+C mid-render', () => {
  it('stops FFmpeg and leaves no partial output and no temporary files', async () => {
    const tmp = temp.file('tmp-cancel');
    const out = temp.file('out-cancel');
    await mkdir(tmp);
    let sent = false;
    const run = await cli({
      args: ['render', '--clip', temp.file('media/long.mp4'), '--preset', 'tiktok', '--out', out],
      tmp,
      onSpawn: (child) => {
        const timer = setInterval(async () => {
          const files = await listAll(out);
          if (files.some((file) => file.endsWith('.part'))) {
            clearInterval(timer);
            const before = await readFile(path.join(out, files.find((file) => file.endsWith('.part'))!)).catch(() => Buffer.alloc(0));
            expect(before.length).toBeGreaterThanOrEqual(0);
            sent = child.kill('SIGINT');
          }
        }, 100);
        child.on('close', () => clearInterval(timer));
      },
    });
    expect(sent).toBe(true);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/batal/i);
    expect(await listAll(out)).toEqual([]);
    expect(await listAll(tmp)).toEqual([]);
  });
});
