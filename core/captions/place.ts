/**
 * Captions timed on a clip's own file (frames from the file's first frame, as
 * a transcription of that file gives them) put on the timeline under that
 * clip: shifted to where the clip starts, cut to its trimmed part, and in
 * place of the captions that started there before (running it again does not
 * double them). One edit, so one undo step.
 */
import { badInput } from '../errors.js';
import { itemStartFrames } from '../model/edits.js';
import { replaceCaptions } from '../model/captions.js';
import type { Clip, Project } from '../model/project.js';

export interface FileCaption {
  /** frames from the file's first frame */
  start: number;
  duration: number;
  text: string;
}

function findClip(project: Project, clipId: string): { clip: Clip; start: number } {
  const video = project.timeline.tracks.video;
  const index = video.findIndex((item) => item.id === clipId && item.kind === 'clip');
  if (index < 0) {
    throw badInput('caption-clip-unknown', {
      id: `Klip "${clipId}" tidak ada di timeline. Pilih klip di timeline lalu coba lagi.`,
      en: `Clip "${clipId}" is not on the timeline. Select a clip on the timeline and try again.`,
    });
  }
  return { clip: video[index] as Clip, start: itemStartFrames(project)[index]! };
}

/** The captions of a clip's file as timeline captions under the clip (the parts outside its trim are cut off). */
export function placeFileCaptions(options: { project: Project; clipId: string; captions: readonly FileCaption[] }): FileCaption[] {
  const { clip, start } = findClip(options.project, options.clipId);
  const from = clip.sourceRange.start;
  const to = from + clip.sourceRange.duration;
  const placed: FileCaption[] = [];
  for (const caption of options.captions) {
    const first = Math.max(from, caption.start);
    const end = Math.min(to, caption.start + caption.duration);
    if (end - first < 1 || caption.text.trim() === '') continue;
    placed.push({ start: start + first - from, duration: end - first, text: caption.text });
  }
  return placed;
}

/** Put a clip's file captions under it on the timeline, replacing the captions that started within the clip. */
export function setClipCaptions(options: { project: Project; clipId: string; captions: readonly FileCaption[] }): Project {
  const { project } = options;
  const { clip, start } = findClip(project, options.clipId);
  const end = start + clip.sourceRange.duration;
  const kept = project.timeline.tracks.captions.filter((caption) => caption.start < start || caption.start >= end);
  const placed = placeFileCaptions(options);
  return replaceCaptions({ project, captions: [...kept.map(({ start: at, duration, text }) => ({ start: at, duration, text })), ...placed] });
}
