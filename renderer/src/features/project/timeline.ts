/**
 * The few timeline edits the skeleton needs: append imported clips, remove one.
 * Pure functions of the project; ids come from core's deterministic nextId.
 */
import type { ImportedMedia } from '../../../../core/api/contract.js';
import { nextId } from '../../../../core/model/ids.js';
import type { Clip, Project } from '../../../../core/model/project.js';
import { secondsToWholeFrames } from '../../../../core/time.js';
import { baseName } from '../../format.js';

/** how long a still image lasts when it is added as a clip */
export const STILL_SECONDS = 5;

/** The clip an imported file becomes, or undefined when it has no picture. */
export function clipFromMedia(project: Project, media: ImportedMedia): Clip | undefined {
  const info = media.info;
  if (!info?.video) return undefined;
  const seconds = info.video.still ? STILL_SECONDS : info.durationSeconds;
  const duration = Math.max(1, secondsToWholeFrames(seconds, project.fps));
  return {
    kind: 'clip',
    id: nextId(project, 'clip'),
    name: baseName(media.path),
    media: { path: media.path },
    sourceRange: { start: 0, duration },
    reframe: { mode: 'blur' },
    volume: 1,
    muted: false,
  };
}

export function appendClips(project: Project, media: ImportedMedia[]): { project: Project; added: Clip[] } {
  let next = project;
  const added: Clip[] = [];
  for (const item of media) {
    const clip = clipFromMedia(next, item);
    if (!clip) continue;
    added.push(clip);
    next = { ...next, timeline: { ...next.timeline, tracks: { ...next.timeline.tracks, video: [...next.timeline.tracks.video, clip] } } };
  }
  return { project: next, added };
}

export function removeItem(project: Project, id: string): Project {
  const video = project.timeline.tracks.video.filter((item) => item.id !== id);
  return { ...project, timeline: { ...project.timeline, tracks: { ...project.timeline.tracks, video } } };
}

export function clipsOf(project: Project | undefined): Clip[] {
  return (project?.timeline.tracks.video ?? []).filter((item): item is Clip => item.kind === 'clip');
}

export function projectSeconds(project: Project | undefined): number {
  if (!project) return 0;
  const frames = project.timeline.tracks.video.reduce(
    (sum, item) => sum + (item.kind === 'clip' ? item.sourceRange.duration : item.duration),
    0,
  );
  return frames / project.fps;
}
