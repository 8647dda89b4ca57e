/**
 * The trust list: the issuing offices whose signatures this admin accepts
 * (`<home>/trust.json`), each with its public key and that key's fingerprint.
 * A pack shows as verified only when its signer's fingerprint is on this list.
 */
import { createHash, createPublicKey } from 'node:crypto';
import { z } from 'zod';
import { badInput } from '../../../core/errors.js';
import { readJsonFile, writeFileAtomic } from '../files/atomic.js';

export const TrustedIssuer = z.object({
  name: z.string().min(1).max(120),
  /** SPKI PEM */
  publicKey: z.string().min(1),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  addedAt: z.string().optional(),
});
export type TrustedIssuer = z.infer<typeof TrustedIssuer>;

const TrustFile = z.object({ version: z.literal(1), issuers: z.array(TrustedIssuer) });

function badKey(detail: string) {
  return badInput(
    'trust-bad-key',
    {
      id: 'Kunci publik penerbit tidak bisa dibaca. Gunakan berkas kunci publik (.public.pem) atau berkas penerbit (.issuer.json) yang dibuat oleh "klipkota pack keygen".',
      en: 'The issuer\'s public key cannot be read. Use the public key file (.public.pem) or issuer file (.issuer.json) made by "klipkota pack keygen".',
    },
    detail,
  );
}

/** Normalise an ed25519 public key (PEM or base64 DER) to SPKI PEM; throws trust-bad-key. */
export function normalizePublicKey(text: string): string {
  try {
    const trimmed = text.trim();
    const key = trimmed.includes('BEGIN') ? createPublicKey(trimmed) : createPublicKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`key type ${key.asymmetricKeyType}`);
    return key.export({ format: 'pem', type: 'spki' }).toString();
  } catch (error) {
    throw badKey(error instanceof Error ? error.message : String(error));
  }
}

/** sha256 of the key's SPKI DER bytes, lower-case hex. */
export function fingerprintOf(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ format: 'der', type: 'spki' });
  return createHash('sha256').update(der).digest('hex');
}

/** A fingerprint in groups of four for people to compare by eye. */
export function displayFingerprint(fingerprint: string): string {
  return fingerprint.match(/.{1,4}/g)?.join(' ') ?? fingerprint;
}

export async function readTrustList(options: { file: string }): Promise<TrustedIssuer[]> {
  const read = await readJsonFile(options.file);
  if (!read.found) return [];
  const parsed = read.parseError === undefined ? TrustFile.safeParse(read.value) : undefined;
  if (!parsed?.success)
    throw badInput(
      'trust-file-invalid',
      {
        id: `Daftar penerbit tepercaya "${options.file}" rusak. Perbaiki atau hapus berkas itu, lalu tambahkan penerbit lagi dengan "klipkota pack trust add".`,
        en: `The trusted issuer list "${options.file}" is damaged. Fix or delete that file, then add the issuers again with "klipkota pack trust add".`,
      },
      read.parseError ?? parsed?.error.issues[0]?.message,
    );
  return parsed.data.issuers;
}

async function writeTrustList(options: { file: string; issuers: TrustedIssuer[] }): Promise<void> {
  const { mkdir } = await import('node:fs/promises');
  const path = await import('node:path');
  await mkdir(path.dirname(options.file), { recursive: true });
  await writeFileAtomic({ path: options.file, data: `${JSON.stringify({ version: 1, issuers: options.issuers }, null, 2)}\n` });
}

/** Issuer names compared as people read them: letter case, accents, spacing and punctuation do not make a new name. */
export function sameIssuerName(a: string, b: string): boolean {
  const plain = (name: string) =>
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '');
  return plain(a) === plain(b);
}

/** Add (or rename) an issuer; the key is what counts, the name is what people see. */
export async function addTrustedIssuer(options: { file: string; name: string; publicKey: string; now?: Date }): Promise<TrustedIssuer> {
  const publicKey = normalizePublicKey(options.publicKey);
  const entry: TrustedIssuer = TrustedIssuer.parse({
    name: options.name.trim(),
    publicKey,
    fingerprint: fingerprintOf(publicKey),
    addedAt: (options.now ?? new Date()).toISOString(),
  });
  const issuers = (await readTrustList({ file: options.file })).filter((issuer) => issuer.fingerprint !== entry.fingerprint);
  // a second key under a name already trusted would let anyone holding it pass as that office
  const sameName = issuers.find((issuer) => sameIssuerName(issuer.name, entry.name));
  if (sameName)
    throw badInput(
      'trust-name-taken',
      {
        id: `Penerbit "${sameName.name}" sudah ada di daftar tepercaya dengan kunci lain (sidik ${displayFingerprint(sameName.fingerprint)}); kunci baru ini (sidik ${displayFingerprint(entry.fingerprint)}) tidak ditambahkan. Bila kantor itu benar-benar mengganti kuncinya, pastikan ke kantornya, hapus kunci lama ("klipkota pack trust remove"), lalu tambahkan yang baru.`,
        en: `The issuer "${sameName.name}" is already trusted with another key (fingerprint ${displayFingerprint(sameName.fingerprint)}); this new key (fingerprint ${displayFingerprint(entry.fingerprint)}) was not added. If that office really changed its key, confirm with them, remove the old key ("klipkota pack trust remove"), then add the new one.`,
      },
      `${entry.name}: ${sameName.fingerprint} vs ${entry.fingerprint}`,
    );
  issuers.push(entry);
  await writeTrustList({ file: options.file, issuers });
  return entry;
}

/** Remove issuers by fingerprint (or its first 8+ characters) or by exact name; returns the removed ones. */
export async function removeTrustedIssuer(options: { file: string; which: string }): Promise<TrustedIssuer[]> {
  const which = options.which.trim();
  const key = which.replace(/\s+/g, '').toLowerCase();
  const issuers = await readTrustList({ file: options.file });
  const matches = (issuer: TrustedIssuer) => issuer.name === which || (key.length >= 8 && /^[0-9a-f]+$/.test(key) && issuer.fingerprint.startsWith(key));
  const removed = issuers.filter(matches);
  if (removed.length === 0)
    throw badInput(
      'trust-not-found',
      {
        id: `Tidak ada penerbit tepercaya "${which}". Lihat daftarnya dengan "klipkota pack trust list".`,
        en: `There is no trusted issuer "${which}". See the list with "klipkota pack trust list".`,
      },
      which,
    );
  await writeTrustList({ file: options.file, issuers: issuers.filter((issuer) => !matches(issuer)) });
  return removed;
}
