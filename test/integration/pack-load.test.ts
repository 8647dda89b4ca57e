import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isKlipError, type KlipError } from '@core/errors.js';
import type { MediaInfo } from '@core/media.js';
import { builtInPacksDir, loadBuiltInPack, loadPackFolder } from '../../electron/engine/pack/load.js';

let work: string;
const builtIn = () => path.join(builtInPacksDir(), 'pemkot-malang');

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'klipkota-pack-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** A copy of the built-in pack with pack.json changed by `edit`. */
async function packCopy(name: string, edit: (manifest: Record<string, any>) => void): Promise<string> {
  const dir = path.join(work, name);
  await cp(builtIn(), dir, { recursive: true });
  const manifest = JSON.parse(await readFile(path.join(dir, 'pack.json'), 'utf8'));
  edit(manifest);
  await writeFile(path.join(dir, 'pack.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

async function loadError(dir: string, probe?: (file: string) => Promise<MediaInfo>): Promise<KlipError> {
  try {
    await loadPackFolder({ dir, probe });
  } catch (error) {
    if (isKlipError(error)) return error;
    throw error;
  }
  throw new Error('the pack loaded, but it should have been refused');
}

describe('the built-in Pemkot Malang pack', () => {
  it('loads with every file resolved and every graphic sized', async () => {
    const pack = await loadBuiltInPack();
    expect(pack.manifest.id).toBe('pemkot-malang');
    expect(pack.trust).toBe('unsigned');
    expect(pack.root).toBe(builtIn());
    expect(pack.graphicSizes).toEqual({
      'graphics/intro-9x16.svg': { width: 1080, height: 1920 },
      'graphics/intro-16x9.svg': { width: 1920, height: 1080 },
      'graphics/outro-9x16.svg': { width: 1080, height: 1920 },
      'graphics/outro-16x9.svg': { width: 1920, height: 1080 },
      'graphics/lower-third.svg': { width: 864, height: 216 },
      'logo.svg': { width: 400, height: 120 },
      'preview.png': { width: 960, height: 540 },
    });
    expect(Object.keys(pack.files)).toHaveLength(11);
    for (const [packPath, absolute] of Object.entries(pack.files)) {
      expect(absolute).toBe(path.join(pack.root, packPath));
      expect(existsSync(absolute)).toBe(true);
    }
    expect(pack.manifest.fonts.map((font) => font.weight)).toEqual([400, 600, 700, 800]);
    const lowerThird = pack.manifest.overlays.find((overlay) => overlay.id === 'lower-third');
    expect(lowerThird?.fields.map((field) => [field.name, field.required, field.maxLength])).toEqual([
      ['name', true, 60],
      ['role', false, 80],
    ]);
    expect(existsSync(path.join(pack.root, 'fonts', 'OFL.txt'))).toBe(true);
  });

  it('refuses an unknown built-in id', async () => {
    await expect(loadBuiltInPack('../etc')).rejects.toMatchObject({ code: 'pack-not-found' });
    await expect(loadBuiltInPack('no-such-pack')).rejects.toMatchObject({ code: 'pack-not-found' });
  });
});

describe('loadPackFolder refuses a broken pack', () => {
  it('names the file and the field of a schema error', async () => {
    const dir = await packCopy('bad-field', (manifest) => {
      manifest.overlays[0].fields[0].name = 'Bad Name';
    });
    const error = await loadError(dir);
    expect(error.code).toBe('pack-invalid');
    expect(error.kind).toBe('bad-input');
    expect(error.text.en).toContain('pack.json');
    expect(error.text.en).toContain('overlays.0.fields.0.name');
    expect(error.text.id).toContain('overlays.0.fields.0.name');
  });

  it('refuses paths that leave the pack, written or through a symlink', async () => {
    const outsideFile = path.join(work, 'outside.svg');
    await writeFile(outsideFile, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"/>');
    for (const [name, file] of [
      ['dotdot', '../outside.svg'],
      ['absolute', outsideFile],
      ['drive', 'C:/outside.svg'],
    ] as const) {
      const dir = await packCopy(name, (manifest) => {
        manifest.logo.file = file;
      });
      const error = await loadError(dir);
      expect(error.code, name).toBe('pack-invalid');
    }
    const linked = await packCopy('symlink', (manifest) => {
      manifest.logo.file = 'graphics/linked.svg';
    });
    await symlink(outsideFile, path.join(linked, 'graphics', 'linked.svg'));
    const error = await loadError(linked);
    expect(error.code).toBe('pack-invalid');
    expect(error.text.en).toContain('graphics/linked.svg');
  });

  it('reports a missing file by its pack path', async () => {
    const dir = await packCopy('missing', () => undefined);
    await rm(path.join(dir, 'graphics', 'lower-third.svg'));
    const error = await loadError(dir);
    expect(error.code).toBe('pack-missing-file');
    expect(error.detail).toBe('graphics/lower-third.svg');
    expect((await loadError(path.join(work, 'nowhere'))).code).toBe('pack-not-found');
  });

  it('refuses an SVG that uses an undefined colour or an undeclared field', async () => {
    const colour = await packCopy('colour', (manifest) => {
      delete manifest.colors.accent;
    });
    expect((await loadError(colour)).detail).toContain('{{color.accent}}');
    const field = await packCopy('field', (manifest) => {
      manifest.overlays[0].fields = manifest.overlays[0].fields.filter((entry: { name: string }) => entry.name !== 'role');
    });
    const error = await loadError(field);
    expect(error.code).toBe('pack-invalid');
    expect(error.detail).toBe('graphics/lower-third.svg: {{role}}');
  });

  it('refuses a pack in a newer format', async () => {
    const dir = await packCopy('newer', (manifest) => {
      manifest.format = 99;
    });
    expect((await loadError(dir)).code).toBe('pack-too-new');
  });
});

describe('video bumpers', () => {
  it('are probed with the given probe function, once per file', async () => {
    const dir = await packCopy('video', (manifest) => {
      manifest.intro = { type: 'video', file: { '9:16': 'video/intro-9x16.mp4', '16:9': 'video/intro-16x9.mp4' } };
    });
    await mkdir(path.join(dir, 'video'));
    await writeFile(path.join(dir, 'video', 'intro-9x16.mp4'), 'a');
    await writeFile(path.join(dir, 'video', 'intro-16x9.mp4'), 'b');
    const probed: string[] = [];
    const probe = async (file: string): Promise<MediaInfo> => {
      probed.push(file);
      return { path: file, format: 'mov,mp4', durationSeconds: 2, sizeBytes: 1 };
    };
    const pack = await loadPackFolder({ dir, probe });
    expect(probed.sort()).toEqual([path.join(dir, 'video', 'intro-16x9.mp4'), path.join(dir, 'video', 'intro-9x16.mp4')]);
    expect(Object.keys(pack.bumperMedia).sort()).toEqual(['video/intro-16x9.mp4', 'video/intro-9x16.mp4']);
    expect(pack.graphicSizes['video/intro-9x16.mp4']).toBeUndefined();
  });
});
