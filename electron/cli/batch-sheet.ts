/**
 * `klipkota batch SHEET.csv|SHEET.xlsx --preset LIST --out DIR [--pack ID]
 *  [--names PATTERN] [--check] [--skip-bad] [--overwrite] [--json]`
 *
 * A video per spreadsheet row. Every row is checked first and the problems are
 * reported by row and column; nothing renders while a row has a problem unless
 * the admin accepts leaving those rows out (`--skip-bad`). `--check` only
 * reports. Accepted rows become jobs in the persisted queue, so `--resume`
 * finishes them after a crash without redoing finished files.
 */
import path from 'node:path';
import { EXIT } from '@core/errors.js';
import { unknownPlaceholders } from '@core/batch/names.js';
import type { QueueJob } from '@core/queue.js';
import { klipkotaHome, packLibraryDir } from '../engine/pack/home.js';
import { BUILT_IN_PACK_ID } from '../engine/pack/load.js';
import { describeSheetIssue, prepareSheet, queueSheetRows, type PreparedSheet } from '../engine/queue/sheet-jobs.js';
import { openExportQueue, type ExportQueue } from '../engine/queue/queue.js';
import { usageError, type CliContext } from './context.js';

export interface SheetBatchOptions {
  file: string;
  presets: QueueJob['presets'];
  out: string;
  pack?: string;
  names?: string;
  check?: boolean;
  skipBad?: boolean;
  overwrite?: boolean;
  sidecar?: boolean;
}

function sheetReport(sheet: PreparedSheet, context: CliContext) {
  return {
    sheet: sheet.file,
    accepted: sheet.rows.map((row) => ({ row: row.row, title: row.title, outputs: row.outputs })),
    issues: sheet.issues.map((entry) => ({ row: entry.row, ...(entry.column ? { column: entry.column } : {}), code: entry.code, message: entry.message[context.language] })),
    ...(sheet.unknownColumns.length ? { unknownColumns: sheet.unknownColumns } : {}),
  };
}

function printReport(sheet: PreparedSheet, context: CliContext): void {
  const id = context.language === 'id';
  const name = path.basename(sheet.file);
  context.err(id ? `${name}: ${sheet.rows.length} baris siap, ${new Set(sheet.issues.map((entry) => entry.row)).size} baris bermasalah.` : `${name}: ${sheet.rows.length} row(s) ready, ${new Set(sheet.issues.map((entry) => entry.row)).size} row(s) with problems.`);
  for (const entry of sheet.issues) context.err(`  ${describeSheetIssue(entry, context.language)}`);
  if (sheet.unknownColumns.length) {
    context.err(id ? `  Kolom yang tidak dipakai: ${sheet.unknownColumns.join(', ')}` : `  Columns not used: ${sheet.unknownColumns.join(', ')}`);
  }
}

/** Check the sheet and queue its accepted rows; a number is the exit code when nothing is to run. */
export async function queueSheetBatch(options: SheetBatchOptions, context: CliContext): Promise<number | { queue: ExportQueue; ids: string[] }> {
  if (options.names !== undefined && unknownPlaceholders(options.names).length) {
    return usageError(context, {
      id: `Pola nama ${options.names} memakai ${unknownPlaceholders(options.names).map((name) => `{${name}}`).join(', ')}. Yang dikenal: {row}, {title}, {name}, {date}, {output}, {preset}.`,
      en: `The name pattern ${options.names} uses ${unknownPlaceholders(options.names).map((name) => `{${name}}`).join(', ')}. Known: {row}, {title}, {name}, {date}, {output}, {preset}.`,
    });
  }
  const libraryDir = packLibraryDir();
  const sheet = await prepareSheet({
    file: options.file,
    presets: options.presets,
    defaultPack: options.pack ?? BUILT_IN_PACK_ID,
    ...(options.names ? { pattern: options.names } : {}),
    libraryDir,
    language: context.language,
  });
  if (!context.json || options.check) printReport(sheet, context);
  if (options.check) {
    if (context.json) context.out(JSON.stringify(sheetReport(sheet, context)));
    return sheet.issues.length ? EXIT.badInput : EXIT.ok;
  }
  if (sheet.issues.length && !options.skipBad) {
    if (context.json) context.out(JSON.stringify({ ...sheetReport(sheet, context), error: { code: 'sheet-has-problems', message: context.language === 'id' ? 'Lembar kerja punya baris bermasalah; tidak ada yang dirender.' : 'The sheet has rows with problems; nothing was rendered.' } }));
    else {
      context.err(
        context.language === 'id'
          ? 'Tidak ada yang dirender. Perbaiki baris di atas, atau jalankan lagi dengan --skip-bad untuk merender baris yang benar saja.'
          : 'Nothing was rendered. Fix the rows above, or run again with --skip-bad to render only the good rows.',
      );
    }
    return EXIT.badInput;
  }
  if (!sheet.rows.length) return usageError(context, { id: 'Tidak ada baris yang bisa dirender.', en: 'There is no row to render.' });
  const queue = openExportQueue({ home: klipkotaHome(), onWarning: (text) => context.err(text[context.language]) });
  const jobs = queueSheetRows({ queue, sheet, presets: options.presets, outDir: path.resolve(options.out), overwrite: options.overwrite ?? false, sidecar: options.sidecar ?? false, libraryDir });
  return { queue, ids: jobs.map((job) => job.id) };
}
