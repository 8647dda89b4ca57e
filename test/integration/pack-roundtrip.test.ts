/**
 * Folder -> .klippack -> import into another user's library -> load: the
 * overlays drawn from the installed pack are byte-identical to those drawn from
 * the folder. Plus the library's life cycle: list, upgrade, refuse older, force,
 * remove, a format-0 manifest upgraded on load, and where the library lives.
 */
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileForAspect, type AspectFile } from '@core/pack/manifest.js';
import type { ResolvedPack } from '@core/pack/resolved.js';
import { exportPack } from '../../electron/engine/pack/archive.js';
import { packLibraryDir, trustFilePath, userDataDir } from '../../electron/engine/pack/home.js';
import { importPack, listPacks, removePack } from '../../electron/engine/pack/library.js';
import { compareVersions } from '../../electron/engine/pack/version.js';
import { loadPackFolder } from '../../electron/engine/pack/load.js';
import { decodePng, pixelAt } from '../../electron/engine/raster/png.js';
import { rasterizeToBuffer } from '../../electron/engine/raster/rasterize.js';
import { makeTempDir, type TempDir } from '../helpers/media.js';
import { zipSync, type Zippable } from 'fflate';
import { KELURAHAN, PEMKOT, readPackFiles, NO_BUILT_INS } from './pack-fixtures.js';

let temp: TempDir;

beforeAll(async () => {
  temp = await makeTempDir('klipkota-roundtrip-');
});
afterAll(async () => {
  await temp.remove();
});

const SAMPLE: Record<string, string> = {
  name: 'Siti Rahmawati, S.Sos.',
  role: 'Lurah Oro-Oro Dowo',
  headline: 'Posyandu balita dibuka setiap Selasa pagi',
  location: 'Balai RW 05, Jl. Guntur',
  date: '14 Juni 2025',
  title: 'Kerja bakti bersama warga',
  website: 'malangkota.go.id',
  handle: '@kel.orooro.dowo',
};

/** Every graphic of a pack drawn at the sizes the two aspects use (by file name, then aspect). */
async function drawAll(pack: ResolvedPack): Promise<Map<string, Buffer>> {
  const fonts = pack.manifest.fonts.map((font) => pack.files[font.file]!);
  const out = new Map<string, Buffer>();
  const graphics: Array<{ key: string; file: AspectFile; widths: Record<'9:16' | '16:9', number> }> = [
    ...pack.manifest.overlays.map((overlay) => ({ key: overlay.id, file: overlay.file, widths: { '9:16': 864, '16:9': 864 } })),
    ...(['intro', 'outro'] as const).flatMap((key) => (pack.manifest[key] ? [{ key, file: pack.manifest[key]!.file, widths: { '9:16': 540, '16:9': 960 } }] : [])),
    ...(pack.manifest.logo ? [{ key: 'logo', file: pack.manifest.logo.file, widths: { '9:16': 300, '16:9': 300 } }] : []),
  ];
  for (const graphic of graphics) {
    for (const aspect of ['9:16', '16:9'] as const) {
      const file = fileForAspect(graphic.file, aspect);
      const size = pack.graphicSizes[file]!;
      const width = graphic.widths[aspect];
      const png = await rasterizeToBuffer({
        svgPath: pack.files[file]!,
        fields: SAMPLE,
        colors: pack.manifest.colors,
        fontFiles: fonts,
        width,
        height: Math.round((width * size.height) / size.width),
      });
      out.set(`${graphic.key} ${aspect}`, png);
    }
  }
  return out;
}

describe('round trip through a .klippack', () => {
  for (const [label, folder] of [
    ['pemkot-malang', PEMKOT],
    ['kelurahan-oro-oro-dowo', KELURAHAN],
  ] as const) {
    it(`${label}: installed on another profile, its overlays are byte-identical`, async () => {
      const file = temp.file(`${label}.klippack`);
      await exportPack({ dir: folder, out: file });
      const again = temp.file(`${label}-again.klippack`);
      await exportPack({ dir: folder, out: again });
      expect((await readFile(again)).equals(await readFile(file)), 'export is deterministic').toBe(true);

      const otherProfile = path.join(temp.dir, `profile-${label}`, 'packs');
      const result = await importPack({ builtInDir: NO_BUILT_INS, file, libraryDir: otherProfile });
      expect(result.dir).toBe(path.join(otherProfile, label));

      const fromFolder = await loadPackFolder({ dir: folder });
      const installed = await loadPackFolder({ dir: result.dir });
      expect(installed.manifest).toEqual(fromFolder.manifest);
      const a = await drawAll(fromFolder);
      const b = await drawAll(installed);
      expect([...b.keys()]).toEqual([...a.keys()]);
      expect(a.size).toBeGreaterThanOrEqual(label === 'kelurahan-oro-oro-dowo' ? 12 : 8);
      for (const [key, png] of a) expect(b.get(key)!.equals(png), key).toBe(true);
    });
  }

  it('the kelurahan pack draws its own colours: name panel teal, role strip orange, headline deep green', async () => {
    const pack = await loadPackFolder({ dir: KELURAHAN });
    const drawn = await drawAll(pack);
    const nameCard = decodePng(drawn.get('nama-jabatan 16:9')!);
    expect(pixelAt(nameCard, 20, 10).slice(0, 3)).toEqual([0x0f, 0x76, 0x6e]); // primary, top-left of the panel
    expect(pixelAt(nameCard, nameCard.width - 60, nameCard.height - 8).slice(0, 3)).toEqual([0xf9, 0x73, 0x16]); // accent, role strip
    expect(pixelAt(nameCard, 10, nameCard.height - 10)[3]).toBe(0); // transparent left of the strip
    const headline = decodePng(drawn.get('judul 16:9')!);
    expect(pixelAt(headline, Math.round(headline.width * 0.9), 10).slice(0, 3)).toEqual([0x13, 0x4e, 0x4a]);
    expect(pack.manifest.overlays.map((overlay) => overlay.id)).toEqual(['nama-jabatan', 'judul', 'lokasi-tanggal']);
  });
});

describe('the library', () => {
  async function packVersion(version: string, edit?: (m: any) => void): Promise<string> {
    const dir = temp.file(`kel-${version}-${Math.random().toString(36).slice(2)}`);
    await cp(KELURAHAN, dir, { recursive: true });
    const manifest = JSON.parse(await readFile(path.join(dir, 'pack.json'), 'utf8'));
    manifest.version = version;
    edit?.(manifest);
    await writeFile(path.join(dir, 'pack.json'), JSON.stringify(manifest));
    const file = `${dir}.klippack`;
    await exportPack({ dir, out: file });
    return file;
  }

  it('lists, upgrades to newer, refuses older or equal unless forced, and removes', async () => {
    const library = temp.file('library/packs');
    expect(await listPacks({ libraryDir: library })).toEqual([]);
    await importPack({ builtInDir: NO_BUILT_INS, file: await packVersion('1.2.0'), libraryDir: library });
    let listed = await listPacks({ libraryDir: library });
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id: 'kelurahan-oro-oro-dowo', version: '1.2.0', issuer: 'Kelurahan Oro-Oro Dowo, Kecamatan Klojen', trust: 'unsigned' });
    expect(listed[0]!.name?.id).toBe('Kelurahan Oro-Oro Dowo');
    expect(listed[0]!.preview).toBe(path.join(library, 'kelurahan-oro-oro-dowo', 'preview.png'));
    expect(decodePng(await readFile(listed[0]!.preview!)).width).toBe(640);

    await expect(importPack({ builtInDir: NO_BUILT_INS, file: await packVersion('1.1.9'), libraryDir: library })).rejects.toMatchObject({ code: 'pack-not-newer' });
    await expect(importPack({ builtInDir: NO_BUILT_INS, file: await packVersion('1.2.0'), libraryDir: library })).rejects.toMatchObject({ code: 'pack-not-newer' });
    expect((await listPacks({ libraryDir: library }))[0]!.version).toBe('1.2.0');

    const upgraded = await importPack({ builtInDir: NO_BUILT_INS, file: await packVersion('1.10.0'), libraryDir: library });
    expect(upgraded.replaced).toBe('1.2.0');
    expect((await listPacks({ libraryDir: library }))[0]!.version).toBe('1.10.0');

    const forced = await importPack({ builtInDir: NO_BUILT_INS, file: await packVersion('1.0.0'), libraryDir: library, force: true });
    expect(forced).toMatchObject({ version: '1.0.0', replaced: '1.10.0' });

    // another pack beside it, then remove one
    await importPack({ builtInDir: NO_BUILT_INS, file: await packVersion('1.0.0', (m) => (m.id = 'kelurahan-kedua')), libraryDir: library });
    listed = await listPacks({ libraryDir: library });
    expect(listed.map((pack) => pack.id)).toEqual(['kelurahan-kedua', 'kelurahan-oro-oro-dowo']);
    expect(await removePack({ libraryDir: library, id: 'kelurahan-kedua' })).toEqual({ id: 'kelurahan-kedua', version: '1.0.0' });
    expect((await listPacks({ libraryDir: library })).map((pack) => pack.id)).toEqual(['kelurahan-oro-oro-dowo']);
    await expect(removePack({ libraryDir: library, id: 'kelurahan-kedua' })).rejects.toMatchObject({ code: 'pack-not-installed' });
    await expect(removePack({ libraryDir: library, id: '../packs' })).rejects.toMatchObject({ code: 'pack-not-installed' });
  });

  it('accepts a zip made by hand of the pack folder itself: stored entries, folder entries, one top folder', async () => {
    const files = await readPackFiles(KELURAHAN);
    const zippable: Zippable = { 'kelurahan-oro-oro-dowo/': [new Uint8Array(0), { level: 0 }], 'kelurahan-oro-oro-dowo/graphics/': [new Uint8Array(0), { level: 0 }] };
    for (const [name, bytes] of Object.entries(files)) zippable[`kelurahan-oro-oro-dowo/${name}`] = [bytes, { level: 0 }];
    const file = temp.file('by-hand.klippack');
    await writeFile(file, zipSync(zippable));
    const result = await importPack({ builtInDir: NO_BUILT_INS, file, libraryDir: temp.file('by-hand/packs') });
    expect(result.dir).toBe(path.join(temp.file('by-hand/packs'), 'kelurahan-oro-oro-dowo'));
    expect(Object.keys(await readPackFiles(result.dir)).sort()).toEqual(Object.keys(files).sort());
    expect((await readFile(path.join(result.dir, 'preview.png'))).equals(Buffer.from(files['preview.png']!))).toBe(true);
  });

  it('lists a broken installed pack with its problem instead of hiding it', async () => {
    const library = temp.file('broken/packs');
    await mkdir(path.join(library, 'rusak'), { recursive: true });
    await writeFile(path.join(library, 'rusak', 'pack.json'), '{ nope');
    const listed = await listPacks({ libraryDir: library });
    expect(listed).toEqual([expect.objectContaining({ id: 'rusak', problem: expect.objectContaining({ code: 'pack-json-malformed' }) })]);
  });

  it('upgrades a format-0 manifest on load and on import', async () => {
    const file = await packVersion('0.9.0', (m) => {
      delete m.kind;
      delete m.format;
      m.brand = m.colors;
      delete m.colors;
      m.lowerThirds = m.overlays;
      delete m.overlays;
    });
    const library = temp.file('format0/packs');
    const result = await importPack({ builtInDir: NO_BUILT_INS, file, libraryDir: library });
    const pack = await loadPackFolder({ dir: result.dir });
    expect(pack.manifest.format).toBe(1);
    expect(pack.manifest.colors.accent).toBe('#F97316');
    expect(pack.manifest.overlays).toHaveLength(3);
  });

  it('lives in KLIPKOTA_HOME/packs when set, else in the OS user-data folder', () => {
    expect(packLibraryDir({ env: { KLIPKOTA_HOME: '/srv/kk' } })).toBe(path.resolve('/srv/kk/packs'));
    expect(trustFilePath({ env: { KLIPKOTA_HOME: '/srv/kk' } })).toBe(path.resolve('/srv/kk/trust.json'));
    expect(userDataDir({ env: { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, platform: 'win32', homedir: 'C:\\Users\\a' })).toBe(path.join('C:\\Users\\a\\AppData\\Roaming', 'KlipKota'));
    expect(userDataDir({ env: {}, platform: 'darwin', homedir: '/Users/a' })).toBe('/Users/a/Library/Application Support/KlipKota');
    expect(userDataDir({ env: { XDG_CONFIG_HOME: '/x/cfg' }, platform: 'linux', homedir: '/home/a' })).toBe('/x/cfg/KlipKota');
    expect(userDataDir({ env: {}, platform: 'linux', homedir: '/home/a' })).toBe('/home/a/.config/KlipKota');
  });

  it('compares versions numerically', () => {
    expect(compareVersions('1.10.0', '1.9.9')).toBe(1);
    expect(compareVersions('2.0.0', '2.0.0')).toBe(0);
    expect(compareVersions('0.1.0', '0.1.1')).toBe(-1);
  });
});
