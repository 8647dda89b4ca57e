/**
 * `klipkota pack ...` in-process: exit codes (0 ok, 1 not verified, 2 refused or
 * bad usage), one JSON document with --json, messages in the context language.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { packCommand } from '../../electron/cli/pack.js';
import type { CliContext } from '../../electron/cli/context.js';
import { runCli } from '../../electron/cli/main.js';
import { makeTempDir, type TempDir } from '../helpers/media.js';
import { KELURAHAN, withManifest, readPackFiles, zipFiles } from './pack-fixtures.js';

let temp: TempDir;
const savedHome = process.env.KLIPKOTA_HOME;

beforeAll(async () => {
  temp = await makeTempDir('klipkota-pack-cli-');
  process.env.KLIPKOTA_HOME = temp.file('home');
});
afterAll(async () => {
  if (savedHome === undefined) delete process.env.KLIPKOTA_HOME;
  else process.env.KLIPKOTA_HOME = savedHome;
  await temp.remove();
});

async function run(args: string[], options: { language?: 'id' | 'en' } = {}): Promise<{ code: number; out: string; err: string; json: () => any }> {
  const out: string[] = [];
  const err: string[] = [];
  const context: CliContext = {
    language: options.language ?? 'en',
    json: args.includes('--json'),
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    signal: new AbortController().signal,
  };
  let code: number;
  try {
    code = await packCommand(args, context);
  } catch (error) {
    // what runCli does with a thrown error
    const { reportError } = await import('../../electron/cli/context.js');
    code = reportError(error, context);
  }
  return { code, out: out.join('\n'), err: err.join('\n'), json: () => JSON.parse(out.join('\n')) };
}

describe('klipkota pack', () => {
  it('validates a folder and refuses a hostile file with exit 2 and a JSON error', async () => {
    const ok = await run(['validate', KELURAHAN, '--json']);
    expect(ok.code).toBe(0);
    expect(ok.json()).toMatchObject({ ok: true, id: 'kelurahan-oro-oro-dowo', version: '1.0.0', trust: 'unsigned' });
    const hostile = temp.file('hostile.klippack');
    const files = await readPackFiles(KELURAHAN);
    await writeFile(hostile, zipFiles({ ...files, '../escape.txt': new Uint8Array([1]) }));
    const refused = await run(['validate', hostile, '--json']);
    expect(refused.code).toBe(2);
    expect(refused.json().error.code).toBe('pack-unsafe-path');
    const schema = temp.file('schema.klippack');
    await writeFile(schema, zipFiles(withManifest(files, (m) => (m.colors.accent = 'orange'))));
    const text = await run(['validate', schema], { language: 'id' });
    expect(text.code).toBe(2);
    expect(text.err).toContain('Galat: Paket ditolak: di pack.json, kolom "colors.accent"');
  });

  it('keygen, sign, verify, trust, export, import, list, remove', async () => {
    const keys = await run(['keygen', '--out', temp.file('keys'), '--issuer', 'Kelurahan Oro-Oro Dowo', '--json']);
    expect(keys.code).toBe(0);
    const { privateKeyFile, issuerFile, fingerprint } = keys.json();
    expect((await run(['keygen', '--out', temp.file('keys'), '--issuer', 'Kelurahan Oro-Oro Dowo'])).code).toBe(2);

    // the office's own pack id: a built-in id would not be allowed to replace the official copy
    const dir = temp.file('pack');
    await cp(KELURAHAN, dir, { recursive: true });
    const manifestFile = path.join(dir, 'pack.json');
    await writeFile(manifestFile, JSON.stringify({ ...JSON.parse(await readFile(manifestFile, 'utf8')), id: 'kelurahan-contoh' }));
    expect((await run(['sign', dir, '--key', privateKeyFile])).code).toBe(0);
    expect((await run(['sign', dir, '--key', temp.file('missing.pem')])).code).toBe(2);

    const untrusted = await run(['verify', dir, '--json']);
    expect(untrusted.code).toBe(1);
    expect(untrusted.json()).toMatchObject({ trust: 'untrusted', fingerprint });

    expect((await run(['trust', 'add', issuerFile])).code).toBe(0);
    expect((await run(['trust', 'list', '--json'])).json().issuers).toEqual([expect.objectContaining({ name: 'Kelurahan Oro-Oro Dowo', fingerprint })]);
    const verified = await run(['verify', dir]);
    expect(verified.code).toBe(0);
    expect(verified.out).toContain('VERIFIED: signed by Kelurahan Oro-Oro Dowo');

    const file = temp.file('kel.klippack');
    expect((await run(['export', dir, '--out', file])).code).toBe(0);
    expect((await run(['export', dir, '--out', file])).code).toBe(2);
    expect((await run(['export', dir, '--out', file, '--overwrite'])).code).toBe(0);
    expect((await run(['verify', file, '--json'])).json().trust).toBe('verified');

    const imported = await run(['import', file, '--json']);
    expect(imported.code).toBe(0);
    expect(imported.json()).toMatchObject({ ok: true, id: 'kelurahan-contoh', trust: 'verified', dir: path.join(temp.file('home'), 'packs', 'kelurahan-contoh') });
    const again = await run(['import', file, '--json']);
    expect(again.code).toBe(2);
    expect(again.json().error.code).toBe('pack-not-newer');
    expect((await run(['import', file, '--force'])).code).toBe(0);

    const listed = await run(['list', '--json']);
    expect(listed.json().packs).toEqual([expect.objectContaining({ id: 'kelurahan-contoh', version: '1.0.0', trust: 'verified', signerName: 'Kelurahan Oro-Oro Dowo' })]);
    const listedText = await run(['list'], { language: 'id' });
    expect(listedText.out).toContain('kelurahan-contoh  1.0.0  Kelurahan Oro-Oro Dowo');
    expect(listedText.out).toContain('terverifikasi');

    // tamper with the folder: verify says so with exit 2 and names the file
    await writeFile(path.join(dir, 'graphics', 'judul.svg'), (await readFile(path.join(dir, 'graphics', 'judul.svg'), 'utf8')).replace('INFO', 'HOAX'));
    const tampered = await run(['verify', dir, '--json']);
    expect(tampered.code).toBe(2);
    expect(tampered.json()).toMatchObject({ trust: 'tampered', changed: ['graphics/judul.svg'] });

    expect((await run(['trust', 'remove', 'Kelurahan Oro-Oro Dowo'])).code).toBe(0);
    expect((await run(['verify', file, '--json'])).json().trust).toBe('untrusted');
    expect((await run(['remove', 'kelurahan-contoh', '--json'])).json()).toEqual({ ok: true, id: 'kelurahan-contoh', version: '1.0.0' });
    expect((await run(['remove', 'kelurahan-contoh'])).code).toBe(2);
    expect((await run(['list', '--json'])).json().packs).toEqual([]);
  });

  it('bad usage exits 2 with the usage text', async () => {
    for (const args of [[], ['frobnicate'], ['export', KELURAHAN], ['import'], ['validate', '--bogus'], ['trust', 'explode'], ['keygen', '--out', temp.dir]]) {
      const result = await run(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.err, args.join(' ')).toContain('klipkota pack');
    }
  });

  it('is registered in the klipkota command line', async () => {
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      expect(await runCli(['pack', 'list', '--json'])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    expect(JSON.parse(written.join(''))).toEqual({ library: path.join(temp.file('home'), 'packs'), packs: [] });
  });
});
