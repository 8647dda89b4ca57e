/**
 * Reading the project's clips, and the clip an imported file becomes (added
 * with core's insertClip through dispatch, like every other change).
 */
import type { ImportedMedia } from '../../../core/api/contract.js';
import { insertClip, type ClipInput } from '../../../core/model/edits.js';
import type { Clip, Project } from '../../../core/model/project.js';
import { secondsToWholeFrames } from '../../../core/time.js';
import { baseName } from '../format.js';

/** how long a still image lasts when it is added as a clip */
export const STILL_SECONDS = 5;

/** The clip an imported file becomes, or undefined when it has no picture. */
export function clipFromMedia(fps: number, media: ImportedMedia): ClipInput | undefined {
  const info = media.info;
  if (!info?.video) return undefined;
  const seconds = info.video.still ? STILL_SECONDS : Math.min(info.durationSeconds, info.video.durationSeconds ?? Number.POSITIVE_INFINITY);
  const duration = Math.max(1, secondsToWholeFrames(seconds, fps));
  return { name: baseName(media.path), media: { path: media.path }, sourceRange: { start: 0, duration } };
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

/** The edit that appends every imported file with a picture as a clip (core's insertClip, one undo step). */
export function appendImported(media: ImportedMedia[]): (project: Project) => Project {
  return (project) =>
    media.reduce((next, item) => {
      const clip = clipFromMedia(next.fps, item);
      return clip ? insertClip({ project: next, clip, index: next.timeline.tracks.video.length }) : next;
    }, project);
}
