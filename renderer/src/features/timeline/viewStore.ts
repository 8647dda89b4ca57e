/**
 * The timeline's view state: playhead, zoom, scroll, selection, the draft of a
 * drag in progress, the transport (play, J/K/L shuttle) and the lower-third
 * clipboard. None of it is part of the project or its undo history.
 */
import type { Project } from '@core/model/project.js';
import type { OverlayClipboard } from '@core/model/track-edits.js';
import { createStore } from '../../store.js';
import { clampZoom } from './geometry.js';

export type SelectionKind = 'video' | 'overlay' | 'music' | 'marker' | 'caption';

export interface Selection {
  kind: SelectionKind;
  ids: string[];
}

export const timelineView = createStore({
  playhead: 0,
  /** pixels per frame */
  zoom: 2,
  scrollX: 0,
  /** width of the scrolling area, pixels */
  width: 800,
  selection: { kind: 'video', ids: [] } as Selection,
  /** the project as it would be if the drag in progress ended here (drawn instead of the real one) */
  draft: undefined as Project | undefined,
  /** frame a snap pulled the drag to (a guide line is drawn there) */
  snapGuide: undefined as number | undefined,
  /** frames per second of playback: 0 stopped, negative backwards (J), 1/2/4x forwards (L) */
  speed: 0,
  clipboard: undefined as OverlayClipboard | undefined,
  shortcutsOpen: false,
  /** only the toolbar is shown (a bigger preview on a short screen) */
  collapsed: false,
  /** the marker whose note is being written */
  editingMarker: undefined as string | undefined,
});

export function setPlayhead(frame: number, length: number): void {
  const playhead = Math.min(Math.max(0, Math.round(frame)), Math.max(0, length));
  if (playhead !== timelineView.get().playhead) timelineView.set({ playhead });
}

/** Zoom around a screen x (the mouse, or the playhead): that frame stays where it is. */
export function zoomAround(options: { zoom: number; anchorX: number; lead: number }): void {
  const { zoom: old, scrollX } = timelineView.get();
  const zoom = clampZoom(options.zoom);
  const frame = (scrollX + options.anchorX - options.lead) / old;
  const nextScroll = Math.max(0, frame * zoom + options.lead - options.anchorX);
  timelineView.set({ zoom, scrollX: nextScroll });
}

/** Click: select one. Shift or Ctrl: add or remove it (same kind only; another kind starts afresh). */
export function selectItem(options: { kind: SelectionKind; id: string; additive: boolean }): void {
  const { selection } = timelineView.get();
  if (!options.additive || selection.kind !== options.kind) {
    timelineView.set({ selection: { kind: options.kind, ids: [options.id] } });
    return;
  }
  const ids = selection.ids.includes(options.id) ? selection.ids.filter((id) => id !== options.id) : [...selection.ids, options.id];
  timelineView.set({ selection: { kind: options.kind, ids } });
}

export function clearSelection(): void {
  timelineView.set({ selection: { kind: 'video', ids: [] } });
}

/** While playing, page the view along when the playhead reaches an edge (`lead`: pixels before frame 0). */
export function followPlayhead(lead: number): void {
  const { playhead, zoom, scrollX, width } = timelineView.get();
  const x = lead + playhead * zoom;
  if (x > scrollX + width - 24 || x < scrollX) timelineView.set({ scrollX: Math.max(0, x - 48) });
}
