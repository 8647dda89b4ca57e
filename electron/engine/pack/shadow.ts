/**
 * Built-in packs count as installed. A library pack with a built-in pack's id
 * replaces the built-in copy only when it is signed by the key the built-in
 * copy is signed with, or when the admin forced the import (recorded in
 * `<library>/.overrides.json`, with a clear warning); otherwise the built-in
 * copy is used, and the list says which copy is used and why.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { LocalizedText } from '@core/errors.js';
import { readJsonFile, writeFileAtomic } from '../files/atomic.js';
import { MANIFEST_FILE } from './limits.js';
import { verifyPackFolder } from './sign.js';
import { compareVersions } from './version.js';

export const OVERRIDES_FILE = '.overrides.json';
const PACK_ID = /^[a-z0-9][a-z0-9-]{1,63}$/;

const OverridesFile = z.object({
  version: z.literal(1),
  overrides: z.record(z.string(), z.object({ version: z.string(), fingerprint: z.string().nullable(), forcedAt: z.string() })),
});
type Overrides = z.infer<typeof OverridesFile>['overrides'];

export type CopyReason = 'only-built-in' | 'only-installed' | 'built-in-newer' | 'same-signer' | 'forced' | 'not-allowed-to-replace';

export interface PackCopy {
  dir: string;
  builtIn: boolean;
  /** why this copy is the one used */
  reason: CopyReason;
}

export const COPY_REASONS: Record<CopyReason, LocalizedText> = {
  'only-built-in': { id: 'paket bawaan aplikasi', en: 'the pack that ships with the app' },
  'only-installed': { id: 'paket yang diimpor', en: 'an imported pack' },
  'built-in-newer': { id: 'salinan bawaan lebih baru daripada yang diimpor', en: 'the built-in copy is newer than the imported one' },
  'same-signer': { id: 'salinan impor ditandatangani kunci yang sama dengan salinan bawaan', en: 'the imported copy is signed with the same key as the built-in copy' },
  forced: { id: 'admin memaksa salinan impor menggantikan paket bawaan (--force)', en: 'the admin forced the imported copy to replace the built-in pack (--force)' },
  'not-allowed-to-replace': {
    id: 'salinan impor tidak ditandatangani kunci paket bawaan, jadi paket bawaan tetap dipakai',
    en: 'the imported copy is not signed with the built-in pack\'s key, so the built-in pack stays in use',
  },
};

async function versionIn(dir: string): Promise<string | undefined> {
  try {
    const value = JSON.parse(await readFile(path.join(dir, MANIFEST_FILE), 'utf8')) as { version?: unknown };
    return typeof value.version === 'string' ? value.version : undefined;
  } catch {
    return undefined;
  }
}


export async function readOverrides(libraryDir: string): Promise<Overrides> {
  const read = await readJsonFile(path.join(libraryDir, OVERRIDES_FILE)).catch(() => ({ found: false as const }));
  if (!read.found || read.parseError !== undefined) return {};
  const parsed = OverridesFile.safeParse(read.value);
  return parsed.success ? parsed.data.overrides : {};
}

/** Record (or, with `version` undefined, forget) that the admin forced a library pack over a built-in one. */
export async function recordOverride(options: { libraryDir: string; id: string; version?: string; fingerprint?: string }): Promise<void> {
  const overrides = { ...(await readOverrides(options.libraryDir)) };
  if (options.version === undefined) {
    if (!(options.id in overrides)) return;
    delete overrides[options.id];
  } else overrides[options.id] = { version: options.version, fingerprint: options.fingerprint ?? null, forcedAt: new Date().toISOString() };
  await writeFileAtomic({ path: path.join(options.libraryDir, OVERRIDES_FILE), data: `${JSON.stringify({ version: 1, overrides }, null, 2)}\n` });
}

/** The built-in copy of a pack id: its folder, version and signer (undefined when unsigned). */
export async function builtInCopy(options: { id: string; builtInDir: string }): Promise<{ dir: string; version: string; fingerprint?: string } | undefined> {
  if (!PACK_ID.test(options.id)) return undefined;
  const dir = path.join(options.builtInDir, options.id);
  const version = await versionIn(dir);
  if (version === undefined) return undefined;
  const verification = await verifyPackFolder({ dir });
  return { dir, version, ...(verification.state !== 'tampered' && verification.fingerprint ? { fingerprint: verification.fingerprint } : {}) };
}

/** Which copy of a pack id is used: the library's or the built-in one, and why. */
export async function choosePackCopy(options: { id: string; builtInDir: string; libraryDir?: string }): Promise<PackCopy | undefined> {
  if (!PACK_ID.test(options.id)) return undefined;
  const builtInDir = path.join(options.builtInDir, options.id);
  const installedDir = options.libraryDir ? path.join(options.libraryDir, options.id) : undefined;
  const [builtIn, installed] = await Promise.all([versionIn(builtInDir), installedDir ? versionIn(installedDir) : undefined]);
  if (!builtIn) return installed && installedDir ? { dir: installedDir, builtIn: false, reason: 'only-installed' } : undefined;
  const useBuiltIn = (reason: CopyReason): PackCopy => ({ dir: builtInDir, builtIn: true, reason });
  if (!installed || !installedDir || !options.libraryDir) return useBuiltIn('only-built-in');
  if (compareVersions(installed, builtIn) < 0) return useBuiltIn('built-in-newer');
  const copy = await builtInCopy({ id: options.id, builtInDir: options.builtInDir });
  const signer = await verifyPackFolder({ dir: installedDir });
  if (copy?.fingerprint && signer.state !== 'tampered' && signer.fingerprint === copy.fingerprint) return { dir: installedDir, builtIn: false, reason: 'same-signer' };
  const forced = (await readOverrides(options.libraryDir))[options.id];
  if (forced && forced.version === installed && (forced.fingerprint ?? undefined) === signer.fingerprint) return { dir: installedDir, builtIn: false, reason: 'forced' };
  return useBuiltIn('not-allowed-to-replace');
}
