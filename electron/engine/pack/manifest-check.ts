/**
 * pack.json from text to a checked PackManifest: JSON syntax, format version
 * (migrating older manifests), schema, and the cross-references the schema
 * cannot see (unique ids, declared fonts, file types). Each problem names the
 * file, the field and what to do.
 */
import type { z } from 'zod';
import { badInput, type KlipError } from '@core/errors.js';
import { migrateManifest } from '@core/pack/migrate.js';
import { PackManifest, type AspectFile } from '@core/pack/manifest.js';
import { MANIFEST_FILE } from './limits.js';
import { extensionOf, unsafePathError } from './paths.js';

type Text = { id: string; en: string };

function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `${out ? '.' : ''}${String(key)}`;
  return out || '(root)';
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value).slice(0, 40)}`;
}

function valueAt(raw: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let at: unknown = raw;
  for (const key of path) at = typeof at === 'object' && at !== null ? (at as Record<PropertyKey, unknown>)[key] : undefined;
  return at;
}

const TYPE_NAMES: Record<string, Text> = {
  number: { id: 'angka', en: 'a number' },
  string: { id: 'teks', en: 'text' },
  boolean: { id: 'true/false', en: 'true/false' },
  object: { id: 'objek { }', en: 'an object { }' },
  array: { id: 'daftar [ ]', en: 'a list [ ]' },
};

/** One zod issue in words an admin can act on. */
function explainIssue(issue: z.core.$ZodIssue, raw: unknown): Text {
  const got = valueAt(raw, issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      if (got === undefined) return { id: 'wajib diisi tetapi tidak ada', en: 'is required but missing' };
      const want = TYPE_NAMES[issue.expected] ?? { id: issue.expected, en: issue.expected };
      return { id: `harus ${want.id}, bukan ${describeValue(got)}`, en: `must be ${want.en}, not ${describeValue(got)}` };
    }
    case 'too_small':
      return issue.origin === 'string' || issue.origin === 'array'
        ? { id: `terlalu pendek (minimal ${String(issue.minimum)})`, en: `is too short (at least ${String(issue.minimum)})` }
        : { id: `terlalu kecil (minimal ${String(issue.minimum)})`, en: `is too small (at least ${String(issue.minimum)})` };
    case 'too_big':
      return issue.origin === 'string' || issue.origin === 'array'
        ? { id: `terlalu panjang (maksimal ${String(issue.maximum)})`, en: `is too long (at most ${String(issue.maximum)})` }
        : { id: `terlalu besar (maksimal ${String(issue.maximum)})`, en: `is too large (at most ${String(issue.maximum)})` };
    case 'invalid_value':
      return { id: `harus salah satu dari ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`, en: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` };
    case 'invalid_union':
      if ('options' in issue && Array.isArray((issue as { options?: unknown[] }).options))
        return {
          id: `harus salah satu dari ${(issue as { options: unknown[] }).options.map((v) => JSON.stringify(v)).join(', ')}`,
          en: `must be one of ${(issue as { options: unknown[] }).options.map((v) => JSON.stringify(v)).join(', ')}`,
        };
      return { id: 'bentuknya tidak dikenali', en: 'has a shape that is not recognised' };
    case 'invalid_format': {
      const [id, en] = issue.message.includes(' / ') ? issue.message.split(' / ') : [undefined, undefined];
      return id && en
        ? { id: `tidak sah: ${id}`, en: `is not valid: ${en}` }
        : { id: `formatnya salah (${JSON.stringify(got)})`, en: `has the wrong format (${JSON.stringify(got)})` };
    }
    default:
      return { id: `tidak sah (${issue.message})`, en: `is not valid (${issue.message})` };
  }
}

export function manifestProblem(options: { code: string; field: string; what: Text; fix?: Text }): KlipError {
  const fix = options.fix ?? { id: 'Perbaiki nilai itu di pack.json lalu ekspor ulang paket.', en: 'Fix that value in pack.json and export the pack again.' };
  return badInput(
    options.code,
    {
      id: `Paket ditolak: di ${MANIFEST_FILE}, kolom "${options.field}" ${options.what.id}. ${fix.id}`,
      en: `Pack refused: in ${MANIFEST_FILE}, the field "${options.field}" ${options.what.en}. ${fix.en}`,
    },
    `${MANIFEST_FILE}: ${options.field}`,
  );
}

/** Where JSON.parse stopped, from V8's message ("at position N", or the snippet it quotes). */
function jsonErrorPosition(text: string, message: string): number | undefined {
  const position = /position (\d+)/.exec(message);
  if (position) return Number(position[1]);
  if (/Unexpected end of JSON input/.test(message)) return text.length;
  const token = /Unexpected token '([\s\S])', (\.\.\.)?"([\s\S]*?)"(\.\.\.)? is not valid JSON/.exec(message);
  if (!token) return undefined;
  const [, char, elided, snippet] = token;
  const start = text.indexOf(snippet!);
  if (start < 0) return undefined;
  // V8 quotes 10 characters either side of the bad token, with "..." where it cut
  return elided ? start + 10 : start + snippet!.indexOf(char!);
}

/** Parse, migrate and check pack.json's text. */
export function parseManifestText(text: string): PackManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = jsonErrorPosition(text, message);
    let where = '';
    if (position !== undefined) {
      const before = text.slice(0, position);
      where = ` (baris/line ${before.split('\n').length}, kolom/column ${before.length - before.lastIndexOf('\n')})`;
    }
    throw badInput(
      'pack-json-malformed',
      {
        id: `Paket ditolak: ${MANIFEST_FILE} bukan JSON yang sah${where}. Periksa koma, tanda kutip dan kurung di sekitar tempat itu (misalnya dengan editor yang menandai JSON), lalu ekspor ulang paket.`,
        en: `Pack refused: ${MANIFEST_FILE} is not valid JSON${where}. Check the commas, quotes and brackets around that place (for example in an editor that highlights JSON), then export the pack again.`,
      },
      message,
    );
  }
  const migrated = migrateManifest(raw, MANIFEST_FILE);
  const parsed = PackManifest.safeParse(migrated);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const value = valueAt(migrated, issue.path);
    if (issue.code === 'invalid_format' && issue.message.startsWith('jalur harus di dalam paket') && typeof value === 'string') {
      const field = fieldPath(issue.path);
      const unsafe = unsafePathError({ name: value, where: { id: `kolom "${field}" di pack.json menunjuk`, en: `the field "${field}" in pack.json points to` } });
      if (unsafe) throw unsafe;
    }
    throw manifestProblem({ code: 'pack-schema', field: fieldPath(issue.path), what: explainIssue(issue, migrated) });
  }
  checkReferences(parsed.data);
  return parsed.data;
}

export interface ReferencedFile {
  path: string;
  /** the manifest field that names it */
  field: string;
  role: 'svg' | 'graphic' | 'font' | 'video' | 'preview';
}

function aspectPaths(file: AspectFile, field: string): Array<{ path: string; field: string }> {
  return typeof file === 'string'
    ? [{ path: file, field }]
    : [
        { path: file['9:16'], field: `${field}.9:16` },
        { path: file['16:9'], field: `${field}.16:9` },
      ];
}

/** Every file the manifest names, with the field that names it. */
export function referencedFiles(manifest: PackManifest): ReferencedFile[] {
  const out: ReferencedFile[] = [];
  manifest.fonts.forEach((font, i) => out.push({ path: font.file, field: `fonts[${i}].file`, role: 'font' }));
  for (const key of ['intro', 'outro'] as const) {
    const bumper = manifest[key];
    if (!bumper) continue;
    for (const p of aspectPaths(bumper.file, `${key}.file`)) out.push({ ...p, role: bumper.type === 'svg' ? 'svg' : 'video' });
  }
  if (manifest.logo) out.push({ path: manifest.logo.file, field: 'logo.file', role: 'graphic' });
  manifest.overlays.forEach((overlay, i) => {
    for (const p of aspectPaths(overlay.file, `overlays[${i}].file`)) out.push({ ...p, role: 'svg' });
  });
  if (manifest.preview) out.push({ path: manifest.preview, field: 'preview', role: 'preview' });
  return out;
}

const ROLE_EXTENSIONS: Record<ReferencedFile['role'], string[]> = {
  svg: ['.svg'],
  graphic: ['.svg', '.png', '.jpg', '.jpeg'],
  font: ['.ttf', '.otf'],
  video: ['.mp4', '.mov', '.webm'],
  preview: ['.png', '.jpg', '.jpeg', '.svg'],
};

function checkReferences(manifest: PackManifest): void {
  for (const ref of referencedFiles(manifest)) {
    const unsafe = unsafePathError({ name: ref.path, where: { id: `kolom "${ref.field}" di pack.json menunjuk`, en: `the field "${ref.field}" in pack.json points to` } });
    if (unsafe) throw unsafe;
    const allowed = ROLE_EXTENSIONS[ref.role];
    if (!allowed.includes(extensionOf(ref.path)))
      throw manifestProblem({
        code: 'pack-file-type',
        field: ref.field,
        what: { id: `menunjuk "${ref.path}", padahal harus berkas ${allowed.join('/')}`, en: `points to "${ref.path}", but it must be a ${allowed.join('/')} file` },
      });
  }
  const ids = new Set<string>();
  manifest.overlays.forEach((overlay, i) => {
    if (ids.has(overlay.id))
      throw manifestProblem({ code: 'pack-duplicate-id', field: `overlays[${i}].id`, what: { id: `"${overlay.id}" sudah dipakai overlay lain`, en: `"${overlay.id}" is already used by another overlay` }, fix: { id: 'Beri setiap overlay id yang berbeda.', en: 'Give every overlay a different id.' } });
    ids.add(overlay.id);
    const names = new Set<string>();
    overlay.fields.forEach((field, j) => {
      if (names.has(field.name))
        throw manifestProblem({ code: 'pack-duplicate-id', field: `overlays[${i}].fields[${j}].name`, what: { id: `"${field.name}" muncul dua kali`, en: `"${field.name}" appears twice` } });
      names.add(field.name);
      if (field.default !== undefined && field.default.length > field.maxLength)
        throw manifestProblem({ code: 'pack-schema', field: `overlays[${i}].fields[${j}].default`, what: { id: `lebih panjang dari maxLength (${field.maxLength})`, en: `is longer than maxLength (${field.maxLength})` } });
    });
  });
  const families = new Set(manifest.fonts.map((font) => font.family));
  if (manifest.captionStyle && !families.has(manifest.captionStyle.font))
    throw manifestProblem({
      code: 'pack-unknown-font',
      field: 'captionStyle.font',
      what: { id: `menyebut fon "${manifest.captionStyle.font}" yang tidak ada di daftar "fonts"`, en: `names the font "${manifest.captionStyle.font}", which is not in the "fonts" list` },
      fix: { id: 'Tambahkan fon itu ke "fonts" (dengan berkasnya) atau pakai keluarga fon yang sudah ada.', en: 'Add that font to "fonts" (with its file) or use a family that is already there.' },
    });
}
