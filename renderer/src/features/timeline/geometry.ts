/**
 * The timeline's screen geometry, pure: where each item sits (prefix sums of
 * frames), which items are on screen (binary search, so 500 clips cost the same
 * as 5), frames to pixels and back, ruler tick spacing and timecode.
 */
import type { Project, VideoItem } from '@core/model/project.js';

/** width of the fixed intro and outro ends, in pixels (they are not drawn to scale) */
export const END_CAP_PX = 64;
export const MIN_PIXELS_PER_FRAME = 0.02;
export const MAX_PIXELS_PER_FRAME = 24;

export interface PlacedItem {
  item: VideoItem;
  index: number;
  start: number;
  end: number;
}

export function itemFrames(item: VideoItem): number {
  return item.kind === 'clip' ? item.sourceRange.duration : item.duration;
}

/** Each video item with its start and end frame, in track order. */
export function placeItems(video: readonly VideoItem[]): PlacedItem[] {
  const placed: PlacedItem[] = [];
  let at = 0;
  video.forEach((item, index) => {
    const end = at + itemFrames(item);
    placed.push({ item, index, start: at, end });
    at = end;
  });
  return placed;
}

/** Index of the first placed span whose end is after `frame` (placed is sorted). */
function firstEndingAfter<T extends { end: number }>(placed: readonly T[], frame: number): number {
  let low = 0;
  let high = placed.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (placed[middle]!.end <= frame) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The items that overlap frames [from, to), found by binary search. */
export function visibleItems(placed: readonly PlacedItem[], from: number, to: number): PlacedItem[] {
  const out: PlacedItem[] = [];
  for (let index = firstEndingAfter(placed, from); index < placed.length && placed[index]!.start < to; index += 1) out.push(placed[index]!);
  return out;
}

export interface Viewport {
  /** pixels per frame */
  zoom: number;
  /** horizontal scroll, pixels */
  scrollX: number;
  /** visible width, pixels */
  width: number;
  /** pixels before frame 0 (the intro end cap, or a small margin) */
  lead: number;
}

export function frameToX(frame: number, view: Pick<Viewport, 'zoom' | 'lead'>): number {
  return view.lead + frame * view.zoom;
}

export function xToFrame(x: number, view: Pick<Viewport, 'zoom' | 'lead'>): number {
  return Math.round((x - view.lead) / view.zoom);
}

/** The frames on screen (with a margin of `overscan` pixels each side). */
export function visibleFrames(view: Viewport, overscan = 200): { from: number; to: number } {
  return {
    from: Math.floor((view.scrollX - overscan - view.lead) / view.zoom),
    to: Math.ceil((view.scrollX + view.width + overscan - view.lead) / view.zoom),
  };
}

export function clampZoom(zoom: number): number {
  return Math.min(MAX_PIXELS_PER_FRAME, Math.max(MIN_PIXELS_PER_FRAME, zoom));
}

/** The zoom at which `frames` fill `width` pixels (between the end caps). */
export function fitZoom(options: { frames: number; width: number; lead: number; tail: number }): number {
  const room = Math.max(50, options.width - options.lead - options.tail - 16);
  return clampZoom(room / Math.max(1, options.frames));
}

const TICK_STEPS_SECONDS = [1 / 30, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800];

/** Frames between labelled ruler ticks: the smallest step that leaves at least `minPx` between labels. */
export function tickStepFrames(options: { zoom: number; fps: number; minPx?: number }): number {
  const minPx = options.minPx ?? 80;
  for (const seconds of TICK_STEPS_SECONDS) {
    const frames = Math.max(1, Math.round(seconds * options.fps));
    if (frames * options.zoom >= minPx) return frames;
  }
  return Math.round(3600 * options.fps);
}

/** HH:MM:SS:FF, as editors write timecode */
export function formatFrameTimecode(frame: number, fps: number): string {
  const total = Math.max(0, Math.round(frame));
  const ff = total % fps;
  const seconds = Math.floor(total / fps);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}:${pad(ff)}`;
}

/** seconds with one decimal, for the ruler's second line and the toolbar: "12.5 s" */
export function formatSeconds(frame: number, fps: number): string {
  return `${(frame / fps).toFixed(1)} s`;
}

/** Where a dragged selection lands: the index among the items not being dragged whose middle is past `frame`. */
export function dropIndex(options: { placed: readonly PlacedItem[]; dragged: ReadonlySet<string>; frame: number }): number {
  let index = 0;
  for (const entry of options.placed) {
    if (options.dragged.has(entry.item.id)) continue;
    if ((entry.start + entry.end) / 2 < options.frame) index += 1;
    else break;
  }
  return index;
}

export function projectFrames(project: Project | undefined): number {
  return (project?.timeline.tracks.video ?? []).reduce((sum, item) => sum + itemFrames(item), 0);
}
