/**
 * What the captions panel does to the project: every change is one core edit
 * (core/model/captions.ts) through the project store's dispatch, so one undo
 * step; reading and writing subtitle files goes through the typed API.
 */
import {
  addCaption,
  mergeCaptions,
  nudgeCaption,
  removeCaption,
  replaceCaptions,
  setBurnInCaptions,
  setCaptionText,
  shiftAllCaptions,
  splitCaption,
} from '@core/model/captions.js';
import { badInput } from '@core/errors.js';
import type { CaptionSegment } from '@core/model/project.js';
import { call, isHarness, pathForFile } from '../../api/client.js';
import { languageStore } from '../../i18n.js';
import { captionAtPlayhead, captionFrameAtPlayhead, goToCaption } from '../../project/captions.js';
import { previewPreset } from '../../project/presets.js';
import { dispatch, projectStore, seal } from '../../project/store.js';
import { selectCaption, viewStore } from '../../project/view.js';
import { guarded, reportError } from '../errors/errorStore.js';
import { captionsText, type CaptionsTextKey } from './texts.js';
import { captionsNotice } from './notice.js';

export type NudgeEdge = 'both' | 'start' | 'end';

function refuse(code: string, key: CaptionsTextKey, values?: Record<string, string | number>): void {
  reportError(badInput(code, { id: captionsText('id', key, values), en: captionsText('en', key, values) }));
}

function say(key: CaptionsTextKey, values: Record<string, string | number>): void {
  captionsNotice.set({ key, values });
}

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** The caption being worked on: the selected one, else the one under the playhead. */
export function workingCaption(): CaptionSegment | undefined {
  const id = viewStore.get().caption;
  const captions = projectStore.get().project?.timeline.tracks.captions ?? [];
  return captions.find((caption) => caption.id === id) ?? captionAtPlayhead();
}

function withWorkingCaption(action: (caption: CaptionSegment) => void): void {
  const caption = workingCaption();
  if (caption) action(caption);
  else refuse('caption-no-selection', 'captions.noSelection');
}

/** Read an .srt/.vtt file and put its captions in place of the track's (one undo step). */
export async function importCaptionFile(path: string): Promise<boolean> {
  const project = projectStore.get().project;
  if (!project) return false;
  if (!/\.(srt|vtt)$/i.test(path)) {
    refuse('caption-not-subtitle', 'captions.notSubtitle', { name: fileName(path) });
    return false;
  }
  const read = await guarded(() => call('captions.import', { path, fps: project.fps }));
  if (!read) return false;
  const applied = dispatch((current) => replaceCaptions({ project: current, captions: read.captions.map(({ start, duration, text }) => ({ start, duration, text })) }));
  if (!applied) return false;
  const first = projectStore.get().project?.timeline.tracks.captions[0];
  if (first) goToCaption(first);
  say('captions.imported', { count: read.captions.length, name: fileName(path) });
  return true;
}

/** A file chosen in the browser's picker or dropped (the harness uploads it and answers with its path). */
export async function importCaptionBlob(file: File): Promise<void> {
  if (!/\.(srt|vtt)$/i.test(file.name)) {
    refuse('caption-not-subtitle', 'captions.notSubtitle', { name: file.name });
    return;
  }
  const path = await guarded(() => pathForFile(file, { group: 'captions' }));
  if (path) await importCaptionFile(path);
  else refuse('caption-no-path', 'captions.noPath', { name: file.name });
}

/** The host's open dialog (Electron); false when there is none (the browser harness: its picker is used instead). */
export async function importCaptionsWithDialog(): Promise<boolean> {
  if (isHarness()) return false;
  const chosen = await guarded(() => call('dialog.openFiles', { kind: 'subtitles', multiple: false }));
  const path = chosen?.paths[0];
  if (path) await importCaptionFile(path);
  return true;
}

/** Write the captions as an .srt on the preview's time line (after the intro card, as next to the exported video). */
export async function exportCaptionFile(path: string, overwrite = false): Promise<boolean> {
  const project = projectStore.get().project;
  if (!project) return false;
  if (project.timeline.tracks.captions.length === 0) {
    refuse('caption-export-empty', 'captions.exportEmpty');
    return false;
  }
  if (!/\.srt$/i.test(path)) {
    refuse('caption-export-not-srt', 'captions.exportNotSrt');
    return false;
  }
  const preset = previewPreset(viewStore.get().aspect).id;
  const written = await guarded(() => call('captions.exportSidecar', { project, path, preset, overwrite }));
  if (!written) return false;
  say('captions.exported', { count: written.count, path: written.path });
  return true;
}

/** The host's save dialog (Electron); false in the browser harness (a typed path is used there). */
export async function exportCaptionsWithDialog(): Promise<boolean> {
  const project = projectStore.get().project;
  if (isHarness() || !project) return false;
  const chosen = await guarded(() => call('dialog.saveCaptions', { suggestedName: project.name }));
  // the dialog asked before replacing a file
  if (chosen?.path) await exportCaptionFile(chosen.path, true);
  return true;
}

/** Typing: one undo step per word, the field's step ends when it is left. */
export function typeCaptionText(captionId: string, text: string): void {
  dispatch((project) => setCaptionText({ project, captionId, text }), { key: `caption-text:${captionId}` });
  // a typed space ends the word: the stored words drop it (nothing changes then), so the step is ended here
  if (/\s$/.test(text)) seal();
}

export const endTyping = seal;

/** A new two-second caption at the playhead, selected. */
export function addCaptionAtPlayhead(): void {
  const project = projectStore.get().project;
  if (!project) return;
  const start = captionFrameAtPlayhead();
  const before = new Set(project.timeline.tracks.captions.map((caption) => caption.id));
  const text = captionsText(languageStore.get().language, 'captions.newText');
  if (!dispatch((current) => addCaption({ project: current, caption: { start, duration: project.fps * 2, text } }))) return;
  const added = projectStore.get().project?.timeline.tracks.captions.find((caption) => !before.has(caption.id));
  if (added) selectCaption(added.id);
}

export function splitWorkingCaption(): void {
  withWorkingCaption((caption) => {
    const at = captionFrameAtPlayhead();
    if (at <= caption.start || at >= caption.start + caption.duration) {
      refuse('caption-split-outside', 'captions.splitOutside');
      return;
    }
    dispatch((project) => splitCaption({ project, captionId: caption.id, atFrame: at }));
  });
}

export function mergeWorkingCaption(): void {
  withWorkingCaption((caption) => dispatch((project) => mergeCaptions({ project, captionId: caption.id })));
}

export function deleteWorkingCaption(): void {
  withWorkingCaption((caption) => {
    const captions = projectStore.get().project?.timeline.tracks.captions ?? [];
    const index = captions.findIndex((item) => item.id === caption.id);
    if (!dispatch((project) => removeCaption({ project, captionId: caption.id }))) return;
    const left = projectStore.get().project?.timeline.tracks.captions ?? [];
    selectCaption(left[Math.min(index, left.length - 1)]?.id);
  });
}

/** Move the working caption (or one edge of it) by whole frames; one undo step per press. */
export function nudgeWorkingCaption(options: { frames: number; edge: NudgeEdge }): void {
  withWorkingCaption((caption) => {
    if (dispatch((project) => nudgeCaption({ project, captionId: caption.id, frames: options.frames, edge: options.edge }))) {
      const moved = projectStore.get().project?.timeline.tracks.captions.find((item) => item.id === caption.id);
      // the playhead follows the edge that moved, so the change is seen on the preview
      if (moved) goToCaption(options.edge === 'end' ? { ...moved, start: moved.start + moved.duration - 1 } : moved);
    }
  });
}

/** Shift every caption by a number of seconds (a whole file out of sync), rounded to frames. */
export function shiftAllBySeconds(text: string): boolean {
  const project = projectStore.get().project;
  const seconds = Number(text.trim().replace(',', '.'));
  if (!project || text.trim() === '' || !Number.isFinite(seconds)) {
    refuse('caption-shift-invalid', 'captions.shiftInvalid');
    return false;
  }
  return dispatch((current) => shiftAllCaptions({ project: current, frames: Math.round(seconds * project.fps) }));
}

export function setBurnIn(burnIn: boolean): void {
  dispatch((project) => setBurnInCaptions({ project, burnIn }));
}
