/**
 * `klipkota batch SHEET` with real FFmpeg: a video per row from a CSV (commas,
 * BOM, Windows line ends, a quoted field with a newline) and an `.xlsx`, each
 * with Indonesian names; every row's lower third shows its own row's text
 * (compared with the rasterized overlay); a batch killed with SIGKILL is
 * finished by `--resume` without rendering a finished file again and without a
 * partial file anywhere; a sheet with problems is reported row by row and
 * nothing renders.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import writeXlsxFile from 'write-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileRenderPlan } from '../../core/plan/compile.js';
import { getPreset } from '../../core/presets.js';
import { withDefaultFields } from '../../core/model/fields.js';
import { probeMedia } from '../../electron/engine/ffmpeg/probe.js';
import { makeSampleClip } from '../../electron/engine/media/samples.js';
import { loadBuiltInPack } from '../../electron/engine/pack/load.js';
import { prepareSheet, type PreparedRow } from '../../electron/engine/queue/sheet-jobs.js';
import { rasterizeOverlay } from '../../electron/engine/raster/rasterize.js';
import { runKlipkota, type CliRun } from '../helpers/cli.js';
import { makeTempDir, type TempDir } from '../helpers/media.js';
import { frameAt, pngPixels } from '../helpers/video.js';

let temp: TempDir;

const SPEAKERS = [
  ['Siti Aminah', 'Lurah Kauman'],
  ['Budi Santoso', 'Camat Klojen'],
  ['Ni Luh Putu Ayu', 'Ketua PKK Oro-Oro Dowo'],
  ['Agus Salim', 'Kader Posyandu Bareng'],
  ['Dewi Sartika', 'Ketua RW 05 Samaan'],
  ['Rahmat Hidayat', 'Lurah Penanggungan'],
  ['Sri Wahyuni', 'Lurah Oro-Oro Dowo'],
  ['Yohanes Pratama', 'Admin KIM Rampal Celaket'],
  ['Fatimah Azzahra', 'Bidan Kelurahan Gadingkasri'],
  ['Joko Susilo', 'Ketua Karang Taruna Sukoharjo'],
] as const;

function cli(args: string[], home: string, onSpawn?: Parameters<typeof runKlipkota>[0]['onSpawn']): Promise<CliRun> {
  return runKlipkota({ args: ['batch', ...args], env: { KLIPKOTA_HOME: home, LANG: 'id_ID.UTF-8' }, onSpawn });
}

function csvField(value: string): string {
  return /[",;\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

async function listFiles(dir: string): Promise<string[]> {
  return existsSync(dir) ? (await readdir(dir)).sort() : [];
}

/** Mean difference (0-255) between the frame's overlay box and the row's own rasterized lower third over black. */
async function overlayDifference(options: { file: string; row: PreparedRow; preset: 'tiktok' | 'youtube'; fields?: Record<string, string> }): Promise<number> {
  const pack = await loadBuiltInPack();
  const project = withDefaultFields(options.row.project, { date: new Date(), language: 'id' });
  const media = Object.fromEntries(await Promise.all(project.timeline.tracks.video.flatMap((item) => (item.kind === 'clip' ? [probeMedia(item.media.path).then((info) => [item.media.path, info] as const)] : []))));
  const plan = compileRenderPlan({ project, pack, preset: getPreset(options.preset), media });
  const window = plan.timeline.find((segment) => segment.kind === 'overlay')!;
  const raster = plan.inputs.find((input) => input.kind === 'raster' && input.request.width === window.box!.width && input.request.height === window.box!.height);
  if (raster?.kind !== 'raster') throw new Error('no lower-third raster in the plan');
  const png = temp.file(`expected-${options.row.row}-${options.preset}-${Object.values(options.fields ?? {}).join('')}.png`);
  await rasterizeOverlay({ ...raster.request, fields: { ...raster.request.fields, ...options.fields } }, png);
  const image = await pngPixels(png);
  const frame = await frameAt(options.file, (window.startSeconds + window.endSeconds) / 2);
  const box = window.box!;
  let total = 0;
  for (let y = 0; y < image.height; y += 2) {
    for (let x = 0; x < image.width; x += 2) {
      const source = (y * image.width + x) * 4;
      const alpha = image.rgba[source + 3]! / 255;
      const target = ((box.y + y) * frame.width + box.x + x) * 3;
      for (let channel = 0; channel < 3; channel += 1) total += Math.abs(image.rgba[source + channel]! * alpha - frame.rgb[target + channel]!);
    }
  }
  return total / (Math.ceil(image.width / 2) * Math.ceil(image.height / 2) * 3);
}

beforeAll(async () => {
  temp = await makeTempDir('klipkota-sheet-');
  await mkdir(temp.file('sheet/klip'), { recursive: true });
  // black clips: the lower third over them is the rasterized overlay over black, pixel for pixel
  for (let index = 1; index <= 10; index += 1) {
    await makeSampleClip({ path: temp.file(`sheet/klip/kegiatan-${index}.mp4`), seconds: 2.5, width: 320, height: 180, fps: 30, pattern: 'color', color: 'black' });
  }
}, 240_000);

afterAll(async () => {
  await temp?.remove();
});

describe('klipkota batch SHEET.csv', () => {
  it('renders a video per row and preset, each with its own lower third, and --resume finishes a killed batch without redoing files', { timeout: 900_000 }, async () => {
    const header = ['Klip', 'Judul', 'Tanggal', 'Nama Narasumber', 'Jabatan'];
    const rows = SPEAKERS.map(([name, role], index) => [`klip/kegiatan-${index + 1}.mp4`, index === 2 ? `Kerja Bakti\nRW ${index + 1}` : `Kegiatan Warga ${index + 1}`, `${index + 1}/08/2026`, name, role]);
    const csv = '\uFEFF' + [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
    await writeFile(temp.file('sheet/kegiatan.csv'), csv, 'utf8');
    const home = temp.file('home-csv');
    const out = temp.file('out-csv');

    // SIGKILL once the first file is saved
    const killed = await cli([temp.file('sheet/kegiatan.csv'), '--preset', 'tiktok,youtube', '--out', out], home, (child) => {
      const timer = setInterval(() => {
        void listFiles(out).then((files) => {
          if (files.some((file) => file.endsWith('.mp4'))) {
            clearInterval(timer);
            child.kill('SIGKILL');
          }
        });
      }, 100);
      child.on('close', () => clearInterval(timer));
    });
    expect(killed.signal).toBe('SIGKILL');
    const firstFiles = (await listFiles(out)).filter((file) => file.endsWith('.mp4'));
    expect(firstFiles.length).toBeGreaterThan(0);
    const firstTimes = await Promise.all(firstFiles.map(async (file) => (await stat(path.join(out, file))).mtimeMs));

    const resumed = await cli(['--resume', '--json'], home);
    expect(resumed.code, resumed.stderr).toBe(0);
    const files = await listFiles(out);
    expect(files).toHaveLength(20);
    expect(files.filter((file) => !file.endsWith('.mp4'))).toEqual([]);
    expect(files).toContain('02-kegiatan-warga-1-tiktok.mp4');
    expect(files).toContain('04-kerja-bakti-rw-3-youtube.mp4');
    // finished files were not rendered again
    expect(await Promise.all(firstFiles.map(async (file) => (await stat(path.join(out, file))).mtimeMs))).toEqual(firstTimes);

    const sheet = await prepareSheet({ file: temp.file('sheet/kegiatan.csv'), presets: ['tiktok', 'youtube'], defaultPack: 'pemkot-malang', language: 'id' });
    expect(sheet.issues).toEqual([]);
    expect(sheet.rows.map((row) => row.name)).toEqual(SPEAKERS.map(([name]) => name));
    for (const row of sheet.rows) {
      for (const preset of ['tiktok', 'youtube'] as const) {
        const file = path.join(out, row.outputs[preset]!);
        const info = await probeMedia(file);
        // intro 3 s + the 2.5 s clip + outro 3 s
        expect(info.durationSeconds).toBeCloseTo(8.5, 1);
        expect(info.video).toMatchObject(preset === 'tiktok' ? { width: 1080, height: 1920 } : { width: 1920, height: 1080 });
        expect(info.audio).toBeDefined();
      }
    }
    // the lower third shows its own row's text, not a neighbour's
    for (const index of [0, 2, 9]) {
      const row = sheet.rows[index]!;
      for (const preset of ['tiktok', 'youtube'] as const) {
        const file = path.join(out, row.outputs[preset]!);
        const own = await overlayDifference({ file, row, preset });
        const other = SPEAKERS[(index + 1) % SPEAKERS.length]!;
        const neighbour = await overlayDifference({ file, row, preset, fields: { name: other[0], role: other[1] } });
        console.log(`row ${row.row} ${preset}: own lower third differs by ${own.toFixed(2)}, a neighbour's by ${neighbour.toFixed(2)}`);
        expect(own).toBeLessThan(4);
        expect(neighbour).toBeGreaterThan(own * 1.5);
      }
    }
  });
});

describe('klipkota batch SHEET.xlsx', () => {
  it('reads a sheet straight from Excel, dates as date cells, and renders each row', { timeout: 600_000 }, async () => {
    const header = ['Klip', 'Judul', 'Tanggal', 'Nama', 'Jabatan', 'Nama Berkas'].map((value) => ({ value }));
    const rows = SPEAKERS.slice(0, 10).map(([name, role], index) => [
      { value: `klip/kegiatan-${index + 1}.mp4` },
      { value: `Sosialisasi ${index + 1}` },
      { value: new Date(Date.UTC(2026, 7, 17)), type: Date, format: 'dd/mm/yyyy' },
      { value: name },
      { value: role },
      { value: `sosialisasi-${String(index + 1).padStart(2, '0')}` },
    ]);
    await writeXlsxFile([header, ...rows]).toFile(temp.file('sheet/sosialisasi.xlsx'));
    const checked = await cli([temp.file('sheet/sosialisasi.xlsx'), '--preset', 'tiktok,youtube', '--out', temp.file('out-xlsx'), '--check', '--json'], temp.file('home-xlsx'));
    expect(checked.code, checked.stderr).toBe(0);
    const report = JSON.parse(checked.stdout) as { accepted: Array<{ row: number; title: string; outputs: Record<string, string> }>; issues: unknown[] };
    expect(report.issues).toEqual([]);
    expect(report.accepted).toHaveLength(10);
    expect(report.accepted[9]).toEqual({ row: 11, title: 'Sosialisasi 10', outputs: { tiktok: 'sosialisasi-10-tiktok.mp4', youtube: 'sosialisasi-10-youtube.mp4' } });
    expect(await listFiles(temp.file('out-xlsx'))).toEqual([]);

    const sheet = await prepareSheet({ file: temp.file('sheet/sosialisasi.xlsx'), presets: ['tiktok', 'youtube'], defaultPack: 'pemkot-malang', language: 'id' });
    expect(sheet.rows[0]!.date).toBe('17 Agustus 2026');
    expect(sheet.rows[3]!.name).toBe('Agus Salim');

    // the CSV case renders both presets; here one is enough to show the .xlsx rows reach the videos
    // two at a time: the queue hands each job to one runner only
    const run = await cli([temp.file('sheet/sosialisasi.xlsx'), '--preset', 'youtube', '--out', temp.file('out-xlsx'), '--jobs', '2', '--json'], temp.file('home-xlsx'));
    expect(run.code, run.stderr).toBe(0);
    expect(await listFiles(temp.file('out-xlsx'))).toEqual(sheet.rows.map((entry) => entry.outputs.youtube).sort());
    const row = sheet.rows[3]!;
    const own = await overlayDifference({ file: temp.file(`out-xlsx/${row.outputs.youtube}`), row, preset: 'youtube' });
    expect(own).toBeLessThan(4);
  });
});

describe('a sheet with problems', () => {
  it('is reported by row and column, and nothing renders; --skip-bad renders only the good rows', async () => {
    const long = 'Nama '.repeat(60).trim();
    const csv = [
      'klip;judul;nama;jabatan;nama berkas',
      'klip/kegiatan-1.mp4;Rapat Warga;Siti Aminah;Lurah Kauman;rapat',
      'klip/tidak-ada.mp4;Klip Hilang;Budi;Camat;hilang',
      `klip/kegiatan-2.mp4;Nama Panjang;${long};Lurah;panjang`,
      'klip/kegiatan-3.mp4;Rapat Lagi;Dewi;Ketua RW;rapat',
    ].join('\n');
    await writeFile(temp.file('sheet/masalah.csv'), csv, 'utf8');
    const out = temp.file('out-bad');
    const run = await cli([temp.file('sheet/masalah.csv'), '--preset', 'tiktok', '--out', out], temp.file('home-bad'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('baris 3, kolom klip: Klip klip/tidak-ada.mp4 tidak ditemukan');
    expect(run.stderr).toContain('baris 4, kolom nama: Isi kolom nama 299 karakter');
    expect(run.stderr).toContain('baris 5, kolom nama berkas: Nama berkas hasil rapat-tiktok.mp4 sama dengan baris 2');
    expect(await listFiles(out)).toEqual([]);

    const skipped = await cli([temp.file('sheet/masalah.csv'), '--preset', 'tiktok', '--out', out, '--skip-bad', '--json'], temp.file('home-bad'));
    expect(skipped.code, skipped.stderr).toBe(0);
    expect(await listFiles(out)).toEqual(['rapat-tiktok.mp4']);
  });
});
