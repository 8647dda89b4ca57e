/**
 * Pure helpers for a pack's SVG templates: filling `{{field}}` and
 * `{{color.NAME}}` placeholders (XML-escaped, so user text never breaks the
 * SVG), field defaults and checks. Text fitting lives in fit.ts.
 */
import { badInput } from '../errors.js';
import type { FieldDefinition } from './manifest.js';
import { ownValue } from '../own.js';

// ---------------------------------------------------------------- escaping

/** Escape text for an XML text node or attribute value; drops characters XML 1.0 forbids. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** The reverse of escapeXml, plus numeric character references. */
export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
    if (entity.startsWith('#x')) return safeCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return safeCodePoint(parseInt(entity.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[entity] ?? '';
  });
}

function safeCodePoint(code: number): string {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
}

// ---------------------------------------------------------------- fields

const PLACEHOLDER = /\{\{\s*([a-zA-Z][a-zA-Z0-9_]*(?:\.[a-zA-Z][a-zA-Z0-9_]*)?)\s*\}\}/g;

/** The field names and colour names an SVG template uses. */
export function placeholdersIn(svg: string): { fields: string[]; colors: string[] } {
  const fields = new Set<string>();
  const colors = new Set<string>();
  for (const match of svg.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    if (name.startsWith('color.')) colors.add(name.slice('color.'.length));
    else fields.add(name);
  }
  return { fields: [...fields], colors: [...colors] };
}

/** Field values with each definition's default filled in for missing or blank values. */
export function fieldValuesWithDefaults(
  definitions: readonly FieldDefinition[],
  values: Record<string, string>,
): Record<string, string> {
  const result: Record<string, string> = { ...values };
  for (const definition of definitions) {
    const value = ownValue(result, definition.name);
    if ((value === undefined || value.trim() === '') && definition.default !== undefined) {
      result[definition.name] = definition.default;
    }
  }
  return result;
}

export interface FieldProblem {
  field: string;
  problem: 'required' | 'too-long';
  message: { id: string; en: string };
}

/** Check field values against their definitions (required, maxLength). */
export function checkFieldValues(
  definitions: readonly FieldDefinition[],
  values: Record<string, string>,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const definition of definitions) {
    const value = (ownValue(values, definition.name) ?? definition.default ?? '').trim();
    const label = definition.label;
    if (definition.required && value === '') {
      problems.push({
        field: definition.name,
        problem: 'required',
        message: { id: `Isi kolom "${label.id}".`, en: `Fill in "${label.en}".` },
      });
    } else if ([...value].length > definition.maxLength) {
      problems.push({
        field: definition.name,
        problem: 'too-long',
        message: {
          id: `"${label.id}" paling banyak ${definition.maxLength} karakter.`,
          en: `"${label.en}" may have at most ${definition.maxLength} characters.`,
        },
      });
    }
  }
  return problems;
}

/**
 * Replace `{{field}}` with the XML-escaped value (missing: empty) and
 * `{{color.NAME}}` with the brand colour. An unknown colour is a pack error.
 */
export function fillPlaceholders(options: {
  svg: string;
  fields: Record<string, string>;
  colors: Record<string, string>;
}): string {
  return options.svg.replace(PLACEHOLDER, (_, name: string) => {
    if (name.startsWith('color.')) {
      const colour = ownValue(options.colors, name.slice('color.'.length));
      if (colour === undefined) {
        throw badInput(
          'pack-invalid',
          {
            id: `Paket templat memakai warna "${name}" yang tidak ada di pack.json. Tambahkan warna itu ke "colors".`,
            en: `The template pack uses colour "${name}", which pack.json does not define. Add it to "colors".`,
          },
          name,
        );
      }
      return escapeXml(colour);
    }
    const value = ownValue(options.fields, name) ?? '';
    return escapeXml(value.replace(/\s+/g, ' ').trim());
  });
}
