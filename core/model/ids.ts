/**
 * Deterministic ids for timeline items: `clip-1`, `clip-2`, `overlay-1`... The
 * first number not yet used anywhere in the project is taken, so the same edit on
 * the same project always gives the same ids (no randomness in core).
 */
import type { Project } from './project.js';

/** Every id used by an item on any track of the project. */
export function usedIds(project: Project): Set<string> {
  const { video, overlay, audio } = project.timeline.tracks;
  return new Set([...video, ...overlay, ...audio].map((item) => item.id));
}

/** The first `${prefix}-N` (N from 1) that is not in `used`. */
export function firstUnusedId(used: ReadonlySet<string>, prefix: string): string {
  for (let n = 1; ; n += 1) {
    const candidate = `${prefix}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
}

/** The first `${prefix}-N` not used by any item of the project, for example `clip-3`. */
export function nextId(project: Project, prefix: string): string {
  return firstUnusedId(usedIds(project), prefix);
}
