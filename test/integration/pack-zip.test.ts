/**
 * The .klippack reader (yauzl) below the hostile-pack corpus: damage that only a
 * zip reader sees. Each archive is refused with a bad-input KlipError before
 * anything is kept, and an honest archive (stored or deflated, or zipped with its
 * folder) extracts byte for byte.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isKlipError, type KlipError } from '@core/errors.js';
import { extractPackArchive } from '../../electron/engine/pack/archive.js';
import { makeTempDir, type TempDir } from '../helpers/media.js';
import { listTree, text } from './pack-fixtures.js';

let temp: TempDir;
let count = 0;

beforeAll(async () => {
  temp = await makeTempDir('klipkota-zip-');
});
afterAll(async () => {
  await temp.remove();
});

const FILES = { 'pack.json': text('{"kind":"klipkota.pack"}'), 'graphics/logo.svg': text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"/>'.repeat(20)) };

/** Offsets of an entry's local and central headers. */
function headers(zip: Uint8Array, name: string): { local: number; central: number } {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const bytes = new TextEncoder().encode(name);
  const nameAt = (at: number, offset: number, length: number) => length === bytes.length && bytes.every((b, i) => zip[at + offset + i] === b);
  let local = -1;
  let central = -1;
  for (let at = 0; at + 46 < zip.length; at++) {
    const signature = view.getUint32(at, true);
    if (signature === 0x04034b50 && nameAt(at, 30, view.getUint16(at + 26, true))) local = at;
    if (signature === 0x02014b50 && nameAt(at, 46, view.getUint16(at + 28, true))) central = at;
  }
  return { local, central };
}

async function extract(zip: Uint8Array): Promise<{ dest: string; result: string[] | KlipError }> {
  count += 1;
  const file = temp.file(`case-${count}.klippack`);
  await writeFile(file, zip);
  const dest = temp.file(`out-${count}`);
  try {
    return { dest, result: await extractPackArchive({ file, dest }) };
  } catch (error) {
    expect(isKlipError(error), String(error)).toBe(true);
    return { dest, result: error as KlipError };
  }
}

async function refused(zip: Uint8Array): Promise<KlipError> {
  const { result } = await extract(zip);
  expect(Array.isArray(result), 'the archive was accepted').toBe(false);
  const error = result as KlipError;
  expect(error.kind).toBe('bad-input');
  return error;
}

describe('the .klippack reader', () => {
  it('extracts stored and deflated entries, and strips a folder someone zipped around the pack', async () => {
    for (const level of [0, 9] as const) {
      const { dest, result } = await extract(zipSync(FILES, { level }));
      expect(result).toEqual(['pack.json', 'graphics/logo.svg']);
      expect(await readFile(path.join(dest, 'graphics/logo.svg'))).toEqual(Buffer.from(FILES['graphics/logo.svg']));
    }
    const wrapped = await extract(zipSync({ 'my-pack': { 'pack.json': FILES['pack.json'], graphics: { 'logo.svg': FILES['graphics/logo.svg'] } } }));
    expect(wrapped.result).toEqual(['pack.json', 'graphics/logo.svg']);
    expect(await listTree(wrapped.dest)).toEqual(['graphics/', `graphics/logo.svg ${FILES['graphics/logo.svg'].length}`, `pack.json ${FILES['pack.json'].length}`]);
  });

  it('refuses contents that do not match their CRC', async () => {
    const zip = zipSync(FILES, { level: 0 });
    const { local } = headers(zip, 'graphics/logo.svg');
    const view = new DataView(zip.buffer);
    const dataAt = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    zip[dataAt + 5] = zip[dataAt + 5]! ^ 0x20;
    const error = await refused(zip);
    expect(error.code).toBe('pack-archive-broken');
    expect(error.text.en).toContain('graphics/logo.svg');
    expect(error.text.en).toContain('not intact');
  });

  it('refuses an encrypted entry, a device or pipe entry and an unknown compression from the directory', async () => {
    const encrypted = zipSync(FILES);
    const view = new DataView(encrypted.buffer);
    const { central } = headers(encrypted, 'graphics/logo.svg');
    view.setUint16(central + 8, view.getUint16(central + 8, true) | 1, true);
    expect((await refused(encrypted)).code).toBe('pack-encrypted');

    const pipe = zipSync({ ...FILES, 'notes.txt': [text('x'), { os: 3, attrs: (0o010644 << 16) >>> 0 }] });
    const special = await refused(pipe);
    expect(special.code).toBe('pack-special-file');
    expect(special.text.en).toContain('notes.txt');

    const bzip = zipSync(FILES);
    const bzipView = new DataView(bzip.buffer);
    bzipView.setUint16(headers(bzip, 'pack.json').central + 10, 12, true);
    const method = await refused(bzip);
    expect(method.code).toBe('pack-archive-broken');
    expect(method.text.en).toContain('unsupported compression');
  });

  it('refuses a name that is not UTF-8, and an entry whose inside name differs from the directory', async () => {
    const latin = zipSync(FILES);
    latin[headers(latin, 'pack.json').central + 46] = 0xff;
    expect((await refused(latin)).text.en).toContain('not UTF-8');

    const swapped = zipSync(FILES);
    swapped[headers(swapped, 'pack.json').local + 30] = 'P'.charCodeAt(0);
    const error = await refused(swapped);
    expect(error.code).toBe('pack-archive-broken');
    expect(error.text.en).toContain('different name inside');
  });

  it('refuses a cut-off archive as not a zip', async () => {
    const zip = zipSync(FILES);
    const error = await refused(zip.subarray(0, zip.length - 30));
    expect(error.code).toBe('pack-archive-broken');
    expect(error.text.en).toContain('not a zip');
  });
});
