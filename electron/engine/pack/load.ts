/**
 * Loading a template pack folder: pack.json checked against the schema, every
 * path kept inside the pack (symlinks out are refused), every file present,
 * graphic sizes and video bumpers read, so the pure compiler gets a
 * ResolvedPack. Zip import, signatures and the hostile-SVG checks build on
 * this (issue 3): they plug in at `validatePackFiles` and `trust`.
 */
import { existsSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { badInput } from '../../../core/errors.js';
import { placeholdersIn } from '../../../core/pack/fields.js';
import { PACK_FORMAT, PackManifest, type AspectFile, type FieldDefinition } from '../../../core/pack/manifest.js';
import type { ResolvedPack } from '../../../core/pack/resolved.js';
import type { MediaInfo } from '../../../core/media.js';
import { graphicSize } from '../raster/graphicSize.js';
import { migrateManifest } from '../../../core/pack/migrate.js';
import { trustFilePath } from './home.js';
import { verifyPackFolder } from './sign.js';
import { readTrustList } from './trust.js';
import { validatePackFolder } from './validate.js';

export const MANIFEST_FILE = 'pack.json';
export const BUILT_IN_PACK_ID = 'pemkot-malang';

/** The folder of the built-in packs: resources/templates in a packaged app, else the repository's templates/. */
export function builtInPacksDir(): string {
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  if (resources && existsSync(path.join(resources, 'templates'))) return path.join(resources, 'templates');
  // walk up from this file (source tree or a bundle in out/) to the folder holding templates/
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let level = 0; level < 8; level++) {
    const candidate = path.join(dir, 'templates');
    if (existsSync(path.join(candidate, BUILT_IN_PACK_ID, MANIFEST_FILE))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../templates');
}

function invalid(detail: string, what: { id: string; en: string }) {
  return badInput(
    'pack-invalid',
    {
      id: `Paket templat tidak valid: ${what.id}. Perbaiki pack.json atau minta paket baru dari penerbitnya.`,
      en: `The template pack is not valid: ${what.en}. Fix pack.json or ask the issuer for a new pack.`,
    },
    detail,
  );
}

function missing(packPath: string) {
  return badInput(
    'pack-missing-file',
    {
      id: `Paket templat tidak lengkap: berkas "${packPath}" tidak ada. Pasang ulang paket templatnya.`,
      en: `The template pack is incomplete: file "${packPath}" is missing. Reinstall the template pack.`,
    },
    packPath,
  );
}

/** Read and check pack.json; errors name the file and the field. */
export async function readManifest(root: string): Promise<PackManifest> {
  const manifestPath = path.join(root, MANIFEST_FILE);
  let raw: string;
  try {
    raw = await readFile(manifestPath, 'utf8');
  } catch {
    throw missing(MANIFEST_FILE);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw invalid(`${MANIFEST_FILE}: ${reason}`, { id: `${MANIFEST_FILE} bukan JSON yang benar`, en: `${MANIFEST_FILE} is not valid JSON` });
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (typeof format === 'number' && format > PACK_FORMAT) {
    throw badInput(
      'pack-too-new',
      {
        id: `Paket templat ini memakai format ${format}, lebih baru dari aplikasi ini (${PACK_FORMAT}). Perbarui KlipKota.`,
        en: `This template pack uses format ${format}, newer than this app reads (${PACK_FORMAT}). Update KlipKota.`,
      },
      `${MANIFEST_FILE}: format ${format}`,
    );
  }
  const result = PackManifest.safeParse(migrateManifest(json));
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue && issue.path.length > 0 ? issue.path.join('.') : '(root)';
    const message = issue?.message ?? 'invalid';
    throw invalid(`${MANIFEST_FILE}: ${field}: ${message}`, {
      id: `${MANIFEST_FILE}, kolom "${field}": ${message}`,
      en: `${MANIFEST_FILE}, field "${field}": ${message}`,
    });
  }
  return result.data;
}

function aspectPaths(file: AspectFile): string[] {
  return typeof file === 'string' ? [file] : [...new Set([file['9:16'], file['16:9']])];
}

/** A file the manifest names, with what it is for. */
export interface PackFileUse {
  path: string;
  role: 'font' | 'svg-card' | 'video-bumper' | 'overlay' | 'logo' | 'preview';
  /** the fields the graphic may use (SVG cards and overlays) */
  fields?: readonly FieldDefinition[];
}

/** Every file the manifest names, once each. */
export function manifestFiles(manifest: PackManifest): PackFileUse[] {
  const uses: PackFileUse[] = manifest.fonts.map((font) => ({ path: font.file, role: 'font' as const }));
  for (const bumper of [manifest.intro, manifest.outro]) {
    if (!bumper) continue;
    for (const file of aspectPaths(bumper.file)) {
      uses.push(bumper.type === 'svg' ? { path: file, role: 'svg-card', fields: bumper.fields } : { path: file, role: 'video-bumper' });
    }
  }
  for (const overlay of manifest.overlays) {
    for (const file of aspectPaths(overlay.file)) uses.push({ path: file, role: 'overlay', fields: overlay.fields });
  }
  if (manifest.logo) uses.push({ path: manifest.logo.file, role: 'logo' });
  if (manifest.preview) uses.push({ path: manifest.preview, role: 'preview' });
  return uses;
}

function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' ? false : !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** The absolute path of a pack path, refused when it (or a symlink in it) leads outside the pack. */
export async function resolvePackPath(options: { root: string; realRoot: string; packPath: string }): Promise<string> {
  const { root, realRoot, packPath } = options;
  const outside = () =>
    invalid(`${MANIFEST_FILE}: ${packPath}`, {
      id: `jalur "${packPath}" keluar dari folder paket`,
      en: `path "${packPath}" leads outside the pack folder`,
    });
  if (/^[a-zA-Z]:/.test(packPath) || path.isAbsolute(packPath) || packPath.includes('\\') || packPath.split('/').includes('..')) {
    throw outside();
  }
  const absolute = path.resolve(root, packPath);
  if (!isInside(root, absolute)) throw outside();
  let real: string;
  try {
    real = await realpath(absolute);
  } catch {
    throw missing(packPath);
  }
  if (!isInside(realRoot, real)) throw outside();
  const info = await stat(real);
  if (!info.isFile()) throw missing(packPath);
  return absolute;
}

/**
 * Checks on the pack's files after their paths are resolved: graphics readable
 * with a size, SVG placeholders naming known colours and declared fields.
 * Returns the graphic sizes. Issue 3 adds the hostile-SVG checks here.
 */
export async function validatePackFiles(options: {
  manifest: PackManifest;
  files: Record<string, string>;
}): Promise<Record<string, { width: number; height: number }>> {
  const sizes: Record<string, { width: number; height: number }> = {};
  for (const use of manifestFiles(options.manifest)) {
    if (use.role === 'font' || use.role === 'video-bumper') continue;
    const bytes = await readFile(options.files[use.path] ?? '');
    const size = graphicSize(bytes);
    if (!size) {
      throw invalid(use.path, {
        id: `"${use.path}" bukan gambar SVG, PNG atau JPEG yang terbaca (SVG butuh viewBox)`,
        en: `"${use.path}" is not a readable SVG, PNG or JPEG image (an SVG needs a viewBox)`,
      });
    }
    sizes[use.path] = size;
    if (use.fields === undefined) continue;
    const used = placeholdersIn(bytes.toString('utf8'));
    const unknownColour = used.colors.find((name) => !Object.hasOwn(options.manifest.colors, name));
    if (unknownColour !== undefined) {
      throw invalid(`${use.path}: {{color.${unknownColour}}}`, {
        id: `"${use.path}" memakai warna "${unknownColour}" yang tidak ada di "colors"`,
        en: `"${use.path}" uses colour "${unknownColour}", which "colors" does not define`,
      });
    }
    const declared = new Set(use.fields.map((field) => field.name));
    const unknownField = used.fields.find((name) => !declared.has(name));
    if (unknownField !== undefined) {
      throw invalid(`${use.path}: {{${unknownField}}}`, {
        id: `"${use.path}" memakai kolom "${unknownField}" yang tidak dinyatakan di "fields"`,
        en: `"${use.path}" uses field "${unknownField}", which its "fields" do not declare`,
      });
    }
  }
  return sizes;
}

/** Load and check a pack folder. `probe` reads video bumpers (skipped when not given). */
export async function loadPackFolder(options: {
  dir: string;
  probe?: (path: string) => Promise<MediaInfo>;
  /** the trust list to verify the signature against (default `<home>/trust.json`) */
  trustFile?: string;
}): Promise<ResolvedPack> {
  const root = path.resolve(options.dir);
  let realRoot: string;
  try {
    realRoot = await realpath(root);
  } catch {
    throw badInput(
      'pack-not-found',
      {
        id: `Folder paket templat tidak ditemukan: ${root}. Periksa lokasinya.`,
        en: `Template pack folder not found: ${root}. Check where it is.`,
      },
      root,
    );
  }
  const manifest = await readManifest(root);
  const files: Record<string, string> = {};
  for (const use of manifestFiles(manifest)) {
    files[use.path] ??= await resolvePackPath({ root, realRoot, packPath: use.path });
  }
  const graphicSizes = await validatePackFiles({ manifest, files });
  const bumperMedia: Record<string, MediaInfo> = {};
  if (options.probe) {
    for (const use of manifestFiles(manifest)) {
      if (use.role === 'video-bumper') bumperMedia[use.path] ??= await options.probe(files[use.path] ?? '');
    }
  }
  // issue 3: every file's content (hostile SVG, fonts, image sizes, links, limits), then the signature
  await validatePackFolder({ dir: realRoot, probe: false });
  const trusted = await readTrustList({ file: options.trustFile ?? trustFilePath() }).catch(() => []);
  const verification = await verifyPackFolder({ dir: realRoot, trusted });
  return {
    manifest,
    root,
    files,
    graphicSizes,
    bumperMedia,
    trust: verification.state,
    ...(verification.fingerprint ? { signer: verification.fingerprint } : {}),
  };
}

/** Load a built-in pack by id (default: the Pemkot Malang pack). */
export async function loadBuiltInPack(id: string = BUILT_IN_PACK_ID): Promise<ResolvedPack> {
  if (!/^[a-z0-9][a-z0-9-]{1,63}$/.test(id)) {
    throw badInput('pack-not-found', { id: `Paket templat "${id}" tidak ada.`, en: `There is no template pack "${id}".` }, id);
  }
  return loadPackFolder({ dir: path.join(builtInPacksDir(), id) });
}
