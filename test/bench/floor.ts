/**
 * The encode floor of an export: what the machine needs at least to make the
 * same file. Measured on the export's own output, with the same binary and the
 * export's own encoder arguments (the plan's, as exportSettings joins them), in the same run as the
 * export, interleaved with it:
 * - floor: decode the output and encode it again (picture and sound), the lowest
 *   cost of any export that ends in these frames;
 * - decode only: decode the output's picture to nothing;
 * - x264 alone: encode the picture from raw frames (decoded beforehand, untimed,
 *   into a NUT file of raw video).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { runFfmpeg } from '../../electron/engine/ffmpeg/runner.js';
import { exportSettings } from './baseline.js';
import type { BenchJob } from './job.js';

export type FloorSide = 'floor' | 'decode-only' | 'x264-alone';

/** Arguments (after the binary) of one floor side for an export output. */
export function floorArgs(options: { side: FloorSide; job: BenchJob; exported: string; raw: string; output: string }): string[] {
  const { side, job, exported, raw, output } = options;
  if (side === 'decode-only') return ['-i', exported, '-map', '0:v:0', '-f', 'null', '-'];
  if (side === 'x264-alone') return ['-i', raw, '-map', '0:v:0', ...job.plan.outputArgs, '-y', output];
  return ['-i', exported, '-map', '0:v:0', '-map', '0:a:0', ...exportSettings(job.plan), '-f', 'mp4', '-y', output];
}

/** The export's frames as raw video in a NUT file (made once per output, untimed), for `x264 alone`. */
export async function rawFrames(options: { exported: string; raw: string }): Promise<string> {
  const { exported, raw } = options;
  if (existsSync(raw) && statSync(raw).mtimeMs > statSync(exported).mtimeMs) return raw;
  await runFfmpeg({ args: ['-i', exported, '-map', '0:v:0', '-c:v', 'rawvideo', '-f', 'nut', '-y', raw] });
  return raw;
}

export const FLOOR_SIDES: FloorSide[] = ['floor', 'decode-only', 'x264-alone'];

export function floorOutput(workDir: string, side: FloorSide, presetId: string): string {
  return path.join(workDir, `floor-${presetId}-${side}.mp4`);
}
