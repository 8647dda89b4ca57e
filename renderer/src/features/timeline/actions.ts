/**
 * What the timeline's commands do (the command table in renderer/src/commands
 * binds them to keys): move the playhead, zoom, split, delete, lift, set in
 * and out points, markers, copy and paste of lower thirds. Every project
 * change is one edit from core/model dispatched once.
 */
import { removeCaption } from '@core/model/captions.js';
import { addMarker } from '@core/model/markers.js';
import type { Clip } from '@core/model/project.js';
import { lift, rippleDelete, setClipPointAt, splitAt } from '@core/model/timeline-edits.js';
import { copyOverlays, pasteOverlays, removeOverlays } from '@core/model/track-edits.js';
import { languageStore } from '../../i18n.js';
import { END_CAP_PX, fitZoom, placeItems, projectFrames } from './geometry.js';
import { currentProject, dispatchEdit, reportError, seekTimeline, sourceFrames } from './link.js';
import { timelineText } from './texts.js';
import { stop } from './transport.js';
import { timelineView, zoomAround } from './viewStore.js';

function length(): number {
  return projectFrames(currentProject());
}

export function goToStart(): void {
  stop();
  seekTimeline(0, length());
  timelineView.set({ scrollX: 0 });
}

export function goToEnd(): void {
  stop();
  seekTimeline(length(), length());
}

function lead(): number {
  return currentProject()?.intro ? END_CAP_PX : 8;
}

/** +/-: zoom by a factor around the playhead when it is on screen, else the middle. */
export function zoomBy(factor: number): void {
  const { zoom, scrollX, width, playhead } = timelineView.get();
  const playheadX = lead() + playhead * zoom - scrollX;
  const anchorX = playheadX >= 0 && playheadX <= width ? playheadX : width / 2;
  zoomAround({ zoom: zoom * factor, anchorX, lead: lead() });
}

export function zoomToFit(): void {
  const project = currentProject();
  const { width } = timelineView.get();
  timelineView.set({ zoom: fitZoom({ frames: length(), width, lead: lead(), tail: project?.outro ? END_CAP_PX : 8 }), scrollX: 0 });
}

/** The selected ids of a kind that are still in the project (another panel may have removed one). */
function selectedIds(kind: 'video' | 'overlay'): string[] {
  const { selection } = timelineView.get();
  const project = currentProject();
  if (selection.kind !== kind || !project) return [];
  const items: ReadonlyArray<{ id: string }> = kind === 'video' ? project.timeline.tracks.video : project.timeline.tracks.overlay;
  return selection.ids.filter((id) => items.some((item) => item.id === id));
}

/** S: split the selected clips (or the clip) under the playhead. */
export function splitAtPlayhead(): void {
  const atFrame = timelineView.get().playhead;
  dispatchEdit((project) => splitAt({ project, atFrame, itemIds: selectedIds('video') }));
}

/** Delete: ripple delete the selected clips, or remove the selected lower thirds or caption. */
export function deleteSelection(options: { ripple: boolean }): void {
  const { kind, ids: selected } = timelineView.get().selection;
  if (kind === 'caption') {
    const [captionId] = selected;
    if (captionId && currentProject()?.timeline.tracks.captions.some((caption) => caption.id === captionId) && dispatchEdit((project) => removeCaption({ project, captionId }))) {
      timelineView.set({ selection: { kind, ids: [] } });
    }
    return;
  }
  if (kind !== 'video' && kind !== 'overlay') return;
  const ids = selectedIds(kind);
  if (ids.length === 0) return;
  const done =
    kind === 'video'
      ? dispatchEdit((project) => (options.ripple ? rippleDelete({ project, itemIds: ids }) : lift({ project, itemIds: ids })))
      : dispatchEdit((project) => removeOverlays({ project, overlayIds: ids }));
  if (done) timelineView.set({ selection: { kind, ids: [] } });
}

/** The clip to set in and out points on: the selected one, else the one under the playhead. */
function pointClip(): Clip | undefined {
  const project = currentProject();
  if (!project) return undefined;
  const [selected] = selectedIds('video');
  const { playhead } = timelineView.get();
  const placed = placeItems(project.timeline.tracks.video);
  const entry = selected
    ? placed.find((candidate) => candidate.item.id === selected)
    : placed.find((candidate) => playhead >= candidate.start && playhead < candidate.end);
  return entry?.item.kind === 'clip' ? entry.item : undefined;
}

/** I / O: the clip's in or out point at the playhead. */
export function setPointAtPlayhead(point: 'in' | 'out'): void {
  const clip = pointClip();
  const project = currentProject();
  if (!clip || !project) return;
  const limit = sourceFrames(clip.media.path, project.fps);
  if (limit === undefined) {
    const name = clip.name ?? clip.media.path;
    reportError(new Error(timelineText(languageStore.get().language, 'timeline.noSourceLength', { name })));
    return;
  }
  const atFrame = timelineView.get().playhead;
  dispatchEdit((current) => setClipPointAt({ project: current, clipId: clip.id, point, atFrame, sourceFrames: limit }));
}

/** M: open the note field for a marker at the playhead; saving adds it (one step). */
export function startMarker(): void {
  if (!currentProject()) return;
  stop();
  timelineView.set({ editingMarker: `at:${timelineView.get().playhead}` });
}

export function saveMarker(note: string): void {
  const editing = timelineView.get().editingMarker;
  timelineView.set({ editingMarker: undefined });
  if (!editing?.startsWith('at:')) return;
  const frame = Number(editing.slice(3));
  dispatchEdit((project) => addMarker({ project, frame, note: note.trim() }).project);
}

export function copySelection(): void {
  const project = currentProject();
  const ids = selectedIds('overlay');
  if (!project || ids.length === 0) return;
  try {
    timelineView.set({ clipboard: copyOverlays({ project, overlayIds: ids }) });
  } catch (error) {
    reportError(error);
  }
}

export function pasteAtPlayhead(): void {
  const { clipboard, playhead } = timelineView.get();
  if (!clipboard) return;
  let pastedIds: string[] = [];
  const done = dispatchEdit((project) => {
    const result = pasteOverlays({ project, clipboard, atFrame: playhead });
    pastedIds = result.pastedIds;
    return result.project;
  });
  if (done) timelineView.set({ selection: { kind: 'overlay', ids: pastedIds } });
}
