/**
 * Reading `.klippack` zip files with yauzl, lazily from the file. Every entry
 * is checked from its directory record before a byte is inflated: its name (the
 * pack's own rule for every operating system), links and other special files
 * (from the entry's attributes), encryption, compression method, names that
 * clash on Windows, and its declared size against the limits. An entry is then
 * inflated as a stream, counting the bytes as they come out and stopping as soon
 * as it passes its declared size; its CRC is checked at the end. Nothing here
 * writes to disk.
 */
import type { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { badInput, isKlipError, type KlipError } from '@core/errors.js';
import { mib, type PackLimits } from './limits.js';
import { unsafePathError } from './paths.js';

/** One checked entry of an open archive. */
export interface PackArchiveEntry {
  name: string;
  directory: boolean;
  /** declared uncompressed size, already held to the limits */
  size: number;
  record: Entry;
}

export interface PackArchive {
  entries: PackArchiveEntry[];
  /** The entry's bytes, never more than its declared size, CRC checked. */
  read(entry: PackArchiveEntry): Promise<Buffer>;
  close(): void;
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
/** the "version made by" hosts whose external attributes hold a Unix mode: Unix and macOS */
const UNIX_HOSTS = new Set([3, 19]);

type Text = { id: string; en: string };

function broken(detail: string, what: Text): KlipError {
  return badInput(
    'pack-archive-broken',
    {
      id: `Berkas paket (.klippack) rusak atau bukan paket KlipKota: ${what.id}. Minta pengirim mengekspor ulang paketnya dari KlipKota.`,
      en: `The pack file (.klippack) is damaged or not a KlipKota pack: ${what.en}. Ask the sender to export the pack again from KlipKota.`,
    },
    detail,
  );
}

function tooBig(options: { name: string; limit: string; what: Text }): KlipError {
  return badInput(
    'pack-too-large',
    {
      id: `Paket ditolak: ${options.what.id} (batas ${options.limit}). Perkecil berkas "${options.name}" atau bagi paket menjadi beberapa paket.`,
      en: `Pack refused: ${options.what.en} (limit ${options.limit}). Make "${options.name}" smaller or split the pack.`,
    },
    options.name,
  );
}

function lyingSize(name: string): KlipError {
  return badInput(
    'pack-zip-bomb',
    {
      id: `Paket ditolak: isi entri "${name}" lebih besar daripada ukuran yang dicantumkan (ciri "zip bomb"). Jangan buka berkas ini; minta paket yang asli dari penerbitnya.`,
      en: `Pack refused: entry "${name}" holds more data than its declared size (a "zip bomb" sign). Do not open this file; ask the issuer for the real pack.`,
    },
    name,
  );
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function entryName(record: Entry, index: number): string {
  try {
    // decodeStrings is off: the raw name bytes, decoded strictly here
    return utf8.decode(record.fileNameRaw);
  } catch {
    throw broken(`entry ${index} name`, { id: 'nama entri bukan UTF-8', en: 'an entry name is not UTF-8' });
  }
}

/** Links, devices and pipes are refused from the entry's attributes; only files and folders pass. */
function refuseSpecialEntry(record: Entry, name: string): void {
  const mode = UNIX_HOSTS.has(record.versionMadeBy >> 8) ? (record.externalFileAttributes >>> 16) & S_IFMT : 0;
  if (mode === S_IFLNK)
    throw badInput(
      'pack-symlink',
      {
        id: `Paket ditolak: entri "${name}" adalah tautan simbolik (symlink). Paket hanya boleh berisi berkas biasa; salin berkas aslinya ke dalam folder paket lalu ekspor ulang.`,
        en: `Pack refused: entry "${name}" is a symbolic link. A pack may only hold regular files; copy the real file into the pack folder and export again.`,
      },
      name,
    );
  if (mode !== 0 && mode !== S_IFREG && mode !== S_IFDIR)
    throw badInput('pack-special-file', { id: `Paket ditolak: entri "${name}" bukan berkas biasa.`, en: `Pack refused: entry "${name}" is not a regular file.` }, name);
  if (record.isEncrypted())
    throw badInput('pack-encrypted', { id: `Paket ditolak: entri "${name}" terenkripsi. Ekspor paket tanpa kata sandi.`, en: `Pack refused: entry "${name}" is encrypted. Export the pack without a password.` }, name);
  if (record.compressionMethod !== 0 && record.compressionMethod !== 8)
    throw broken(`entry ${name} method ${record.compressionMethod}`, { id: `entri "${name}" memakai kompresi yang tidak didukung`, en: `entry "${name}" uses an unsupported compression` });
}

/** What the directory walk remembers: names seen (case-folded) and the bytes declared so far. */
interface DirectoryTally {
  seen: Map<string, string>;
  total: number;
  limits: PackLimits;
}

function checkEntry(options: { record: Entry; index: number; tally: DirectoryTally }): PackArchiveEntry {
  const { record, tally } = options;
  const name = entryName(record, options.index);
  const unsafe = unsafePathError({ name, where: { id: 'entri zip', en: 'zip entry' } });
  if (unsafe) throw unsafe;
  refuseSpecialEntry(record, name);
  const key = name.replace(/\/$/, '').toLowerCase();
  const earlier = tally.seen.get(key);
  if (earlier !== undefined)
    throw badInput(
      'pack-duplicate-entry',
      {
        id: `Paket ditolak: nama "${earlier}" dan "${name}" dianggap sama (huruf besar/kecil sama saja di Windows). Ganti salah satu nama.`,
        en: `Pack refused: the names "${earlier}" and "${name}" count as the same (upper/lower case are the same on Windows). Rename one of them.`,
      },
      name,
    );
  tally.seen.set(key, name);
  const size = record.uncompressedSize;
  if (size > tally.limits.maxEntryBytes)
    throw tooBig({ name, limit: mib(tally.limits.maxEntryBytes), what: { id: `"${name}" berukuran ${mib(size)} setelah diekstrak`, en: `"${name}" is ${mib(size)} when extracted` } });
  tally.total += size;
  if (tally.total > tally.limits.maxTotalBytes)
    throw tooBig({ name, limit: mib(tally.limits.maxTotalBytes), what: { id: 'isi paket setelah diekstrak terlalu besar', en: 'the extracted pack is too large' } });
  return { name, directory: name.endsWith('/'), size, record };
}

async function readDirectory(zip: ZipFile, limits: PackLimits): Promise<PackArchiveEntry[]> {
  if (zip.entryCount > limits.maxEntries)
    throw tooBig({ name: '.klippack', limit: `${limits.maxEntries}`, what: { id: `arsip berisi ${zip.entryCount} entri`, en: `the archive has ${zip.entryCount} entries` } });
  const tally: DirectoryTally = { seen: new Map(), total: 0, limits };
  const entries: PackArchiveEntry[] = [];
  try {
    for await (const record of zip.eachEntry()) entries.push(checkEntry({ record, index: entries.length, tally }));
  } catch (error) {
    if (isKlipError(error)) throw error;
    throw broken(`directory: ${String(error)}`, { id: 'daftar isi zip tidak terbaca', en: 'the zip directory cannot be read' });
  }
  return entries;
}

async function inflate(zip: ZipFile, entry: PackArchiveEntry): Promise<Buffer> {
  const header = await zip.readLocalFileHeaderPromise(entry.record).catch((error: Error) => {
    throw broken(`local header ${entry.name}: ${error.message}`, { id: `entri "${entry.name}" rusak`, en: `entry "${entry.name}" is damaged` });
  });
  if (!header.fileName.equals(entry.record.fileNameRaw))
    throw broken(`local name ${header.fileName.toString()} != ${entry.name}`, { id: `nama entri "${entry.name}" tidak cocok dengan isinya`, en: `entry "${entry.name}" has a different name inside` });
  if (entry.record.compressionMethod === 0 && entry.record.compressedSize !== entry.size) throw lyingSize(entry.name);
  const out = Buffer.alloc(entry.size);
  let produced = 0;
  let crc = 0;
  let stream: Readable | undefined;
  try {
    stream = await zip.openReadStreamPromise(entry.record);
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (produced + chunk.length > entry.size) throw lyingSize(entry.name);
      chunk.copy(out, produced);
      produced += chunk.length;
      crc = crc32(chunk, crc);
    }
  } catch (error) {
    stream?.destroy();
    if (isKlipError(error)) throw error;
    throw broken(`inflate ${entry.name}: ${String(error)}`, { id: `entri "${entry.name}" tidak bisa diekstrak`, en: `entry "${entry.name}" cannot be extracted` });
  }
  if (produced !== entry.size || crc !== entry.record.crc32)
    throw broken(`size/crc ${entry.name}`, { id: `isi entri "${entry.name}" tidak utuh`, en: `the contents of entry "${entry.name}" are not intact` });
  return out;
}

/**
 * Open a `.klippack` and check its whole directory. Refuses (a bad-input
 * KlipError) before a single byte is inflated; the caller closes the archive.
 */
export async function openPackArchive(options: { file: string; limits: PackLimits }): Promise<PackArchive> {
  const zip = await yauzl
    .openPromise(options.file, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: false })
    .catch((error: Error) => {
      throw broken(`open: ${error.message}`, { id: 'bukan berkas zip', en: 'it is not a zip file' });
    });
  try {
    const entries = await readDirectory(zip, options.limits);
    return { entries, read: (entry) => inflate(zip, entry), close: () => zip.close() };
  } catch (error) {
    zip.close();
    throw error;
  }
}
