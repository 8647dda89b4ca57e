/**
 * The timeline's one link to the rest of the editor (renderer/src/project):
 * the open project and `dispatch`, undo and redo, what is known of each media
 * file, the shared playhead (the preview's, counted in output frames with the
 * intro card; the timeline counts from the first clip) and the selection the
 * inspector shows. Nothing else in the timeline reaches outside its folder.
 */
import type { Project } from '@core/model/project.js';
import { layoutSegments } from '@core/layout.js';
import { sourceFramesOf } from '@core/model/timeline-edits.js';
import { layoutRequest, useOutputSpans } from '../../project/layout.js';
import { mediaStore } from '../../project/media.js';
import { dispatch, projectStore } from '../../project/store.js';
import type { CaptionSegment } from '@core/model/project.js';
import { select, seek, setPlaying, showCaption, togglePlaying, viewStore } from '../../project/view.js';
import { useStore } from '../../store.js';
import { reportError } from '../errors/errorStore.js';
import { END_CAP_PX } from './geometry.js';
import { followPlayhead, setPlayhead, timelineView, type Selection } from './viewStore.js';

export { reportError };
export type Edit = (project: Project) => Project;

export function currentProject(): Project | undefined {
  return projectStore.get().project;
}

export function useProject(): Project | undefined {
  return useStore(projectStore, (state) => state.project);
}

/** Apply one edit as one undo step (a drag dispatches once, on release). A refused edit shows its message. */
export function dispatchEdit(edit: Edit): boolean {
  return dispatch(edit);
}


/** The source file's length in frames at the project's rate, once it has been probed. */
export function sourceFrames(path: string, fps: number): number | undefined {
  const info = mediaStore.get().byPath[path]?.info;
  if (!info?.video) return undefined;
  // a still image can be stretched to any length
  if (info.video.still) return Number.MAX_SAFE_INTEGER;
  return sourceFramesOf(info.durationSeconds, fps);
}

// ---------------------------------------------------------------- the shared playhead

/** Output frames before the first clip (the intro card), from the same layout the preview and the export use. */
function contentStart(): number {
  const request = layoutRequest();
  return request ? layoutSegments(request).contentStart : 0;
}

export function togglePlayback(): void {
  togglePlaying();
}

export function stopPlayback(): void {
  if (viewStore.get().playing) setPlaying(false);
}

/** The output frame under the preview's playhead (the intro card included): the clock the timeline shows. */
export function useOutputPlayhead(): number {
  return useStore(viewStore, (state) => state.playhead);
}

export { useOutputSpans };

export function usePlaying(): boolean {
  return useStore(viewStore, (state) => state.playing);
}

let syncing = false;
let lastPlayhead = timelineView.get().playhead;

// the preview moves the playhead (playing, a typed timecode): the timeline follows
viewStore.subscribe(() => {
  if (syncing) return;
  const frame = Math.max(0, viewStore.get().playhead - contentStart());
  if (frame === timelineView.get().playhead) return;
  syncing = true;
  lastPlayhead = frame;
  timelineView.set({ playhead: frame });
  if (viewStore.get().playing) followPlayhead(currentProject()?.intro ? END_CAP_PX : 8);
  syncing = false;
});

// the timeline moves the playhead (ruler, keys, J/L): the preview follows; a selection shows in the inspector
timelineView.subscribe(() => {
  if (syncing) return;
  const { playhead, selection } = timelineView.get();
  showInInspector(selection);
  // a drag's draft changes the view store on every move: only a moved playhead is worth the layout
  if (playhead === lastPlayhead) return;
  lastPlayhead = playhead;
  syncing = true;
  const output = playhead + contentStart();
  if (output !== viewStore.get().playhead) seek(output);
  syncing = false;
});

let lastShown: Selection | undefined;

function showInInspector(selection: Selection): void {
  if (selection === lastShown) return;
  lastShown = selection;
  const [id] = selection.ids;
  if (!id || selection.ids.length !== 1) return;
  if (selection.kind === 'video' && currentProject()?.timeline.tracks.video.some((item) => item.id === id && item.kind === 'clip')) select({ kind: 'clip', id });
  else if (selection.kind === 'overlay') select({ kind: 'overlay', id });
}

/** Put the playhead at a timeline frame (Home, End, the ruler, a marker), even where it already is: the preview follows. */
export function seekTimeline(frame: number, length: number): void {
  setPlayhead(frame, length);
  const output = timelineView.get().playhead + contentStart();
  if (output !== viewStore.get().playhead) {
    syncing = true;
    lastPlayhead = timelineView.get().playhead;
    seek(output);
    syncing = false;
  }
}

// ---------------------------------------------------------------- captions

/** The caption the captions panel works on (highlighted on the caption row). */
export function useWorkingCaption(): string | undefined {
  return useStore(viewStore, (state) => state.caption);
}

/** A caption block picked: the captions panel shows it and the playhead goes to its first frame. */
export function workOnCaption(caption: CaptionSegment, length: number): void {
  showCaption(caption.id);
  seekTimeline(caption.start, length);
}
