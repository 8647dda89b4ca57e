/**
 * When captions show on an export, in frames of the OUTPUT (the intro card
 * comes first): the one rule the burn-in, the sidecar .srt and the preview
 * share. A caption's own times count from the first clip, as overlays do.
 */
import type { CaptionSegment } from '../model/project.js';

/** A caption placed on the output: `endFrame` is exclusive. */
export interface OutputCaption {
  id: string;
  text: string;
  startFrame: number;
  endFrame: number;
}

/** When one caption shows on the output, cut at the end of the last clip; undefined when nothing of it shows. */
export function captionWindow(options: { caption: CaptionSegment; contentStart: number; contentEnd: number }): { startFrame: number; endFrame: number } | undefined {
  const startFrame = options.contentStart + options.caption.start;
  const endFrame = Math.min(options.contentEnd, startFrame + options.caption.duration);
  return endFrame - startFrame < 1 ? undefined : { startFrame, endFrame };
}

/** Every caption with words that shows on the output, in time order. */
export function outputCaptions(options: { captions: readonly CaptionSegment[]; contentStart: number; contentEnd: number }): OutputCaption[] {
  const result: OutputCaption[] = [];
  for (const caption of options.captions) {
    if (caption.text.trim() === '') continue;
    const window = captionWindow({ caption, contentStart: options.contentStart, contentEnd: options.contentEnd });
    if (window) result.push({ id: caption.id, text: caption.text, ...window });
  }
  return result.sort((a, b) => a.startFrame - b.startFrame || a.endFrame - b.endFrame);
}

/** A subtitle file's milliseconds as whole frames at the project's rate. */
export function millisecondsToFrames(milliseconds: number, fps: number): number {
  return Math.round((milliseconds * fps) / 1000);
}

/** Whole frames as the milliseconds a subtitle file writes (frames -> ms -> frames gives the same frame at up to 1000 fps). */
export function framesToMilliseconds(frames: number, fps: number): number {
  return Math.round((frames * 1000) / fps);
}
