/**
 * Packs on the farm: a job names its pack by id and content hash (sha256 over
 * the pack's files, as its signature lists them). The submitter stores the
 * pack's `.klippack` in the farm's database once per hash; a worker whose own
 * copy differs (or that has none) fetches it from there and installs it the
 * way `klipkota pack import` would (validated, signature checked, built-in
 * packs not silently replaced) into `<home>/farm/packs/<hash>/`, then checks
 * that the installed files have exactly the hash the job named.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { KlipError } from '@core/errors.js';
import type { FarmPackRef } from '@core/farm.js';
import { exportPack } from '../pack/archive.js';
import { findPackFolder } from '../pack/find.js';
import { importPack } from '../pack/library.js';
import { canonicalDigest, hashPackFiles } from '../pack/sign.js';
import type { FarmQueue } from './connection.js';

const StoredPackSchema = z.object({ id: z.string(), hash: z.string(), archive: z.string().min(1) });

/** The content hash of a pack folder: sha256 of its `path<TAB>sha256` list (signature.json left out, as signing does). */
export async function packContentHash(dir: string): Promise<string> {
  const files = await hashPackFiles({ dir });
  return createHash('sha256').update(canonicalDigest({ issuer: '', fingerprint: '', files })).digest('hex');
}

const packJobId = (ref: FarmPackRef) => `pack-${ref.id}-${ref.hash}`;

/** The pack a project uses on this PC, by id and hash. */
export async function localPackRef(options: { id: string; libraryDir: string }): Promise<{ ref: FarmPackRef; dir: string }> {
  const found = await findPackFolder({ id: options.id, libraryDir: options.libraryDir });
  if (!found) {
    throw new KlipError({
      code: 'pack-not-found',
      kind: 'bad-input',
      text: {
        id: `Paket templat "${options.id}" tidak terpasang di PC ini. Impor paketnya dulu (klipkota pack import FILE), lalu kirim lagi.`,
        en: `Template pack "${options.id}" is not installed on this PC. Import the pack first (klipkota pack import FILE), then send again.`,
      },
    });
  }
  return { ref: { id: options.id, hash: await packContentHash(found.dir) }, dir: found.dir };
}

/** Put the pack in the farm's database unless it is there already. */
export async function storePack(options: { packs: FarmQueue; ref: FarmPackRef; dir: string }): Promise<void> {
  const jobId = packJobId(options.ref);
  if (await options.packs.getJob(jobId)) return;
  const work = await mkdtemp(path.join(os.tmpdir(), 'klipkota-farm-pack-'));
  try {
    const { file } = await exportPack({ dir: options.dir, out: path.join(work, `${options.ref.id}.klippack`) });
    const archive = (await readFile(file)).toString('base64');
    await options.packs.add('pack', { id: options.ref.id, hash: options.ref.hash, archive }, { jobId, removeOnComplete: false, removeOnFail: false });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function packError(options: { code: string; ref: FarmPackRef; what: { id: string; en: string }; detail?: string }): KlipError {
  return new KlipError({
    code: options.code,
    kind: 'failed',
    ...(options.detail ? { detail: options.detail } : {}),
    text: {
      id: `Paket "${options.ref.id}" untuk pekerjaan ini ${options.what.id}. Kirim ulang batch dari PC yang paketnya benar.`,
      en: `The pack "${options.ref.id}" for this job ${options.what.en}. Send the batch again from a PC with the right pack.`,
    },
  });
}

/** Hashes of folders this process has already checked. */
const checked = new Map<string, string>();

async function hashOf(dir: string): Promise<string> {
  const known = checked.get(dir);
  if (known) return known;
  const hash = await packContentHash(dir);
  checked.set(dir, hash);
  return hash;
}

/** The folder of the exact pack a job names: this PC's own copy when identical, else the farm's copy, installed as an import would. */
export async function packFolderForJob(options: { ref: FarmPackRef; packs: FarmQueue; libraryDir: string; farmPacksDir: string; trustFile?: string }): Promise<string> {
  const { ref } = options;
  const local = await findPackFolder({ id: ref.id, libraryDir: options.libraryDir });
  if (local && (await hashOf(local.dir)) === ref.hash) return local.dir;
  const cacheLibrary = path.join(options.farmPacksDir, ref.hash);
  const cached = path.join(cacheLibrary, ref.id);
  if (existsSync(cached) && (await hashOf(cached)) === ref.hash) return cached;
  const stored = await options.packs.getJob(packJobId(ref));
  const parsed = StoredPackSchema.safeParse(stored?.data);
  if (!parsed.success) throw packError({ code: 'farm-pack-missing', ref, what: { id: 'tidak ada di basis data farm', en: 'is not in the farm database' } });
  await rm(cacheLibrary, { recursive: true, force: true }); // a copy that no longer matches its hash is replaced
  const work = await mkdtemp(path.join(os.tmpdir(), 'klipkota-farm-pack-'));
  try {
    const file = path.join(work, `${ref.id}.klippack`);
    await writeFile(file, Buffer.from(parsed.data.archive, 'base64'));
    const imported = await importPack({ file, libraryDir: cacheLibrary, ...(options.trustFile ? { trustFile: options.trustFile } : {}) });
    checked.delete(imported.dir);
    if ((await hashOf(imported.dir)) !== ref.hash) {
      await rm(cacheLibrary, { recursive: true, force: true });
      throw packError({ code: 'farm-pack-mismatch', ref, what: { id: 'isinya tidak cocok dengan sidik (hash) yang dikirim', en: 'does not match the content hash that was sent' } });
    }
    return imported.dir;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
