/**
 * Pixels for the editor's e2e tests: the preview stage's canvas as an RGB
 * frame, an exported frame as PNG, where two frames differ (a box), and the
 * SSIM of one region of two pictures (FFmpeg's ssim filter).
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import type { Box } from '../../core/geometry.js';
import { formatTimecode } from '../../core/timecode.js';
import { resolveFfmpeg } from '../../electron/engine/ffmpeg/binaries.js';
import { pngPixels } from '../helpers/video.js';

const run = promisify(execFile);

export interface RgbFrame {
  width: number;
  height: number;
  rgb: Buffer;
}

/** Move the preview's playhead to an output frame by typing its timecode, and wait until the stage drew it exactly. */
export async function seekPreview(page: Page, frame: number, fps = 30): Promise<void> {
  const field = page.getByTestId('timecode');
  await field.fill(formatTimecode(frame, fps));
  await field.press('Enter');
  await page.waitForSelector(`[data-testid="preview-stage"][data-frame="${frame}"][data-ready="true"]`, { timeout: 60_000 });
}

/** What the preview stage's canvas holds (its own bitmap, at the export's size), as PNG file and RGB. */
export async function previewFrame(page: Page, file: string): Promise<RgbFrame> {
  const dataUrl = await page.getByTestId('preview-stage').evaluate((canvas: HTMLCanvasElement) => canvas.toDataURL('image/png'));
  await writeFile(file, Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'));
  const image = await pngPixels(file);
  const rgb = Buffer.alloc(image.width * image.height * 3);
  for (let index = 0; index < image.width * image.height; index += 1) image.rgba.copy(rgb, index * 3, index * 4, index * 4 + 3);
  return { width: image.width, height: image.height, rgb };
}

/**
 * A screenshot of the preview stage as the screen shows it, scaled to the
 * export's size (the test's browser has a high device pixel ratio, so the
 * screen pixels are about as many as the export's).
 */
export async function stageScreenshot(page: Page, options: { file: string; width: number; height: number }): Promise<RgbFrame> {
  const raw = `${options.file}.screen.png`;
  // the stage's box may sit on fractional CSS pixels and a screenshot's clip is whole CSS
  // pixels: take whole pixels around it, then cut the stage out at device-pixel precision
  const box = await page.getByTestId('preview-stage').boundingBox();
  if (!box) throw new Error('the preview stage is not on screen');
  const ratio = await page.evaluate(() => window.devicePixelRatio);
  const clip = { x: Math.floor(box.x), y: Math.floor(box.y), width: Math.ceil(box.x + box.width) - Math.floor(box.x), height: Math.ceil(box.y + box.height) - Math.floor(box.y) };
  await page.screenshot({ path: raw, clip });
  const crop = [box.width * ratio, box.height * ratio, (box.x - clip.x) * ratio, (box.y - clip.y) * ratio].map(Math.round).join(':');
  await run(resolveFfmpeg().path, ['-v', 'error', '-y', '-i', raw, '-vf', `crop=${crop},scale=${options.width}:${options.height}:flags=lanczos,format=rgb24`, options.file]);
  const image = await pngPixels(options.file);
  const rgb = Buffer.alloc(image.width * image.height * 3);
  for (let index = 0; index < image.width * image.height; index += 1) image.rgba.copy(rgb, index * 3, index * 4, index * 4 + 3);
  return { width: image.width, height: image.height, rgb };
}

/** An exported frame at `seconds` as PNG (full range RGB, BT.709) and RGB. */
export async function exportedFrame(video: string, seconds: number, file: string): Promise<RgbFrame> {
  await run(resolveFfmpeg().path, ['-v', 'error', '-y', '-ss', String(seconds), '-i', video, '-frames:v', '1', '-vf', 'scale=in_color_matrix=bt709:in_range=tv:out_range=pc,format=rgb24', file]);
  const image = await pngPixels(file);
  const rgb = Buffer.alloc(image.width * image.height * 3);
  for (let index = 0; index < image.width * image.height; index += 1) image.rgba.copy(rgb, index * 3, index * 4, index * 4 + 3);
  return { width: image.width, height: image.height, rgb };
}

/** The box of the pixels that differ between two frames (sum of channel differences above `threshold`) inside `within`. */
export function differenceBox(options: { a: RgbFrame; b: RgbFrame; within: Box; threshold?: number }): Box | undefined {
  const { a, b, within } = options;
  const threshold = options.threshold ?? 90;
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  const x0 = Math.max(0, Math.floor(within.x));
  const y0 = Math.max(0, Math.floor(within.y));
  const x1 = Math.min(a.width, Math.ceil(within.x + within.width));
  const y1 = Math.min(a.height, Math.ceil(within.y + within.height));
  for (let y = y0; y < y1; y += 1) {
    for (let x = x0; x < x1; x += 1) {
      const offset = (y * a.width + x) * 3;
      const difference = Math.abs(a.rgb[offset]! - b.rgb[offset]!) + Math.abs(a.rgb[offset + 1]! - b.rgb[offset + 1]!) + Math.abs(a.rgb[offset + 2]! - b.rgb[offset + 2]!);
      if (difference <= threshold) continue;
      left = Math.min(left, x);
      top = Math.min(top, y);
      right = Math.max(right, x);
      bottom = Math.max(bottom, y);
    }
  }
  return left === Infinity ? undefined : { x: left, y: top, width: right - left + 1, height: bottom - top + 1 };
}

/** SSIM (FFmpeg's, over Y, U and V) of the same region of two pictures. */
export async function regionSsim(options: { a: string; b: string; box: Box }): Promise<number> {
  const { box } = options;
  const crop = `crop=${Math.round(box.width)}:${Math.round(box.height)}:${Math.round(box.x)}:${Math.round(box.y)}`;
  const { stderr } = await run(resolveFfmpeg().path, [
    '-hide_banner', '-i', options.a, '-i', options.b,
    '-lavfi', `[0:v]${crop},format=yuv444p[a];[1:v]${crop},format=yuv444p[b];[a][b]ssim`,
    '-f', 'null', '-',
  ]);
  const match = /All:([\d.]+)/.exec(stderr);
  if (!match) throw new Error(`no SSIM in FFmpeg's output: ${stderr.slice(-300)}`);
  return Number(match[1]);
}
