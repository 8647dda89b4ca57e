/**
 * Captions as the features share them: where the captions track sits on the
 * output (the intro card first, cut at the last clip: core/captions/timing.ts,
 * the rule the burn-in and the sidecar use), which captions show at an output
 * frame, the playhead as a caption time, and moving the playhead to a caption.
 */
import { captionWindow, outputCaptions, type OutputCaption } from '@core/captions/timing.js';
import { layoutSegments } from '@core/layout.js';
import type { CaptionSegment } from '@core/model/project.js';
import { layoutRequest } from './layout.js';
import { projectStore } from './store.js';
import { seek, selectCaption, viewStore } from './view.js';

/** The output frames of the first and after the last clip (the caption times' origin and cut). */
export function captionSpan(): { contentStart: number; contentEnd: number } {
  const request = layoutRequest();
  if (!request) return { contentStart: 0, contentEnd: 0 };
  const timing = layoutSegments(request);
  return { contentStart: timing.contentStart, contentEnd: timing.contentEnd };
}

/** The captions on screen at an output frame, in the order the export layers them (earlier first). */
export function captionsAtFrame(frame: number): OutputCaption[] {
  const captions = projectStore.get().project?.timeline.tracks.captions ?? [];
  if (captions.length === 0) return [];
  return outputCaptions({ captions, ...captionSpan() }).filter((caption) => caption.startFrame <= frame && frame < caption.endFrame);
}

/** The playhead as a caption time (frames from the first clip; may be past the last clip). */
export function captionFrameAtPlayhead(): number {
  return Math.max(0, viewStore.get().playhead - captionSpan().contentStart);
}

/** The caption under the playhead, if any (the last one to start, as it is drawn on top). */
export function captionAtPlayhead(): CaptionSegment | undefined {
  const frame = captionFrameAtPlayhead();
  const captions = projectStore.get().project?.timeline.tracks.captions ?? [];
  return [...captions].reverse().find((caption) => caption.start <= frame && frame < caption.start + caption.duration);
}

/** Whether a caption shows at all on the output (false when it starts after the last clip). */
export function captionShows(caption: CaptionSegment): boolean {
  return captionWindow({ caption, ...captionSpan() }) !== undefined;
}

/** Work on a caption: select it and put the playhead on its first frame. */
export function goToCaption(caption: CaptionSegment): void {
  selectCaption(caption.id);
  seek(captionSpan().contentStart + caption.start);
}
