/**
 * Helpers for the pack tests: a sample pack as an in-memory file map, zips built
 * from such maps (including ones no honest tool would write), and a recursive
 * listing to prove that a refused import wrote nothing.
 */
import { zipSync, type Zippable } from 'fflate';
import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export const REPO = path.resolve(import.meta.dirname, '../..');
export const PEMKOT = path.join(REPO, 'templates', 'pemkot-malang');
export const KELURAHAN = path.join(REPO, 'templates', 'kelurahan-oro-oro-dowo');
/**
 * An app build without built-in packs (a folder that does not exist): for tests of
 * the library's own mechanics with copies of the built-in packs, which an app
 * that ships them would refuse to let shadow its official copies.
 */
export const NO_BUILT_INS = path.join(REPO, 'test', 'no-built-in-packs');

export type FileMap = Record<string, Uint8Array>;

export async function readPackFiles(dir: string): Promise<FileMap> {
  const out: FileMap = {};
  const walk = async (rel: string) => {
    for (const name of await readdir(path.join(dir, rel))) {
      const child = rel ? `${rel}/${name}` : name;
      const info = await lstat(path.join(dir, child));
      if (info.isDirectory()) await walk(child);
      else out[child] = new Uint8Array(await readFile(path.join(dir, child)));
    }
  };
  await walk('');
  return out;
}

export function text(value: string): Uint8Array {
  return new TextEncoder().encode(value);
}

/** A copy of a file map with pack.json changed by `edit`. */
export function withManifest(files: FileMap, edit: (manifest: any) => void): FileMap {
  const manifest = JSON.parse(new TextDecoder().decode(files['pack.json']));
  edit(manifest);
  return { ...files, 'pack.json': text(JSON.stringify(manifest, null, 2)) };
}

export function zipFiles(files: FileMap, attributes: Record<string, { os?: number; attrs?: number }> = {}): Uint8Array {
  const zippable: Zippable = {};
  for (const [name, bytes] of Object.entries(files)) zippable[name] = [bytes, { level: 9, ...attributes[name] }];
  return zipSync(zippable);
}

/** Rewrite the declared uncompressed size of one entry, in both the local and the central header. */
export function patchDeclaredSize(zip: Uint8Array, entryName: string, size: number): Uint8Array {
  const out = new Uint8Array(zip);
  const view = new DataView(out.buffer);
  const name = new TextEncoder().encode(entryName);
  const matches = (at: number, nameAt: number, length: number) =>
    length === name.length && name.every((b, i) => out[at + nameAt + i] === b);
  for (let at = 0; at + 30 < out.length; at++) {
    const signature = view.getUint32(at, true);
    if (signature === 0x04034b50 && matches(at, 30, view.getUint16(at + 26, true))) view.setUint32(at + 22, size, true);
    if (signature === 0x02014b50 && at + 46 < out.length && matches(at, 46, view.getUint16(at + 28, true))) view.setUint32(at + 24, size, true);
  }
  return out;
}

/** Every path under `dir` (recursive, sorted), with sizes for files: a snapshot to compare. */
export async function listTree(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string) => {
    let names: string[];
    try {
      names = (await readdir(path.join(dir, rel))).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const child = rel ? `${rel}/${name}` : name;
      const info = await lstat(path.join(dir, child));
      out.push(info.isDirectory() ? `${child}/` : `${child} ${info.size}`);
      if (info.isDirectory()) await walk(child);
    }
  };
  await walk('');
  return out;
}

/** A PNG header claiming the given size (signature, IHDR, IEND; no pixel data). */
export function pngHeader(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(8 + 25 + 12);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 0);
  const view = new DataView(bytes.buffer);
  view.setUint32(8, 13);
  bytes.set(text('IHDR'), 12);
  view.setUint32(16, width);
  view.setUint32(20, height);
  bytes.set([8, 6, 0, 0, 0], 24);
  view.setUint32(33, 0);
  bytes.set(text('IEND'), 37);
  return bytes;
}
