/**
 * A careful reader of `.klippack` zip files. It reads the central directory
 * itself (fflate does not expose entry types or let us refuse before inflating),
 * refuses unsafe names, links, encryption and oversized or lying entries from the
 * declared sizes, then inflates each entry with fflate in small steps, counting the
 * bytes as they come out and stopping as soon as a limit or the declared size is
 * passed. Nothing here writes to disk.
 */
import { Inflate } from 'fflate';
import { badInput, isKlipError, type KlipError } from '../../../core/errors.js';
import { crc32Update } from './crc32.js';
import { mib, type PackLimits } from './limits.js';
import { unsafePathError } from './paths.js';

export interface ZipEntry {
  name: string;
  directory: boolean;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;

function broken(detail: string, what: { id: string; en: string }): KlipError {
  return badInput(
    'pack-archive-broken',
    {
      id: `Berkas paket (.klippack) rusak atau bukan paket KlipKota: ${what.id}. Minta pengirim mengekspor ulang paketnya dari KlipKota.`,
      en: `The pack file (.klippack) is damaged or not a KlipKota pack: ${what.en}. Ask the sender to export the pack again from KlipKota.`,
    },
    detail,
  );
}

function tooBig(options: { name: string; limit: string; what: { id: string; en: string } }): KlipError {
  return badInput(
    'pack-too-large',
    {
      id: `Paket ditolak: ${options.what.id} (batas ${options.limit}). Perkecil berkas "${options.name}" atau bagi paket menjadi beberapa paket.`,
      en: `Pack refused: ${options.what.en} (limit ${options.limit}). Make "${options.name}" smaller or split the pack.`,
    },
    options.name,
  );
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Read and check the central directory. Refuses before a single byte is inflated. */
export function readZipDirectory(options: { bytes: Uint8Array; limits: PackLimits }): ZipEntry[] {
  const { bytes, limits } = options;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 22) throw broken('short', { id: 'berkas terlalu pendek', en: 'the file is too short' });
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw broken('no end of central directory', { id: 'bukan berkas zip', en: 'it is not a zip file' });
  const diskNumber = view.getUint16(eocd + 4, true);
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (diskNumber !== 0 || view.getUint16(eocd + 8, true) !== count)
    throw broken('multi-disk', { id: 'zip terbagi beberapa bagian', en: 'it is a split (multi-part) zip' });
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff)
    throw tooBig({ name: '.klippack', limit: mib(limits.maxTotalBytes), what: { id: 'arsip ZIP64 terlalu besar untuk paket', en: 'a ZIP64 archive is too large for a pack' } });
  if (count > limits.maxEntries)
    throw tooBig({ name: '.klippack', limit: `${limits.maxEntries}`, what: { id: `arsip berisi ${count} entri`, en: `the archive has ${count} entries` } });
  if (cdOffset + cdSize > eocd) throw broken('central directory out of range', { id: 'daftar isi zip di luar berkas', en: 'the zip directory lies outside the file' });

  const entries: ZipEntry[] = [];
  const seen = new Map<string, string>();
  let total = 0;
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || view.getUint32(at, true) !== CENTRAL)
      throw broken(`central header ${i}`, { id: 'daftar isi zip tidak terbaca', en: 'the zip directory cannot be read' });
    const madeBy = view.getUint16(at + 4, true);
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const crc = view.getUint32(at + 16, true);
    const compressedSize = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const external = view.getUint32(at + 38, true);
    const localOffset = view.getUint32(at + 42, true);
    let name: string;
    try {
      name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    } catch {
      throw broken(`entry ${i} name`, { id: 'nama entri bukan UTF-8', en: 'an entry name is not UTF-8' });
    }
    at += 46 + nameLength + extraLength + commentLength;

    const directory = name.endsWith('/');
    const unsafe = unsafePathError({ name, where: { id: 'entri zip', en: 'zip entry' } });
    if (unsafe) throw unsafe;
    const mode = madeBy >> 8 === 3 || madeBy >> 8 === 19 ? (external >>> 16) & S_IFMT : 0;
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
    if (flags & 1)
      throw badInput('pack-encrypted', { id: `Paket ditolak: entri "${name}" terenkripsi. Ekspor paket tanpa kata sandi.`, en: `Pack refused: entry "${name}" is encrypted. Export the pack without a password.` }, name);
    if (method !== 0 && method !== 8)
      throw broken(`entry ${name} method ${method}`, { id: `entri "${name}" memakai kompresi yang tidak didukung`, en: `entry "${name}" uses an unsupported compression` });
    const key = name.replace(/\/$/, '').toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined)
      throw badInput(
        'pack-duplicate-entry',
        {
          id: `Paket ditolak: nama "${earlier}" dan "${name}" dianggap sama (huruf besar/kecil sama saja di Windows). Ganti salah satu nama.`,
          en: `Pack refused: the names "${earlier}" and "${name}" count as the same (upper/lower case are the same on Windows). Rename one of them.`,
        },
        name,
      );
    seen.set(key, name);
    if (size > limits.maxEntryBytes)
      throw tooBig({ name, limit: mib(limits.maxEntryBytes), what: { id: `"${name}" berukuran ${mib(size)} setelah diekstrak`, en: `"${name}" is ${mib(size)} when extracted` } });
    total += size;
    if (total > limits.maxTotalBytes)
      throw tooBig({ name, limit: mib(limits.maxTotalBytes), what: { id: 'isi paket setelah diekstrak terlalu besar', en: 'the extracted pack is too large' } });
    if (localOffset + 30 > cdOffset) throw broken(`entry ${name} offset`, { id: `entri "${name}" di luar berkas`, en: `entry "${name}" lies outside the file` });
    entries.push({ name, directory, method, crc, compressedSize, size, localOffset });
  }
  return entries;
}

/**
 * Inflate one entry, never producing more than its declared size (which the
 * directory check already held to the limits), and check its CRC.
 */
export function inflateEntry(options: { bytes: Uint8Array; entry: ZipEntry }): Uint8Array {
  const { bytes, entry } = options;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  if (view.getUint32(at, true) !== LOCAL) throw broken(`local header ${entry.name}`, { id: `entri "${entry.name}" rusak`, en: `entry "${entry.name}" is damaged` });
  const nameLength = view.getUint16(at + 26, true);
  const extraLength = view.getUint16(at + 28, true);
  const localName = new TextDecoder().decode(bytes.subarray(at + 30, at + 30 + nameLength));
  if (localName !== entry.name)
    throw broken(`local name ${localName} != ${entry.name}`, { id: `nama entri "${entry.name}" tidak cocok dengan isinya`, en: `entry "${entry.name}" has a different name inside` });
  const start = at + 30 + nameLength + extraLength;
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (start + entry.compressedSize > bytes.length) throw broken(`entry ${entry.name} data`, { id: `entri "${entry.name}" terpotong`, en: `entry "${entry.name}" is cut short` });

  const out = new Uint8Array(entry.size);
  let produced = 0;
  let crc = 0;
  const lying = (): KlipError =>
    badInput(
      'pack-zip-bomb',
      {
        id: `Paket ditolak: isi entri "${entry.name}" lebih besar daripada ukuran yang dicantumkan (ciri "zip bomb"). Jangan buka berkas ini; minta paket yang asli dari penerbitnya.`,
        en: `Pack refused: entry "${entry.name}" holds more data than its declared size (a "zip bomb" sign). Do not open this file; ask the issuer for the real pack.`,
      },
      entry.name,
    );
  const take = (chunk: Uint8Array) => {
    if (produced + chunk.length > entry.size) throw lying();
    out.set(chunk, produced);
    produced += chunk.length;
    crc = crc32Update(crc, chunk);
  };
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw lying();
    take(data);
  } else {
    const inflater = new Inflate((chunk) => take(chunk));
    const STEP = 4096; // at most ~4 MiB of output per step even at the best deflate ratio
    try {
      for (let offset = 0; offset < data.length; offset += STEP) inflater.push(data.subarray(offset, offset + STEP), offset + STEP >= data.length);
      if (data.length === 0) inflater.push(new Uint8Array(0), true);
    } catch (error) {
      if (isKlipError(error)) throw error;
      throw broken(`inflate ${entry.name}: ${String(error)}`, { id: `entri "${entry.name}" tidak bisa diekstrak`, en: `entry "${entry.name}" cannot be extracted` });
    }
  }
  if (produced !== entry.size || crc !== entry.crc)
    throw broken(`size/crc ${entry.name}`, { id: `isi entri "${entry.name}" tidak utuh`, en: `the contents of entry "${entry.name}" are not intact` });
  return out;
}
