/**
 * Reading a batch spreadsheet as office PCs write it: CSV with commas or
 * semicolons (Excel in an Indonesian locale writes semicolons), UTF-8 with or
 * without a BOM, Windows line ends, quoted fields with newlines (papaparse);
 * `.xlsx` from Excel or LibreOffice (read-excel-file: its first sheet). Every
 * cell comes back as text; a date cell becomes YYYY-MM-DD.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/node';
import { badInput } from '../../../core/errors.js';
import type { SheetTable } from '../../../core/batch/sheet.js';

export const SHEET_EXTENSIONS = ['.csv', '.xlsx'] as const;
/** An office sheet of a few hundred rows is kilobytes; anything near this is not one. */
const MAX_SHEET_BYTES = 20 * 1024 * 1024;
const MAX_ROWS = 5000;

export function isSheetFile(file: string): boolean {
  return (SHEET_EXTENSIONS as readonly string[]).includes(path.extname(file).toLowerCase());
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  return String(value);
}

function unreadable(file: string, detail?: string) {
  const name = path.basename(file);
  return badInput(
    'sheet-unreadable',
    {
      id: `Lembar kerja ${name} tidak bisa dibaca. Simpan ulang sebagai .csv (UTF-8) atau .xlsx dari Excel atau LibreOffice, lalu coba lagi.`,
      en: `The spreadsheet ${name} cannot be read. Save it again as .csv (UTF-8) or .xlsx from Excel or LibreOffice, then try again.`,
    },
    detail,
  );
}

function parseCsv(text: string): string[][] {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
    delimitersToGuess: [',', ';', '\t'],
    skipEmptyLines: 'greedy',
  });
  return parsed.data.map((row) => row.map(cellText));
}

async function parseXlsx(file: string): Promise<string[][]> {
  const sheets = await readXlsxFile(file);
  const first = sheets[0];
  return (first?.data ?? []).map((row) => row.map(cellText));
}

/** The sheet's first row as headers and the rest as rows, all text. */
export async function readSheetFile(file: string): Promise<SheetTable> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) {
    throw badInput('sheet-missing', {
      id: `Lembar kerja ${file} tidak ditemukan. Periksa nama dan foldernya.`,
      en: `The spreadsheet ${file} was not found. Check its name and folder.`,
    });
  }
  if (info.size > MAX_SHEET_BYTES) throw unreadable(file, `${info.size} bytes`);
  let cells: string[][];
  try {
    cells = path.extname(file).toLowerCase() === '.xlsx' ? await parseXlsx(file) : parseCsv(await readFile(file, 'utf8'));
  } catch (error) {
    throw unreadable(file, error instanceof Error ? error.message : String(error));
  }
  const [header = [], ...rows] = cells;
  if (rows.length > MAX_ROWS) {
    throw badInput('sheet-too-many-rows', {
      id: `Lembar kerja ${path.basename(file)} punya ${rows.length} baris; satu batch memuat paling banyak ${MAX_ROWS}. Bagi menjadi beberapa lembar kerja.`,
      en: `The spreadsheet ${path.basename(file)} has ${rows.length} rows; one batch holds at most ${MAX_ROWS}. Split it into several sheets.`,
    });
  }
  return { header: header.map((cell) => cell.trim()), rows };
}
