/**
 * Speech segments (what whisper.cpp heard, with times) into captions that
 * respect the caption style's limits: at most `maxLines` lines of at most
 * `maxCharsPerLine` characters. A long segment is cut at word boundaries into
 * several captions, and its time is divided between them in proportion to
 * their length in characters, so each caption stays on screen about as long
 * as it is spoken. Pure: the engine's transcription and the tests use it.
 */

/** One stretch of speech or one caption: times in seconds from the start of the clip. */
export interface SpeechSegment {
  startSeconds: number;
  endSeconds: number;
  text: string;
}

/** The caption style's line limits (the pack's captionStyle.maxLines and maxCharsPerLine). */
export interface CaptionLineLimits {
  maxLines: number;
  maxCharsPerLine: number;
}

/** The limits when the pack sets none: two lines of 42 characters, the common broadcast rule. */
export const DEFAULT_CAPTION_LIMITS: CaptionLineLimits = { maxLines: 2, maxCharsPerLine: 42 };

/** How long a segment whisper gave no length (start equal to end) is shown, at most. */
const SHORTEST_SECONDS = 1;

/**
 * Whisper's marks for what is not speech ("[BLANK_AUDIO]", "[Musik]",
 * "(tepuk tangan)", "*tertawa*"): a segment that is only such a mark is no caption.
 */
const NON_SPEECH = /^(?:\[[^\]]*\]|\([^)]*\)|\*[^*]*\*|♪+|\s)+$/u;

/** Collapse spaces and line ends; whisper starts every segment with a space. */
export function normalizeSpeechText(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** A word longer than a whole line is cut into line-sized pieces (a long URL, a run of digits). */
function lineSizedWords(words: readonly string[], maxChars: number): string[] {
  const out: string[] = [];
  for (const word of words) {
    const letters = Array.from(word);
    if (letters.length <= maxChars) out.push(word);
    else for (let at = 0; at < letters.length; at += maxChars) out.push(letters.slice(at, at + maxChars).join(''));
  }
  return out;
}

/** Fill lines word by word, never over `maxChars` characters (counted as code points). */
export function wrapWords(text: string, maxChars: number): string[] {
  const words = lineSizedWords(normalizeSpeechText(text).split(' ').filter(Boolean), maxChars);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (Array.from(candidate).length <= maxChars) line = candidate;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** The lines of one segment grouped into captions of at most `maxLines` lines each. */
function captionTexts(text: string, limits: CaptionLineLimits): string[] {
  const lines = wrapWords(text, limits.maxCharsPerLine);
  const texts: string[] = [];
  for (let at = 0; at < lines.length; at += limits.maxLines) texts.push(lines.slice(at, at + limits.maxLines).join('\n'));
  return texts;
}

function checkLimits(limits: CaptionLineLimits): void {
  if (!Number.isInteger(limits.maxLines) || limits.maxLines < 1) throw new RangeError(`maxLines must be a whole number of at least 1, not ${limits.maxLines}`);
  if (!Number.isInteger(limits.maxCharsPerLine) || limits.maxCharsPerLine < 1) {
    throw new RangeError(`maxCharsPerLine must be a whole number of at least 1, not ${limits.maxCharsPerLine}`);
  }
}

/** Divide [start, end] between texts in proportion to their length; the last ends exactly at `end`. */
function divideTime(options: { texts: string[]; startSeconds: number; endSeconds: number }): SpeechSegment[] {
  const { texts, startSeconds, endSeconds } = options;
  const weights = texts.map((text) => Array.from(text.replace(/\n/g, ' ')).length);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const captions: SpeechSegment[] = [];
  let used = 0;
  let start = startSeconds;
  texts.forEach((text, index) => {
    used += weights[index]!;
    const end = index === texts.length - 1 ? endSeconds : startSeconds + ((endSeconds - startSeconds) * used) / total;
    captions.push({ startSeconds: start, endSeconds: end, text });
    start = end;
  });
  return captions;
}

/**
 * Captions from speech segments: empty and non-speech segments dropped, times
 * clamped to start at 0, never to run into the next segment nor past the end of
 * the clip (`durationSeconds`), each segment cut to fit the limits. Segments are
 * taken in time order.
 */
export function captionsFromSpeech(options: { segments: readonly SpeechSegment[]; limits?: CaptionLineLimits; durationSeconds?: number }): SpeechSegment[] {
  const limits = options.limits ?? DEFAULT_CAPTION_LIMITS;
  checkLimits(limits);
  // whisper may place a last segment past the end of the sound: nothing is shown after the clip ends
  const clipEnd = options.durationSeconds ?? Number.POSITIVE_INFINITY;
  const spoken = options.segments
    .map((segment) => ({ ...segment, text: normalizeSpeechText(segment.text) }))
    .filter((segment) => segment.text !== '' && !NON_SPEECH.test(segment.text) && Number.isFinite(segment.startSeconds) && Number.isFinite(segment.endSeconds))
    .filter((segment) => segment.startSeconds < clipEnd)
    .sort((a, b) => a.startSeconds - b.startSeconds);
  return spoken.flatMap((segment, index) => {
    const startSeconds = Math.max(0, segment.startSeconds);
    const next = spoken[index + 1];
    let endSeconds = segment.endSeconds > startSeconds ? segment.endSeconds : startSeconds + SHORTEST_SECONDS;
    if (next && next.startSeconds > startSeconds) endSeconds = Math.min(endSeconds, next.startSeconds);
    endSeconds = Math.min(endSeconds, clipEnd);
    return divideTime({ texts: captionTexts(segment.text, limits), startSeconds, endSeconds });
  });
}
