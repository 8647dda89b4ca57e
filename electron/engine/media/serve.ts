/**
 * Serving a local media file to the renderer, shared by the app's
 * `klipkota-media://` protocol (electron/main/protocol.ts) and the harness's
 * /media route (electron/harness/media.ts): which files may be served (on the
 * allow-list AND of a known video/audio/image type, so nothing else on the
 * disk can be read even if a path slipped onto the list), HTTP range parsing
 * for seeking, and the status and headers of the answer. No electron import:
 * each host turns the answer into its own response object.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** The only file types served; anything else is 403 whatever the allow-list says. */
export const MEDIA_CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.mov': 'video/quicktime',
  '.webm': 'video/webm',
  '.mkv': 'video/x-matroska',
  '.avi': 'video/x-msvideo',
  '.3gp': 'video/3gpp',
  '.mts': 'video/mp2t',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.aac': 'audio/aac',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.flac': 'audio/flac',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
};

/** The content type of a servable media file, or undefined when the type is not served. */
export function mediaContentType(file: string): string | undefined {
  const extension = path.extname(file).toLowerCase();
  return Object.prototype.hasOwnProperty.call(MEDIA_CONTENT_TYPES, extension) ? MEDIA_CONTENT_TYPES[extension] : undefined;
}

export type ByteRange = { start: number; end: number } | 'unsatisfiable' | undefined;

/**
 * One `Range: bytes=...` header against a file of `size` bytes: the inclusive
 * range to send, 'unsatisfiable' (416), or undefined to send the whole file (no
 * header, or a form we do not serve: several ranges, another unit, or the
 * malformed `bytes=-`, which RFC 9110 lets a server ignore).
 */
export function parseRange(header: string | null | undefined, size: number): ByteRange {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return undefined;
  const [, first = '', last = ''] = match;
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

/** What to answer: status, headers, and either a short text or the bytes [start, end] of `file`. */
export interface MediaAnswer {
  status: number;
  headers: Record<string, string>;
  /** plain-text body of a refusal */
  text?: string;
  /** the file and the inclusive byte range to stream (absent: no body, e.g. HEAD, 416, empty file) */
  body?: { file: string; start: number; end: number };
}

function refusal(status: number, text: string): MediaAnswer {
  return {
    status,
    text,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' },
  };
}

/**
 * The answer to one media request. `file` is the absolute path the URL named
 * (undefined when the URL is not a media URL: 404). Not on the allow-list, or
 * not a known media type: 403. Missing file: 404. Range requests: 206 / 416.
 */
export async function answerMediaRequest(options: {
  file: string | undefined;
  isAllowed: (file: string) => boolean;
  method?: string;
  rangeHeader?: string | null;
}): Promise<MediaAnswer> {
  const method = (options.method ?? 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') return refusal(405, 'method not allowed');
  const { file } = options;
  if (!file || file.includes('\0') || !path.isAbsolute(file)) return refusal(404, 'not found');
  const contentType = mediaContentType(file);
  if (!options.isAllowed(file) || !contentType) return refusal(403, 'forbidden');
  let size: number;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return refusal(404, 'not found');
    size = stat.size;
  } catch {
    return refusal(404, 'not found');
  }
  const base = {
    'Content-Type': contentType,
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
  const range = parseRange(options.rangeHeader, size);
  if (range === 'unsatisfiable') return { status: 416, headers: { ...base, 'Content-Range': `bytes */${size}` } };
  const start = range?.start ?? 0;
  const end = range?.end ?? size - 1;
  const length = size === 0 ? 0 : end - start + 1;
  return {
    status: range ? 206 : 200,
    headers: { ...base, 'Content-Length': String(length), ...(range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}) },
    ...(method === 'HEAD' || length === 0 ? {} : { body: { file, start, end } }),
  };
}
