import { describe, expect, it } from 'vitest';
import { mapColumns } from '../../core/batch/columns.js';
import { outputFileName } from '../../core/batch/names.js';
import { checkSheet, type SheetCheckRequest, type SheetPackFacts } from '../../core/batch/sheet.js';
import { parseSheetDate, parseStartSeconds } from '../../core/batch/values.js';

const pack: SheetPackFacts = {
  templates: [
    { id: 'lower-third', label: { id: 'Nama dan jabatan', en: 'Name and role' }, fields: [{ name: 'name', maxLength: 40 }, { name: 'role', maxLength: 60 }] },
    { id: 'judul-bawah', label: { id: 'Judul bawah', en: 'Bottom title' }, fields: [{ name: 'name', maxLength: 30 }] },
  ],
  nameRoleTemplate: 'lower-third',
  introFields: [{ name: 'title', maxLength: 120 }, { name: 'date', maxLength: 60 }],
};

function request(rows: string[][], header = ['Klip', 'Judul', 'Tanggal', 'Nama Narasumber', 'Jabatan'], extra: Partial<SheetCheckRequest> = {}): SheetCheckRequest {
  return {
    table: { header, rows },
    packs: new Map([['pemkot-malang', pack]]),
    defaultPack: 'pemkot-malang',
    presets: ['tiktok', 'youtube'],
    fileExists: (name) => !name.includes('hilang'),
    language: 'id',
    ...extra,
  };
}

describe('batch sheet columns', () => {
  it('knows Indonesian and English headers whatever their case, accents and spacing', () => {
    const map = mapColumns(['KLIP 1', 'klip_2', 'Judul Video', 'tanggal', 'Nama Narasumber', 'JABATAN', 'Mulai (detik)', 'Style', 'Catatan']);
    expect(map.indexes.clip).toEqual([0, 1]);
    expect(map.indexes.title).toEqual([2]);
    expect(map.indexes.name).toEqual([4]);
    expect(map.indexes.style).toEqual([7]);
    expect(map.indexes.start).toEqual([6]);
    expect(map.unknown).toEqual(['Catatan']);
  });
});

describe('batch sheet values', () => {
  it('reads dates as Indonesia writes them and refuses impossible ones', () => {
    expect(parseSheetDate('17/08/2026', 'id')).toBe('17 Agustus 2026');
    expect(parseSheetDate('2026-08-17', 'en')).toBe('17 August 2026');
    expect(parseSheetDate('17 Agustus 2026', 'id')).toBe('17 Agustus 2026');
    expect(parseSheetDate('1-12-2026', 'id')).toBe('1 Desember 2026');
    expect(parseSheetDate('31/02/2026', 'id')).toBeUndefined();
    expect(parseSheetDate('besok', 'id')).toBeUndefined();
    expect(parseSheetDate('17 Agustusan 2026', 'id')).toBeUndefined();
  });

  it('reads start times with a decimal comma or as minutes:seconds', () => {
    expect(parseStartSeconds('2')).toBe(2);
    expect(parseStartSeconds('2,5')).toBe(2.5);
    expect(parseStartSeconds('1:02.5')).toBe(62.5);
    expect(parseStartSeconds('-1')).toBeUndefined();
    expect(parseStartSeconds('dua')).toBeUndefined();
  });

  it('makes output names safe for Windows', () => {
    const values = { row: '03', title: 'Posyandu: Kelurahan "Kauman"?', name: '', date: '', output: '', preset: 'tiktok' };
    expect(outputFileName('{row}-{title}-{preset}.mp4', values)).toBe('03-posyandu-kelurahan-kauman-tiktok.mp4');
    expect(outputFileName('{output}', { ...values, output: 'CON' })).toBe('video-con.mp4');
    expect(outputFileName('a/b\\c:{preset}', values)).toBe('a-b-c-tiktok.mp4');
    expect(outputFileName('{title}', { ...values, title: 'Ibu Sri Rahayu — Pasar Besar' })).toBe('ibu-sri-rahayu-pasar-besar.mp4');
  });
});

describe('checkSheet', () => {
  it('plans a video per row with names from the pattern', () => {
    const check = checkSheet(request([
      ['posyandu.mp4', 'Posyandu Kauman', '17/08/2026', 'Siti Aminah', 'Lurah Kauman'],
      ['pasar.mp4|penutup.mp4', 'Pasar Murah', '', 'Budi Santoso', 'Camat Klojen'],
      ['', '', '', '', ''],
    ]));
    expect(check.issues).toEqual([]);
    expect(check.rows).toHaveLength(2);
    expect(check.rows[0]).toMatchObject({ row: 2, clips: ['posyandu.mp4'], title: 'Posyandu Kauman', date: '17 Agustus 2026', name: 'Siti Aminah', template: 'lower-third', pack: 'pemkot-malang' });
    expect(check.rows[0]!.outputs).toEqual({ tiktok: '2-posyandu-kauman-tiktok.mp4', youtube: '2-posyandu-kauman-youtube.mp4' });
    expect(check.rows[1]!.clips).toEqual(['pasar.mp4', 'penutup.mp4']);
    expect(check.rows[1]!.date).toBeUndefined();
  });

  it('names row and column of every problem and leaves bad rows out', () => {
    const long = 'N'.repeat(300);
    const check = checkSheet(request(
      [
        ['hilang.mp4', 'Judul A', '17/08/2026', 'Siti', 'Lurah'],
        ['a.mp4', 'Judul B', '31/02/2026', long, 'Lurah'],
        ['b.mp4', 'Judul C', '', 'Siti', 'Lurah', 'gaya-aneh'],
        ['c.mp4', 'Judul C', '', 'Budi', 'Camat'],
        ['d.mp4', '', '', '', ''],
      ],
      ['klip', 'judul', 'tanggal', 'nama', 'jabatan', 'gaya'],
    ));
    const found = check.issues.map((entry) => `${entry.row}:${entry.column}:${entry.code}`);
    expect(found).toEqual([
      '2:clip:sheet-missing-file',
      '3:date:sheet-bad-date',
      '3:name:sheet-too-long',
      '4:style:sheet-unknown-style',
      '6:title:sheet-no-title',
    ]);
    expect(check.issues[2]!.message.id).toContain('300 karakter');
    expect(check.rows.map((row) => row.row)).toEqual([5]);
  });

  it('refuses two rows that would write the same file, ignoring case', () => {
    const check = checkSheet(request(
      [
        ['a.mp4', 'Sama', 'Posyandu'],
        ['b.mp4', 'Lain', 'POSYANDU'],
      ],
      ['klip', 'judul', 'nama berkas'],
    ));
    expect(check.issues.map((entry) => `${entry.row}:${entry.column}:${entry.code}`)).toEqual(['3:output:sheet-duplicate-output', '3:output:sheet-duplicate-output']);
    expect(check.issues[0]!.message.id).toContain('baris 2');
  });

  it('refuses an unknown pack and a sheet without a clip column', () => {
    expect(checkSheet(request([['a.mp4', 'Judul', 'kota-lain']], ['klip', 'judul', 'paket'])).issues[0]).toMatchObject({ row: 2, column: 'pack', code: 'sheet-unknown-pack' });
    expect(checkSheet(request([['Judul']], ['judul'])).issues[0]).toMatchObject({ row: 1, code: 'sheet-no-clip-column' });
  });

  it('treats a style called constructor as an unknown style, not an internal error', () => {
    const check = checkSheet(request([['a.mp4', 'Judul', 'constructor']], ['klip', 'judul', 'gaya']));
    expect(check.issues[0]).toMatchObject({ code: 'sheet-unknown-style' });
  });
});

describe('queueProgress', () => {
  it('counts each job as one share split among its presets, with a time left for the whole queue', async () => {
    const { queueProgress } = await import('../../core/batch/progress.js');
    const jobs = [
      { presets: ['tiktok', 'youtube'], finished: true },
      { presets: ['tiktok', 'youtube'], finished: false, current: { preset: 'youtube', percent: 50 } },
      { presets: ['tiktok', 'youtube'], finished: false },
      { presets: ['tiktok', 'youtube'], finished: false },
    ];
    const progress = queueProgress({ jobs, elapsedSeconds: 70 });
    expect(progress.percent).toBeCloseTo(43.75, 5);
    expect(progress.etaSeconds).toBeCloseTo(90, 5);
    expect(queueProgress({ jobs: [{ presets: ['tiktok'], finished: false, current: { preset: 'tiktok', percent: 1 } }], elapsedSeconds: 10 }).etaSeconds).toBeUndefined();
    expect(queueProgress({ jobs: [], elapsedSeconds: 0 }).percent).toBe(100);
  });
});
