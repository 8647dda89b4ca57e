/**
 * A small JPEG of one frame of a clip, as a data: URL, for the media bin.
 * One fast seek (`-ss` before `-i`) and one frame (FFMPEG-NOTES: about 0.1 s).
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runFfmpeg } from '../ffmpeg/runner.js';

export const THUMBNAIL_WIDTH = 320;

/** Where to take the thumbnail from: a second in, but never past a tenth of a short clip. */
export function thumbnailTime(durationSeconds: number | undefined): number {
  if (!durationSeconds || durationSeconds <= 0) return 0;
  return Math.min(1, durationSeconds / 10);
}

async function grab(options: { path: string; atSeconds: number; width: number; signal?: AbortSignal; out: string }): Promise<Buffer | undefined> {
  await runFfmpeg({
    args: [
      ...(options.atSeconds > 0 ? ['-ss', options.atSeconds.toFixed(3)] : []),
      '-i',
      options.path,
      '-map',
      '0:v:0',
      '-frames:v',
      '1',
      '-vf',
      `scale=${options.width}:-2`,
      '-c:v',
      'mjpeg',
      '-q:v',
      '5',
      '-f',
      'image2',
      '-y',
      options.out,
    ],
    signal: options.signal,
  });
  try {
    const bytes = await fs.readFile(options.out);
    return bytes.length > 0 ? bytes : undefined;
  } catch {
    return undefined;
  }
}

export async function thumbnailDataUrl(options: { path: string; atSeconds?: number; width?: number; signal?: AbortSignal }): Promise<string> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'klipkota-thumb-'));
  const out = path.join(folder, 'thumb.jpg');
  const width = Math.max(16, Math.round((options.width ?? THUMBNAIL_WIDTH) / 2) * 2);
  try {
    // a seek past the end gives no frame: fall back to the first frame
    let bytes = await grab({ path: options.path, atSeconds: options.atSeconds ?? 0, width, signal: options.signal, out });
    if (!bytes && (options.atSeconds ?? 0) > 0) bytes = await grab({ path: options.path, atSeconds: 0, width, signal: options.signal, out });
    if (!bytes) throw new Error('ffmpeg wrote no frame');
    return `data:image/jpeg;base64,${bytes.toString('base64')}`;
  } finally {
    await fs.rm(folder, { recursive: true, force: true });
  }
}
