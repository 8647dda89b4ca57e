/**
 * `.klippack` files: a pack folder zipped with yazl. Export validates the
 * folder first; extraction (zip.ts, yauzl) checks the zip's directory before
 * inflating and writes only regular files under the destination folder, never
 * replacing one.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import { badInput } from '@core/errors.js';
import { MANIFEST_FILE, mib, PACK_LIMITS, type PackLimits } from './limits.js';
import { listPackFiles, validatePackFolder, type ProbeFn, type ValidatedPack } from './validate.js';
import { openPackArchive, type PackArchive, type PackArchiveEntry } from './zip.js';

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
  const zip = new ZipFile();
  for (const file of await listPackFiles({ dir: pack.root })) {
    zip.addBuffer(await readFile(path.join(pack.root, file)), file, { mtime: FIXED_MTIME, mode: 0o100644, compressionLevel: 6 });
  }
  zip.end();
  await mkdir(path.dirname(out), { recursive: true });
  const part = `${out}.part`;
  try {
    await pipeline(zip.outputStream, createWriteStream(part));
  } catch (error) {
    await rm(part, { force: true });
    throw error;
  }
  await rename(part, out);
  const { size } = await stat(out);
  return { file: out, bytes: size, pack };
}

/** The folder prefix to strip when someone zipped the pack's folder instead of its contents. */
function commonRoot(entries: PackArchiveEntry[]): string {
  if (entries.some((entry) => entry.name === MANIFEST_FILE)) return '';
  const first = entries[0]?.name.split('/')[0];
  if (!first || !entries.every((entry) => entry.name.startsWith(`${first}/`))) return '';
  return entries.some((entry) => entry.name === `${first}/${MANIFEST_FILE}`) ? `${first}/` : '';
}

async function checkArchiveFile(file: string, limits: PackLimits): Promise<void> {
  const info = await stat(file).catch(() => undefined);
  if (!info || !info.isFile())
    throw badInput('pack-not-found', { id: `Berkas paket "${file}" tidak ditemukan.`, en: `The pack file "${file}" was not found.` }, file);
  if (info.size > limits.maxArchiveBytes)
    throw badInput(
      'pack-too-large',
      {
        id: `Paket ditolak: berkas "${path.basename(file)}" berukuran ${mib(info.size)} (batas ${mib(limits.maxArchiveBytes)}).`,
        en: `Pack refused: the file "${path.basename(file)}" is ${mib(info.size)} (limit ${mib(limits.maxArchiveBytes)}).`,
      },
      file,
    );
}

/** Write one file entry under `dest`, never over an existing file or folder. */
async function writeEntry(options: { archive: PackArchive; entry: PackArchiveEntry; dest: string; name: string }): Promise<void> {
  const { entry, dest } = options;
  const target = path.resolve(dest, options.name);
  // belt and braces: the name check already refused anything that could leave dest
  if (!target.startsWith(`${dest}${path.sep}`)) throw badInput('pack-unsafe-path', { id: `Paket ditolak: entri "${entry.name}" keluar dari folder paket.`, en: `Pack refused: entry "${entry.name}" leaves the pack folder.` }, entry.name);
  const data = await options.archive.read(entry);
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
}

/**
 * Extract a `.klippack` into `dest` (which must not exist yet). Throws a
 * bad-input KlipError for any unsafe or oversized archive; the caller removes
 * `dest` on failure.
 */
export async function extractPackArchive(options: { file: string; dest: string; limits?: PackLimits }): Promise<string[]> {
  const limits = options.limits ?? PACK_LIMITS;
  await checkArchiveFile(options.file, limits);
  const archive = await openPackArchive({ file: options.file, limits });
  try {
    const prefix = commonRoot(archive.entries);
    const dest = path.resolve(options.dest);
    await mkdir(dest, { recursive: false });
    const written: string[] = [];
    for (const entry of archive.entries) {
      const name = entry.name.slice(prefix.length);
      if (name === '' || entry.directory) {
        if (name !== '') await mkdir(path.join(dest, name), { recursive: true });
        continue;
      }
      await writeEntry({ archive, entry, dest, name });
      written.push(name);
    }
    return written;
  } finally {
    archive.close();
  }
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
