/**
 * Pure parsers for `ffmpeg -filters` and `ffmpeg -encoders` output.
 * (fluent-ffmpeg's filter parser drops filters with a dynamic number of
 * inputs, such as concat "N->N" and amix "N->A", so the filter list is read here.)
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

/** Encoder names from `ffmpeg -encoders`: lines like " V..... libx264              libx264 H.264 ...". */
export function parseEncoderList(text: string): Set<string> {
  const names = new Set<string>();
  let started = false;
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*-+\s*$/.test(line)) {
      started = true;
      continue;
    }
    if (!started) continue;
    const match = /^\s*[VAS][F.][S.][X.][B.][D.]\s+(\S+)\s/.exec(line);
    if (match?.[1]) names.add(match[1]);
  }
  return names;
}
