/**
 * Video bumpers shipped in a pack (generated here, never committed): a real
 * clip probes and travels through a .klippack; a truncated or audio-only file
 * is refused with the field that names it.
 */
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPack } from '../../electron/engine/pack/archive.js';
import { importPack } from '../../electron/engine/pack/library.js';
import { loadPackFolder } from '../../electron/engine/pack/load.js';
import { validatePackFolder } from '../../electron/engine/pack/validate.js';
import { probeMedia } from '../../electron/engine/ffmpeg/probe.js';
import { makeSampleClip, makeSampleMusic } from '../../electron/engine/media/samples.js';
import { makeTempDir, type TempDir } from '../helpers/media.js';
import { KELURAHAN, NO_BUILT_INS, listTree, readPackFiles, zipFiles } from './pack-fixtures.js';

let temp: TempDir;
let intro: Buffer;

async function packWithVideo(name: string, video: Uint8Array): Promise<string> {
  const dir = temp.file(name);
  await cp(KELURAHAN, dir, { recursive: true });
  const manifest = JSON.parse(await readFile(path.join(dir, 'pack.json'), 'utf8'));
  manifest.intro = { type: 'video', file: { '9:16': 'video/intro-9x16.mp4', '16:9': 'video/intro-16x9.mp4' } };
  await writeFile(path.join(dir, 'pack.json'), JSON.stringify(manifest));
  await mkdir(path.join(dir, 'video'));
  await writeFile(path.join(dir, 'video', 'intro-9x16.mp4'), video);
  await writeFile(path.join(dir, 'video', 'intro-16x9.mp4'), intro);
  return dir;
}

beforeAll(async () => {
  temp = await makeTempDir('klipkota-pack-video-');
  await makeSampleClip({ path: temp.file('intro-9x16.mp4'), seconds: 1, width: 180, height: 320, pattern: 'color', color: '0xF97316', audio: false });
  await makeSampleClip({ path: temp.file('intro-16x9.mp4'), seconds: 1, width: 320, height: 180, pattern: 'color', color: '0x0F766E', audio: false });
  await makeSampleMusic({ path: temp.file('sound.m4a'), seconds: 1 });
  intro = await readFile(temp.file('intro-16x9.mp4'));
});
afterAll(async () => {
  await temp.remove();
});

describe('video bumpers', () => {
  it('a real clip probes, and the pack travels through a .klippack with it', async () => {
    const dir = await packWithVideo('good', await readFile(temp.file('intro-9x16.mp4')));
    const validated = await validatePackFolder({ dir });
    expect(validated.bumperMedia['video/intro-9x16.mp4']?.video).toMatchObject({ width: 180, height: 320 });
    expect(validated.bumperMedia['video/intro-16x9.mp4']?.durationSeconds).toBeCloseTo(1, 1);
    const file = temp.file('good.klippack');
    await exportPack({ dir, out: file });
    const installed = await importPack({ builtInDir: NO_BUILT_INS, file, libraryDir: temp.file('home/packs') });
    const pack = await loadPackFolder({ dir: installed.dir, probe: (p) => probeMedia(p) });
    expect(Object.keys(pack.bumperMedia).sort()).toEqual(['video/intro-16x9.mp4', 'video/intro-9x16.mp4']);
    expect(await readFile(path.join(installed.dir, 'video', 'intro-9x16.mp4'))).toEqual(await readFile(temp.file('intro-9x16.mp4')));
  });

  for (const [label, bytes] of [
    ['truncated', async () => (await readFile(temp.file('intro-9x16.mp4'))).subarray(0, 600)],
    ['audio only', async () => readFile(temp.file('sound.m4a'))],
  ] as const) {
    it(`a ${label} bumper is refused naming the field, and its import writes nothing`, async () => {
      const dir = await packWithVideo(label.replace(' ', '-'), await bytes());
      await expect(validatePackFolder({ dir })).rejects.toMatchObject({
        code: 'pack-video-invalid',
        text: expect.objectContaining({ en: expect.stringContaining('"intro.file.9:16"') }),
      });
      await expect(exportPack({ dir, out: temp.file(`${label}-export.klippack`) })).rejects.toMatchObject({ code: 'pack-video-invalid' });
      // a hand-made .klippack of the same folder is refused on import, leaving the library as it was
      const file = temp.file(`${label}.klippack`);
      await writeFile(file, zipFiles(await readPackFiles(dir)));
      await mkdir(temp.file('home/packs'), { recursive: true });
      const before = await listTree(temp.file('home'));
      await expect(importPack({ builtInDir: NO_BUILT_INS, file, libraryDir: temp.file('home/packs') })).rejects.toMatchObject({ code: 'pack-video-invalid' });
      expect(await listTree(temp.file('home'))).toEqual(before);
    });
  }
});
