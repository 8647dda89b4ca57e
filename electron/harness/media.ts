/**
 * Media files for the preview and thumbnails, with HTTP range requests so a
 * <video> can seek. Only files on the allow-list (those imported or referenced
 * by the open project) are served; anything else is 404, never read.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendText } from './http.js';

const MEDIA_TYPES: Record<string, string> = {
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.mov': 'video/quicktime',
  '.mkv': 'video/x-matroska',
  '.webm': 'video/webm',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.wav': 'audio/wav',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
};

export type ByteRange = { start: number; end: number } | 'unsatisfiable' | undefined;

/**
 * One `Range: bytes=...` header against a file of `size` bytes: the inclusive
 * range to send, 'unsatisfiable' (416), or undefined to send the whole file
 * (no header, or a form we do not serve such as several ranges).
 */
export function parseRange(header: string | undefined, size: number): ByteRange {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return undefined;
  const [, first, last] = match;
  if (first === '' && last === '') return undefined;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

/** A set of absolute paths that may be served. */
export class MediaAllowList {
  private readonly paths = new Set<string>();

  add(filePath: string): void {
    this.paths.add(path.resolve(filePath));
  }

  has(filePath: string): boolean {
    return path.isAbsolute(filePath) && this.paths.has(path.resolve(filePath));
  }
}

export async function serveMedia(options: {
  req: IncomingMessage;
  res: ServerResponse;
  file: string;
  allowed: (file: string) => boolean;
}): Promise<void> {
  const { req, res, file } = options;
  if (!options.allowed(file)) {
    sendText(res, 404, 'not found');
    return;
  }
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) {
    sendText(res, 404, 'not found');
    return;
  }
  const headers = {
    'Content-Type': MEDIA_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
  const range = parseRange(req.headers.range, info.size);
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...headers, 'Content-Range': `bytes */${info.size}` });
    res.end();
    return;
  }
  const head = req.method === 'HEAD';
  if (range === undefined) {
    res.writeHead(200, { ...headers, 'Content-Length': info.size });
    if (head) res.end();
    else createReadStream(file).pipe(res);
    return;
  }
  res.writeHead(206, {
    ...headers,
    'Content-Length': range.end - range.start + 1,
    'Content-Range': `bytes ${range.start}-${range.end}/${info.size}`,
  });
  if (head) res.end();
  else createReadStream(file, { start: range.start, end: range.end }).pipe(res);
}
