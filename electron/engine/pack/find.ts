/**
 * Which folder a pack id means: the user's library (`<home>/packs/<id>`) or the
 * built-in `templates/<id>`. A library copy replaces a built-in pack only when
 * it is not older and is signed by the built-in copy's key or was forced by the
 * admin (shadow.ts); otherwise the built-in copy is used.
 */
import { badInput } from '../../../core/errors.js';
import type { MediaInfo } from '../../../core/media.js';
import type { ResolvedPack } from '../../../core/pack/resolved.js';
import { builtInPacksDir, loadPackFolder } from './load.js';
import { choosePackCopy, type PackCopy } from './shadow.js';

/** The folder of the copy of a pack that is used, whether it is the built-in one, and why (see shadow.ts). */
export async function findPackFolder(options: { id: string; libraryDir?: string }): Promise<PackCopy | undefined> {
  return choosePackCopy({ id: options.id, builtInDir: builtInPacksDir(), ...(options.libraryDir ? { libraryDir: options.libraryDir } : {}) });
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
 * (`--pack DIR`, a queued job's packDir), else the copy of the pack id that
 * shadow.ts chooses (the project's pack, or the built-in one).
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
