/**
 * A `raster-sequence` plan input (the captions of one lane) as one file FFmpeg
 * reads: each graphic rasterized (once per distinct graphic, through the
 * raster cache), a transparent PNG for the frames where nothing shows, and an
 * ffconcat list naming them with their durations. Durations are written from
 * whole frames so that every entry starts on its exact frame (the
 * microseconds are rounded once per start, never summed).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { PlanInput } from '@core/plan/types.js';
import { rasterizeCached, renderSvg } from './rasterize.js';

type SequenceInput = Extract<PlanInput, { kind: 'raster-sequence' }>;

/** A path as an ffconcat line quotes it (single quotes; a quote inside is closed, escaped, reopened). */
export function ffconcatPath(file: string): string {
  return `'${file.replace(/'/g, "'\\''")}'`;
}

async function blankPng(options: { width: number; height: number; cacheDir: string }): Promise<string> {
  const file = path.join(options.cacheDir, `blank-${options.width}x${options.height}.png`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${options.width} ${options.height}"/>`;
  await mkdir(options.cacheDir, { recursive: true });
  await writeFile(file, renderSvg({ svg, width: options.width, height: options.height, fontFiles: [] }));
  return file;
}

/** The ffconcat text for entries whose files are known. */
export function ffconcatList(options: { files: readonly string[]; frames: readonly number[]; fps: number }): string {
  const lines = ['ffconcat version 1.0'];
  const microseconds = (frame: number) => Math.round((frame * 1_000_000) / options.fps);
  let at = 0;
  options.files.forEach((file, index) => {
    lines.push(`file ${ffconcatPath(file)}`);
    const frames = options.frames[index]!;
    // the last entry only ends the sequence: no duration, so it is one frame
    if (index < options.files.length - 1) lines.push(`duration ${((microseconds(at + frames) - microseconds(at)) / 1_000_000).toFixed(6)}`);
    at += frames;
  });
  return `${lines.join('\n')}\n`;
}

/** Rasterize a sequence's graphics and write its ffconcat list; returns the list's path. */
export async function writeRasterSequence(options: { input: SequenceInput; cacheDir: string }): Promise<string> {
  const { input, cacheDir } = options;
  const blank = await blankPng({ width: input.width, height: input.height, cacheDir });
  const files = await Promise.all(input.entries.map((entry) => (entry.request ? rasterizeCached({ request: entry.request, cacheDir }) : Promise.resolve(blank))));
  const text = ffconcatList({ files, frames: input.entries.map((entry) => entry.frames), fps: input.fps });
  const list = path.join(cacheDir, `sequence-${createHash('sha256').update(text).digest('hex').slice(0, 24)}.ffconcat`);
  await writeFile(list, text);
  return list;
}
