/**
 * Names of files inside a pack: the same rule for zip entries and for paths the
 * manifest names. A name must stay inside the pack on every operating system.
 */
import { badInput, type KlipError } from '@core/errors.js';

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/** The reason a name is unsafe, or undefined when it is a clean relative path. */
export function unsafeNameReason(name: string): { id: string; en: string } | undefined {
  if (name.length === 0) return { id: 'nama kosong', en: 'the name is empty' };
  if (name.length > 200) return { id: 'nama lebih dari 200 karakter', en: 'the name is longer than 200 characters' };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return { id: 'nama berisi karakter kontrol', en: 'the name contains control characters' };
  if (name.includes('\\')) return { id: 'memakai garis miring terbalik (\\); gunakan /', en: 'it uses a backslash (\\); use /' };
  if (name.startsWith('/')) return { id: 'jalur absolut (diawali /)', en: 'it is an absolute path (starts with /)' };
  if (/^[a-zA-Z]:/.test(name)) return { id: 'memakai huruf drive (misalnya C:)', en: 'it uses a drive letter (such as C:)' };
  const segments = name.replace(/\/$/, '').split('/');
  for (const segment of segments) {
    if (segment === '..') return { id: 'keluar dari folder paket (..)', en: 'it leaves the pack folder (..)' };
    if (segment === '' || segment === '.') return { id: 'berisi bagian jalur kosong atau "."', en: 'it has an empty or "." path segment' };
    if (/[<>:"|?*]/.test(segment)) return { id: 'berisi karakter yang dilarang Windows (<>:"|?*)', en: 'it contains characters Windows forbids (<>:"|?*)' };
    if (/[. ]$/.test(segment)) return { id: 'bagian nama berakhir dengan titik atau spasi', en: 'a segment ends with a dot or a space' };
    if (WINDOWS_RESERVED.test(segment)) return { id: `"${segment}" adalah nama khusus Windows`, en: `"${segment}" is a reserved Windows name` };
  }
  return undefined;
}

export function unsafePathError(options: { name: string; where: { id: string; en: string } }): KlipError | undefined {
  const reason = unsafeNameReason(options.name);
  if (!reason) return undefined;
  return badInput(
    'pack-unsafe-path',
    {
      id: `Paket ditolak: ${options.where.id} "${options.name}" tidak aman karena ${reason.id}. Semua berkas harus berada di dalam folder paket dengan jalur relatif seperti "grafis/judul.svg". Perbaiki jalurnya lalu ekspor ulang paket.`,
      en: `Pack refused: ${options.where.en} "${options.name}" is unsafe because ${reason.en}. Every file must be inside the pack folder, with a relative path such as "graphics/title.svg". Fix the path and export the pack again.`,
    },
    options.name,
  );
}

export function extensionOf(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot).toLowerCase();
}
