/**
 * A batch spreadsheet checked row by row before anything renders: a video per
 * row, each problem named by its row (as the spreadsheet numbers it, the header
 * being row 1) and column, in Indonesian and English. Pure: the engine reads
 * the file and says which files exist; this decides what each row means.
 */
import type { LocalizedText } from '../errors.js';
import { COLUMN_LABELS, foldHeader, mapColumns, type ColumnMap, type SheetColumn } from './columns.js';
import { parseSheetDate, parseStartSeconds } from './values.js';
import { DEFAULT_NAME_PATTERN, OUTPUT_COLUMN_PATTERN, outputFileName } from './names.js';

export interface SheetTable {
  header: string[];
  /** cells as text (the engine turns spreadsheet dates into YYYY-MM-DD) */
  rows: string[][];
}

/** What the check needs to know of a pack. */
export interface SheetPackFacts {
  templates: { id: string; label: LocalizedText; fields: { name: string; maxLength: number }[] }[];
  /** the template a name and role go into when the row names no style */
  nameRoleTemplate?: string;
  /** the intro card's fields (title, date) with their limits */
  introFields: { name: string; maxLength: number }[];
}

export interface SheetCheckRequest {
  table: SheetTable;
  packs: ReadonlyMap<string, SheetPackFacts>;
  defaultPack: string;
  presets: string[];
  /** output name pattern; default {row}-{title}-{preset}.mp4, or {output}-{preset}.mp4 with an output column */
  pattern?: string;
  /** whether a file named in the sheet exists (relative names are the sheet folder's) */
  fileExists: (name: string) => boolean;
  language: 'id' | 'en';
}

export interface SheetRow {
  /** the row number as the spreadsheet shows it */
  row: number;
  clips: string[];
  title: string;
  /** the date as it goes on the intro card; absent: the export day */
  date?: string;
  name?: string;
  role?: string;
  /** when the lower third starts, seconds from the first clip's start */
  startSeconds?: number;
  music?: string;
  /** an .srt or .vtt file whose captions are burned in */
  captions?: string;
  /** the overlay template the name and role go into */
  template?: string;
  pack: string;
  /** file name per preset id */
  outputs: Record<string, string>;
}

export interface SheetIssue {
  row: number;
  column?: SheetColumn;
  code: string;
  message: LocalizedText;
}

export interface SheetCheck {
  rows: SheetRow[];
  issues: SheetIssue[];
  /** headers KlipKota does not know (shown, never fatal) */
  unknownColumns: string[];
}

type CellReader = (column: SheetColumn) => string;

function cellReader(map: ColumnMap, cells: string[]): CellReader {
  return (column) =>
    (map.indexes[column] ?? [])
      .map((index) => (cells[index] ?? '').trim())
      .filter(Boolean)
      .join('\n');
}

/** Several clips in one cell: one per line, or split by "|". */
function clipNames(value: string): string[] {
  return value
    .split(/\r?\n|\|/)
    .map((name) => name.trim().replace(/^"(.*)"$/, '$1'))
    .filter(Boolean);
}

function issue(row: number, column: SheetColumn | undefined, code: string, message: LocalizedText): SheetIssue {
  return { row, ...(column ? { column } : {}), code, message };
}

function tooLong(options: { row: number; column: SheetColumn; value: string; maxLength: number | undefined }): SheetIssue[] {
  const { row, column, value, maxLength } = options;
  if (maxLength === undefined || [...value].length <= maxLength) return [];
  const label = COLUMN_LABELS[column];
  return [
    issue(row, column, 'sheet-too-long', {
      id: `Isi kolom ${label.id} ${[...value].length} karakter, templat hanya memuat ${maxLength}. Persingkat isinya.`,
      en: `The ${label.en} is ${[...value].length} characters long; the template holds ${maxLength}. Shorten it.`,
    }),
  ];
}

function findTemplate(pack: SheetPackFacts, style: string) {
  const wanted = foldHeader(style);
  return pack.templates.find((template) => template.id === style || foldHeader(template.id) === wanted || foldHeader(template.label.id) === wanted || foldHeader(template.label.en) === wanted);
}

interface RowContext {
  request: SheetCheckRequest;
  read: CellReader;
  row: number;
  issues: SheetIssue[];
}

function checkFiles(context: RowContext): { clips: string[]; music?: string; captions?: string } {
  const { read, row, issues, request } = context;
  const clips = clipNames(read('clip'));
  if (!clips.length) {
    issues.push(issue(row, 'clip', 'sheet-no-clip', { id: 'Baris ini tidak menyebut klip. Isi kolom klip dengan nama berkas video.', en: 'This row names no clip. Put a video file name in the clip column.' }));
  }
  for (const clip of clips) {
    if (!request.fileExists(clip)) {
      issues.push(issue(row, 'clip', 'sheet-missing-file', { id: `Klip ${clip} tidak ditemukan (dicari di folder lembar kerja). Periksa nama dan letak berkasnya.`, en: `Clip ${clip} was not found (looked for in the sheet's folder). Check the file's name and place.` }));
    }
  }
  const music = read('music') || undefined;
  if (music && !request.fileExists(music)) {
    issues.push(issue(row, 'music', 'sheet-missing-file', { id: `Musik ${music} tidak ditemukan. Periksa nama dan letak berkasnya.`, en: `Music ${music} was not found. Check the file's name and place.` }));
  }
  const captions = read('captions') || undefined;
  if (captions && !request.fileExists(captions)) {
    issues.push(issue(row, 'captions', 'sheet-missing-file', { id: `Berkas takarir ${captions} tidak ditemukan. Periksa nama dan letak berkasnya.`, en: `Captions file ${captions} was not found. Check the file's name and place.` }));
  }
  return { clips, ...(music ? { music } : {}), ...(captions ? { captions } : {}) };
}

function checkBranding(context: RowContext): Pick<SheetRow, 'pack' | 'template' | 'name' | 'role' | 'title'> | undefined {
  const { read, row, issues, request } = context;
  const packId = read('pack') || request.defaultPack;
  const pack = request.packs.get(packId);
  if (!pack) {
    issues.push(issue(row, 'pack', 'sheet-unknown-pack', { id: `Paket templat ${packId} tidak terpasang. Impor paketnya atau pakai salah satu dari: ${[...request.packs.keys()].join(', ')}.`, en: `Template pack ${packId} is not installed. Import it or use one of: ${[...request.packs.keys()].join(', ')}.` }));
    return undefined;
  }
  const title = read('title');
  if (!title) issues.push(issue(row, 'title', 'sheet-no-title', { id: 'Judul video kosong. Isi kolom judul; judul itu tampil di pembuka video.', en: 'The video title is empty. Fill in the title column; it is shown on the intro card.' }));
  issues.push(...tooLong({ row, column: 'title', value: title, maxLength: pack.introFields.find((field) => field.name === 'title')?.maxLength }));
  const style = read('style');
  const template = style ? findTemplate(pack, style) : pack.templates.find((candidate) => candidate.id === pack.nameRoleTemplate);
  if (style && !template) {
    issues.push(issue(row, 'style', 'sheet-unknown-style', { id: `Gaya ${style} tidak ada di paket ${packId}. Pilih salah satu: ${pack.templates.map((candidate) => candidate.id).join(', ')}.`, en: `Style ${style} is not in pack ${packId}. Choose one of: ${pack.templates.map((candidate) => candidate.id).join(', ')}.` }));
  }
  const name = read('name');
  const role = read('role');
  if (template) {
    issues.push(...tooLong({ row, column: 'name', value: name, maxLength: template.fields.find((field) => field.name === 'name')?.maxLength }));
    issues.push(...tooLong({ row, column: 'role', value: role, maxLength: template.fields.find((field) => field.name === 'role')?.maxLength }));
  }
  if (!name && role) issues.push(issue(row, 'name', 'sheet-no-name', { id: 'Ada jabatan tetapi nama kosong. Isi kolom nama atau kosongkan jabatan.', en: 'There is a role but no name. Fill in the name or leave the role empty.' }));
  return { pack: packId, title, ...(template ? { template: template.id } : {}), ...(name ? { name } : {}), ...(role ? { role } : {}) };
}

function checkTiming(context: RowContext): Pick<SheetRow, 'date' | 'startSeconds'> {
  const { read, row, issues, request } = context;
  const result: Pick<SheetRow, 'date' | 'startSeconds'> = {};
  const dateText = read('date');
  if (dateText) {
    const date = parseSheetDate(dateText, request.language);
    if (date === undefined) {
      issues.push(issue(row, 'date', 'sheet-bad-date', { id: `Tanggal "${dateText}" tidak dikenali. Tulis misalnya 17/08/2026, 2026-08-17 atau 17 Agustus 2026.`, en: `The date "${dateText}" is not recognised. Write for example 17/08/2026, 2026-08-17 or 17 August 2026.` }));
    } else result.date = date;
  }
  const startText = read('start');
  if (startText) {
    const start = parseStartSeconds(startText);
    if (start === undefined) {
      issues.push(issue(row, 'start', 'sheet-bad-start', { id: `Waktu mulai "${startText}" tidak dikenali. Tulis detik (misalnya 2 atau 2,5) atau menit:detik (0:02).`, en: `The start "${startText}" is not recognised. Write seconds (for example 2 or 2.5) or minutes:seconds (0:02).` }));
    } else result.startSeconds = start;
  }
  return result;
}

function rowNumberWidth(table: SheetTable): number {
  return String(table.rows.length + 1).length;
}

function checkRow(request: SheetCheckRequest, map: ColumnMap, cells: string[], row: number): { plan?: SheetRow; issues: SheetIssue[] } {
  const context: RowContext = { request, read: cellReader(map, cells), row, issues: [] };
  const files = checkFiles(context);
  const branding = checkBranding(context);
  const timing = checkTiming(context);
  if (!branding) return { issues: context.issues };
  const pattern = request.pattern ?? (map.indexes.output ? OUTPUT_COLUMN_PATTERN : DEFAULT_NAME_PATTERN);
  const output = context.read('output');
  const outputs = Object.fromEntries(
    request.presets.map((preset) => [
      preset,
      outputFileName(pattern, {
        row: String(row).padStart(rowNumberWidth(request.table), '0'),
        title: branding.title,
        name: branding.name ?? '',
        date: timing.date ?? '',
        output: output || branding.title,
        preset,
      }),
    ]),
  );
  return { plan: { row, ...files, ...branding, ...timing, outputs }, issues: context.issues };
}

function duplicateIssues(rows: SheetRow[]): SheetIssue[] {
  const seen = new Map<string, number>();
  const issues: SheetIssue[] = [];
  for (const row of rows) {
    for (const name of Object.values(row.outputs)) {
      // Windows file names ignore case
      const key = name.toLowerCase();
      const first = seen.get(key);
      if (first === undefined) seen.set(key, row.row);
      else {
        issues.push(issue(row.row, 'output', 'sheet-duplicate-output', { id: `Nama berkas hasil ${name} sama dengan baris ${first}. Bedakan judul atau nama berkasnya.`, en: `Output name ${name} is the same as row ${first}'s. Make the title or output name different.` }));
      }
    }
  }
  return issues;
}

/** Check every row; a row with any issue is left out of `rows`. */
export function checkSheet(request: SheetCheckRequest): SheetCheck {
  const map = mapColumns(request.table.header);
  if (!map.indexes.clip) {
    return {
      rows: [],
      unknownColumns: map.unknown,
      issues: [issue(1, 'clip', 'sheet-no-clip-column', { id: 'Lembar kerja tidak punya kolom klip. Baris pertama harus berisi judul kolom, misalnya: klip, judul, tanggal, nama, jabatan.', en: 'The sheet has no clip column. The first row must hold column headers, for example: clip, title, date, name, role.' })],
    };
  }
  const planned: SheetRow[] = [];
  const issues: SheetIssue[] = [];
  request.table.rows.forEach((cells, index) => {
    if (cells.every((cell) => cell.trim() === '')) return;
    const result = checkRow(request, map, cells, index + 2);
    issues.push(...result.issues);
    if (result.plan) planned.push(result.plan);
  });
  issues.push(...duplicateIssues(planned));
  // a report reads like the sheet: by row, then left to right
  const place = (entry: SheetIssue) => (entry.column ? (map.indexes[entry.column]?.[0] ?? -1) : -1);
  issues.sort((a, b) => a.row - b.row || place(a) - place(b));
  const bad = new Set(issues.map((entry) => entry.row));
  return { rows: planned.filter((row) => !bad.has(row.row)), issues, unknownColumns: map.unknown };
}
