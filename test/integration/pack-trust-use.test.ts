/**
 * Trust where packs are used: an unsigned pack with the official pack's id and
 * a higher version is refused (forced: used, with a warning, and the list says
 * why); a copy signed with the built-in copy's key may replace it; a second key
 * under a trusted issuer's name is refused; a tampered pack does not render
 * (CLI exit 2, an error in the app) unless explicitly allowed; an untrusted
 * one renders with a warning.
 */
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../core/api/contract.js';
import { createApi } from '../../electron/engine/api/index.js';
import { exportPack } from '../../electron/engine/pack/archive.js';
import { findPackFolder } from '../../electron/engine/pack/find.js';
import { importPack, listPacks, removePack } from '../../electron/engine/pack/library.js';
import { choosePackCopy } from '../../electron/engine/pack/shadow.js';
import { generateKeyPair, signPack } from '../../electron/engine/pack/sign.js';
import { addTrustedIssuer } from '../../electron/engine/pack/trust.js';
import { makeSampleClip } from '../../electron/engine/media/samples.js';
import { runKlipkota } from '../helpers/cli.js';
import { makeTempDir, type TempDir } from '../helpers/media.js';
import { oneClipProject } from '../helpers/project.js';
import { KELURAHAN, listTree, PEMKOT } from './pack-fixtures.js';

let temp: TempDir;

async function copyPack(options: { from: string; name: string; edit?: (manifest: Record<string, unknown>) => void }): Promise<string> {
  const dir = temp.file(options.name);
  await cp(options.from, dir, { recursive: true });
  const manifest = JSON.parse(await readFile(path.join(dir, 'pack.json'), 'utf8'));
  options.edit?.(manifest);
  await writeFile(path.join(dir, 'pack.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

async function klippack(dir: string): Promise<string> {
  const file = `${dir}.klippack`;
  await exportPack({ dir, out: file });
  return file;
}

beforeAll(async () => {
  temp = await makeTempDir('klipkota-trust-use-');
  await makeSampleClip({ path: temp.file('clip.mp4'), seconds: 1, width: 320, height: 180 });
});
afterAll(async () => {
  await temp?.remove();
});

describe('the official pack cannot be replaced silently', () => {
  it('refuses an unsigned pack carrying the built-in id and a higher version; forced, it is used with a warning and the list says why', async () => {
    const impostor = await klippack(
      await copyPack({ from: PEMKOT, name: 'palsu', edit: (m) => Object.assign(m, { version: '9.0.0', colors: { ...(m.colors as object), primary: '#FF00FF' } }) }),
    );
    const libraryDir = temp.file('home-a/packs');
    await expect(importPack({ file: impostor, libraryDir })).rejects.toMatchObject({ code: 'pack-shadows-built-in', kind: 'bad-input' });
    expect((await listTree(libraryDir).catch(() => [])).filter((entry) => !entry.startsWith('.'))).toEqual([]);
    expect(await findPackFolder({ id: 'pemkot-malang', libraryDir })).toMatchObject({ builtIn: true });

    const forced = await importPack({ file: impostor, libraryDir, force: true });
    expect(forced.warnings?.[0]?.en).toContain('REPLACES the official built-in pack');
    expect(forced.warnings?.[0]?.id).toContain('MENGGANTIKAN paket bawaan resmi');
    expect(await findPackFolder({ id: 'pemkot-malang', libraryDir })).toMatchObject({ builtIn: false, reason: 'forced' });
    const [listed] = await listPacks({ libraryDir });
    expect(listed?.builtInShadow).toMatchObject({ used: true, reason: { en: expect.stringContaining('--force') } });

    await removePack({ libraryDir, id: 'pemkot-malang' });
    expect(await findPackFolder({ id: 'pemkot-malang', libraryDir })).toMatchObject({ builtIn: true, reason: 'only-built-in' });
  });

  it('treats the built-in copy as installed for the version check', async () => {
    const same = await klippack(await copyPack({ from: PEMKOT, name: 'sama' }));
    await expect(importPack({ file: same, libraryDir: temp.file('home-b/packs') })).rejects.toMatchObject({ code: 'pack-not-newer' });
  });

  it('lets a copy signed with the built-in copy\'s own key replace it', async () => {
    const keys = generateKeyPair();
    const builtInDir = temp.file('built-ins');
    await mkdir(builtInDir);
    const official = await copyPack({ from: KELURAHAN, name: 'built-ins/kelurahan-oro-oro-dowo' });
    await signPack({ dir: official, privateKeyPem: keys.privateKeyPem, probe: false });
    const newer = await copyPack({ from: KELURAHAN, name: 'resmi-baru', edit: (m) => Object.assign(m, { version: '1.1.0' }) });
    await signPack({ dir: newer, privateKeyPem: keys.privateKeyPem, probe: false });
    const libraryDir = temp.file('home-c/packs');
    await importPack({ file: await klippack(newer), libraryDir, builtInDir });
    expect(await choosePackCopy({ id: 'kelurahan-oro-oro-dowo', builtInDir, libraryDir })).toMatchObject({ builtIn: false, reason: 'same-signer' });
    const stranger = await copyPack({ from: KELURAHAN, name: 'orang-lain', edit: (m) => Object.assign(m, { version: '1.2.0' }) });
    await signPack({ dir: stranger, privateKeyPem: generateKeyPair().privateKeyPem, probe: false });
    await expect(importPack({ file: await klippack(stranger), libraryDir: temp.file('home-d/packs'), builtInDir })).rejects.toMatchObject({ code: 'pack-shadows-built-in' });
  });

  it('refuses a second trusted key under an issuer name already on the list', async () => {
    const file = temp.file('trust.json');
    const first = generateKeyPair();
    await addTrustedIssuer({ file, name: 'Diskominfo Kota Malang', publicKey: first.publicKeyPem });
    await expect(addTrustedIssuer({ file, name: 'diskominfo  kota malang.', publicKey: generateKeyPair().publicKeyPem })).rejects.toMatchObject({ code: 'trust-name-taken' });
    // the same key again is a rename, not a collision
    await expect(addTrustedIssuer({ file, name: 'Diskominfo Kota Malang', publicKey: first.publicKeyPem })).resolves.toMatchObject({ fingerprint: first.fingerprint });
  });
});

describe('trust is checked at render time', () => {
  let tampered: string;
  let untrusted: string;

  beforeAll(async () => {
    const keys = generateKeyPair();
    untrusted = await copyPack({ from: KELURAHAN, name: 'kantor', edit: (m) => Object.assign(m, { id: 'kelurahan-kantor' }) });
    await signPack({ dir: untrusted, privateKeyPem: keys.privateKeyPem, probe: false });
    tampered = temp.file('diubah');
    await cp(untrusted, tampered, { recursive: true });
    const card = path.join(tampered, 'graphics', 'judul.svg');
    await writeFile(card, (await readFile(card, 'utf8')).replace('INFO', 'HOAX'));
  });

  const render = (pack: string, extra: string[] = []) =>
    runKlipkota({
      args: ['render', '--clip', temp.file('clip.mp4'), '--pack', pack, '--preset', 'youtube', '--out', temp.file(`out-${path.basename(pack)}-${extra.length}`), '--json', ...extra],
      env: { KLIPKOTA_HOME: temp.file('cli-home') },
    });

  it('the CLI refuses a tampered pack with exit 2 and writes nothing; --allow-tampered-pack renders it', async () => {
    const refused = await render(tampered);
    expect(refused.code, refused.stderr).toBe(2);
    expect(JSON.parse(refused.stdout).error.code).toBe('pack-tampered');
    expect(await readdir(temp.file('out-diubah-0')).catch(() => [])).toEqual([]);
    const allowed = await render(tampered, ['--allow-tampered-pack']);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(JSON.parse(allowed.stdout).outputs).toHaveLength(1);
  });

  it('an untrusted pack renders, with a warning', async () => {
    const run = runKlipkota({
      args: ['render', '--clip', temp.file('clip.mp4'), '--pack', untrusted, '--preset', 'youtube', '--out', temp.file('out-untrusted')],
      env: { KLIPKOTA_HOME: temp.file('cli-home'), KLIPKOTA_LANG: 'en' },
    });
    const result = await run;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('not on your trusted list');
  });

  it('the app reports an error for an export with a tampered installed pack', async () => {
    const home = temp.file('app-home');
    await cp(tampered, path.join(home, 'packs', 'kelurahan-kantor'), { recursive: true });
    const seen: Array<{ event: EventName; payload: unknown }> = [];
    const api = createApi({ home, emit: (event, payload) => void seen.push({ event, payload }), language: 'en' });
    const project = { ...oneClipProject({ name: 'Uji', clip: temp.file('clip.mp4'), frames: 15 }), pack: 'kelurahan-kantor' };
    const outDir = temp.file('out-app');
    const started = await api['export.start']({ project, presets: ['youtube'], outDir });
    if (!started.ok) throw new Error(started.error.message);
    await api.jobs.settled(started.value.jobId);
    const failed = seen.find((entry) => entry.event === 'export.failed')?.payload as { error: { code: string; message: string } } | undefined;
    expect(failed?.error.code).toBe('pack-tampered');
    expect(failed?.error.message).toContain('kelurahan-kantor');
    expect(await readdir(outDir).catch(() => [])).toEqual([]);
  });
});
