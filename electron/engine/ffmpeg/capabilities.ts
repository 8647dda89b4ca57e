/**
 * Pure parser for `ffmpeg -filters` output.
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
