import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listInstalledPacks } from '../../electron/engine/api/packs.js';
import { findPackFolder, loadPackById } from '../../electron/engine/pack/find.js';
import { builtInPacksDir } from '../../electron/engine/pack/load.js';
import { makeTempDir, type TempDir } from '../helpers/media.js';

let temp: TempDir;

async function installCopy(version: string): Promise<string> {
  const dir = path.join(temp.dir, 'packs', 'pemkot-malang');
  await cp(path.join(builtInPacksDir(), 'pemkot-malang'), dir, { recursive: true });
  const manifest = JSON.parse(await readFile(path.join(dir, 'pack.json'), 'utf8'));
  await writeFile(path.join(dir, 'pack.json'), JSON.stringify({ ...manifest, version }));
  return dir;
}

beforeAll(async () => {
  temp = await makeTempDir('klipkota-find-');
});
afterAll(async () => temp?.remove());

describe('which copy of a pack an id means', () => {
  it('lists the Pemkot Malang pack first, then the other built-in packs', async () => {
    const listed = await listInstalledPacks({ home: path.join(temp.dir, 'no-home') });
    expect(listed.map((entry) => entry.pack.manifest.id)).toEqual(['pemkot-malang', 'kelurahan-oro-oro-dowo']);
  });

  it('uses the built-in pack when nothing is installed, and refuses an unknown id', async () => {
    const libraryDir = path.join(temp.dir, 'empty-library');
    expect(await findPackFolder({ id: 'pemkot-malang', libraryDir })).toEqual({ dir: path.join(builtInPacksDir(), 'pemkot-malang'), builtIn: true, reason: 'only-built-in' });
    await expect(loadPackById({ id: 'paket-palsu', libraryDir })).rejects.toMatchObject({ code: 'pack-not-found', kind: 'bad-input' });
    await expect(loadPackById({ id: '../etc', libraryDir })).rejects.toMatchObject({ code: 'pack-not-found' });
  });

  it('an unsigned newer copy with the built-in id does not replace the official pack, anywhere a pack is listed or loaded', async () => {
    await installCopy('9.0.0');
    const libraryDir = path.join(temp.dir, 'packs');
    expect(await findPackFolder({ id: 'pemkot-malang', libraryDir })).toMatchObject({ builtIn: true, reason: 'not-allowed-to-replace' });
    expect((await loadPackById({ id: 'pemkot-malang', libraryDir })).manifest.version).toBe('1.0.0');
    const listed = await listInstalledPacks({ home: temp.dir });
    const pemkot = listed.filter((entry) => entry.pack.manifest.id === 'pemkot-malang');
    expect(pemkot).toHaveLength(1);
    expect(pemkot[0]!.builtIn).toBe(true);
    expect(pemkot[0]!.copyReason?.en).toContain('built-in pack stays in use');
    expect(listed[0]!.pack.manifest.id).toBe('pemkot-malang');
  });

  it('keeps the built-in pack when the installed copy is older', async () => {
    await installCopy('0.0.1');
    const found = await findPackFolder({ id: 'pemkot-malang', libraryDir: path.join(temp.dir, 'packs') });
    expect(found?.builtIn).toBe(true);
  });
});
