/**
 * Trust is checked where a pack is used, not only where it is listed: an
 * export with a pack whose files no longer match its signature (`tampered`)
 * is refused unless the admin overrides it explicitly; a pack signed by a key
 * that is not on the trust list (`untrusted`) renders with a warning.
 */
import { badInput, type LocalizedText } from '../../../core/errors.js';
import type { ResolvedPack } from '../../../core/pack/resolved.js';

export interface PackUseWarning {
  code: string;
  message: LocalizedText;
}

/** Throws pack-tampered (bad-input: exit 2) unless allowed; returns the warnings the outputs carry. */
export function checkPackForExport(options: { pack: ResolvedPack; allowTampered?: boolean }): PackUseWarning[] {
  const { pack } = options;
  const { id, issuer } = pack.manifest;
  if (pack.trust === 'tampered') {
    if (!options.allowTampered)
      throw badInput(
        'pack-tampered',
        {
          id: `Ekspor ditolak: paket templat "${id}" telah diubah setelah ditandatangani (tanda tangannya tidak cocok dengan isinya). Pasang ulang paket asli dari ${issuer.name}. Hanya bila Anda yakin perubahan itu sah, ekspor dengan --allow-tampered-pack.`,
          en: `Export refused: the template pack "${id}" was changed after it was signed (its signature does not match its contents). Reinstall the original pack from ${issuer.name}. Only if you are sure the change is legitimate, export with --allow-tampered-pack.`,
        },
        `${id}: tampered (${pack.root})`,
      );
    return [
      {
        code: 'pack-tampered-allowed',
        message: {
          id: `Paket "${id}" diubah setelah ditandatangani dan tetap dipakai atas permintaan admin (--allow-tampered-pack).`,
          en: `Pack "${id}" was changed after signing and was used anyway at the admin's request (--allow-tampered-pack).`,
        },
      },
    ];
  }
  if (pack.trust === 'untrusted')
    return [
      {
        code: 'pack-untrusted',
        message: {
          id: `Paket "${id}" ditandatangani oleh penerbit yang belum ada di daftar tepercaya Anda. Pastikan sidik kuncinya ke ${issuer.name}, lalu "klipkota pack trust add".`,
          en: `Pack "${id}" is signed by an issuer that is not on your trusted list. Confirm its key fingerprint with ${issuer.name}, then run "klipkota pack trust add".`,
        },
      },
    ];
  return [];
}
