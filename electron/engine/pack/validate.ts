/**
 * Full validation of a pack folder on disk: what it holds (no links, only data
 * file types, limits on count and size), its manifest, every file the manifest
 * names, and the contents of every graphic, image, font and video bumper.
 * The same check runs on a design folder, on an import (after the careful
 * extraction), and whenever a pack is loaded.
 */
import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { badInput, isKlipError, type KlipError } from '../../../core/errors.js';
import type { MediaInfo } from '../../../core/media.js';
import type { PackManifest } from '../../../core/pack/manifest.js';
import { readImageSize } from './image-size.js';
import { ALLOWED_EXTENSIONS, MANIFEST_FILE, mib, PACK_LIMITS, type PackLimits } from './limits.js';
import { parseManifestText, referencedFiles } from './manifest-check.js';
import { extensionOf, unsafePathError } from './paths.js';
import { validateFont } from './validate-font.js';
import { validateSvg } from './validate-svg.js';

export type ProbeFn = (file: string) => Promise<MediaInfo>;

export interface ValidatedPack {
  manifest: PackManifest;
  /** absolute, real folder */
  root: string;
  /** every file in the pack, relative with forward slashes, sorted */
  files: string[];
  /** pack path -> pixel size, for PNG/JPEG images */
  imageSizes: Record<string, { width: number; height: number }>;
  /** pack path -> probe result, for video bumpers */
  bumperMedia: Record<string, MediaInfo>;
}

function refused(code: string, text: { id: string; en: string }, detail: string): KlipError {
  return badInput(code, text, detail);
}

/** Walk the folder with lstat: refuses links, special files, unsafe names, file types and sizes. */
export async function listPackFiles(options: { dir: string; limits?: PackLimits }): Promise<string[]> {
  const limits = options.limits ?? PACK_LIMITS;
  const top = await lstat(options.dir).catch(() => undefined);
  if (!top || !top.isDirectory())
    throw refused(
      'pack-not-found',
      { id: `Folder paket "${options.dir}" tidak ditemukan atau bukan folder.`, en: `The pack folder "${options.dir}" does not exist or is not a folder.` },
      options.dir,
    );
  const files: string[] = [];
  let entries = 0;
  let total = 0;
  const walk = async (relative: string, depth: number): Promise<void> => {
    const names = (await readdir(path.join(options.dir, relative))).sort();
    for (const name of names) {
      const rel = relative ? `${relative}/${name}` : name;
      const stat = await lstat(path.join(options.dir, rel));
      if (stat.isSymbolicLink())
        throw refused(
          'pack-symlink',
          {
            id: `Paket ditolak: "${rel}" adalah tautan simbolik (symlink/shortcut). Paket hanya boleh berisi berkas biasa; salin berkas aslinya ke dalam folder paket.`,
            en: `Pack refused: "${rel}" is a symbolic link. A pack may only hold regular files; copy the real file into the pack folder.`,
          },
          rel,
        );
      const unsafe = unsafePathError({ name: rel, where: { id: 'berkas', en: 'the file' } });
      if (unsafe) throw unsafe;
      entries += 1;
      if (entries > limits.maxEntries)
        throw refused('pack-too-large', { id: `Paket ditolak: lebih dari ${limits.maxEntries} berkas. Hapus berkas yang tidak dipakai.`, en: `Pack refused: more than ${limits.maxEntries} files. Remove the files it does not use.` }, rel);
      if (stat.isDirectory()) {
        if (depth >= limits.maxDepth)
          throw refused('pack-too-large', { id: `Paket ditolak: folder "${rel}" terlalu dalam (lebih dari ${limits.maxDepth} tingkat).`, en: `Pack refused: folder "${rel}" is nested too deep (more than ${limits.maxDepth} levels).` }, rel);
        await walk(rel, depth + 1);
        continue;
      }
      if (!stat.isFile())
        throw refused('pack-special-file', { id: `Paket ditolak: "${rel}" bukan berkas biasa.`, en: `Pack refused: "${rel}" is not a regular file.` }, rel);
      if (!ALLOWED_EXTENSIONS[extensionOf(rel)])
        throw refused(
          'pack-file-type',
          {
            id: `Paket ditolak: berkas "${rel}" berjenis yang tidak boleh ada di paket. Paket hanya berisi data: ${Object.keys(ALLOWED_EXTENSIONS).join(' ')}. Hapus berkas itu.`,
            en: `Pack refused: file "${rel}" is of a type a pack may not hold. A pack holds data only: ${Object.keys(ALLOWED_EXTENSIONS).join(' ')}. Remove that file.`,
          },
          rel,
        );
      if (stat.size > limits.maxEntryBytes)
        throw refused('pack-too-large', { id: `Paket ditolak: "${rel}" berukuran ${mib(stat.size)} (batas ${mib(limits.maxEntryBytes)}). Perkecil berkas itu.`, en: `Pack refused: "${rel}" is ${mib(stat.size)} (limit ${mib(limits.maxEntryBytes)}). Make that file smaller.` }, rel);
      total += stat.size;
      if (total > limits.maxTotalBytes)
        throw refused('pack-too-large', { id: `Paket ditolak: isi paket lebih dari ${mib(limits.maxTotalBytes)}. Perkecil gambar atau video di dalamnya.`, en: `Pack refused: the pack holds more than ${mib(limits.maxTotalBytes)}. Make its pictures or videos smaller.` }, rel);
      files.push(rel);
    }
  };
  await walk('', 0);
  return files.sort();
}

function missingFile(options: { file: string; field: string; nearly?: string }): KlipError {
  const hint = options.nearly
    ? { id: ` Ada "${options.nearly}": huruf besar/kecil harus sama persis.`, en: ` There is "${options.nearly}": upper and lower case must match exactly.` }
    : { id: '', en: '' };
  return refused(
    'pack-missing-file',
    {
      id: `Paket ditolak: kolom "${options.field}" di pack.json menunjuk "${options.file}", tetapi berkas itu tidak ada di paket.${hint.id} Tambahkan berkasnya atau perbaiki jalurnya, lalu ekspor ulang paket.`,
      en: `Pack refused: the field "${options.field}" in pack.json points to "${options.file}", but that file is not in the pack.${hint.en} Add the file or fix the path, then export the pack again.`,
    },
    options.file,
  );
}

function checkColorVariables(options: { file: string; text: string; manifest: PackManifest }): void {
  for (const match of options.text.matchAll(/\{\{\s*color\.([A-Za-z0-9_]+)\s*\}\}/g)) {
    const name = match[1]!;
    if (!Object.hasOwn(options.manifest.colors, name))
      throw refused(
        'pack-unknown-color',
        {
          id: `Paket ditolak: grafis "${options.file}" memakai warna {{color.${name}}}, tetapi "colors" di pack.json tidak punya "${name}". Tambahkan warna itu ke "colors" atau perbaiki nama di grafis.`,
          en: `Pack refused: graphic "${options.file}" uses the colour {{color.${name}}}, but "colors" in pack.json has no "${name}". Add that colour to "colors" or fix the name in the graphic.`,
        },
        `${options.file}: color.${name}`,
      );
  }
}

/** Validate a pack folder completely; throws a KlipError (kind bad-input) naming the first problem. */
export async function validatePackFolder(options: {
  dir: string;
  /** reads video bumpers; default probeMedia; false skips them (a loader that has no FFmpeg at hand) */
  probe?: ProbeFn | false;
  limits?: PackLimits;
}): Promise<ValidatedPack> {
  const limits = options.limits ?? PACK_LIMITS;
  const root = path.resolve(options.dir);
  const files = await listPackFiles({ dir: root, limits });
  const present = new Set(files);
  if (!present.has(MANIFEST_FILE))
    throw refused(
      'pack-manifest-missing',
      {
        id: `Paket ditolak: tidak ada ${MANIFEST_FILE} di akar paket. Setiap paket KlipKota memerlukan ${MANIFEST_FILE}; pastikan Anda memilih folder paket yang benar.`,
        en: `Pack refused: there is no ${MANIFEST_FILE} at the root of the pack. Every KlipKota pack needs ${MANIFEST_FILE}; make sure you chose the right pack folder.`,
      },
      root,
    );
  const manifestBytes = await readFile(path.join(root, MANIFEST_FILE));
  if (manifestBytes.length > limits.maxManifestBytes)
    throw refused('pack-too-large', { id: `Paket ditolak: ${MANIFEST_FILE} lebih dari ${mib(limits.maxManifestBytes)}.`, en: `Pack refused: ${MANIFEST_FILE} is larger than ${mib(limits.maxManifestBytes)}.` }, MANIFEST_FILE);
  const manifest = parseManifestText(manifestBytes.toString('utf8'));

  const lowerCase = new Map(files.map((f) => [f.toLowerCase(), f]));
  const refs = referencedFiles(manifest);
  for (const ref of refs) {
    if (!present.has(ref.path)) throw missingFile({ file: ref.path, field: ref.field, nearly: lowerCase.get(ref.path.toLowerCase()) });
  }

  const imageSizes: ValidatedPack['imageSizes'] = {};
  for (const file of files) {
    const kind = ALLOWED_EXTENSIONS[extensionOf(file)];
    if (kind !== 'svg' && kind !== 'image' && kind !== 'font') continue;
    const bytes = await readFile(path.join(root, file));
    if (kind === 'svg') {
      validateSvg({ file, bytes, limits });
      checkColorVariables({ file, text: bytes.toString('utf8'), manifest });
    } else if (kind === 'font') {
      validateFont({ file, bytes, limits });
    } else {
      const size = readImageSize(bytes);
      if (!size || size.width === 0 || size.height === 0)
        throw refused(
          'pack-image-invalid',
          { id: `Paket ditolak: gambar "${file}" bukan PNG/JPEG yang bisa dibaca. Simpan ulang sebagai PNG.`, en: `Pack refused: image "${file}" is not a readable PNG/JPEG. Save it again as PNG.` },
          file,
        );
      if (size.width > limits.maxImageSide || size.height > limits.maxImageSide)
        throw refused(
          'pack-image-too-large',
          {
            id: `Paket ditolak: gambar "${file}" berukuran ${size.width}x${size.height} piksel (batas ${limits.maxImageSide} piksel per sisi). Perkecil gambarnya; 1920 piksel sudah cukup untuk video.`,
            en: `Pack refused: image "${file}" is ${size.width}x${size.height} pixels (limit ${limits.maxImageSide} pixels per side). Make it smaller; 1920 pixels is plenty for video.`,
          },
          file,
        );
      imageSizes[file] = { width: size.width, height: size.height };
    }
  }

  const bumperMedia: ValidatedPack['bumperMedia'] = {};
  for (const ref of refs.filter((r) => r.role === 'video')) {
    if (bumperMedia[ref.path] || options.probe === false) continue;
    const probe = options.probe ?? (await defaultProbe());
    const notVideo = (detail: string) =>
      refused(
        'pack-video-invalid',
        {
          id: `Paket ditolak: video pembuka/penutup "${ref.path}" (kolom "${ref.field}") tidak bisa dibaca sebagai video. Ekspor ulang video itu sebagai MP4 (H.264), lalu ekspor ulang paket.`,
          en: `Pack refused: the bumper video "${ref.path}" (field "${ref.field}") cannot be read as video. Export that video again as MP4 (H.264), then export the pack again.`,
        },
        detail,
      );
    let info: MediaInfo;
    try {
      info = await probe(path.join(root, ref.path));
    } catch (error) {
      throw notVideo(`${ref.path}: ${isKlipError(error) ? error.code : error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
    if (!info.video || info.video.still || !(info.durationSeconds > 0)) throw notVideo(`${ref.path}: no moving video`);
    bumperMedia[ref.path] = info;
  }
  return { manifest, root, files, imageSizes, bumperMedia };
}

async function defaultProbe(): Promise<ProbeFn> {
  const module = await import('../ffmpeg/probe.js');
  return module.probeMedia;
}
