/**
 * Pure edits on the captions track: add, change the words, split, merge, nudge,
 * shift all, remove, replace all (an imported file). Each takes one object and
 * returns a new project (the one given is never changed), so each is one undo
 * step through core/model/history.ts like every other edit. Times are whole
 * frames at the project's rate, counted from the first clip (as overlays are).
 * The track is kept in time order; captions may overlap (burn-in stacks them).
 */
import { badInput, type LocalizedText } from '../errors.js';
import { firstUnusedId } from './ids.js';
import {
  CaptionStyleOverridesSchema,
  type CaptionSegment,
  type CaptionStyleOverrides,
  type Project,
} from './project.js';

export const CAPTION_TEXT_LIMIT = 500;

/** A caption to add: `id` is made when missing or taken. */
export interface CaptionInput {
  id?: string;
  start: number;
  duration: number;
  text: string;
}

function captionError(code: string, text: LocalizedText): never {
  throw badInput(code, text);
}

function frameCount(value: number, what: LocalizedText): number {
  if (!Number.isFinite(value)) {
    captionError('caption-invalid', {
      id: `${what.id} teks ${value} bukan angka. Masukkan jumlah frame yang benar.`,
      en: `The caption ${what.en} ${value} is not a number. Enter a valid frame count.`,
    });
  }
  return Math.round(value);
}

/** The words as stored: line breaks and runs of spaces become one space. */
export function cleanCaptionText(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length > CAPTION_TEXT_LIMIT) {
    captionError('caption-text-long', {
      id: `Teks terlalu panjang (${clean.length} huruf, paling banyak ${CAPTION_TEXT_LIMIT}). Bagi menjadi beberapa teks.`,
      en: `The caption is too long (${clean.length} characters, at most ${CAPTION_TEXT_LIMIT}). Split it into several captions.`,
    });
  }
  return clean;
}

function byTime(a: CaptionSegment, b: CaptionSegment): number {
  return a.start - b.start || a.start + a.duration - (b.start + b.duration);
}

function withCaptions(project: Project, captions: CaptionSegment[]): Project {
  const sorted = [...captions].sort(byTime);
  return { ...project, timeline: { ...project.timeline, tracks: { ...project.timeline.tracks, captions: sorted } } };
}

function findCaption(project: Project, captionId: string): { caption: CaptionSegment; index: number } {
  const captions = project.timeline.tracks.captions;
  const index = captions.findIndex((caption) => caption.id === captionId);
  if (index < 0) {
    captionError('caption-unknown', {
      id: `Teks "${captionId}" tidak ada di trek teks. Muat ulang proyek lalu coba lagi.`,
      en: `Caption "${captionId}" is not on the captions track. Reload the project and try again.`,
    });
  }
  return { caption: captions[index]!, index };
}

function checkedSegment(options: { id: string; start: number; duration: number; text: string }): CaptionSegment {
  const start = frameCount(options.start, { id: 'Awal', en: 'start' });
  const duration = frameCount(options.duration, { id: 'Panjang', en: 'length' });
  if (start < 0 || duration < 1) {
    captionError('caption-timing', {
      id: `Teks "${options.id}" harus mulai di frame 0 atau sesudahnya dan tampil minimal 1 frame (mulai ${start}, panjang ${duration}).`,
      en: `Caption "${options.id}" must start at frame 0 or later and show for at least 1 frame (start ${start}, length ${duration}).`,
    });
  }
  return { id: options.id, start, duration, text: cleanCaptionText(options.text) };
}

function replaceCaption(project: Project, index: number, ...segments: CaptionSegment[]): Project {
  const captions = project.timeline.tracks.captions;
  return withCaptions(project, [...captions.slice(0, index), ...segments, ...captions.slice(index + 1)]);
}

/** The first `caption-N` not used on the captions track. */
export function nextCaptionId(project: Project, taken: Iterable<string> = []): string {
  return firstUnusedId(new Set([...project.timeline.tracks.captions.map((caption) => caption.id), ...taken]), 'caption');
}

/** Add a caption (kept in time order). */
export function addCaption(options: { project: Project; caption: CaptionInput }): Project {
  const { project, caption } = options;
  const used = project.timeline.tracks.captions.some((item) => item.id === caption.id);
  const id = caption.id && !used ? caption.id : nextCaptionId(project);
  return withCaptions(project, [...project.timeline.tracks.captions, checkedSegment({ ...caption, id })]);
}

/** Replace the whole captions track (an imported .srt/.vtt); ids are made afresh: `caption-1`... in time order. */
export function replaceCaptions(options: { project: Project; captions: readonly Omit<CaptionInput, 'id'>[] }): Project {
  const sorted = options.captions
    .map((caption, index) => checkedSegment({ ...caption, id: `caption-${index + 1}` }))
    .sort(byTime);
  return withCaptions(options.project, sorted.map((caption, index) => ({ ...caption, id: `caption-${index + 1}` })));
}

export function setCaptionText(options: { project: Project; captionId: string; text: string }): Project {
  const { caption, index } = findCaption(options.project, options.captionId);
  const text = cleanCaptionText(options.text);
  if (text === caption.text) return options.project;
  return replaceCaption(options.project, index, { ...caption, text });
}

/** Set a caption's start and/or length (frames). */
export function setCaptionTiming(options: { project: Project; captionId: string; start?: number; duration?: number }): Project {
  const { caption, index } = findCaption(options.project, options.captionId);
  const segment = checkedSegment({
    ...caption,
    start: options.start ?? caption.start,
    duration: options.duration ?? caption.duration,
  });
  return replaceCaption(options.project, index, segment);
}

/**
 * Move a caption by `frames` (negative: earlier). `edge` moves only its start
 * or its end (the other edge stays); the caption keeps at least one frame and
 * never starts before frame 0.
 */
export function nudgeCaption(options: { project: Project; captionId: string; frames: number; edge?: 'both' | 'start' | 'end' }): Project {
  const { caption, index } = findCaption(options.project, options.captionId);
  const by = frameCount(options.frames, { id: 'Geseran', en: 'nudge' });
  const end = caption.start + caption.duration;
  const edge = options.edge ?? 'both';
  let start = caption.start;
  let newEnd = end;
  if (edge === 'both') {
    start = Math.max(0, caption.start + by);
    newEnd = start + caption.duration;
  } else if (edge === 'start') start = Math.min(end - 1, Math.max(0, caption.start + by));
  else newEnd = Math.max(caption.start + 1, end + by);
  if (start === caption.start && newEnd === end) return options.project;
  return replaceCaption(options.project, index, { ...caption, start, duration: newEnd - start });
}

/** Move every caption by `frames` (a whole file out of sync). Refused when a caption would start before frame 0. */
export function shiftAllCaptions(options: { project: Project; frames: number }): Project {
  const { project } = options;
  const by = frameCount(options.frames, { id: 'Geseran', en: 'shift' });
  const captions = project.timeline.tracks.captions;
  if (by === 0 || captions.length === 0) return project;
  const earliest = Math.min(...captions.map((caption) => caption.start));
  if (earliest + by < 0) {
    captionError('caption-shift-before-start', {
      id: `Tidak bisa menggeser semua teks ${-by} frame lebih awal: teks pertama mulai di frame ${earliest}. Geser paling banyak ${earliest} frame.`,
      en: `Cannot shift every caption ${-by} frames earlier: the first one starts at frame ${earliest}. Shift by at most ${earliest} frames.`,
    });
  }
  return withCaptions(project, captions.map((caption) => ({ ...caption, start: caption.start + by })));
}

/** Where to cut the words: the space nearest to `fraction` of the text (0..1); the whole text stays on the left when there is no space. */
function splitWords(text: string, fraction: number): [string, string] {
  const target = text.length * fraction;
  let best = -1;
  for (let at = text.indexOf(' '); at >= 0; at = text.indexOf(' ', at + 1)) {
    if (best < 0 || Math.abs(at - target) < Math.abs(best - target)) best = at;
  }
  if (best < 0) return [text, ''];
  return [text.slice(0, best).trim(), text.slice(best + 1).trim()];
}

/**
 * Cut a caption in two at a frame of the timeline (inside the caption). The
 * words are divided at `textAt` (a character index) when given, else at the
 * space nearest to where the frame falls in the caption. The first part keeps
 * the id; the second gets a new one.
 */
export function splitCaption(options: { project: Project; captionId: string; atFrame: number; textAt?: number }): Project {
  const { project } = options;
  const { caption, index } = findCaption(project, options.captionId);
  const at = frameCount(options.atFrame, { id: 'Titik potong', en: 'split point' });
  const offset = at - caption.start;
  if (offset <= 0 || offset >= caption.duration) {
    captionError('caption-split-edge', {
      id: `Tidak bisa memotong teks "${caption.id}" di frame ${at}: titik potong harus di dalam teks (frame ${caption.start + 1} sampai ${caption.start + caption.duration - 1}).`,
      en: `Cannot split caption "${caption.id}" at frame ${at}: the split point must be inside it (frames ${caption.start + 1} to ${caption.start + caption.duration - 1}).`,
    });
  }
  const [left, right] =
    options.textAt === undefined
      ? splitWords(caption.text, offset / caption.duration)
      : [caption.text.slice(0, Math.max(0, options.textAt)).trim(), caption.text.slice(Math.max(0, options.textAt)).trim()];
  const first: CaptionSegment = { ...caption, duration: offset, text: left };
  const second: CaptionSegment = { id: nextCaptionId(project), start: at, duration: caption.duration - offset, text: right };
  return replaceCaption(project, index, first, second);
}

/** Join a caption with the next one in time: from the first's start to the later end, the words joined by a space. */
export function mergeCaptions(options: { project: Project; captionId: string }): Project {
  const { project } = options;
  const { caption, index } = findCaption(project, options.captionId);
  const next = project.timeline.tracks.captions[index + 1];
  if (!next) {
    captionError('caption-merge-last', {
      id: `Teks "${caption.id}" adalah teks terakhir; tidak ada teks sesudahnya untuk digabung.`,
      en: `Caption "${caption.id}" is the last one; there is no caption after it to merge with.`,
    });
  }
  const end = Math.max(caption.start + caption.duration, next.start + next.duration);
  const text = cleanCaptionText([caption.text, next.text].filter((part) => part !== '').join(' '));
  const merged: CaptionSegment = { ...caption, duration: end - caption.start, text };
  const captions = project.timeline.tracks.captions;
  return withCaptions(project, [...captions.slice(0, index), merged, ...captions.slice(index + 2)]);
}

export function removeCaption(options: { project: Project; captionId: string }): Project {
  const { index } = findCaption(options.project, options.captionId);
  return replaceCaption(options.project, index);
}

/** Change the project's caption style (merged over the current overrides; `undefined` values clear a field). */
export function setCaptionStyle(options: { project: Project; style: CaptionStyleOverrides }): Project {
  const merged: Record<string, unknown> = { ...options.project.captionStyle, ...options.style };
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
  const result = CaptionStyleOverridesSchema.safeParse(merged);
  if (!result.success) {
    captionError('caption-style-invalid', {
      id: `Gaya teks tidak valid (${result.error.issues[0]?.path.join('.') ?? ''}). Periksa nilainya.`,
      en: `The caption style is not valid (${result.error.issues[0]?.path.join('.') ?? ''}). Check its values.`,
    });
  }
  return { ...options.project, captionStyle: result.data };
}

/** Draw the captions into the exported picture, or not (a sidecar .srt can still be written). */
export function setBurnInCaptions(options: { project: Project; burnIn: boolean }): Project {
  if (options.project.burnInCaptions === options.burnIn) return options.project;
  return { ...options.project, burnInCaptions: options.burnIn };
}
