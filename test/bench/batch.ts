/**
 * The batch case of `npm run bench -- --batch` (or alone:
 * `node bin/tsx-run.mjs test/bench/batch.ts [--rows N] [--jobs 1,2]`): a sheet of
 * N rows (default 10) x 2 presets rendered by `klipkota batch` with each
 * concurrency, with the bumper cache (starting empty) and without it
 * (`--no-bumper-cache`), against the sum of the same 2N renders done one by one by the
 * engine. Prints wall seconds and each batch's ratio to the serial sum (goal:
 * at most 0.8). Writes only under out/.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { withDefaultFields } from '@core/model/fields.js';
import { renderProject } from '../../electron/engine/export/render.js';
import { makeSampleClip } from '../../electron/engine/media/samples.js';
import { prepareSheet } from '../../electron/engine/queue/sheet-jobs.js';

const OUT = path.resolve('out');
const MEDIA_DIR = path.join(OUT, 'bench-media', 'batch');
const WORK_DIR = path.join(OUT, 'bench-work', 'batch');
const PRESETS = ['tiktok', 'youtube'] as const;

async function makeSheet(rows: number, say: (line: string) => void): Promise<string> {
  await mkdir(MEDIA_DIR, { recursive: true });
  for (let index = 1; index <= rows; index += 1) {
    const file = path.join(MEDIA_DIR, `kegiatan-${index}.mp4`);
    if (!existsSync(file)) {
      say(`making ${path.basename(file)} (5 s 1280x720 30 fps with sound)`);
      await makeSampleClip({ path: file, seconds: 5, width: 1280, height: 720, fps: 30 });
    }
  }
  const sheet = path.join(MEDIA_DIR, 'kegiatan.csv');
  const lines = ['klip,judul,tanggal,nama,jabatan'];
  for (let index = 1; index <= rows; index += 1) lines.push(`kegiatan-${index}.mp4,Kegiatan Warga ${index},17/08/2026,Narasumber ${index},Lurah Kelurahan ${index}`);
  await writeFile(sheet, `\uFEFF${lines.join('\r\n')}\r\n`);
  return sheet;
}

/** Each output rendered alone, one after another, by the engine: the serial sum. */
async function serialSum(sheetFile: string): Promise<number> {
  const sheet = await prepareSheet({ file: sheetFile, presets: [...PRESETS], defaultPack: 'pemkot-malang', language: 'id' });
  const out = path.join(WORK_DIR, 'serial');
  await rm(out, { recursive: true, force: true });
  const started = performance.now();
  for (const row of sheet.rows) {
    for (const preset of PRESETS) {
      await renderProject({
        project: withDefaultFields(row.project, { date: new Date(), language: 'id' }),
        projectDir: MEDIA_DIR,
        presets: [preset],
        outDir: out,
        outputNames: { [preset]: row.outputs[preset]! },
      });
    }
  }
  return (performance.now() - started) / 1000;
}

function batchRun(options: { sheet: string; jobs: number; cache: boolean }): Promise<number> {
  const out = path.join(WORK_DIR, `jobs-${options.jobs}-${options.cache ? 'cache' : 'nocache'}`);
  // a fresh home: the bumper cache starts empty, as on the first batch of the week
  const home = path.join(WORK_DIR, `home-${options.jobs}-${options.cache ? 'cache' : 'nocache'}`);
  return new Promise((resolve, reject) => {
    void Promise.all([rm(out, { recursive: true, force: true }), rm(home, { recursive: true, force: true })]).then(() => {
      const started = performance.now();
      const child = spawn(process.execPath, ['bin/klipkota.mjs', 'batch', options.sheet, '--preset', PRESETS.join(','), '--out', out, '--jobs', String(options.jobs), ...(options.cache ? [] : ['--no-bumper-cache']), '--json'], {
        env: { ...process.env, KLIPKOTA_HOME: home },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve((performance.now() - started) / 1000) : reject(new Error(`batch --jobs ${options.jobs}${options.cache ? '' : ' --no-bumper-cache'} exited ${code}`))));
    });
  });
}

export async function runBatchBench(options: { rows: number; jobs: number[]; say: (line: string) => void }): Promise<Record<string, number>> {
  const { say } = options;
  say(`\nbatch case: ${options.rows} rows x ${PRESETS.length} presets, ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(2)}`);
  const sheet = await makeSheet(options.rows, say);
  const serial = await serialSum(sheet);
  say(`serial sum of ${options.rows * PRESETS.length} single renders: ${serial.toFixed(1)} s`);
  const results: Record<string, number> = { serialSeconds: serial };
  for (const jobs of options.jobs) {
    for (const cache of [true, false]) {
      const wall = await batchRun({ sheet, jobs, cache });
      results[`batchJobs${jobs}${cache ? 'Cache' : 'NoCache'}Seconds`] = wall;
      const flags = `--jobs ${jobs}${cache ? '' : ' --no-bumper-cache'}`;
      say(`klipkota batch ${flags}: ${wall.toFixed(1)} s = ${(wall / serial).toFixed(3)} of the serial sum (goal <= 0.8), load ${os.loadavg()[0]!.toFixed(2)}`);
    }
  }
  return results;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const { values } = parseArgs({ options: { rows: { type: 'string', default: '10' }, jobs: { type: 'string', default: '1,2' } } });
  runBatchBench({
    rows: Math.max(1, Number.parseInt(values.rows!, 10) || 10),
    jobs: values.jobs!.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0),
    say: (line) => process.stdout.write(`${line}\n`),
  }).catch((error: unknown) => {
    process.stderr.write(`batch bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
