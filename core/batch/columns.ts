/**
 * The columns of a batch spreadsheet: which header means which part of the
 * project. Office sheets are typed by people, so a header is matched after
 * folding case, accents, spaces and punctuation ("Nama Narasumber",
 * "nama_narasumber" and "NAMA NARASUMBER" are one column), in Indonesian or
 * English. Pure: the engine reads the file, this decides what it means.
 */
import type { LocalizedText } from '../errors.js';

export type SheetColumn = 'clip' | 'title' | 'date' | 'name' | 'role' | 'start' | 'music' | 'style' | 'pack' | 'output' | 'captions';

/** Header spellings per column, already folded (see foldHeader). */
const ALIASES: Record<SheetColumn, string[]> = {
  clip: ['klip', 'clip', 'clips', 'video', 'berkasvideo', 'videofile'],
  title: ['judul', 'title', 'judulvideo', 'videotitle'],
  date: ['tanggal', 'date', 'tgl'],
  name: ['nama', 'name', 'namanarasumber', 'narasumber', 'speaker', 'speakername'],
  role: ['jabatan', 'role', 'peran', 'speakerrole'],
  start: ['mulai', 'start', 'mulaidetik', 'startseconds', 'detik', 'lowerthirdstart', 'mulailowerthird'],
  music: ['musik', 'music', 'lagu'],
  style: ['gaya', 'style', 'templat', 'template', 'gayalowerthird', 'lowerthirdstyle'],
  pack: ['paket', 'pack', 'pakettemplat', 'templatepack'],
  output: ['namaberkas', 'output', 'outputname', 'filename', 'berkashasil', 'namahasil'],
  captions: ['takarir', 'teks', 'subtitle', 'subtitel', 'captions', 'caption', 'srt', 'berkasteks', 'berkastakarir', 'subtitlefile'],
};

/** Column names as a report shows them. */
export const COLUMN_LABELS: Record<SheetColumn, LocalizedText> = {
  clip: { id: 'klip', en: 'clip' },
  title: { id: 'judul', en: 'title' },
  date: { id: 'tanggal', en: 'date' },
  name: { id: 'nama', en: 'name' },
  role: { id: 'jabatan', en: 'role' },
  start: { id: 'mulai', en: 'start' },
  music: { id: 'musik', en: 'music' },
  style: { id: 'gaya', en: 'style' },
  pack: { id: 'paket', en: 'pack' },
  output: { id: 'nama berkas', en: 'output name' },
  captions: { id: 'takarir', en: 'captions' },
};

/** Lower case, no accents, letters and digits only. */
export function foldHeader(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export interface ColumnMap {
  /** sheet column indexes per project part; clips may come from several columns (klip 1, klip 2...) */
  indexes: Partial<Record<SheetColumn, number[]>>;
  /** headers that mean nothing to KlipKota (reported, never fatal) */
  unknown: string[];
}

function columnOf(folded: string): SheetColumn | undefined {
  for (const [column, aliases] of Object.entries(ALIASES) as [SheetColumn, string[]][]) {
    if (aliases.includes(folded)) return column;
    // "klip 1", "klip2", "clip_3": numbered clip columns
    if (column === 'clip' && aliases.some((alias) => new RegExp(`^${alias}\\d{1,2}$`).test(folded))) return column;
  }
  return undefined;
}

export function mapColumns(header: string[]): ColumnMap {
  const indexes: Partial<Record<SheetColumn, number[]>> = {};
  const unknown: string[] = [];
  header.forEach((raw, index) => {
    if (raw.trim() === '') return;
    const column = columnOf(foldHeader(raw));
    if (!column) {
      unknown.push(raw);
      return;
    }
    (indexes[column] ??= []).push(index);
  });
  return { indexes, unknown };
}
