/**
 * A batch spreadsheet from file to queued jobs, in two steps so nothing renders
 * before the admin accepts: `prepareSheet` reads the sheet, checks every row
 * (files, lengths against the pack's templates, dates, styles, packs, output
 * names) and probes each row's media, so a broken clip is reported by row too;
 * `queueSheetRows` then puts the accepted rows in the export queue, one job a
 * row, each carrying its project and its output names.
 */
import { withCaptionsFile } from '../captions/subtitles.js';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { checkSheet, type SheetCheck, type SheetIssue, type SheetPackFacts, type SheetRow } from '@core/batch/sheet.js';
import { COLUMN_LABELS, mapColumns } from '@core/batch/columns.js';
import { KlipError, type Language } from '@core/errors.js';
import type { MediaInfo } from '@core/media.js';
import { buildQuickProject } from '@core/model/quick.js';
import type { Project } from '@core/model/project.js';
import { nameRoleTemplate } from '@core/pack/templates.js';
import type { ResolvedPack } from '@core/pack/resolved.js';
import type { QueueJob } from '@core/queue.js';
import { probeMedia } from '../ffmpeg/probe.js';
import { loadPackById } from '../pack/find.js';
import { readSheetFile } from './sheet-file.js';
import type { ExportQueue } from './queue.js';

export interface PreparedRow extends SheetRow {
  project: Project;
}

export interface PreparedSheet {
  file: string;
  rows: PreparedRow[];
  issues: SheetIssue[];
  unknownColumns: string[];
}

function packFacts(pack: ResolvedPack): SheetPackFacts {
  const { manifest } = pack;
  const intro = manifest.intro?.type === 'svg' ? manifest.intro.fields : [];
  return {
    templates: manifest.overlays.map((template) => ({ id: template.id, label: template.label, fields: template.fields })),
    ...(nameRoleTemplate(manifest) ? { nameRoleTemplate: nameRoleTemplate(manifest)!.id } : {}),
    introFields: intro,
  };
}

/** The packs a sheet names (and the default), loaded once each; a pack that does not load is left out and reported per row. */
async function loadSheetPacks(options: { ids: string[]; libraryDir?: string }): Promise<Map<string, SheetPackFacts>> {
  const packs = new Map<string, SheetPackFacts>();
  for (const id of new Set(options.ids)) {
    const pack = await loadPackById({ id, libraryDir: options.libraryDir }).catch(() => undefined);
    if (pack) packs.set(id, packFacts(pack));
  }
  return packs;
}

function rowIssue(row: number, column: SheetIssue['column'], error: unknown): SheetIssue {
  const text = error instanceof KlipError ? error.text : { id: String(error), en: String(error) };
  return { row, ...(column ? { column } : {}), code: error instanceof KlipError ? error.code : 'sheet-row-failed', message: { id: text.id, en: text.en } };
}

/** Probe the row's media and make its project; a clip that does not probe is the row's issue. */
async function projectOfRow(options: { row: SheetRow; dir: string }): Promise<Project | SheetIssue> {
  const { row, dir } = options;
  const resolve = (name: string) => path.resolve(dir, name);
  let clips: MediaInfo[];
  let music: MediaInfo | undefined;
  try {
    clips = await Promise.all(row.clips.map((clip) => probeMedia(resolve(clip))));
  } catch (error) {
    return rowIssue(row.row, 'clip', error);
  }
  try {
    music = row.music ? await probeMedia(resolve(row.music)) : undefined;
  } catch (error) {
    return rowIssue(row.row, 'music', error);
  }
  try {
    const project = buildQuickProject({
      name: row.title,
      clips,
      ...(music ? { music } : {}),
      ...(row.name ? { title: { name: row.name, role: row.role ?? '' } } : {}),
      ...(row.template ? { titleTemplate: row.template } : {}),
      pack: row.pack,
      fields: { title: row.title, ...(row.date ? { date: row.date } : {}) },
    });
    const placed = withOverlayStart(project, row);
    if (!row.captions || !('kind' in placed)) return placed;
    return await withCaptionsFile({ project: placed, path: resolve(row.captions) }).catch((error: unknown) => rowIssue(row.row, 'captions', error));
  } catch (error) {
    return rowIssue(row.row, 'clip', error);
  }
}

/** Put the lower third where the row's start column says (seconds from the first clip's start). */
function withOverlayStart(project: Project, row: SheetRow): Project | SheetIssue {
  const overlay = project.timeline.tracks.overlay[0];
  if (!overlay || row.startSeconds === undefined) return project;
  const start = Math.round(row.startSeconds * project.fps);
  const total = project.timeline.tracks.video.reduce((sum, item) => sum + (item.kind === 'clip' ? item.sourceRange.duration : item.duration), 0);
  if (start >= total) {
    const seconds = (total / project.fps).toFixed(1);
    return {
      row: row.row,
      column: 'start',
      code: 'sheet-start-after-end',
      message: {
        id: `Lower third mulai di detik ${row.startSeconds}, padahal videonya hanya ${seconds} detik. Pilih waktu mulai yang lebih awal.`,
        en: `The lower third starts at ${row.startSeconds} s, but the video is only ${seconds} s long. Choose an earlier start.`,
      },
    };
  }
  const duration = Math.max(1, Math.min(overlay.duration, total - start));
  return { ...project, timeline: { ...project.timeline, tracks: { ...project.timeline.tracks, overlay: [{ ...overlay, start, duration }] } } };
}

/** Read and check the sheet, and make each good row's project; nothing is queued or rendered. */
export async function prepareSheet(options: {
  file: string;
  presets: string[];
  defaultPack: string;
  pattern?: string;
  libraryDir?: string;
  language: Language;
}): Promise<PreparedSheet> {
  const file = path.resolve(options.file);
  const dir = path.dirname(file);
  const table = await readSheetFile(file);
  const packColumns = mapColumns(table.header).indexes.pack ?? [];
  const named = table.rows.flatMap((cells) => packColumns.map((index) => (cells[index] ?? '').trim())).filter(Boolean);
  const packs = await loadSheetPacks({ ids: [options.defaultPack, ...named], libraryDir: options.libraryDir });
  const check: SheetCheck = checkSheet({
    table,
    packs,
    defaultPack: options.defaultPack,
    presets: options.presets,
    ...(options.pattern ? { pattern: options.pattern } : {}),
    fileExists: (name) => existsSync(path.resolve(dir, name)),
    language: options.language,
  });
  const rows: PreparedRow[] = [];
  const issues = [...check.issues];
  for (const row of check.rows) {
    const project = await projectOfRow({ row, dir });
    if ('code' in project) issues.push(project);
    else rows.push({ ...row, project });
  }
  issues.sort((a, b) => a.row - b.row);
  return { file, rows, issues, unknownColumns: check.unknownColumns };
}

/** One report line per issue: "baris 3, kolom nama: ..." */
export function describeSheetIssue(entry: SheetIssue, language: Language): string {
  const column = entry.column ? COLUMN_LABELS[entry.column][language] : undefined;
  const where = language === 'id' ? `baris ${entry.row}${column ? `, kolom ${column}` : ''}` : `row ${entry.row}${column ? `, column ${column}` : ''}`;
  return `${where}: ${entry.message[language]}`;
}

/** Queue the accepted rows, one job each; returns the jobs in row order. */
export function queueSheetRows(options: {
  queue: ExportQueue;
  sheet: PreparedSheet;
  presets: QueueJob['presets'];
  outDir: string;
  overwrite: boolean;
  /** also write each video's captions as an .srt next to it */
  sidecar?: boolean;
  libraryDir?: string;
  /** who runs the jobs: the CLI (default) or the app's queue panel */
  queuedBy?: QueueJob['queuedBy'];
}): QueueJob[] {
  const dir = path.dirname(options.sheet.file);
  return options.sheet.rows.map((row) =>
    options.queue.add({
      source: { kind: 'sheet', project: row.project, projectDir: dir, sheet: options.sheet.file, row: row.row },
      queuedBy: options.queuedBy ?? 'cli',
      projectName: `${path.basename(options.sheet.file)} #${row.row}: ${row.title}`,
      presets: options.presets,
      outDir: options.outDir,
      overwrite: options.overwrite,
      ...(options.sidecar ? { sidecar: true } : {}),
      outputNames: row.outputs,
      ...(options.libraryDir ? { libraryDir: options.libraryDir } : {}),
    }),
  );
}
