/**
 * The user's pack library (`<home>/packs/<id>/`): import a `.klippack`
 * (extracted and validated in `<library>/.tmp`, then renamed into place),
 * list, remove, and upgrade to a newer version of the same id, keeping the old
 * one until the new one has validated. A refused pack leaves nothing behind.
 */
import { lstat, mkdir, mkdtemp, readdir, readFile, rename, rm, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { badInput, isKlipError } from '@core/errors.js';
import type { LocalizedText } from '@core/errors.js';
import type { PackTrust } from '@core/pack/resolved.js';
import { unpackAndValidate } from './archive.js';
import { MANIFEST_FILE } from './limits.js';
import { parseManifestText } from './manifest-check.js';
import { verifyPackFolder, type PackVerification } from './sign.js';
import { readTrustList, type TrustedIssuer } from './trust.js';
import type { ProbeFn, ValidatedPack } from './validate.js';
import { builtInPacksDir } from './load.js';
import { builtInCopy, choosePackCopy, COPY_REASONS, recordOverride } from './shadow.js';
import { compareVersions } from './version.js';

export const LIBRARY_TEMP = '.tmp';
const PACK_ID = /^[a-z0-9][a-z0-9-]{1,63}$/;

/** A fresh folder in `<library>/.tmp` (made again if another import just removed the empty .tmp). */
async function makeWorkDir(tempRoot: string, prefix: string): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    await mkdir(tempRoot, { recursive: true });
    try {
      return await mkdtemp(path.join(tempRoot, prefix));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 3) throw error;
    }
  }
}


async function exists(file: string): Promise<boolean> {
  return (await lstat(file).catch(() => undefined)) !== undefined;
}

async function installedVersion(dir: string): Promise<string | undefined> {
  try {
    return parseManifestText(await readFile(path.join(dir, MANIFEST_FILE), 'utf8')).version;
  } catch {
    return undefined; // a broken installed pack may be replaced
  }
}

export interface ImportResult {
  id: string;
  version: string;
  name: LocalizedText;
  dir: string;
  verification: PackVerification;
  /** the version this import replaced */
  replaced?: string;
  /** what the admin must know (a forced replacement of a built-in pack) */
  warnings?: LocalizedText[];
}

/**
 * A built-in pack counts as installed: a pack with its id must be newer and
 * signed by the built-in copy's key, or is refused unless forced. Returns the
 * warning a forced replacement carries (and records the override).
 */
async function checkBuiltInShadow(options: {
  manifest: { id: string; version: string; issuer: { name: string } };
  verification: PackVerification;
  builtInDir: string;
  libraryDir: string;
  force: boolean;
}): Promise<LocalizedText | undefined> {
  const { manifest, verification } = options;
  const builtIn = await builtInCopy({ id: manifest.id, builtInDir: options.builtInDir });
  if (!builtIn) {
    await recordOverride({ libraryDir: options.libraryDir, id: manifest.id });
    return undefined;
  }
  const sameKey = builtIn.fingerprint !== undefined && verification.fingerprint === builtIn.fingerprint;
  if (!options.force && compareVersions(manifest.version, builtIn.version) <= 0)
    throw badInput(
      'pack-not-newer',
      {
        id: `Paket "${manifest.id}" adalah paket bawaan KlipKota versi ${builtIn.version}; berkas ini versi ${manifest.version}, tidak lebih baru. Paket bawaan tetap dipakai.`,
        en: `Pack "${manifest.id}" is built into KlipKota at version ${builtIn.version}; this file is version ${manifest.version}, not newer. The built-in pack stays in use.`,
      },
      `${manifest.version} <= built-in ${builtIn.version}`,
    );
  if (sameKey) return undefined;
  if (!options.force)
    throw badInput(
      'pack-shadows-built-in',
      {
        id: `Paket ditolak: id "${manifest.id}" adalah paket bawaan resmi KlipKota, tetapi berkas ini ${verification.fingerprint ? 'ditandatangani kunci lain' : 'tidak ditandatangani'} (penerbit tertulis: ${manifest.issuer.name}). Paket ini bisa mengganti warna dan logo resmi di setiap video. Pastikan ke Diskominfo; hanya bila yakin, impor dengan --force.`,
        en: `Pack refused: the id "${manifest.id}" is KlipKota's official built-in pack, but this file is ${verification.fingerprint ? 'signed with a different key' : 'not signed'} (issuer given: ${manifest.issuer.name}). It could replace the official colours and logo in every video. Check with Diskominfo; only if you are sure, import with --force.`,
      },
      `${manifest.id}: ${verification.fingerprint ?? 'unsigned'} vs built-in ${builtIn.fingerprint ?? 'unsigned'}`,
    );
  await recordOverride({ libraryDir: options.libraryDir, id: manifest.id, version: manifest.version, ...(verification.fingerprint ? { fingerprint: verification.fingerprint } : {}) });
  return {
    id: `PERHATIAN: paket "${manifest.id}" versi ${manifest.version} dari "${manifest.issuer.name}" kini MENGGANTIKAN paket bawaan resmi (versi ${builtIn.version}) karena --force. Setiap ekspor dengan paket ini memakai warna dan grafis salinan impor. Hapus dengan "klipkota pack remove ${manifest.id}" untuk kembali ke paket resmi.`,
    en: `WARNING: pack "${manifest.id}" version ${manifest.version} from "${manifest.issuer.name}" now REPLACES the official built-in pack (version ${builtIn.version}) because of --force. Every export with this pack uses the imported copy's colours and graphics. Remove it with "klipkota pack remove ${manifest.id}" to go back to the official pack.`,
  };
}

/**
 * Put a newer (or forced) version in place of the installed one, which is kept
 * aside in `work` until the new one is in. Refused when it is not newer or is
 * signed by another key (unless `force`). Returns the version it replaced.
 */
async function replaceInstalled(options: {
  dest: string;
  pack: ValidatedPack;
  work: string;
  verification: PackVerification;
  trusted: TrustedIssuer[];
  force: boolean;
}): Promise<string> {
  const { dest, verification } = options;
  const { manifest } = options.pack;
  const old = await installedVersion(dest);
  if (old !== undefined && compareVersions(manifest.version, old) <= 0 && !options.force)
    throw badInput(
      'pack-not-newer',
      {
        id: `Paket "${manifest.id}" versi ${old} sudah terpasang; berkas ini versi ${manifest.version}, tidak lebih baru. Paket yang terpasang tetap dipakai. Untuk tetap menggantinya, impor dengan --force.`,
        en: `Pack "${manifest.id}" version ${old} is already installed; this file is version ${manifest.version}, not newer. The installed pack stays. To replace it anyway, import with --force.`,
      },
      `${manifest.version} <= ${old}`,
    );
  const before = await verifyPackFolder({ dir: dest, trusted: options.trusted });
  if (before.fingerprint && before.state !== 'tampered' && before.fingerprint !== verification.fingerprint && !options.force)
    throw badInput(
      'pack-signer-changed',
      {
        id: `Paket "${manifest.id}" yang terpasang ditandatangani oleh ${before.issuer ?? 'penerbit lain'}, tetapi versi baru ini ${verification.fingerprint ? 'ditandatangani kunci lain' : 'tidak ditandatangani'}. Paket lama tetap dipakai. Pastikan ke penerbitnya; untuk tetap mengganti, impor dengan --force.`,
        en: `The installed pack "${manifest.id}" is signed by ${before.issuer ?? 'another issuer'}, but this new version is ${verification.fingerprint ? 'signed with a different key' : 'not signed'}. The old pack stays. Check with the issuer; to replace it anyway, import with --force.`,
      },
      `${before.fingerprint} -> ${verification.fingerprint ?? 'unsigned'}`,
    );
  const aside = path.join(options.work, 'previous');
  await rename(dest, aside);
  try {
    await rename(options.pack.root, dest);
  } catch (error) {
    await rename(aside, dest);
    throw error;
  }
  return old ?? 'unknown';
}

/**
 * Import a `.klippack` into the library. Refused (KlipError, bad-input) when it
 * fails validation, is tampered, is not newer than the installed version (unless
 * `force`), or is signed by a different key than the installed one (unless `force`).
 */
export async function importPack(options: {
  file: string;
  libraryDir: string;
  force?: boolean;
  probe?: ProbeFn | false;
  trustFile?: string;
  trusted?: TrustedIssuer[];
  /** the built-in packs (default: the app's templates folder) */
  builtInDir?: string;
}): Promise<ImportResult> {
  const libraryDir = path.resolve(options.libraryDir);
  const tempRoot = path.join(libraryDir, LIBRARY_TEMP);
  const work = await makeWorkDir(tempRoot, 'import-');
  try {
    const pack = await unpackAndValidate({ file: options.file, workDir: work, probe: options.probe });
    const { manifest } = pack;
    const trusted = options.trusted ?? (options.trustFile ? await readTrustList({ file: options.trustFile }) : []);
    const verification = await verifyPackFolder({ dir: pack.root, trusted });
    if (verification.state === 'tampered')
      throw badInput(
        'pack-tampered',
        {
          id: `Paket ditolak: tanda tangan paket "${manifest.id}" tidak cocok dengan isinya (ada berkas yang diubah, ditambah atau dihapus setelah ditandatangani). Jangan pakai paket ini; minta salinan asli dari ${manifest.issuer.name}.`,
          en: `Pack refused: the signature of pack "${manifest.id}" does not match its contents (files were changed, added or removed after signing). Do not use this pack; ask ${manifest.issuer.name} for the original.`,
        },
        [verification.reason, ...verification.changed, ...verification.added, ...verification.removed].filter(Boolean).join(', '),
      );
    const shadowWarning = await checkBuiltInShadow({
      manifest,
      verification,
      builtInDir: options.builtInDir ?? builtInPacksDir(),
      libraryDir,
      force: options.force ?? false,
    });
    const dest = path.join(libraryDir, manifest.id);
    const replaced = (await exists(dest)) ? await replaceInstalled({ dest, pack, work, verification, trusted, force: options.force ?? false }) : undefined;
    if (replaced === undefined) await rename(pack.root, dest);
    return {
      id: manifest.id,
      version: manifest.version,
      name: manifest.name,
      dir: dest,
      verification,
      ...(replaced ? { replaced } : {}),
      ...(shadowWarning ? { warnings: [shadowWarning] } : {}),
    };
  } finally {
    await rm(work, { recursive: true, force: true });
    await rmdir(tempRoot).catch(() => undefined); // only when empty (another import may be running)
  }
}

export interface InstalledPack {
  id: string;
  dir: string;
  name?: LocalizedText;
  issuer?: string;
  version?: string;
  trust?: PackTrust;
  /** signer's key fingerprint */
  signer?: string;
  /** the issuer name the trust list gives that key (verified packs) */
  signerName?: string;
  /** absolute path of the preview image */
  preview?: string;
  /** why the pack cannot be used (a broken installed pack) */
  problem?: { code: string; message: LocalizedText };
  /** set when a built-in pack has the same id: whether this copy is used, and why */
  builtInShadow?: { used: boolean; reason: LocalizedText };
}

/** Installed packs, sorted by id. A broken pack is listed with its problem, not skipped silently. */
export async function listPacks(options: { libraryDir: string; trustFile?: string; trusted?: TrustedIssuer[] }): Promise<InstalledPack[]> {
  const libraryDir = path.resolve(options.libraryDir);
  const names = await readdir(libraryDir).catch(() => [] as string[]);
  const trusted = options.trusted ?? (options.trustFile ? await readTrustList({ file: options.trustFile }) : []);
  const out: InstalledPack[] = [];
  for (const name of names.sort()) {
    if (name.startsWith('.')) continue;
    const dir = path.join(libraryDir, name);
    const info = await lstat(dir);
    if (!info.isDirectory()) continue;
    try {
      const manifest = parseManifestText(await readFile(path.join(dir, MANIFEST_FILE), 'utf8'));
      const verification = await verifyPackFolder({ dir, trusted });
      const preview = manifest.preview ? path.join(dir, manifest.preview) : undefined;
      const copy = await choosePackCopy({ id: manifest.id, builtInDir: builtInPacksDir(), libraryDir });
      const shadow = copy && copy.reason !== 'only-installed' ? { builtInShadow: { used: !copy.builtIn, reason: COPY_REASONS[copy.reason] } } : {};
      out.push({
        id: manifest.id,
        dir,
        name: manifest.name,
        issuer: manifest.issuer.name,
        version: manifest.version,
        trust: verification.state,
        ...(verification.fingerprint ? { signer: verification.fingerprint } : {}),
        ...(verification.state === 'verified' && verification.issuer ? { signerName: verification.issuer } : {}),
        ...(preview && (await stat(preview).catch(() => undefined))?.isFile() ? { preview } : {}),
        ...shadow,
      });
    } catch (error) {
      out.push({
        id: name,
        dir,
        problem: isKlipError(error)
          ? { code: error.code, message: error.text }
          : { code: 'pack-unreadable', message: { id: 'Paket tidak bisa dibaca.', en: 'The pack cannot be read.' } },
      });
    }
  }
  return out;
}

/** Remove an installed pack: moved into the temp area first, so it never shows half-deleted. */
export async function removePack(options: { libraryDir: string; id: string }): Promise<{ id: string; version?: string }> {
  const libraryDir = path.resolve(options.libraryDir);
  const dir = path.join(libraryDir, options.id);
  if (!PACK_ID.test(options.id) || !(await lstat(dir).catch(() => undefined))?.isDirectory())
    throw badInput(
      'pack-not-installed',
      {
        id: `Paket "${options.id}" tidak terpasang. Lihat paket yang terpasang dengan "klipkota pack list".`,
        en: `Pack "${options.id}" is not installed. See the installed packs with "klipkota pack list".`,
      },
      options.id,
    );
  const version = await installedVersion(dir);
  const tempRoot = path.join(libraryDir, LIBRARY_TEMP);
  const work = await makeWorkDir(tempRoot, 'remove-');
  try {
    await rename(dir, path.join(work, options.id));
    await recordOverride({ libraryDir, id: options.id });
  } finally {
    await rm(work, { recursive: true, force: true });
    await rmdir(tempRoot).catch(() => undefined);
  }
  return { id: options.id, ...(version ? { version } : {}) };
}
