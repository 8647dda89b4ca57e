/**
 * Undo and redo for any document (the editor's project), pure: every function
 * returns a new history and never changes the one it was given.
 *
 * A gesture is one step, not one per pixel or key: `record` with the same
 * `key` (for example `focus:clip-1` while dragging, `field:o1:name` while
 * typing) within `COALESCE_MS` of the last record replaces the step instead of
 * adding one; a typed space ends a word (pass `boundary: true`), and `seal`
 * ends the gesture (pointer up, field left).
 */
export const COALESCE_MS = 1500;
export const HISTORY_LIMIT = 200;

export interface History<T> {
  past: readonly T[];
  present: T;
  future: readonly T[];
  /** the gesture the present step belongs to, while it may still grow */
  open?: { key: string; at: number };
}

export function createHistory<T>(present: T): History<T> {
  return { past: [], present, future: [] };
}

export interface RecordOptions {
  /** the gesture this change belongs to; changes with the same key in a row are one step */
  key?: string;
  /** when the change happened (ms); defaults to 0, so pass a clock in real use */
  at?: number;
  /** this change ends its gesture (a typed space ends a word) */
  boundary?: boolean;
}

/** Add `next` as the newest step (or fold it into the open gesture). The same object twice is no step. */
export function record<T>(history: History<T>, next: T, options: RecordOptions = {}): History<T> {
  if (next === history.present) return history;
  const at = options.at ?? 0;
  const open = history.open;
  const coalesce = options.key !== undefined && open?.key === options.key && at - open.at <= COALESCE_MS;
  const keep = options.key !== undefined && !options.boundary ? { open: { key: options.key, at } } : {};
  if (coalesce) return { past: history.past, present: next, future: [], ...keep };
  const past = [...history.past, history.present].slice(-HISTORY_LIMIT);
  return { past, present: next, future: [], ...keep };
}

/** End the open gesture: the next change is a new step even with the same key. */
export function seal<T>(history: History<T>): History<T> {
  if (!history.open) return history;
  return { past: history.past, present: history.present, future: history.future };
}

export function canUndo(history: History<unknown>): boolean {
  return history.past.length > 0;
}

export function canRedo(history: History<unknown>): boolean {
  return history.future.length > 0;
}

export function undo<T>(history: History<T>): History<T> {
  const previous = history.past[history.past.length - 1];
  if (previous === undefined) return seal(history);
  return { past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future] };
}

export function redo<T>(history: History<T>): History<T> {
  const [next, ...rest] = history.future;
  if (next === undefined) return seal(history);
  return { past: [...history.past, history.present], present: next, future: rest };
}
