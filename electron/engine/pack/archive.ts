/**
 * `.klippack` files: a pack folder zipped with fflate. Export validates the
 * folder first; extraction checks the zip's directory before inflating and
 * writes only regular files under the destination folder, never replacing one.
 */
import { zipSync, type Zippable } from 'fflate';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { badInput } from '../../../core/errors.js';
import { MANIFEST_FILE, mib, PACK_LIMITS, type PackLimits } from './limits.js';
import { listPackFiles, validatePackFolder, type ProbeFn, type ValidatedPack } from './validate.js';
import { inflateEntry, readZipDirectory, type ZipEntry } from './zip.js';

export const PACK_EXTENSION = '.klippack';
/** zip timestamps are fixed so the same folder exports to the same bytes */
const FIXED_MTIME = new Date(2024, 0, 1, 0, 0, 0);

/** Validate a pack folder and write it as one `.klippack` file (via a .part file, never over an existing file unless asked). */
export async function exportPack(options: { dir: string; out: string; overwrite?: boolean; probe?: ProbeFn | false }): Promise<{ file: string; bytes: number; pack: ValidatedPack }> {
  const pack = await validatePackFolder({ dir: options.dir, probe: options.probe });
  const out = path.resolve(options.out);
  if (!options.overwrite && (await stat(out).catch(() => undefined)))
    throw badInput(
      'output-exists',
      {
        id: `Berkas "${out}" sudah ada dan tidak ditimpa. Pilih nama lain atau tambahkan --overwrite.`,
        en: `The file "${out}" already exists and is not overwritten. Choose another name or add --overwrite.`,
      },
      out,
    );
  const zippable: Zippable = {};
  for (const file of await listPackFiles({ dir: pack.root })) {
    zippable[file] = [await readFile(path.join(pack.root, file)), { mtime: FIXED_MTIME, os: 3, attrs: (0o100644 << 16) >>> 0 }];
  }
  const bytes = zipSync(zippable, { level: 6 });
  await mkdir(path.dirname(out), { recursive: true });
  const part = `${out}.part`;
  await writeFile(part, bytes);
  await rename(part, out);
  return { file: out, bytes: bytes.length, pack };
}

/** The folder prefix to strip when someone zipped the pack's folder instead of its contents. */
function commonRoot(entries: ZipEntry[]): string {
  if (entries.some((entry) => entry.name === MANIFEST_FILE)) return '';
  const first = entries[0]?.name.split('/')[0];
  if (!first || !entries.every((entry) => entry.name.startsWith(`${first}/`))) return '';
  return entries.some((entry) => entry.name === `${first}/${MANIFEST_FILE}`) ? `${first}/` : '';
}

/**
 * Extract a `.klippack` into `dest` (which must not exist yet). Throws a
 * bad-input KlipError for any unsafe or oversized archive; the caller removes
 * `dest` on failure.
 */
export async function extractPackArchive(options: { file: string; dest: string; limits?: PackLimits }): Promise<string[]> {
  const limits = options.limits ?? PACK_LIMITS;
  const info = await stat(options.file).catch(() => undefined);
  if (!info || !info.isFile())
    throw badInput(
      'pack-not-found',
      { id: `Berkas paket "${options.file}" tidak ditemukan.`, en: `The pack file "${options.file}" was not found.` },
      options.file,
    );
  if (info.size > limits.maxArchiveBytes)
    throw badInput(
      'pack-too-large',
      {
        id: `Paket ditolak: berkas "${path.basename(options.file)}" berukuran ${mib(info.size)} (batas ${mib(limits.maxArchiveBytes)}).`,
        en: `Pack refused: the file "${path.basename(options.file)}" is ${mib(info.size)} (limit ${mib(limits.maxArchiveBytes)}).`,
      },
      options.file,
    );
  const bytes = new Uint8Array(await readFile(options.file));
  const entries = readZipDirectory({ bytes, limits });
  const prefix = commonRoot(entries);
  const dest = path.resolve(options.dest);
  await mkdir(dest, { recursive: false });
  const written: string[] = [];
  for (const entry of entries) {
    const name = entry.name.slice(prefix.length);
    if (name === '' || entry.directory) {
      if (name !== '') await mkdir(path.join(dest, name), { recursive: true });
      continue;
    }
    const target = path.resolve(dest, name);
    // belt and braces: the name check already refused anything that could leave dest
    if (!target.startsWith(`${dest}${path.sep}`)) throw badInput('pack-unsafe-path', { id: `Paket ditolak: entri "${entry.name}" keluar dari folder paket.`, en: `Pack refused: entry "${entry.name}" leaves the pack folder.` }, entry.name);
    const data = inflateEntry({ bytes, entry });
    try {
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, data, { flag: 'wx' });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST' && code !== 'ENOTDIR') throw error;
      throw badInput(
        'pack-archive-broken',
        {
          id: `Berkas paket rusak: entri "${entry.name}" bertabrakan dengan berkas atau folder lain di paket. Minta pengirim mengekspor ulang paketnya.`,
          en: `The pack file is damaged: entry "${entry.name}" collides with another file or folder in the pack. Ask the sender to export the pack again.`,
        },
        entry.name,
      );
    }
    written.push(name);
  }
  return written;
}

/** Extract to a fresh folder inside `workDir`, validate completely, and clean up on any failure. */
export async function unpackAndValidate(options: { file: string; workDir: string; probe?: ProbeFn | false; limits?: PackLimits }): Promise<ValidatedPack> {
  const dest = path.join(options.workDir, 'pack');
  try {
    await extractPackArchive({ file: options.file, dest, limits: options.limits });
    return await validatePackFolder({ dir: dest, probe: options.probe, limits: options.limits });
  } catch (error) {
    await rm(dest, { recursive: true, force: true });
    throw error;
  }
}
