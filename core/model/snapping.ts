/**
 * Snapping while dragging on the timeline: a frame is pulled to the nearest
 * clip edge, lower-third edge, marker or the playhead when it is within a
 * threshold (the editor turns it off while Alt is held). Pure.
 */
import { itemDurationFrames, itemStartFrames } from './edits.js';
import type { Project } from './project.js';
import { musicSpan } from './track-edits.js';

export interface SnapResult {
  frame: number;
  /** the frame it snapped to; absent when nothing was near */
  target?: number;
}

/**
 * Every frame worth snapping to: 0, the edges of video items, overlays and
 * music, markers and the playhead. Items being dragged (`excludeIds`) are left out.
 * Sorted, without duplicates.
 */
export function snapTargets(options: { project: Project; playhead?: number; excludeIds?: readonly string[] }): number[] {
  const { project } = options;
  const exclude = new Set(options.excludeIds ?? []);
  const frames = new Set<number>([0]);
  const starts = itemStartFrames(project);
  project.timeline.tracks.video.forEach((item, index) => {
    if (exclude.has(item.id)) return;
    frames.add(starts[index]!);
    frames.add(starts[index]! + itemDurationFrames(item));
  });
  for (const overlay of project.timeline.tracks.overlay) {
    if (exclude.has(overlay.id)) continue;
    frames.add(overlay.start);
    frames.add(overlay.start + overlay.duration);
  }
  for (const music of project.timeline.tracks.audio) {
    if (exclude.has(music.id)) continue;
    const span = musicSpan(project, music);
    frames.add(span.start);
    frames.add(span.end);
  }
  for (const marker of project.timeline.markers) frames.add(marker.frame);
  if (options.playhead !== undefined) frames.add(Math.round(options.playhead));
  return [...frames].sort((a, b) => a - b);
}

/** The nearest target within `threshold` frames (ties: the earlier one), else the frame itself. */
export function snapFrame(options: { frame: number; targets: readonly number[]; threshold: number }): SnapResult {
  const { frame, targets, threshold } = options;
  let best: number | undefined;
  // binary search for the first target >= frame, then look at it and the one before
  let low = 0;
  let high = targets.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (targets[middle]! < frame) low = middle + 1;
    else high = middle;
  }
  for (const candidate of [targets[low - 1], targets[low]]) {
    if (candidate === undefined || Math.abs(candidate - frame) > threshold) continue;
    if (best === undefined || Math.abs(candidate - frame) < Math.abs(best - frame)) best = candidate;
  }
  return best === undefined ? { frame } : { frame: best, target: best };
}

/**
 * Snap a dragged span (an overlay, a music bed) by whichever of its edges is
 * nearer to a target; the span keeps its length. Returns the new start.
 */
export function snapSpan(options: { start: number; duration: number; targets: readonly number[]; threshold: number }): SnapResult {
  const { start, duration, targets, threshold } = options;
  const head = snapFrame({ frame: start, targets, threshold });
  const tail = snapFrame({ frame: start + duration, targets, threshold });
  const headDistance = head.target === undefined ? Infinity : Math.abs(head.target - start);
  const tailDistance = tail.target === undefined ? Infinity : Math.abs(tail.target - (start + duration));
  if (headDistance === Infinity && tailDistance === Infinity) return { frame: start };
  if (headDistance <= tailDistance) return { frame: head.frame, target: head.target };
  return { frame: tail.frame - duration, target: tail.target };
}

/** A snapping threshold in frames for a distance on screen (about 8 px at the current zoom). */
export function snapThreshold(pixelsPerFrame: number, pixels = 8): number {
  return Math.max(1, Math.round(pixels / Math.max(pixelsPerFrame, 1e-6)));
}
