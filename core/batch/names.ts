/**
 * Output names of a batch: a pattern such as `{row}-{title}-{preset}.mp4`
 * filled per row and preset, made safe as a Windows file name (no reserved
 * characters or device names, no trailing dot or space, a bounded length).
 */
import { WINDOWS_RESERVED_NAMES } from '../pack/manifest.js';

export const DEFAULT_NAME_PATTERN = '{row}-{title}-{preset}.mp4';
/** With an output-name column, the row's own name leads. */
export const OUTPUT_COLUMN_PATTERN = '{output}-{preset}.mp4';

const PLACEHOLDERS = ['row', 'title', 'name', 'date', 'output', 'preset'] as const;
export type NameValues = Record<(typeof PLACEHOLDERS)[number], string>;

/** A readable, file-name-safe piece: ASCII letters and digits joined by hyphens. */
export function nameSlug(value: string, maxLength = 60): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/g, '');
}

/** The placeholders a pattern uses that KlipKota does not know. */
export function unknownPlaceholders(pattern: string): string[] {
  const found = [...pattern.matchAll(/\{([^{}]*)\}/g)].map((match) => match[1]!);
  return found.filter((name) => !(PLACEHOLDERS as readonly string[]).includes(name));
}

/** Fill the pattern; every value is slugged, the result checked as a Windows file name. */
export function outputFileName(pattern: string, values: NameValues): string {
  const filled = pattern.replace(/\{([a-z]+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? nameSlug(values[name as keyof NameValues]) : whole,
  );
  const withExtension = /\.mp4$/i.test(filled) ? filled : `${filled}.mp4`;
  const stem = withExtension
    .slice(0, -4)
    // Windows forbids these anywhere in a name, and a path separator would leave --out
    .replace(/[<>:"/\\|?*\u0000-\u001f]/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-. ]+|[-. ]+$/g, '')
    .slice(0, 120)
    .replace(/[-. ]+$/g, '');
  const safe = stem === '' || WINDOWS_RESERVED_NAMES.test(stem) ? `video-${stem || values.row}` : stem;
  return `${safe}.mp4`;
}
