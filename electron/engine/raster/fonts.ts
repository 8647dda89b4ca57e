/**
 * The pack's fonts as the text fitter sees them: parsed with opentype.js so
 * text is measured with the very advance widths resvg draws with.
 */
import { readFileSync } from 'node:fs';
import opentype from 'opentype.js';
import type { MeasureText, TextStyle } from '@core/pack/fit.js';

export interface LoadedFont {
  path: string;
  /** typographic family ("Plus Jakarta Sans" for every weight), as resvg matches it */
  family: string;
  weight: number;
  italic: boolean;
  font: opentype.Font;
}

const parsed = new Map<string, LoadedFont>();

/** Parse a TTF/OTF once per process. */
export function loadFont(path: string): LoadedFont {
  const known = parsed.get(path);
  if (known) return known;
  const bytes = readFileSync(path);
  const font = opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const names = font.names as unknown as Record<string, Record<string, string> | undefined> & {
    windows?: Record<string, Record<string, string> | undefined>;
  };
  const table = names.windows ?? names;
  const pick = (key: string) => {
    const entry = table[key] ?? names[key];
    return entry ? (entry.en ?? Object.values(entry)[0]) : undefined;
  };
  const os2 = font.tables.os2 as { usWeightClass?: number; fsSelection?: number } | undefined;
  const loaded: LoadedFont = {
    path,
    family: pick('preferredFamily') ?? pick('typographicFamily') ?? pick('fontFamily') ?? 'Unknown',
    weight: os2?.usWeightClass ?? 400,
    italic: ((os2?.fsSelection ?? 0) & 1) === 1,
    font,
  };
  parsed.set(path, loaded);
  return loaded;
}

/** The font resvg would pick for the style: same family (else any), nearest weight, matching slant. */
export function pickFont(fonts: readonly LoadedFont[], style: Pick<TextStyle, 'fontFamily' | 'fontWeight' | 'fontStyle'>): LoadedFont | undefined {
  const family = style.fontFamily.toLowerCase();
  const sameFamily = fonts.filter((font) => font.family.toLowerCase() === family);
  const pool = sameFamily.length > 0 ? sameFamily : fonts;
  const score = (font: LoadedFont) =>
    Math.abs(font.weight - style.fontWeight) + (font.italic === (style.fontStyle === 'italic') ? 0 : 1000);
  return [...pool].sort((a, b) => score(a) - score(b))[0];
}

/** The advance width of text in one font, with kerning, in font-size units. */
export function advanceWidth(font: opentype.Font, text: string, options: { size: number; letterSpacing: number }): number {
  const scale = options.size / font.unitsPerEm;
  let width = 0;
  let previous: opentype.Glyph | undefined;
  let count = 0;
  for (const char of text) {
    const glyph = font.charToGlyph(char);
    if (previous) width += font.getKerningValue(previous, glyph);
    width += glyph.advanceWidth ?? 0;
    previous = glyph;
    count++;
  }
  return width * scale + count * options.letterSpacing;
}

/**
 * A measure function over the given font files. Without any font it falls back
 * to a generous estimate (0.62 em a character), so text still never spills.
 */
export function measureWithFonts(fontFiles: readonly string[]): MeasureText {
  const fonts = fontFiles.filter((file) => /\.(ttf|otf)$/i.test(file)).map(loadFont);
  return (text, style) => {
    const chosen = pickFont(fonts, style);
    if (!chosen) return [...text].length * (style.fontSize * 0.62 + style.letterSpacing);
    return advanceWidth(chosen.font, text, { size: style.fontSize, letterSpacing: style.letterSpacing });
  };
}
