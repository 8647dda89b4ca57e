/**
 * A batch spreadsheet on its way into the queue: dropped or chosen, checked by
 * the engine row by row (queue.checkSheet: nothing is queued), the rows the
 * admin leaves ticked, the formats and the output folder; then queued
 * (queue.addSheet). The report is checked again with the chosen formats, since
 * the output names depend on them.
 */
import type { SheetReport } from '@core/api/contract.js';
import type { PresetId } from '@core/presets.js';
import { call, isHarness, pathForFile } from '../../api/client.js';
import { languageStore, translate } from '../../i18n.js';
import { createStore } from '../../store.js';
import { guarded, reportError } from '../errors/errorStore.js';
import { askNotificationPermission, refreshQueue } from './queueStore.js';

export const sheetStore = createStore({
  report: undefined as SheetReport | undefined,
  /** accepted rows the admin unticked */
  skipped: [] as number[],
  presets: ['tiktok'] as PresetId[],
  outDir: '',
  checking: false,
  adding: false,
  /** how many rows the last addSheet queued (a short confirmation) */
  queued: undefined as number | undefined,
});

/** A sheet's output folder starts as the editor's remembered export folder (typed once, not twice). */
export function restoreSheetFolder(outDir: string | null): void {
  if (outDir && !sheetStore.get().outDir) sheetStore.set({ outDir });
}

export function isSheetName(name: string): boolean {
  return /\.(csv|xlsx)$/i.test(name);
}

export async function checkSheet(path: string): Promise<void> {
  const { presets } = sheetStore.get();
  sheetStore.set({ checking: true, queued: undefined });
  const report = await guarded(() => call('queue.checkSheet', { path, ...(presets.length ? { presets } : {}) }));
  sheetStore.set({ checking: false, ...(report ? { report, skipped: [] } : {}) });
}

/**
 * Files dropped on the panel: one spreadsheet, and only through the transport's
 * path for it. In the browser the files are uploaded; the clips dropped with the
 * sheet go into the sheet's folder first, so its relative clip names resolve
 * (Electron gives real paths and ignores the rest).
 */
export async function dropSheet(files: File[]): Promise<void> {
  const sheets = files.filter((file) => isSheetName(file.name));
  const sheet = sheets[0];
  if (!sheet || sheets.length > 1) {
    const name = (sheets[1] ?? files[0])?.name;
    if (name !== undefined) reportError({ code: 'not-a-sheet', message: translate(languageStore.get().language, sheets.length > 1 ? 'sheet.oneSheet' : 'sheet.notSheet', { name }) });
    return;
  }
  const group = crypto.randomUUID();
  const path = await guarded(async () => {
    if (isHarness()) for (const clip of files.filter((file) => file !== sheet)) await pathForFile(clip, { group });
    return pathForFile(sheet, { group });
  });
  if (path) await checkSheet(path);
}

export async function chooseSheet(): Promise<void> {
  const chosen = await guarded(() => call('dialog.openFiles', { kind: 'sheet', multiple: false }));
  const path = chosen?.paths[0];
  if (path) await checkSheet(path);
}

export function toggleRow(row: number): void {
  sheetStore.set((state) => ({ skipped: state.skipped.includes(row) ? state.skipped.filter((entry) => entry !== row) : [...state.skipped, row] }));
}

export function toggleSheetPreset(preset: PresetId): void {
  sheetStore.set((state) => ({ presets: state.presets.includes(preset) ? state.presets.filter((id) => id !== preset) : [...state.presets, preset] }));
  const { report, presets } = sheetStore.get();
  // the output names in the report follow the formats
  if (report && presets.length) void guarded(() => call('queue.checkSheet', { path: report.sheet, presets })).then((next) => next && sheetStore.set({ report: next }));
}

export function setSheetOutDir(outDir: string): void {
  sheetStore.set({ outDir: outDir.trim() });
}

export async function chooseSheetFolder(): Promise<void> {
  const { outDir } = sheetStore.get();
  const chosen = await guarded(() => call('dialog.chooseFolder', outDir ? { defaultPath: outDir } : {}));
  if (chosen?.path) setSheetOutDir(chosen.path);
}

export function discardSheet(): void {
  if (!sheetStore.get().report) return;
  sheetStore.set({ report: undefined, skipped: [] });
}

/** The rows that would be queued now. */
export function rowsToQueue(state: ReturnType<typeof sheetStore.get>): number[] {
  return (state.report?.accepted ?? []).map((row) => row.row).filter((row) => !state.skipped.includes(row));
}

export async function queueSheet(): Promise<void> {
  const state = sheetStore.get();
  if (!state.report || !state.outDir || !state.presets.length || !rowsToQueue(state).length) return;
  askNotificationPermission();
  sheetStore.set({ adding: true });
  const added = await guarded(() =>
    call('queue.addSheet', { path: state.report!.sheet, presets: state.presets, outDir: state.outDir, skipRows: state.skipped }),
  );
  sheetStore.set({ adding: false, ...(added ? { report: undefined, skipped: [], queued: added.rows.length } : {}) });
  await refreshQueue();
}
