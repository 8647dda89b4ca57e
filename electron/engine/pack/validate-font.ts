/**
 * Fonts travel inside the pack so every PC renders the same. A font that does
 * not parse would make the rasterizer silently fall back to another typeface,
 * so it is refused with the file's name.
 */
import opentype from 'opentype.js';
import { badInput } from '@core/errors.js';
import { mib, type PackLimits } from './limits.js';

export interface FontFacts {
  family: string;
  glyphs: number;
}

export function validateFont(options: { file: string; bytes: Uint8Array; limits: PackLimits }): FontFacts {
  const { file, bytes, limits } = options;
  const refuse = (what: { id: string; en: string }, detail?: string) =>
    badInput(
      'pack-font-invalid',
      {
        id: `Paket ditolak: fon "${file}" ${what.id}. Ganti dengan berkas TTF/OTF yang utuh (misalnya unduh ulang dari sumbernya), lalu ekspor ulang paket.`,
        en: `Pack refused: font "${file}" ${what.en}. Replace it with an intact TTF/OTF file (for example download it again from its source), then export the pack again.`,
      },
      detail ?? file,
    );
  if (bytes.length > limits.maxFontBytes)
    throw refuse({ id: `terlalu besar (${mib(bytes.length)}, batas ${mib(limits.maxFontBytes)})`, en: `is too large (${mib(bytes.length)}, limit ${mib(limits.maxFontBytes)})` });
  const tag = String.fromCharCode(...bytes.subarray(0, 4));
  if (!(tag === '\u0000\u0001\u0000\u0000' || tag === 'OTTO' || tag === 'true'))
    throw refuse({ id: 'bukan fon TrueType/OpenType', en: 'is not a TrueType/OpenType font' });
  let font: opentype.Font;
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    font = opentype.parse(buffer);
  } catch (error) {
    throw refuse({ id: 'tidak bisa dibaca (rusak)', en: 'cannot be read (damaged)' }, `${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const glyphs = font.numGlyphs ?? font.glyphs.length;
  if (!glyphs || glyphs < 2) throw refuse({ id: 'tidak berisi huruf', en: 'contains no glyphs' });
  const tables = font.names as unknown as Record<string, { fontFamily?: Record<string, string> } | undefined>;
  const familyNames = tables.windows?.fontFamily ?? tables.macintosh?.fontFamily ?? tables.unicode?.fontFamily ?? {};
  const family = familyNames.en ?? Object.values(familyNames)[0] ?? '';
  if (font.charToGlyphIndex('A') === 0) throw refuse({ id: 'tidak memuat huruf Latin dasar', en: 'has no basic Latin letters' });
  return { family, glyphs };
}
