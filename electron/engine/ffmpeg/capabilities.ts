/**
 * Pure parsers for `ffmpeg -filters` and `ffmpeg -encoders` output.
 * fluent-ffmpeg has getAvailableFilters/getAvailableEncoders, but its filter
 * parser drops filters with a dynamic number of inputs (concat "N->N", amix
 * "N->A") and it caches both lists for the life of the process, even when the
 * binary changes; so the lists are read here, through the logged runner.
 */

/** Filter names from `ffmpeg -filters`: lines like " ..C concat            N->N       Concatenate ...". */
export function parseFilterList(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*[T.][S.][C.]\s+(\S+)\s+[AVN|]+->[AVN|]+\s/.exec(line);
    if (match?.[1]) names.add(match[1]);
  }
  return names;
}

/** Encoder names from `ffmpeg -encoders`: lines like " V..... libx264   libx264 H.264 ..." after the "------" legend line. */
export function parseEncoderList(text: string): Set<string> {
  const names = new Set<string>();
  let started = false;
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*-{3,}\s*$/.test(line)) {
      started = true;
      continue;
    }
    const match = started ? /^\s*[VAS][F.][S.][X.][B.][D.]\s+(\S+)\s/.exec(line) : null;
    if (match?.[1]) names.add(match[1]);
  }
  return names;
}
