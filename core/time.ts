/**
 * Time in KlipKota is whole frames at the project's frame rate (OpenTimelineIO's
 * RationalTime with an integer value). Seconds appear only where FFmpeg arguments
 * are written, through the helpers below.
 */
export function framesToSeconds(frames: number, fps: number): number {
  return frames / fps;
}

/** Nearest whole frame for a time in seconds (used where media durations come from ffprobe). */
export function secondsToFrames(seconds: number, fps: number): number {
  return Math.round(seconds * fps);
}

/** Whole frames that fit completely in a duration in seconds (never past the end of the media). */
export function secondsToWholeFrames(seconds: number, fps: number): number {
  return Math.floor(seconds * fps + 1e-6);
}

/** Seconds as FFmpeg wants them in arguments: fixed decimals, no exponent. */
export function ffSeconds(seconds: number): string {
  const rounded = Math.round(seconds * 1e6) / 1e6;
  return rounded.toFixed(6).replace(/\.?0+$/, '') || '0';
}
