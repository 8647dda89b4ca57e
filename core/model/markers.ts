/**
 * Timeline markers (M): a frame and a note, kept in frame order and saved in
 * the project. Pure edits like the others in core/model.
 */
import { badInput } from '../errors.js';
import { timelineDurationFrames } from './edits.js';
import { firstUnusedId } from './ids.js';
import type { Marker, Project } from './project.js';

const NOTE_LIMIT = 500;

function withMarkers(project: Project, markers: Marker[]): Project {
  return { ...project, timeline: { ...project.timeline, markers: [...markers].sort((a, b) => a.frame - b.frame) } };
}

function checkFrame(project: Project, value: number): number {
  const length = timelineDurationFrames(project);
  if (!Number.isFinite(value) || value < 0 || value > length) {
    throw badInput('marker-outside', {
      id: `Penanda di frame ${value} berada di luar video (0 sampai ${length}). Letakkan playhead di dalam video.`,
      en: `A marker at frame ${value} is outside the video (0 to ${length}). Put the playhead inside the video.`,
    });
  }
  return Math.round(value);
}

function checkNote(note: string): string {
  if (note.length > NOTE_LIMIT) {
    throw badInput('marker-note-long', {
      id: `Catatan penanda terlalu panjang (${note.length} huruf, paling banyak ${NOTE_LIMIT}). Persingkat catatannya.`,
      en: `The marker note is too long (${note.length} characters, at most ${NOTE_LIMIT}). Shorten it.`,
    });
  }
  return note;
}

/** Add a marker at a frame with a note; returns the new marker's id too. */
export function addMarker(options: { project: Project; frame: number; note?: string }): { project: Project; markerId: string } {
  const { project } = options;
  const frame = checkFrame(project, options.frame);
  const id = firstUnusedId(new Set(project.timeline.markers.map((marker) => marker.id)), 'marker');
  const marker: Marker = { id, frame, note: checkNote(options.note ?? '') };
  return { project: withMarkers(project, [...project.timeline.markers, marker]), markerId: id };
}

function findMarker(project: Project, markerId: string): Marker {
  const marker = project.timeline.markers.find((item) => item.id === markerId);
  if (!marker) {
    throw badInput('marker-unknown', {
      id: `Penanda "${markerId}" tidak ada di proyek. Pilih penanda lain.`,
      en: `Marker "${markerId}" is not in the project. Choose another marker.`,
    });
  }
  return marker;
}

export function updateMarker(options: { project: Project; markerId: string; note?: string; frame?: number }): Project {
  const { project } = options;
  const marker = findMarker(project, options.markerId);
  const changed: Marker = {
    ...marker,
    ...(options.note !== undefined ? { note: checkNote(options.note) } : {}),
    ...(options.frame !== undefined ? { frame: checkFrame(project, options.frame) } : {}),
  };
  return withMarkers(
    project,
    project.timeline.markers.map((item) => (item.id === marker.id ? changed : item)),
  );
}

export function removeMarker(options: { project: Project; markerId: string }): Project {
  const marker = findMarker(options.project, options.markerId);
  return withMarkers(
    options.project,
    options.project.timeline.markers.filter((item) => item !== marker),
  );
}
