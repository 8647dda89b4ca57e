/**
 * Edits on the overlay track (lower thirds and titles) and the music track:
 * move and stretch in time, several at once, and copy and paste of lower
 * thirds. Pure; frames count from the first clip (the intro is not counted).
 */
import { badInput } from '../errors.js';
import { timelineDurationFrames } from './edits.js';
import { firstUnusedId, usedIds } from './ids.js';
import type { MusicItem, OverlayItem, Project } from './project.js';
import type { Edge } from './timeline-edits.js';

/** Lower thirds on the clipboard: their template, fields and length, placed relative to the first of them. */
export interface OverlayClipboard {
  items: Array<{ template: string; fields: Record<string, string>; offset: number; duration: number }>;
}

function frame(value: number): number {
  if (!Number.isFinite(value)) {
    throw badInput('edit-invalid', { id: `Nilai ${value} bukan angka frame. Coba lagi.`, en: `${value} is not a frame number. Try again.` });
  }
  return Math.round(value);
}

function emptyTimeline(project: Project): number {
  const length = timelineDurationFrames(project);
  if (length <= 0) {
    throw badInput('edit-empty-timeline', {
      id: 'Timeline masih kosong. Tambahkan klip dulu, lalu letakkan overlay atau musik.',
      en: 'The timeline is empty. Add a clip first, then place overlays or music.',
    });
  }
  return length;
}

function withTrack<K extends 'overlay' | 'audio'>(project: Project, kind: K, items: Project['timeline']['tracks'][K]): Project {
  return { ...project, timeline: { ...project.timeline, tracks: { ...project.timeline.tracks, [kind]: items } } };
}

function selected<T extends { id: string }>(items: readonly T[], ids: readonly string[], what: 'overlay' | 'music'): Set<string> {
  const wanted = new Set(ids);
  const missing = [...wanted].filter((id) => !items.some((item) => item.id === id));
  if (wanted.size === 0 || missing.length > 0) {
    const label = what === 'overlay' ? { id: 'Overlay', en: 'Overlay' } : { id: 'Musik', en: 'Music' };
    throw badInput(`edit-unknown-${what}`, {
      id: `${label.id} ${missing.join(', ') || '(tidak ada)'} tidak ada di proyek. Pilih lagi di timeline.`,
      en: `${label.en} ${missing.join(', ') || '(none)'} is not in the project. Select it on the timeline again.`,
    });
  }
  return wanted;
}

// ---------------------------------------------------------------- overlays

/**
 * Move the selected overlays together by `byFrames`. The move is clamped so
 * that none starts before 0 or at/after the end; one that would run past the
 * end is shortened to it.
 */
export function moveOverlays(options: { project: Project; overlayIds: readonly string[]; byFrames: number }): Project {
  const { project } = options;
  const length = emptyTimeline(project);
  const overlays = project.timeline.tracks.overlay;
  const ids = selected(overlays, options.overlayIds, 'overlay');
  const moving = overlays.filter((item) => ids.has(item.id));
  const earliest = Math.min(...moving.map((item) => item.start));
  const latest = Math.max(...moving.map((item) => item.start));
  const by = Math.min(Math.max(frame(options.byFrames), -earliest), length - 1 - latest);
  if (by === 0) return project;
  return withTrack(
    project,
    'overlay',
    overlays.map((item) => {
      if (!ids.has(item.id)) return item;
      const start = item.start + by;
      return { ...item, start, duration: Math.min(item.duration, length - start) };
    }),
  );
}

/** Stretch an overlay by dragging one edge to `toFrame`; it keeps at least one frame and stays inside the video. */
export function resizeOverlay(options: { project: Project; overlayId: string; edge: Edge; toFrame: number }): Project {
  const { project } = options;
  const length = emptyTimeline(project);
  const overlays = project.timeline.tracks.overlay;
  selected(overlays, [options.overlayId], 'overlay');
  const to = frame(options.toFrame);
  return withTrack(
    project,
    'overlay',
    overlays.map((item): OverlayItem => {
      if (item.id !== options.overlayId) return item;
      const end = item.start + item.duration;
      if (options.edge === 'start') {
        const start = Math.min(Math.max(0, to), end - 1);
        return { ...item, start, duration: end - start };
      }
      return { ...item, duration: Math.min(Math.max(item.start + 1, to), length) - item.start };
    }),
  );
}

export function removeOverlays(options: { project: Project; overlayIds: readonly string[] }): Project {
  const ids = selected(options.project.timeline.tracks.overlay, options.overlayIds, 'overlay');
  return withTrack(
    options.project,
    'overlay',
    options.project.timeline.tracks.overlay.filter((item) => !ids.has(item.id)),
  );
}

/** Ctrl+C on lower thirds: what paste needs, independent of the project. */
export function copyOverlays(options: { project: Project; overlayIds: readonly string[] }): OverlayClipboard {
  const overlays = options.project.timeline.tracks.overlay;
  const ids = selected(overlays, options.overlayIds, 'overlay');
  const chosen = overlays.filter((item) => ids.has(item.id));
  const first = Math.min(...chosen.map((item) => item.start));
  return {
    items: chosen.map((item) => ({ template: item.template, fields: { ...item.fields }, offset: item.start - first, duration: item.duration })),
  };
}

/**
 * Ctrl+V: the clipboard's lower thirds with fresh ids, the first at `atFrame`.
 * Ones that would start at or past the end are left out; the rest end by the end.
 * Returns the new ids too, so the editor can select what was pasted.
 */
export function pasteOverlays(options: { project: Project; clipboard: OverlayClipboard; atFrame: number }): { project: Project; pastedIds: string[] } {
  const { project } = options;
  const length = emptyTimeline(project);
  const at = Math.max(0, frame(options.atFrame));
  const used = new Set(usedIds(project));
  const pasted: OverlayItem[] = [];
  for (const item of options.clipboard.items) {
    const start = at + item.offset;
    if (start >= length) continue;
    const id = firstUnusedId(used, 'overlay');
    used.add(id);
    pasted.push({ kind: 'overlay', id, template: item.template, fields: { ...item.fields }, start, duration: Math.min(item.duration, length - start) });
  }
  if (pasted.length === 0) {
    throw badInput('edit-paste-outside', {
      id: 'Tidak ada yang bisa ditempel di sini: posisi playhead sudah di akhir video. Geser playhead ke dalam video, lalu tempel lagi.',
      en: 'Nothing can be pasted here: the playhead is at the end of the video. Move the playhead into the video, then paste again.',
    });
  }
  return { project: withTrack(project, 'overlay', [...project.timeline.tracks.overlay, ...pasted]), pastedIds: pasted.map((item) => item.id) };
}

// ---------------------------------------------------------------- music

/** Where a music bed plays on the timeline, `end` exclusive (no duration: to the end of the video). */
export function musicSpan(project: Project, music: MusicItem): { start: number; end: number } {
  const length = timelineDurationFrames(project);
  const end = music.duration === undefined ? length : Math.min(length, music.start + music.duration);
  return { start: Math.min(music.start, length), end: Math.max(end, Math.min(music.start, length)) };
}

function updateMusic(project: Project, musicId: string, change: (music: MusicItem, length: number) => MusicItem): Project {
  const length = emptyTimeline(project);
  const audio = project.timeline.tracks.audio;
  selected(audio, [musicId], 'music');
  return withTrack(
    project,
    'audio',
    audio.map((item) => (item.id === musicId ? change(item, length) : item)),
  );
}

/** Move a music bed so it starts at `toFrame` (inside the video); its length is kept. */
export function moveMusic(options: { project: Project; musicId: string; toFrame: number }): Project {
  return updateMusic(options.project, options.musicId, (music, length) => {
    const span = musicSpan(options.project, music);
    const start = Math.min(Math.max(0, frame(options.toFrame)), length - 1);
    return { ...music, start, duration: Math.max(1, span.end - span.start) };
  });
}

/** Stretch a music bed by one edge; it keeps at least one frame and stays inside the video. */
export function resizeMusic(options: { project: Project; musicId: string; edge: Edge; toFrame: number }): Project {
  return updateMusic(options.project, options.musicId, (music, length) => {
    const { start, end } = musicSpan(options.project, music);
    const to = frame(options.toFrame);
    if (options.edge === 'start') {
      const next = Math.min(Math.max(0, to), end - 1);
      return { ...music, start: next, duration: end - next };
    }
    return { ...music, start, duration: Math.min(Math.max(start + 1, to), length) - start };
  });
}

/**
 * Seconds into the music file heard at an output time, or undefined when the
 * bed is silent then. Unplaced music (start 0, no duration) covers the whole
 * video from its first second; placed music starts `start` frames after the
 * intro (`contentStartSeconds`), as the compiler places it.
 */
export function musicSecondsAt(options: { project: Project; music: MusicItem; outputSeconds: number; contentStartSeconds: number }): number | undefined {
  const { project, music } = options;
  const placed = music.start > 0 || music.duration !== undefined;
  if (!placed) return options.outputSeconds;
  const span = musicSpan(project, music);
  const local = options.outputSeconds - options.contentStartSeconds - span.start / project.fps;
  return local >= 0 && local < (span.end - span.start) / project.fps ? local : undefined;
}
