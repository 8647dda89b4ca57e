/**
 * Mouse gestures on the timeline: drag clips to reorder, drag a clip's edge
 * to trim, drag and stretch lower thirds, captions and music, scrub the ruler. While the
 * pointer moves the edit is applied to a draft that the tracks draw; on
 * release it is dispatched once, so a whole drag is one undo step. Snapping
 * pulls edges to clip edges, the playhead and markers unless Alt is held.
 */
import type { Project } from '@core/model/project.js';
import { snapFrame, snapSpan, snapTargets, snapThreshold } from '@core/model/snapping.js';
import { moveItems, trimEdge, type Edge } from '@core/model/timeline-edits.js';
import { setCaptionTiming } from '@core/model/captions.js';
import { moveMusic, moveOverlays, musicSpan, resizeMusic, resizeOverlay } from '@core/model/track-edits.js';
import { dropIndex, placeItems, projectFrames } from './geometry.js';
import { currentProject, dispatchEdit, seekTimeline, sourceFrames } from './link.js';
import { timelineView } from './viewStore.js';

export type Gesture =
  | { kind: 'move-clips'; ids: string[] }
  | { kind: 'trim'; clipId: string; edge: Edge }
  | { kind: 'move-overlays'; ids: string[]; grabbed: string }
  | { kind: 'resize-overlay'; id: string; edge: Edge }
  | { kind: 'move-music'; id: string }
  | { kind: 'resize-music'; id: string; edge: Edge }
  | { kind: 'move-caption'; id: string }
  | { kind: 'resize-caption'; id: string; edge: Edge }
  | { kind: 'scrub' };

/** What a gesture needs of the screen: the x of the pointer in content pixels and the frame-0 offset. */
export interface GestureSurface {
  contentX(clientX: number): number;
  lead: number;
}

const CLICK_SLOP_PX = 3;

interface Step {
  project: Project;
  frame: number;
  deltaFrames: number;
  snap: boolean;
}

interface Result {
  project: Project;
  guide?: number;
}

function snapped(step: Step, frame: number, exclude: string[]): { frame: number; guide?: number } {
  if (!step.snap) return { frame };
  const targets = snapTargets({ project: step.project, playhead: timelineView.get().playhead, excludeIds: exclude });
  const result = snapFrame({ frame, targets, threshold: snapThreshold(timelineView.get().zoom) });
  return { frame: result.frame, guide: result.target };
}

function trimStep(step: Step, gesture: Extract<Gesture, { kind: 'trim' }>): Result {
  const placed = placeItems(step.project.timeline.tracks.video);
  const entry = placed.find((candidate) => candidate.item.id === gesture.clipId);
  if (!entry || entry.item.kind !== 'clip') return { project: step.project };
  const limit = sourceFrames(entry.item.media.path, step.project.fps) ?? entry.item.sourceRange.start + entry.item.sourceRange.duration;
  const edgeFrame = (gesture.edge === 'start' ? entry.start : entry.end) + step.deltaFrames;
  const later = placed.slice(entry.index).map((item) => item.item.id);
  const target = snapped(step, edgeFrame, later);
  const byFrames = target.frame - (gesture.edge === 'start' ? entry.start : entry.end);
  return { project: trimEdge({ project: step.project, clipId: gesture.clipId, edge: gesture.edge, byFrames, sourceFrames: limit }), guide: target.guide };
}

function overlayStep(step: Step, gesture: Extract<Gesture, { kind: 'move-overlays' }>): Result {
  const grabbed = step.project.timeline.tracks.overlay.find((item) => item.id === gesture.grabbed);
  if (!grabbed) return { project: step.project };
  let start = grabbed.start + step.deltaFrames;
  let guide: number | undefined;
  if (step.snap) {
    const targets = snapTargets({ project: step.project, playhead: timelineView.get().playhead, excludeIds: gesture.ids });
    const result = snapSpan({ start, duration: grabbed.duration, targets, threshold: snapThreshold(timelineView.get().zoom) });
    start = result.frame;
    guide = result.target;
  }
  return { project: moveOverlays({ project: step.project, overlayIds: gesture.ids, byFrames: start - grabbed.start }), guide };
}

function musicStep(step: Step, gesture: Extract<Gesture, { kind: 'move-music' | 'resize-music' }>): Result {
  const music = step.project.timeline.tracks.audio.find((item) => item.id === gesture.id);
  if (!music) return { project: step.project };
  const span = musicSpan(step.project, music);
  if (gesture.kind === 'resize-music') {
    const target = snapped(step, (gesture.edge === 'start' ? span.start : span.end) + step.deltaFrames, [music.id]);
    return { project: resizeMusic({ project: step.project, musicId: music.id, edge: gesture.edge, toFrame: target.frame }), guide: target.guide };
  }
  let start = span.start + step.deltaFrames;
  let guide: number | undefined;
  if (step.snap) {
    const targets = snapTargets({ project: step.project, playhead: timelineView.get().playhead, excludeIds: [music.id] });
    const result = snapSpan({ start, duration: span.end - span.start, targets, threshold: snapThreshold(timelineView.get().zoom) });
    start = result.frame;
    guide = result.target;
  }
  return { project: moveMusic({ project: step.project, musicId: music.id, toFrame: start }), guide };
}

function captionStep(step: Step, gesture: Extract<Gesture, { kind: 'move-caption' | 'resize-caption' }>): Result {
  const caption = step.project.timeline.tracks.captions.find((item) => item.id === gesture.id);
  if (!caption) return { project: step.project };
  const end = caption.start + caption.duration;
  if (gesture.kind === 'move-caption') {
    let start = Math.max(0, caption.start + step.deltaFrames);
    let guide: number | undefined;
    if (step.snap) {
      const targets = snapTargets({ project: step.project, playhead: timelineView.get().playhead, excludeIds: [caption.id] });
      const result = snapSpan({ start, duration: caption.duration, targets, threshold: snapThreshold(timelineView.get().zoom) });
      start = Math.max(0, result.frame);
      guide = result.target;
    }
    return { project: setCaptionTiming({ project: step.project, captionId: caption.id, start }), guide };
  }
  const target = snapped(step, (gesture.edge === 'start' ? caption.start : end) + step.deltaFrames, [caption.id]);
  if (gesture.edge === 'start') {
    const start = Math.min(end - 1, Math.max(0, target.frame));
    return { project: setCaptionTiming({ project: step.project, captionId: caption.id, start, duration: end - start }), guide: target.guide };
  }
  return { project: setCaptionTiming({ project: step.project, captionId: caption.id, duration: Math.max(1, target.frame - caption.start) }), guide: target.guide };
}

/** The project as the gesture leaves it at this pointer position (pure apart from reading the view). */
export function applyGesture(gesture: Gesture, step: Step): Result {
  switch (gesture.kind) {
    case 'move-clips': {
      const placed = placeItems(step.project.timeline.tracks.video);
      const toIndex = dropIndex({ placed, dragged: new Set(gesture.ids), frame: step.frame });
      return { project: moveItems({ project: step.project, itemIds: gesture.ids, toIndex }) };
    }
    case 'trim':
      return trimStep(step, gesture);
    case 'move-overlays':
      return overlayStep(step, gesture);
    case 'resize-overlay': {
      const overlay = step.project.timeline.tracks.overlay.find((item) => item.id === gesture.id);
      if (!overlay) return { project: step.project };
      const edgeFrame = (gesture.edge === 'start' ? overlay.start : overlay.start + overlay.duration) + step.deltaFrames;
      const target = snapped(step, edgeFrame, [overlay.id]);
      return { project: resizeOverlay({ project: step.project, overlayId: overlay.id, edge: gesture.edge, toFrame: target.frame }), guide: target.guide };
    }
    case 'move-music':
    case 'resize-music':
      return musicStep(step, gesture);
    case 'move-caption':
    case 'resize-caption':
      return captionStep(step, gesture);
    case 'scrub':
      return { project: step.project };
  }
}

/** Start a gesture at a pointerdown; it follows the pointer until release (or Escape-like cancel on lost capture). */
export function beginGesture(options: { gesture: Gesture; event: PointerEvent | React.PointerEvent; surface: GestureSurface }): void {
  const { gesture, surface } = options;
  const base = currentProject();
  if (!base) return;
  const startX = surface.contentX(options.event.clientX);
  const zoom = timelineView.get().zoom;
  let moved = false;
  let last: Step | undefined;

  const stepAt = (event: PointerEvent): Step => {
    const x = surface.contentX(event.clientX);
    return {
      project: base,
      frame: Math.round((x - surface.lead) / zoom),
      deltaFrames: Math.round((x - startX) / zoom),
      snap: !event.altKey,
    };
  };
  const onMove = (event: PointerEvent) => {
    const step = stepAt(event);
    if (gesture.kind === 'scrub') {
      seekTimeline(step.frame, projectFrames(base));
      return;
    }
    if (!moved && Math.abs(surface.contentX(event.clientX) - startX) < CLICK_SLOP_PX) return;
    moved = true;
    last = step;
    try {
      const result = applyGesture(gesture, step);
      timelineView.set({ draft: result.project, snapGuide: result.guide });
    } catch {
      // a position the edit refuses (for example a trim below one frame): keep the last draft
    }
  };
  const onUp = () => {
    window.removeEventListener('pointermove', onMove);
    window.removeEventListener('pointerup', onUp);
    window.removeEventListener('pointercancel', onUp);
    timelineView.set({ draft: undefined, snapGuide: undefined });
    const final = last;
    if (!moved || !final || gesture.kind === 'scrub') return;
    // one dispatch for the whole drag: one undo step
    dispatchEdit((project) => applyGesture(gesture, { ...final, project }).project);
  };
  window.addEventListener('pointermove', onMove);
  window.addEventListener('pointerup', onUp);
  window.addEventListener('pointercancel', onUp);
  if (gesture.kind === 'scrub') onMove(options.event instanceof PointerEvent ? options.event : options.event.nativeEvent);
}
