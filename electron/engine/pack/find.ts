/**
 * Which folder a pack id means: the user's library (`<home>/packs/<id>`) or the
 * built-in `templates/<id>`, whichever holds the newer version (the library wins
 * a tie, so an office's re-issued pack replaces the one shipped with the app).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { badInput } from '../../../core/errors.js';
import type { MediaInfo } from '../../../core/media.js';
import type { ResolvedPack } from '../../../core/pack/resolved.js';
import { compareVersions } from './library.js';
import { builtInPacksDir, loadPackFolder, MANIFEST_FILE } from './load.js';

const PACK_ID = /^[a-z0-9][a-z0-9-]{1,63}$/;

async function versionIn(dir: string): Promise<string | undefined> {
  try {
    const value = JSON.parse(await readFile(path.join(dir, MANIFEST_FILE), 'utf8')) as { version?: unknown };
    return typeof value.version === 'string' ? value.version : undefined;
  } catch {
    return undefined;
  }
}

/** The folder of the newest copy of a pack, and whether it is the built-in one. */
export async function findPackFolder(options: { id: string; libraryDir?: string }): Promise<{ dir: string; builtIn: boolean } | undefined> {
  if (!PACK_ID.test(options.id)) return undefined;
  const builtInDir = path.join(builtInPacksDir(), options.id);
  const installedDir = options.libraryDir ? path.join(options.libraryDir, options.id) : undefined;
  const [builtIn, installed] = await Promise.all([versionIn(builtInDir), installedDir ? versionIn(installedDir) : undefined]);
  if (installed && installedDir && (!builtIn || compareVersions(installed, builtIn) >= 0)) return { dir: installedDir, builtIn: false };
  if (builtIn) return { dir: builtInDir, builtIn: true };
  return undefined;
}

export async function loadPackById(options: {
  id: string;
  libraryDir?: string;
  probe?: (file: string) => Promise<MediaInfo>;
}): Promise<ResolvedPack> {
  const found = await findPackFolder(options);
  if (!found) {
    throw badInput(
      'pack-not-found',
      {
        id: `Paket templat "${options.id}" tidak terpasang. Impor berkas .klippack-nya (klipkota pack import FILE) atau pilih paket lain.`,
        en: `Template pack "${options.id}" is not installed. Import its .klippack file (klipkota pack import FILE) or choose another pack.`,
      },
      options.id,
    );
  }
  return loadPackFolder({ dir: found.dir, probe: options.probe });
}

/**
 * The one place an export's pack is chosen: a pack folder when one is named
 * (`--pack DIR`, a queued job's packDir), else the newest installed or built-in
 * copy of the pack id (the project's pack, or the built-in one).
 */
export async function choosePack(options: {
  dir?: string;
  id: string;
  libraryDir?: string;
  probe?: (file: string) => Promise<MediaInfo>;
}): Promise<ResolvedPack> {
  if (options.dir) return loadPackFolder({ dir: options.dir, ...(options.probe ? { probe: options.probe } : {}) });
  return loadPackById({ id: options.id, ...(options.libraryDir ? { libraryDir: options.libraryDir } : {}), ...(options.probe ? { probe: options.probe } : {}) });
}
