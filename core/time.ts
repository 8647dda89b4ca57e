/**
 * Time in KlipKota is whole frames at the project's frame rate (OpenTimelineIO's
 * RationalTime with an integer value). Seconds appear only where FFmpeg arguments
 * are written, with the helper below.
 */

/** Seconds as FFmpeg wants them in arguments: fixed decimals, no exponent. */
export function ffSeconds(seconds: number): string {
  const rounded = Math.round(seconds * 1e6) / 1e6;
  return rounded.toFixed(6).replace(/\.?0+$/, '') || '0';
}

