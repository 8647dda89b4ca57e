/**
 * The timeline's one link to the rest of the editor: the open project, the
 * edit dispatch with undo and redo, and what is known about each media file.
 *
 * BRIDGE: the editor's project store (issue 9: `dispatch(edit, { key })`,
 * `undo()`, `redo()` over core/model/history.ts) had not landed when the
 * timeline was built, so this file keeps a small undo stack over the existing
 * `projectStore.updateProject`. Reconnecting means replacing the bodies below
 * with calls to that store; nothing else in the timeline touches the project.
 */
import type { Project } from '../../../../core/model/project.js';
import { sourceFramesOf } from '../../../../core/model/timeline-edits.js';
import { useStore } from '../../store.js';
import { setPlayhead } from './viewStore.js';
import { reportError } from '../errors/errorStore.js';

export { reportError };
import { mediaStore } from '../media/mediaStore.js';
import { projectStore, updateProject } from '../project/projectStore.js';

export type Edit = (project: Project) => Project;

const HISTORY_LIMIT = 200;
let past: Project[] = [];
let future: Project[] = [];
let lastSeen: Project | undefined = projectStore.get().project;

// changes made elsewhere (import, rename) become undo steps too; a load (not dirty) starts afresh
projectStore.subscribe(() => {
  const { project, dirty } = projectStore.get();
  if (project === lastSeen) return;
  if (!dirty || !lastSeen || !project) {
    past = [];
    future = [];
  } else {
    past = [...past, lastSeen].slice(-HISTORY_LIMIT);
    future = [];
  }
  lastSeen = project;
});

export function currentProject(): Project | undefined {
  return projectStore.get().project;
}

export function useProject(): Project | undefined {
  return useStore(projectStore, (state) => state.project);
}

/** Apply one edit as one undo step. An edit that refuses (bad input) shows its message and changes nothing. */
export function dispatchEdit(edit: Edit): boolean {
  const project = currentProject();
  if (!project) return false;
  let next: Project;
  try {
    next = edit(project);
  } catch (error) {
    reportError(error);
    return false;
  }
  if (next === project) return true;
  updateProject(() => next);
  return true;
}

function step(from: Project[], to: Project[]): { from: Project[]; to: Project[] } | undefined {
  const project = currentProject();
  const target = from[from.length - 1];
  if (!project || !target) return undefined;
  lastSeen = target;
  updateProject(() => target);
  return { from: from.slice(0, -1), to: [...to, project] };
}

export function undoEdit(): void {
  const moved = step(past, future);
  if (moved) [past, future] = [moved.from, moved.to];
}

export function redoEdit(): void {
  const moved = step(future, past);
  if (moved) [future, past] = [moved.from, moved.to];
}

/** The source file's length in frames at the project's rate, once it has been probed. */
export function sourceFrames(path: string, fps: number): number | undefined {
  const info = mediaStore.get().byPath[path]?.info;
  if (!info?.video) return undefined;
  // a still image can be stretched to any length
  if (info.video.still) return Number.MAX_SAFE_INTEGER;
  return sourceFramesOf(info.durationSeconds, fps);
}

/** Put the playhead at a timeline frame (Home, End, the ruler, a marker), even where it already is. */
export function seekTimeline(frame: number, length: number): void {
  setPlayhead(frame, length);
}
