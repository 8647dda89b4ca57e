/**
 * The timeline's edits, as an editor makes them with the mouse and the keys:
 * reorder, trim an edge, split at a frame, ripple delete, lift, and the same
 * on a selection of several items. Pure like `edits.ts` (which they build on):
 * each takes one object, returns a new project, and throws a bad-input
 * KlipError when it cannot apply. Times are whole frames at the project's rate.
 */
import { badInput, type LocalizedText } from '../errors.js';
import { itemDurationFrames, itemStartFrames, splitClip, timelineDurationFrames, trimClip } from './edits.js';
import { firstUnusedId, usedIds } from './ids.js';
import type { Clip, Gap, Marker, MusicItem, OverlayItem, Project, VideoItem } from './project.js';

export type Edge = 'start' | 'end';

/** A removed stretch of the timeline, `end` exclusive. */
interface FrameSpan {
  start: number;
  end: number;
}

function timelineError(code: string, text: LocalizedText): never {
  throw badInput(code, text);
}

function whole(value: number): number {
  if (!Number.isFinite(value)) {
    timelineError('edit-invalid', {
      id: `Nilai ${value} bukan angka frame. Coba lagi.`,
      en: `${value} is not a frame number. Try again.`,
    });
  }
  return Math.round(value);
}

function withTimeline(project: Project, change: Partial<Project['timeline']>): Project {
  return { ...project, timeline: { ...project.timeline, ...change } };
}

function withTracks(project: Project, tracks: Partial<Project['timeline']['tracks']>): Project {
  return withTimeline(project, { tracks: { ...project.timeline.tracks, ...tracks } });
}

function checkIds(project: Project, itemIds: readonly string[]): Set<string> {
  const ids = new Set(itemIds);
  const known = new Set(project.timeline.tracks.video.map((item) => item.id));
  const unknown = [...ids].filter((id) => !known.has(id));
  if (ids.size === 0 || unknown.length > 0) {
    timelineError('edit-unknown-item', {
      id: `Potongan ${unknown.join(', ') || '(tidak ada)'} tidak ada di timeline. Pilih klip di timeline lalu coba lagi.`,
      en: `Item ${unknown.join(', ') || '(none)'} is not on the timeline. Select a clip on the timeline and try again.`,
    });
  }
  return ids;
}

/** The source media's length in frames, from a probed duration in seconds (whole frames only). */
export function sourceFramesOf(durationSeconds: number, fps: number): number {
  return Math.max(1, Math.floor(durationSeconds * fps + 1e-6));
}

// ---------------------------------------------------------------- reorder

/**
 * Move the selected video items, keeping their order, so that they sit before
 * the item that is `toIndex` in the track without them (past the end: last).
 */
export function moveItems(options: { project: Project; itemIds: readonly string[]; toIndex: number }): Project {
  const { project } = options;
  const ids = checkIds(project, options.itemIds);
  const video = project.timeline.tracks.video;
  const moving = video.filter((item) => ids.has(item.id));
  const staying = video.filter((item) => !ids.has(item.id));
  const at = Math.min(Math.max(0, whole(options.toIndex)), staying.length);
  const next = [...staying.slice(0, at), ...moving, ...staying.slice(at)];
  if (next.every((item, index) => item === video[index])) return project;
  return withTracks(project, { video: next });
}

// ---------------------------------------------------------------- trim and split

/**
 * Drag one edge of a clip by `byFrames` (positive: to the right). The start edge
 * moves the clip's in point, the end edge its out point; neither goes past the
 * source media (0..sourceFrames) and the clip keeps at least one frame. Later
 * items follow (the timeline ripples).
 */
export function trimEdge(options: { project: Project; clipId: string; edge: Edge; byFrames: number; sourceFrames: number }): Project {
  const { project, clipId, edge } = options;
  const clip = project.timeline.tracks.video.find((item): item is Clip => item.kind === 'clip' && item.id === clipId);
  if (!clip) return trimClip({ project, clipId }); // throws the edit's own "unknown item" or "not a clip" error
  const by = whole(options.byFrames);
  const range = clip.sourceRange;
  const end = range.start + range.duration;
  // the other edge stays where it is: the dragged one stops a frame short of it
  const change = edge === 'start' ? { start: Math.min(range.start + by, end - 1) } : { end: Math.max(end + by, range.start + 1) };
  return trimClip({ project, clipId, sourceDurationFrames: options.sourceFrames, ...change });
}

/**
 * I and O: set the selected clip's in or out point at a timeline frame inside it
 * (the frame becomes the clip's first frame, or the first one after its end).
 */
export function setClipPointAt(options: { project: Project; clipId: string; point: 'in' | 'out'; atFrame: number; sourceFrames: number }): Project {
  const { project, clipId } = options;
  const video = project.timeline.tracks.video;
  const index = video.findIndex((item) => item.id === clipId);
  const start = itemStartFrames(project)[index];
  const clip = video[index];
  const offset = whole(options.atFrame) - (start ?? 0);
  if (!clip || clip.kind !== 'clip' || start === undefined || offset < 0 || offset > clip.sourceRange.duration) {
    timelineError('edit-point-outside', {
      id: 'Playhead tidak berada di atas klip yang dipilih. Letakkan playhead di dalam klip, lalu tekan I atau O lagi.',
      en: 'The playhead is not over the selected clip. Put the playhead inside the clip, then press I or O again.',
    });
  }
  const byFrames = options.point === 'in' ? offset : offset - clip.sourceRange.duration;
  return trimEdge({ project, clipId, edge: options.point === 'in' ? 'start' : 'end', byFrames, sourceFrames: options.sourceFrames });
}

/**
 * S: split at a frame. With a selection, the selected clips under the frame are
 * split; without one, the clip under the frame.
 */
export function splitAt(options: { project: Project; atFrame: number; itemIds?: readonly string[] }): Project {
  const at = whole(options.atFrame);
  const starts = itemStartFrames(options.project);
  const wanted = options.itemIds && options.itemIds.length > 0 ? new Set(options.itemIds) : undefined;
  const targets = options.project.timeline.tracks.video.filter(
    (item, index) =>
      item.kind === 'clip' && (!wanted || wanted.has(item.id)) && at > starts[index]! && at < starts[index]! + itemDurationFrames(item),
  );
  if (targets.length === 0) {
    timelineError('edit-split-nothing', {
      id: `Tidak ada klip yang bisa dipotong di frame ${at}. Letakkan playhead di tengah sebuah klip (bukan di tepinya), lalu tekan S.`,
      en: `There is no clip to split at frame ${at}. Put the playhead inside a clip (not on its edge), then press S.`,
    });
  }
  return targets.reduce((project, clip) => splitClip({ project, clipId: clip.id, atFrame: at }), options.project);
}

// ---------------------------------------------------------------- ripple delete and lift

function spansOf(project: Project, ids: ReadonlySet<string>): FrameSpan[] {
  const starts = itemStartFrames(project);
  return project.timeline.tracks.video.flatMap((item, index) =>
    ids.has(item.id) ? [{ start: starts[index]!, end: starts[index]! + itemDurationFrames(item) }] : [],
  );
}

/** Where a frame lands once `removed` spans are cut out; a frame inside a removed span goes to the cut. */
export function rippleFrame(frame: number, removed: readonly FrameSpan[]): number {
  let shift = 0;
  for (const span of removed) {
    if (frame >= span.end) shift += span.end - span.start;
    else if (frame > span.start) shift += frame - span.start;
  }
  return frame - shift;
}

function rippleOverlays<T extends Pick<OverlayItem, 'start' | 'duration'>>(overlays: readonly T[], removed: readonly FrameSpan[]): T[] {
  return overlays.flatMap((overlay) => {
    const start = rippleFrame(overlay.start, removed);
    const end = rippleFrame(overlay.start + overlay.duration, removed);
    return end > start ? [{ ...overlay, start, duration: end - start }] : [];
  });
}

function rippleMusic(music: readonly MusicItem[], removed: readonly FrameSpan[]): MusicItem[] {
  return music.map((item) => {
    const start = rippleFrame(item.start, removed);
    if (item.duration === undefined) return item.start === start ? item : { ...item, start };
    const end = rippleFrame(item.start + item.duration, removed);
    return { ...item, start, duration: Math.max(1, end - start) };
  });
}

/** Overlays and markers that now start at or past the end are dropped; overlays end by the end. */
function fitToLength(project: Project): Project {
  const length = timelineDurationFrames(project);
  const { overlay } = project.timeline.tracks;
  const fitted = overlay
    .filter((item) => item.start < length)
    .map((item) => (item.start + item.duration <= length ? item : { ...item, duration: length - item.start }));
  const markers = project.timeline.markers.filter((marker) => marker.frame <= length);
  return withTimeline(project, { markers, tracks: { ...project.timeline.tracks, overlay: fitted } });
}

/**
 * Delete: remove the selected video items and close the holes. Lower thirds,
 * placed music and markers after a hole move up with the pictures under them.
 */
export function rippleDelete(options: { project: Project; itemIds: readonly string[] }): Project {
  const { project } = options;
  const ids = checkIds(project, options.itemIds);
  const removed = spansOf(project, ids);
  const { video, overlay, audio, captions } = project.timeline.tracks;
  const markers: Marker[] = project.timeline.markers.map((marker) => ({ ...marker, frame: rippleFrame(marker.frame, removed) }));
  const next = withTimeline(project, {
    markers,
    tracks: {
      video: video.filter((item) => !ids.has(item.id)),
      overlay: rippleOverlays(overlay, removed),
      audio: rippleMusic(audio, removed),
      // captions over the removed pictures go with them; later ones move up
      captions: rippleOverlays(captions, removed),
    },
  });
  return fitToLength(next);
}

/** Adjacent gaps become one; gaps at the very end are dropped (there is nothing after them). */
function mergeGaps(video: readonly VideoItem[]): VideoItem[] {
  const merged: VideoItem[] = [];
  for (const item of video) {
    const last = merged[merged.length - 1];
    if (item.kind === 'gap' && last?.kind === 'gap') merged[merged.length - 1] = { ...last, duration: last.duration + item.duration };
    else merged.push(item);
  }
  while (merged[merged.length - 1]?.kind === 'gap') merged.pop();
  return merged;
}

/** Shift+Delete: take the selected clips out and leave a gap of the same length; nothing else moves. */
export function lift(options: { project: Project; itemIds: readonly string[] }): Project {
  const { project } = options;
  const ids = checkIds(project, options.itemIds);
  const used = new Set(usedIds(project));
  const video = project.timeline.tracks.video.map((item): VideoItem => {
    if (!ids.has(item.id) || item.kind === 'gap') return item;
    const gap: Gap = { kind: 'gap', id: firstUnusedId(used, 'gap'), duration: item.sourceRange.duration };
    used.add(gap.id);
    return gap;
  });
  return fitToLength(withTracks(project, { video: mergeGaps(video) }));
}
