/**
 * Signing with ed25519: a signed pack from a trusted issuer is verified; one
 * flipped byte in any file, an added or a removed file shows tampered; a valid
 * signature from an unknown key is untrusted, never verified.
 */
import { cp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPack } from '../../electron/engine/pack/archive.js';
import { importPack, listPacks } from '../../electron/engine/pack/library.js';
import { loadPackFolder } from '../../electron/engine/pack/load.js';
import { hashPackFiles, signPack, verifyPackFolder, writeKeyPair, type KeyPairFiles } from '../../electron/engine/pack/sign.js';
import { addTrustedIssuer, readTrustList, removeTrustedIssuer, type TrustedIssuer } from '../../electron/engine/pack/trust.js';
import { makeTempDir, type TempDir } from '../helpers/media.js';
import { KELURAHAN, listTree, NO_BUILT_INS } from './pack-fixtures.js';

let temp: TempDir;
let office: KeyPairFiles;
let stranger: KeyPairFiles;
let signed: string;
let trusted: TrustedIssuer[];

async function copyOf(dir: string, name: string): Promise<string> {
  const target = temp.file(name);
  await cp(dir, target, { recursive: true });
  return target;
}

beforeAll(async () => {
  temp = await makeTempDir('klipkota-sign-');
  office = await writeKeyPair({ outDir: temp.file('keys'), issuer: 'Diskominfo Kota Malang' });
  stranger = await writeKeyPair({ outDir: temp.file('stranger-keys'), issuer: 'Diskominfo Kota Malang' });
  signed = await copyOf(KELURAHAN, 'signed');
  await signPack({ dir: signed, privateKeyPem: await readFile(office.privateKeyFile, 'utf8') });
  const issuerFile = JSON.parse(await readFile(office.issuerFile, 'utf8'));
  await addTrustedIssuer({ file: temp.file('trust.json'), name: issuerFile.issuer, publicKey: issuerFile.publicKey });
  trusted = await readTrustList({ file: temp.file('trust.json') });
});
afterAll(async () => {
  await temp.remove();
});

describe('keys', () => {
  it('writes a private key only the owner can read, a public key and an issuer file, and never overwrites a key', async () => {
    expect((await stat(office.privateKeyFile)).mode & 0o777).toBe(0o600);
    expect(await readFile(office.publicKeyFile, 'utf8')).toContain('BEGIN PUBLIC KEY');
    expect(office.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(stranger.fingerprint).not.toBe(office.fingerprint);
    await expect(writeKeyPair({ outDir: temp.file('keys'), issuer: 'Diskominfo Kota Malang' })).rejects.toMatchObject({ code: 'key-exists' });
  });
});

describe('verification', () => {
  it('a signed pack from a trusted issuer is verified; the signature covers every file but itself', async () => {
    const verification = await verifyPackFolder({ dir: signed, trusted });
    expect(verification).toMatchObject({ state: 'verified', issuer: 'Diskominfo Kota Malang', fingerprint: office.fingerprint });
    const signature = JSON.parse(await readFile(path.join(signed, 'signature.json'), 'utf8'));
    expect(Object.keys(signature.files).sort()).toEqual(Object.keys(await hashPackFiles({ dir: signed })).sort());
    expect(signature.files['pack.json']).toMatch(/^[0-9a-f]{64}$/);
    expect(signature.files['signature.json']).toBeUndefined();
  });

  it('the same pack with an empty trust list is untrusted, and unsigned without a signature', async () => {
    expect((await verifyPackFolder({ dir: signed, trusted: [] })).state).toBe('untrusted');
    expect((await verifyPackFolder({ dir: KELURAHAN, trusted })).state).toBe('unsigned');
  });

  it('flipping one byte of any file shows tampered and names the file', async () => {
    const files = Object.keys(await hashPackFiles({ dir: signed }));
    expect(files.length).toBeGreaterThanOrEqual(14);
    const copy = await copyOf(signed, 'flip');
    for (const file of files) {
      const target = path.join(copy, file);
      const original = await readFile(target);
      const flipped = Buffer.from(original);
      const at = Math.floor(flipped.length / 2);
      flipped[at] = flipped[at]! ^ 0x01;
      await writeFile(target, flipped);
      const verification = await verifyPackFolder({ dir: copy, trusted });
      expect(verification.state, file).toBe('tampered');
      expect(verification.changed, file).toEqual([file]);
      await writeFile(target, original);
    }
    expect((await verifyPackFolder({ dir: copy, trusted })).state).toBe('verified');
  });

  it('an added or a removed file shows tampered', async () => {
    const added = await copyOf(signed, 'added');
    await writeFile(path.join(added, 'graphics', 'extra.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>');
    expect(await verifyPackFolder({ dir: added, trusted })).toMatchObject({ state: 'tampered', added: ['graphics/extra.svg'] });
    const removed = await copyOf(signed, 'removed');
    await rm(path.join(removed, 'fonts', 'OFL.txt'));
    expect(await verifyPackFolder({ dir: removed, trusted })).toMatchObject({ state: 'tampered', removed: ['fonts/OFL.txt'] });
  });

  it('editing signature.json itself (issuer, signature bytes, fingerprint) shows tampered', async () => {
    const original = JSON.parse(await readFile(path.join(signed, 'signature.json'), 'utf8'));
    const cases: Array<[string, (s: any) => void]> = [
      ['issuer renamed', (s) => (s.issuer = 'Kantor Lain')],
      ['signature bytes', (s) => {
        const bytes = Buffer.from(s.signature, 'base64');
        bytes[0] = bytes[0]! ^ 1;
        s.signature = bytes.toString('base64');
      }],
      ['fingerprint mismatch', (s) => (s.fingerprint = '0'.repeat(64))],
      ['not json', () => undefined],
    ];
    for (const [label, edit] of cases) {
      const copy = await copyOf(signed, `sig-${label.replace(/\W+/g, '-')}`);
      const signature = structuredClone(original);
      edit(signature);
      await writeFile(path.join(copy, 'signature.json'), label === 'not json' ? '{ broken' : JSON.stringify(signature));
      expect((await verifyPackFolder({ dir: copy, trusted })).state, label).toBe('tampered');
    }
  });

  it('a valid signature by an unknown key that borrows a trusted issuer name is untrusted, never verified', async () => {
    const impostor = await copyOf(KELURAHAN, 'impostor');
    await signPack({ dir: impostor, privateKeyPem: await readFile(stranger.privateKeyFile, 'utf8'), issuer: 'Diskominfo Kota Malang' });
    const verification = await verifyPackFolder({ dir: impostor, trusted });
    expect(verification.state).toBe('untrusted');
    expect(verification.fingerprint).toBe(stranger.fingerprint);
    // swapping the trusted office's key into the impostor's signature file breaks the signature
    const file = path.join(impostor, 'signature.json');
    const signature = JSON.parse(await readFile(file, 'utf8'));
    await writeFile(file, JSON.stringify({ ...signature, publicKey: trusted[0]!.publicKey, fingerprint: trusted[0]!.fingerprint }));
    expect((await verifyPackFolder({ dir: impostor, trusted })).state).toBe('tampered');
  });
});

describe('trust list', () => {
  it('adds, lists and removes issuers by name or fingerprint prefix', async () => {
    const file = temp.file('trust-edit.json');
    expect(await readTrustList({ file })).toEqual([]);
    await addTrustedIssuer({ file, name: 'Diskominfo Kota Malang', publicKey: await readFile(office.publicKeyFile, 'utf8') });
    await addTrustedIssuer({ file, name: 'Kecamatan Klojen', publicKey: await readFile(stranger.publicKeyFile, 'utf8') });
    expect((await readTrustList({ file })).map((issuer) => issuer.name)).toEqual(['Diskominfo Kota Malang', 'Kecamatan Klojen']);
    expect((await removeTrustedIssuer({ file, which: stranger.fingerprint.slice(0, 12) })).map((i) => i.name)).toEqual(['Kecamatan Klojen']);
    expect((await removeTrustedIssuer({ file, which: 'Diskominfo Kota Malang' })).map((i) => i.fingerprint)).toEqual([office.fingerprint]);
    await expect(removeTrustedIssuer({ file, which: 'Diskominfo Kota Malang' })).rejects.toMatchObject({ code: 'trust-not-found' });
    await expect(addTrustedIssuer({ file, name: 'X', publicKey: 'not a key' })).rejects.toMatchObject({ code: 'trust-bad-key' });
    await writeFile(file, '{ "version": 1, "issuers": "oops" }');
    await expect(readTrustList({ file })).rejects.toMatchObject({ code: 'trust-file-invalid' });
  });
});

describe('trust wherever a pack is loaded or installed', () => {
  it('loadPackFolder sets trust and signer', async () => {
    const pack = await loadPackFolder({ dir: signed, trustFile: temp.file('trust.json') });
    expect(pack.trust).toBe('verified');
    expect(pack.signer).toBe(office.fingerprint);
    const unknown = await loadPackFolder({ dir: signed, trustFile: temp.file('no-such-trust.json') });
    expect(unknown.trust).toBe('untrusted');
    const tampered = await copyOf(signed, 'load-tampered');
    await writeFile(path.join(tampered, 'logo.svg'), (await readFile(path.join(tampered, 'logo.svg'), 'utf8')).replace('#F97316', '#F97317'));
    expect((await loadPackFolder({ dir: tampered, trustFile: temp.file('trust.json') })).trust).toBe('tampered');
    expect((await loadPackFolder({ dir: KELURAHAN, trustFile: temp.file('trust.json') })).trust).toBe('unsigned');
  });

  it('a signed .klippack imports verified; a tampered one is refused and writes nothing', async () => {
    const library = temp.file('home/packs');
    const file = temp.file('signed.klippack');
    await exportPack({ dir: signed, out: file });
    const result = await importPack({ builtInDir: NO_BUILT_INS, file, libraryDir: library, trusted });
    expect(result.verification.state).toBe('verified');
    expect((await listPacks({ libraryDir: library, trusted }))[0]).toMatchObject({ trust: 'verified', signer: office.fingerprint, signerName: 'Diskominfo Kota Malang' });

    const tamperedDir = await copyOf(signed, 'tampered-export');
    const manifest = JSON.parse(await readFile(path.join(tamperedDir, 'pack.json'), 'utf8'));
    manifest.version = '1.0.1';
    manifest.colors.accent = '#FF0000';
    await writeFile(path.join(tamperedDir, 'pack.json'), JSON.stringify(manifest));
    const tamperedFile = temp.file('tampered.klippack');
    await exportPack({ dir: tamperedDir, out: tamperedFile });
    const before = await listTree(temp.file('home'));
    await expect(importPack({ builtInDir: NO_BUILT_INS, file: tamperedFile, libraryDir: library, trusted })).rejects.toMatchObject({ code: 'pack-tampered', detail: expect.stringContaining('pack.json') });
    expect(await listTree(temp.file('home'))).toEqual(before);
  });

  it('an upgrade signed by another key (or unsigned) is refused unless forced; the old pack stays', async () => {
    const library = temp.file('upgrade/packs');
    const v1 = temp.file('v1.klippack');
    await exportPack({ dir: signed, out: v1 });
    await importPack({ builtInDir: NO_BUILT_INS, file: v1, libraryDir: library, trusted });
    const bump = async (name: string, key?: KeyPairFiles) => {
      const dir = await copyOf(KELURAHAN, name);
      const manifest = JSON.parse(await readFile(path.join(dir, 'pack.json'), 'utf8'));
      manifest.version = '1.1.0';
      await writeFile(path.join(dir, 'pack.json'), JSON.stringify(manifest));
      if (key) await signPack({ dir, privateKeyPem: await readFile(key.privateKeyFile, 'utf8') });
      const file = temp.file(`${name}.klippack`);
      await exportPack({ dir, out: file });
      return file;
    };
    await expect(importPack({ builtInDir: NO_BUILT_INS, file: await bump('by-stranger', stranger), libraryDir: library, trusted })).rejects.toMatchObject({ code: 'pack-signer-changed' });
    await expect(importPack({ builtInDir: NO_BUILT_INS, file: await bump('unsigned'), libraryDir: library, trusted })).rejects.toMatchObject({ code: 'pack-signer-changed' });
    expect((await listPacks({ libraryDir: library, trusted }))[0]).toMatchObject({ version: '1.0.0', trust: 'verified' });
    expect(await readdir(library)).toEqual(['kelurahan-oro-oro-dowo']);
    const ok = await importPack({ builtInDir: NO_BUILT_INS, file: await bump('by-office', office), libraryDir: library, trusted });
    expect(ok).toMatchObject({ version: '1.1.0', replaced: '1.0.0' });
    expect(ok.verification.state).toBe('verified');
  });
});
