/**
 * Pure edits on a Project. Each takes one object, returns a new project and never
 * changes the one it was given (unchanged parts are shared, not copied). An edit
 * that cannot apply (unknown id, split at a clip's edge, bad value) throws a
 * KlipError of kind bad-input. Times are whole frames at the project's rate.
 */
import { z } from 'zod';
import { badInput, type LocalizedText } from '../errors.js';
import { firstUnusedId, nextId, usedIds } from './ids.js';
import {
  ClipSchema,
  OverlayItemSchema,
  ReframeSchema,
  type Clip,
  type OverlayItem,
  type Project,
  type VideoItem,
} from './project.js';

/** A clip to insert: defaults (reframe, volume, muted) are filled; `id` is made when missing. */
export type ClipInput = Omit<z.input<typeof ClipSchema>, 'id' | 'kind'> & { id?: string; kind?: 'clip' };
/** An overlay to add: `id` is made when missing. */
export type OverlayInput = Omit<z.input<typeof OverlayItemSchema>, 'id' | 'kind'> & { id?: string; kind?: 'overlay' };
export type OverlayChanges = Partial<Pick<OverlayItem, 'template' | 'fields' | 'start' | 'duration'>>;

/** Where a video item sits on the timeline. `offset` is the frame asked for, counted from the item's start. */
export interface ItemAtFrame {
  item: VideoItem;
  index: number;
  start: number;
  offset: number;
}

function editError(code: string, text: LocalizedText, detail?: string): never {
  throw badInput(code, text, detail);
}

function wholeFrames(value: number, what: string): number {
  if (!Number.isFinite(value)) {
    editError('edit-invalid', {
      id: `Nilai ${what} bukan angka (${value}). Masukkan jumlah frame yang benar.`,
      en: `The ${what} is not a number (${value}). Enter a valid frame count.`,
    });
  }
  return Math.round(value);
}

// ---------------------------------------------------------------- reading the timeline

export function itemDurationFrames(item: VideoItem): number {
  return item.kind === 'clip' ? item.sourceRange.duration : item.duration;
}

/** Length of the video track in frames (intro and outro bumpers not counted). */
export function timelineDurationFrames(project: Project): number {
  return project.timeline.tracks.video.reduce((sum, item) => sum + itemDurationFrames(item), 0);
}

/** Start frame on the timeline of each video item, in track order. */
export function itemStartFrames(project: Project): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const item of project.timeline.tracks.video) {
    starts.push(at);
    at += itemDurationFrames(item);
  }
  return starts;
}

/** The video item (clip or gap) showing at a timeline frame, or undefined before 0 or at/after the end. */
export function clipAtFrame(project: Project, frame: number): ItemAtFrame | undefined {
  if (!Number.isFinite(frame) || frame < 0) return undefined;
  const starts = itemStartFrames(project);
  const video = project.timeline.tracks.video;
  for (let index = 0; index < video.length; index += 1) {
    const item = video[index]!;
    const start = starts[index]!;
    if (frame >= start && frame < start + itemDurationFrames(item)) {
      return { item, index, start, offset: frame - start };
    }
  }
  return undefined;
}

// ---------------------------------------------------------------- building the new project

function findVideoIndex(project: Project, itemId: string): number {
  const index = project.timeline.tracks.video.findIndex((item) => item.id === itemId);
  if (index < 0) {
    editError('edit-unknown-item', {
      id: `Potongan "${itemId}" tidak ada di timeline. Muat ulang proyek lalu coba lagi.`,
      en: `Item "${itemId}" is not on the timeline. Reload the project and try again.`,
    });
  }
  return index;
}

function findClip(project: Project, clipId: string): { clip: Clip; index: number } {
  const index = findVideoIndex(project, clipId);
  const item = project.timeline.tracks.video[index]!;
  if (item.kind !== 'clip') {
    editError('edit-not-a-clip', {
      id: `"${clipId}" adalah jeda kosong, bukan klip video. Pilih sebuah klip.`,
      en: `"${clipId}" is an empty gap, not a video clip. Select a clip.`,
    });
  }
  return { clip: item, index };
}

function findOverlayIndex(project: Project, overlayId: string): number {
  const index = project.timeline.tracks.overlay.findIndex((item) => item.id === overlayId);
  if (index < 0) {
    editError('edit-unknown-overlay', {
      id: `Overlay "${overlayId}" tidak ada di proyek. Muat ulang proyek lalu coba lagi.`,
      en: `Overlay "${overlayId}" is not in the project. Reload the project and try again.`,
    });
  }
  return index;
}

/** Overlays cut to the timeline's length: ones starting at or past the end are dropped, the rest end by the end. */
export function fitOverlaysToTimeline(overlays: readonly OverlayItem[], lengthFrames: number): OverlayItem[] {
  return overlays
    .filter((overlay) => overlay.start < lengthFrames)
    .map((overlay) =>
      overlay.start + overlay.duration <= lengthFrames
        ? overlay
        : { ...overlay, duration: lengthFrames - overlay.start },
    );
}

function withTracks(project: Project, tracks: Partial<Project['timeline']['tracks']>): Project {
  return { ...project, timeline: { ...project.timeline, tracks: { ...project.timeline.tracks, ...tracks } } };
}

/** A new project with this video track; overlays are fitted to its length. */
function withVideo(project: Project, video: VideoItem[]): Project {
  const length = video.reduce((sum, item) => sum + itemDurationFrames(item), 0);
  return withTracks(project, { video, overlay: fitOverlaysToTimeline(project.timeline.tracks.overlay, length) });
}

function replaceAt<T>(list: readonly T[], index: number, ...items: T[]): T[] {
  return [...list.slice(0, index), ...items, ...list.slice(index + 1)];
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, what: LocalizedText): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const detail = describeIssues(result.error);
    editError(
      'edit-invalid',
      { id: `${what.id} tidak valid: ${detail}. Periksa nilainya.`, en: `The ${what.en} is not valid: ${detail}. Check its values.` },
      detail,
    );
  }
  return result.data;
}

// ---------------------------------------------------------------- video track edits

/**
 * Set a clip's in and/or out point, in frames of the source (`end` is exclusive).
 * Keeps at least one frame, never starts before 0 and, when the media's length is
 * known, never ends past it.
 */
export function trimClip(options: {
  project: Project;
  clipId: string;
  start?: number;
  end?: number;
  sourceDurationFrames?: number;
}): Project {
  const { project, clipId } = options;
  const { clip, index } = findClip(project, clipId);
  const limit =
    options.sourceDurationFrames === undefined
      ? Number.POSITIVE_INFINITY
      : Math.max(1, wholeFrames(options.sourceDurationFrames, 'panjang media / media length'));
  const oldEnd = clip.sourceRange.start + clip.sourceRange.duration;
  let start = options.start === undefined ? clip.sourceRange.start : wholeFrames(options.start, 'titik awal / start');
  let end = options.end === undefined ? oldEnd : wholeFrames(options.end, 'titik akhir / end');
  start = Math.min(Math.max(0, start), limit - 1);
  end = Math.min(Math.max(1, end), limit);
  if (end <= start) {
    // keep the point that was asked for and give the other one frame of room
    if (options.end !== undefined && options.start === undefined) start = end - 1;
    else end = start + 1;
  }
  const trimmed: Clip = { ...clip, sourceRange: { start, duration: end - start } };
  return withVideo(project, replaceAt(project.timeline.tracks.video, index, trimmed));
}

/** Cut a clip in two at a timeline frame. Both halves get fresh ids; the total length does not change. */
export function splitClip(options: { project: Project; clipId: string; atFrame: number }): Project {
  const { project, clipId } = options;
  const { clip, index } = findClip(project, clipId);
  const atFrame = wholeFrames(options.atFrame, 'titik potong / split point');
  const start = itemStartFrames(project)[index]!;
  const offset = atFrame - start;
  if (offset <= 0 || offset >= clip.sourceRange.duration) {
    editError('edit-split-edge', {
      id: `Tidak bisa memotong "${clipId}" di frame ${atFrame}: titik potong harus di dalam klip, bukan di tepinya. Geser playhead ke tengah klip.`,
      en: `Cannot split "${clipId}" at frame ${atFrame}: the split point must be inside the clip, not at its edge. Move the playhead into the clip.`,
    });
  }
  const used = new Set(usedIds(project));
  const firstId = firstUnusedId(used, 'clip');
  used.add(firstId);
  const secondId = firstUnusedId(used, 'clip');
  const first: Clip = { ...clip, id: firstId, sourceRange: { start: clip.sourceRange.start, duration: offset } };
  const second: Clip = {
    ...clip,
    id: secondId,
    sourceRange: { start: clip.sourceRange.start + offset, duration: clip.sourceRange.duration - offset },
  };
  return withVideo(project, replaceAt(project.timeline.tracks.video, index, first, second));
}

/** Move a video item so that it ends up at `toIndex` (clamped to the track). */
export function moveItem(options: { project: Project; itemId: string; toIndex: number }): Project {
  const { project, itemId } = options;
  const video = project.timeline.tracks.video;
  const from = findVideoIndex(project, itemId);
  const to = Math.min(Math.max(0, wholeFrames(options.toIndex, 'posisi / position')), video.length - 1);
  if (to === from) return project;
  const without = [...video.slice(0, from), ...video.slice(from + 1)];
  return withVideo(project, [...without.slice(0, to), video[from]!, ...without.slice(to)]);
}

/** Remove a video item; later items move up, overlays are cut to the shorter timeline. */
export function deleteItem(options: { project: Project; itemId: string }): Project {
  const { project, itemId } = options;
  const index = findVideoIndex(project, itemId);
  return withVideo(project, replaceAt(project.timeline.tracks.video, index));
}

/** Insert a clip before `index` (clamped: past the end appends). A missing or taken id is replaced by a fresh one. */
export function insertClip(options: { project: Project; clip: ClipInput; index: number }): Project {
  const { project } = options;
  const used = usedIds(project);
  const id = options.clip.id && !used.has(options.clip.id) ? options.clip.id : firstUnusedId(used, 'clip');
  const clip = parseOrThrow(ClipSchema, { ...options.clip, kind: 'clip', id }, { id: 'Klip', en: 'clip' });
  const video = project.timeline.tracks.video;
  const index = Math.min(Math.max(0, wholeFrames(options.index, 'posisi / position')), video.length);
  return withVideo(project, [...video.slice(0, index), clip, ...video.slice(index)]);
}

function updateClip(project: Project, clipId: string, change: (clip: Clip) => Clip): Project {
  const { clip, index } = findClip(project, clipId);
  return withVideo(project, replaceAt(project.timeline.tracks.video, index, change(clip)));
}

/** How the clip fills a frame of another aspect (blur, crop with a focus point, pad with a colour). */
export function setReframe(options: {
  project: Project;
  clipId: string;
  reframe: z.input<typeof ReframeSchema>;
}): Project {
  const reframe = parseOrThrow(ReframeSchema, options.reframe, { id: 'Pengaturan bingkai', en: 'reframe setting' });
  return updateClip(options.project, options.clipId, (clip) => ({ ...clip, reframe }));
}

/** The clip's own sound level, 1 = as recorded; clamped to 0..4. */
export function setVolume(options: { project: Project; clipId: string; volume: number }): Project {
  if (!Number.isFinite(options.volume)) {
    editError('edit-invalid', {
      id: `Volume ${options.volume} bukan angka. Pilih nilai 0 sampai 4.`,
      en: `Volume ${options.volume} is not a number. Choose a value from 0 to 4.`,
    });
  }
  const volume = Math.min(4, Math.max(0, options.volume));
  return updateClip(options.project, options.clipId, (clip) => ({ ...clip, volume }));
}

export function setMuted(options: { project: Project; clipId: string; muted: boolean }): Project {
  return updateClip(options.project, options.clipId, (clip) => ({ ...clip, muted: options.muted }));
}

// ---------------------------------------------------------------- overlay track edits

function checkOverlayTiming(project: Project, overlay: OverlayItem): OverlayItem {
  const length = timelineDurationFrames(project);
  if (overlay.start >= length) {
    editError('edit-overlay-outside', {
      id: `Overlay "${overlay.id}" mulai di frame ${overlay.start}, setelah akhir video (${length} frame). Letakkan di dalam video.`,
      en: `Overlay "${overlay.id}" starts at frame ${overlay.start}, after the end of the video (${length} frames). Place it inside the video.`,
    });
  }
  return fitOverlaysToTimeline([overlay], length)[0]!;
}

/** Add an overlay (appended to the overlay track). It must start inside the video; its length is cut to the end. */
export function addOverlay(options: { project: Project; overlay: OverlayInput }): Project {
  const { project } = options;
  const used = usedIds(project);
  const id = options.overlay.id && !used.has(options.overlay.id) ? options.overlay.id : firstUnusedId(used, 'overlay');
  const parsed = parseOrThrow(
    OverlayItemSchema,
    { ...options.overlay, kind: 'overlay', id },
    { id: 'Overlay', en: 'overlay' },
  );
  const overlay = checkOverlayTiming(project, parsed);
  return withTracks(project, { overlay: [...project.timeline.tracks.overlay, overlay] });
}

/** Change an overlay's template, fields (the whole record is replaced), start or duration. */
export function updateOverlay(options: { project: Project; overlayId: string; changes: OverlayChanges }): Project {
  const { project } = options;
  const index = findOverlayIndex(project, options.overlayId);
  const current = project.timeline.tracks.overlay[index]!;
  const parsed = parseOrThrow(
    OverlayItemSchema,
    { ...current, ...options.changes, kind: 'overlay', id: current.id },
    { id: 'Overlay', en: 'overlay' },
  );
  const overlay = checkOverlayTiming(project, parsed);
  return withTracks(project, { overlay: replaceAt(project.timeline.tracks.overlay, index, overlay) });
}

export function removeOverlay(options: { project: Project; overlayId: string }): Project {
  const { project } = options;
  const index = findOverlayIndex(project, options.overlayId);
  return withTracks(project, { overlay: replaceAt(project.timeline.tracks.overlay, index) });
}

export { nextId };

// ---------------------------------------------------------------- project-wide edits (project-edits.ts)

export { renameClip, renameProject, setBranding, setLoudness, setMusicBed, setPack, setProjectFields, updateMusic, type MusicChanges } from './project-edits.js';
