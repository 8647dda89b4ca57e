/**
 * Signing packs with ed25519 (node:crypto). The issuing office keeps the private
 * key; the pack carries `signature.json` with the issuer, the public key, its
 * fingerprint, the sha256 of every other file, and a signature over a canonical
 * digest of all of that. Any changed, added or removed byte shows as tampered.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { badInput } from '@core/errors.js';
import type { PackTrust } from '@core/pack/resolved.js';
import { writeFileAtomic } from '../files/atomic.js';
import { PACK_LIMITS, SIGNATURE_FILE } from './limits.js';
import { fingerprintOf, readTrustList, type TrustedIssuer } from './trust.js';
import { validatePackFolder, type ProbeFn } from './validate.js';

export const SignatureFile = z.object({
  kind: z.literal('klipkota.pack-signature'),
  algorithm: z.literal('ed25519'),
  issuer: z.string().min(1).max(120),
  publicKey: z.string().min(1),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  signature: z.string().min(1),
  /** pack path -> sha256 (hex) of every file except signature.json */
  files: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)),
});
export type SignatureFile = z.infer<typeof SignatureFile>;

export interface GeneratedKeyPair {
  privateKeyPem: string;
  publicKeyPem: string;
  fingerprint: string;
}

export function generateKeyPair(): GeneratedKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicKeyPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
  return {
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicKeyPem,
    fingerprint: fingerprintOf(publicKeyPem),
  };
}

export interface KeyPairFiles {
  issuer: string;
  fingerprint: string;
  /** keep this at the issuing office; never put it in a pack */
  privateKeyFile: string;
  publicKeyFile: string;
  /** { issuer, publicKey, fingerprint }: what other offices add to their trust list */
  issuerFile: string;
}

function slug(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .toLowerCase()
      .replace(/[\s_]+/g, '-')
      .slice(0, 60) || 'issuer'
  );
}

/** Generate a key pair for an issuing office and write it to `outDir`; never overwrites a key. */
export async function writeKeyPair(options: { outDir: string; issuer: string }): Promise<KeyPairFiles> {
  const issuer = options.issuer.trim();
  if (issuer === '' || issuer.length > 120)
    throw badInput('usage', { id: 'Nama penerbit wajib diisi (paling banyak 120 karakter).', en: 'The issuer name is required (at most 120 characters).' });
  const pair = generateKeyPair();
  await mkdir(options.outDir, { recursive: true });
  const base = path.join(path.resolve(options.outDir), slug(issuer));
  const files = { privateKeyFile: `${base}.private.pem`, publicKeyFile: `${base}.public.pem`, issuerFile: `${base}.issuer.json` };
  try {
    await writeFile(files.privateKeyFile, pair.privateKeyPem, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw badInput(
        'key-exists',
        {
          id: `Kunci "${files.privateKeyFile}" sudah ada dan tidak ditimpa. Pilih folder lain, atau hapus kunci lama bila benar-benar tidak dipakai lagi.`,
          en: `The key "${files.privateKeyFile}" already exists and is not overwritten. Choose another folder, or delete the old key if it is truly no longer used.`,
        },
        files.privateKeyFile,
      );
    throw error;
  }
  await writeFile(files.publicKeyFile, pair.publicKeyPem);
  await writeFile(files.issuerFile, `${JSON.stringify({ issuer, publicKey: pair.publicKeyPem, fingerprint: pair.fingerprint }, null, 2)}\n`);
  return { issuer, fingerprint: pair.fingerprint, ...files };
}

/** sha256 of every regular file in the folder except signature.json; links and special files are listed as such. */
export async function hashPackFiles(options: { dir: string }): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  let count = 0;
  const walk = async (relative: string): Promise<void> => {
    for (const name of (await readdir(path.join(options.dir, relative))).sort()) {
      const rel = relative ? `${relative}/${name}` : name;
      if (rel === SIGNATURE_FILE) continue;
      if (++count > PACK_LIMITS.maxEntries) throw badInput('pack-too-large', { id: 'Paket berisi terlalu banyak berkas.', en: 'The pack holds too many files.' }, rel);
      const stat = await lstat(path.join(options.dir, rel));
      if (stat.isDirectory()) await walk(rel);
      else if (stat.isFile() && stat.size <= PACK_LIMITS.maxEntryBytes) out[rel] = createHash('sha256').update(await readFile(path.join(options.dir, rel))).digest('hex');
      else out[rel] = 'not-a-regular-file';
    }
  };
  await walk('');
  return out;
}

/** The bytes that are signed: a fixed header, the issuer and key, then `path\tsha256` lines sorted by path. */
export function canonicalDigest(options: { issuer: string; fingerprint: string; files: Record<string, string> }): Buffer {
  const lines = Object.keys(options.files)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((file) => `${file}\t${options.files[file]}`);
  return Buffer.from(['klipkota-pack-signature/1', `issuer\t${options.issuer}`, `key\t${options.fingerprint}`, ...lines, ''].join('\n'), 'utf8');
}

/** Validate the pack folder, then write `signature.json` into it. */
export async function signPack(options: { dir: string; privateKeyPem: string; issuer?: string; probe?: ProbeFn | false }): Promise<SignatureFile> {
  let privateKey;
  try {
    privateKey = createPrivateKey(options.privateKeyPem);
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`key type ${privateKey.asymmetricKeyType}`);
  } catch (error) {
    throw badInput(
      'key-invalid',
      {
        id: 'Kunci privat tidak bisa dibaca. Gunakan berkas .private.pem yang dibuat oleh "klipkota pack keygen".',
        en: 'The private key cannot be read. Use the .private.pem file made by "klipkota pack keygen".',
      },
      error instanceof Error ? error.message : String(error),
    );
  }
  const validated = await validatePackFolder({ dir: options.dir, probe: options.probe });
  const publicKey = createPublicKey(privateKey).export({ format: 'pem', type: 'spki' }).toString();
  const fingerprint = fingerprintOf(publicKey);
  const issuer = (options.issuer ?? validated.manifest.issuer.name).trim();
  const files = await hashPackFiles({ dir: validated.root });
  const signature = sign(null, canonicalDigest({ issuer, fingerprint, files }), privateKey).toString('base64');
  const result: SignatureFile = { kind: 'klipkota.pack-signature', algorithm: 'ed25519', issuer, publicKey, fingerprint, signature, files };
  await writeFileAtomic({ path: path.join(validated.root, SIGNATURE_FILE), data: `${JSON.stringify(result, null, 2)}\n` });
  return result;
}

export interface PackVerification {
  state: PackTrust;
  /** the issuer named in the signature (for verified packs, as the trust list names it) */
  issuer?: string;
  fingerprint?: string;
  changed: string[];
  added: string[];
  removed: string[];
  /** why a pack is tampered, in English, for logs and --json */
  reason?: string;
}

/** Check a pack folder's signature against its files and the trust list. Never throws for a bad signature. */
export async function verifyPackFolder(options: { dir: string; trusted?: TrustedIssuer[]; trustFile?: string }): Promise<PackVerification> {
  const empty = { changed: [], added: [], removed: [] };
  let text: string;
  try {
    text = await readFile(path.join(options.dir, SIGNATURE_FILE), 'utf8');
  } catch {
    return { state: 'unsigned', ...empty };
  }
  let signature: SignatureFile;
  try {
    signature = SignatureFile.parse(JSON.parse(text));
  } catch {
    return { state: 'tampered', ...empty, reason: 'signature.json is not a valid signature file' };
  }
  let fingerprint: string;
  try {
    fingerprint = fingerprintOf(signature.publicKey);
  } catch {
    return { state: 'tampered', ...empty, reason: 'the public key in signature.json cannot be read' };
  }
  const who = { issuer: signature.issuer, fingerprint };
  if (fingerprint !== signature.fingerprint) return { state: 'tampered', ...who, ...empty, reason: 'the fingerprint does not match the public key' };
  const actual = await hashPackFiles({ dir: options.dir });
  const changed = Object.keys(signature.files).filter((file) => actual[file] !== undefined && actual[file] !== signature.files[file]);
  const removed = Object.keys(signature.files).filter((file) => actual[file] === undefined);
  const added = Object.keys(actual).filter((file) => signature.files[file] === undefined);
  if (changed.length + removed.length + added.length > 0)
    return { state: 'tampered', ...who, changed, added, removed, reason: 'the files differ from the signed ones' };
  let valid = false;
  try {
    valid = verify(null, canonicalDigest({ issuer: signature.issuer, fingerprint, files: signature.files }), signature.publicKey, Buffer.from(signature.signature, 'base64'));
  } catch {
    valid = false;
  }
  if (!valid) return { state: 'tampered', ...who, ...empty, reason: 'the signature does not match' };
  const trusted = options.trusted ?? (options.trustFile ? await readTrustList({ file: options.trustFile }) : []);
  const entry = trusted.find((issuer) => issuer.fingerprint === fingerprint);
  if (!entry) return { state: 'untrusted', ...who, ...empty };
  return { state: 'verified', issuer: entry.name, fingerprint, ...empty };
}
