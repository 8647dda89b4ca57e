/**
 * Preview proxies: a small H.264 copy of a file the browser cannot play, made
 * by FFmpeg in the background and cached by content (the same bytes give the
 * same proxy, wherever the file is). Proxies are for the preview only; an
 * export always reads the original.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { proxyArguments } from '../../../core/proxy.js';
import { runFfmpeg } from '../ffmpeg/runner.js';

const SAMPLE_BYTES = 4 * 1024 * 1024;
const inFlight = new Map<string, Promise<string>>();

/** A content key: the size and the first and last 4 MB of the file. */
export async function contentKey(file: string): Promise<string> {
  const { size } = await stat(file);
  const hash = createHash('sha256').update(`${size}:`);
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(Math.min(SAMPLE_BYTES, size));
    await handle.read(head, 0, head.length, 0);
    hash.update(head);
    if (size > SAMPLE_BYTES) {
      const tail = Buffer.alloc(Math.min(SAMPLE_BYTES, size - SAMPLE_BYTES));
      await handle.read(tail, 0, tail.length, size - tail.length);
      hash.update(tail);
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex').slice(0, 32);
}

/** The proxy of `source` in `cacheDir` (made now when it is not there yet); `onProgress` gets 0..100. */
export async function makeProxy(options: {
  source: string;
  durationSeconds: number;
  cacheDir: string;
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
}): Promise<string> {
  const key = await contentKey(options.source);
  const output = path.join(options.cacheDir, `${key}.mp4`);
  if (existsSync(output)) {
    options.onProgress?.(100);
    return output;
  }
  const running = inFlight.get(output);
  if (running) return running;
  const job = (async () => {
    await mkdir(options.cacheDir, { recursive: true });
    const partial = `${output}.${process.pid}.part`;
    try {
      await runFfmpeg({
        args: proxyArguments({ source: options.source, output: partial }),
        expectedSeconds: options.durationSeconds,
        ...(options.signal ? { signal: options.signal } : {}),
        onProgress: (progress) => options.onProgress?.(progress.percent),
      });
      await rename(partial, output);
      options.onProgress?.(100);
      return output;
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    } finally {
      inFlight.delete(output);
    }
  })();
  inFlight.set(output, job);
  return job;
}
