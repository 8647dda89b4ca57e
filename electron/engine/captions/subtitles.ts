/**
 * Subtitle files in and out: SubRip (.srt) and WebVTT (.vtt), read with
 * subsrt-ts. UTF-8 with or without a BOM, Windows or Unix line ends. Times
 * become whole frames at the project's rate; a file that is not valid is
 * refused with the line that is wrong, in Bahasa Indonesia and English.
 *
 * The file is cut into blocks (cues) here only to know each cue's line number;
 * every cue is parsed by subsrt-ts itself.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build, parse } from 'subsrt-ts';
import type { ContentCaption } from 'subsrt-ts/dist/types/handler.js';
import { badInput, KlipError } from '@core/errors.js';
import { framesToMilliseconds, millisecondsToFrames } from '@core/captions/timing.js';
import { CAPTION_TEXT_LIMIT, cleanCaptionText, type CaptionInput } from '@core/model/captions.js';
import { writeFileAtomic } from '../files/atomic.js';

export type SubtitleFormat = 'srt' | 'vtt';

/** The most cues one file may hold (a three-hour export with a caption every two seconds is 5400). */
export const MAX_SUBTITLE_CUES = 6000;
/** The largest subtitle file read (a full-length film's .srt is well under 1 MiB). */
export const MAX_SUBTITLE_BYTES = 4 * 1024 * 1024;

/** A cue read from a file, in frames at the project's rate, with the line it started on. */
export interface SubtitleCue extends Omit<CaptionInput, 'id'> {
  line: number;
}

interface Block {
  /** 1-based number of the block's first line in the file */
  line: number;
  lines: string[];
}

function invalidLine(options: { source: string; line: number; content: string; problem: { id: string; en: string } }): KlipError {
  const shown = options.content.length > 60 ? `${options.content.slice(0, 60)}…` : options.content;
  return badInput(
    'subtitle-invalid',
    {
      id: `Berkas teks ${options.source} tidak valid di baris ${options.line} ("${shown}"): ${options.problem.id}`,
      en: `The subtitle file ${options.source} is not valid at line ${options.line} ("${shown}"): ${options.problem.en}`,
    },
    `line ${options.line}`,
  );
}

/** The blocks between blank lines, each with the number of its first line. */
function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') {
      current = undefined;
      return;
    }
    if (!current) {
      current = { line: index + 1, lines: [] };
      blocks.push(current);
    }
    current.lines.push(line);
  });
  return blocks;
}

export function subtitleFormatOf(options: { fileName: string; text: string }): SubtitleFormat {
  const extension = path.extname(options.fileName).toLowerCase();
  if (extension === '.vtt') return 'vtt';
  if (extension === '.srt') return 'srt';
  return /^WEBVTT/.test(options.text) ? 'vtt' : 'srt';
}

const TIMING = /-->/;

/** VTT blocks that hold no cue: the header, notes, styles and regions. */
function vttMeta(block: Block, index: number): boolean {
  const first = block.lines[0] ?? '';
  return (index === 0 && /^WEBVTT\b/.test(first)) || /^(NOTE|STYLE|REGION)\b/.test(first);
}

function parseBlock(options: { block: Block; format: SubtitleFormat; source: string }): ContentCaption {
  const { block, format, source } = options;
  const timingIndex = block.lines.findIndex((line) => TIMING.test(line));
  if (timingIndex < 0) {
    throw invalidLine({
      source, line: block.line, content: block.lines[0] ?? '',
      problem: { id: 'tidak ada baris waktu seperti 00:00:01,000 --> 00:00:03,000. Perbaiki berkasnya atau ekspor ulang dari program pembuatnya.', en: 'there is no time line such as 00:00:01,000 --> 00:00:03,000. Fix the file or export it again from the program that made it.' },
    });
  }
  const timingLine = block.line + timingIndex;
  const timingText = block.lines[timingIndex]!;
  let cues: ReturnType<typeof parse> = [];
  try {
    cues = parse(`${block.lines.join('\n')}\n`, { format, eol: '\n' });
  } catch {
    cues = [];
  }
  const cue = cues.find((candidate): candidate is ContentCaption => candidate.type === 'caption');
  if (!cue || (format === 'srt' && timingIndex !== 1)) {
    const numbered = format === 'srt' && timingIndex !== 1;
    throw invalidLine({
      source,
      line: numbered ? block.line : timingLine,
      content: numbered ? (block.lines[0] ?? '') : timingText,
      problem: numbered
        ? { id: 'setiap teks harus diawali nomor urut di satu baris, lalu baris waktu. Perbaiki berkasnya.', en: 'each cue must start with its number on one line, then the time line. Fix the file.' }
        : { id: 'waktunya tidak terbaca (contoh yang benar: 00:00:01,000 --> 00:00:03,000). Perbaiki baris itu.', en: 'the times cannot be read (a correct one: 00:00:01,000 --> 00:00:03,000). Fix that line.' },
    });
  }
  if (cue.end <= cue.start) {
    throw invalidLine({
      source, line: timingLine, content: timingText,
      problem: { id: 'waktu selesai tidak sesudah waktu mulai. Perbaiki baris waktu itu.', en: 'the end time is not after the start time. Fix that time line.' },
    });
  }
  return cue;
}

function cueText(options: { cue: ContentCaption; block: Block; source: string }): string {
  const text = options.cue.text.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&nbsp;/g, ' ');
  if (text.replace(/\s+/g, ' ').trim().length > CAPTION_TEXT_LIMIT) {
    throw invalidLine({
      source: options.source, line: options.block.line, content: options.block.lines[0] ?? '',
      problem: { id: `teksnya lebih dari ${CAPTION_TEXT_LIMIT} huruf. Bagi menjadi beberapa teks.`, en: `its text is longer than ${CAPTION_TEXT_LIMIT} characters. Split it into several cues.` },
    });
  }
  return cleanCaptionText(text);
}

/**
 * Read subtitle text (already decoded) into cues in frames at `fps`. Cues with
 * no words are left out; a cue shorter than a frame lasts one frame.
 */
export function parseSubtitles(options: { text: string; fps: number; source: string; format?: SubtitleFormat }): SubtitleCue[] {
  const text = options.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const format = options.format ?? subtitleFormatOf({ fileName: options.source, text });
  const blocks = blocksOf(text);
  if (format === 'vtt' && !/^WEBVTT\b/.test(blocks[0]?.lines[0] ?? '')) {
    throw invalidLine({
      source: options.source, line: blocks[0]?.line ?? 1, content: blocks[0]?.lines[0] ?? '',
      problem: { id: 'berkas WebVTT harus diawali baris "WEBVTT". Periksa bahwa ini berkas .vtt.', en: 'a WebVTT file must start with the line "WEBVTT". Check that this is a .vtt file.' },
    });
  }
  const cues: SubtitleCue[] = [];
  blocks.forEach((block, index) => {
    if (format === 'vtt' && vttMeta(block, index)) return;
    const cue = parseBlock({ block, format, source: options.source });
    const words = cueText({ cue, block, source: options.source });
    if (words === '') return;
    const start = millisecondsToFrames(cue.start, options.fps);
    const end = Math.max(start + 1, millisecondsToFrames(cue.end, options.fps));
    cues.push({ start, duration: end - start, text: words, line: block.line });
  });
  if (cues.length > MAX_SUBTITLE_CUES) {
    throw badInput('subtitle-too-many', {
      id: `Berkas ${options.source} berisi ${cues.length} teks, lebih dari batas ${MAX_SUBTITLE_CUES}. Bagi berkasnya.`,
      en: `The file ${options.source} holds ${cues.length} cues, more than the limit of ${MAX_SUBTITLE_CUES}. Split the file.`,
    });
  }
  return cues;
}

/** Decode a subtitle file's bytes: UTF-8 only (a BOM is dropped), else a message saying how to save it. */
export function decodeSubtitleBytes(options: { bytes: Uint8Array; source: string }): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(options.bytes);
  } catch {
    throw badInput('subtitle-not-utf8', {
      id: `Berkas ${options.source} bukan teks UTF-8. Buka di Notepad, pilih Simpan Sebagai dengan Encoding UTF-8, lalu impor lagi.`,
      en: `The file ${options.source} is not UTF-8 text. Open it in Notepad, Save As with Encoding UTF-8, then import it again.`,
    });
  }
}

/** Read an .srt or .vtt file into cues in frames at `fps`. */
export async function readSubtitleFile(options: { path: string; fps: number }): Promise<SubtitleCue[]> {
  const source = path.basename(options.path);
  let bytes: Buffer;
  try {
    bytes = await readFile(options.path);
  } catch (error) {
    throw new KlipError({
      code: 'subtitle-unreadable',
      kind: 'bad-input',
      text: { id: `Berkas teks ${source} tidak bisa dibaca. Periksa bahwa berkasnya ada dan bisa dibuka.`, en: `The subtitle file ${source} cannot be read. Check that it exists and can be opened.` },
      detail: options.path,
      cause: error,
    });
  }
  if (bytes.length > MAX_SUBTITLE_BYTES) {
    throw badInput('subtitle-too-large', {
      id: `Berkas ${source} terlalu besar untuk berkas teks (${Math.round(bytes.length / 1024 / 1024)} MiB). Pilih berkas .srt atau .vtt yang benar.`,
      en: `The file ${source} is too large for a subtitle file (${Math.round(bytes.length / 1024 / 1024)} MiB). Choose a real .srt or .vtt file.`,
    });
  }
  return parseSubtitles({ text: decodeSubtitleBytes({ bytes, source }), fps: options.fps, source });
}

/** A caption to write, in frames at `fps` on the time line of the file being written. */
export interface TimedText {
  text: string;
  startFrame: number;
  endFrame: number;
}

/** SubRip text for captions (numbered from 1, in time order, Windows line ends as most players expect). */
export function buildSrt(options: { captions: readonly TimedText[]; fps: number }): string {
  const cues: ContentCaption[] = [...options.captions]
    .filter((caption) => caption.text.trim() !== '' && caption.endFrame > caption.startFrame)
    .sort((a, b) => a.startFrame - b.startFrame || a.endFrame - b.endFrame)
    .map((caption, index) => {
      const start = framesToMilliseconds(caption.startFrame, options.fps);
      const end = framesToMilliseconds(caption.endFrame, options.fps);
      const text = caption.text.replace(/\s+/g, ' ').trim();
      return { type: 'caption', index: index + 1, start, end, duration: end - start, content: text, text };
    });
  return build(cues, { format: 'srt', eol: '\r\n' });
}

/** Write an .srt file atomically (UTF-8, no BOM). */
export async function writeSrtFile(options: { path: string; captions: readonly TimedText[]; fps: number }): Promise<void> {
  await writeFileAtomic({ path: options.path, data: buildSrt(options) });
}
