/**
 * The `klipkota-media://` protocol: local media reaches the renderer only
 * through it, and only for files in the media-access allow-list (files the
 * admin opened or imported, files the open project references, export
 * outputs). Range requests get 206 with Content-Range so video seeking works.
 */
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { protocol } from 'electron';
import { MEDIA_SCHEME, pathFromMediaUrl, type MediaAccess } from '../engine/media-access.js';

const CONTENT_TYPES: Record<string, string> = {
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.mov': 'video/quicktime',
  '.webm': 'video/webm',
  '.mkv': 'video/x-matroska',
  '.avi': 'video/x-msvideo',
  '.3gp': 'video/3gpp',
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

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Parse a single `bytes=` range against a file size. undefined: no (usable) range header; 'invalid': 416. */
export function parseRange(header: string | null | undefined, size: number): { start: number; end: number } | 'invalid' | undefined {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return 'invalid';
  let start: number;
  let end: number;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0) return 'invalid';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(first);
    end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  }
  if (start >= size || start > end) return 'invalid';
  return { start, end };
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

/** Answer one media request. Everything not allowed is 403; unknown URLs and missing files 404. */
export async function handleMediaRequest(options: { url: string; rangeHeader?: string | null; allowList: MediaAccess; method?: string }): Promise<Response> {
  const method = (options.method ?? 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') return plain(405, 'method not allowed');
  const file = pathFromMediaUrl(options.url);
  if (!file) return plain(404, 'not found');
  if (!options.allowList.isAllowed(file)) return plain(403, 'forbidden');
  let size: number;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return plain(404, 'not found');
    size = stat.size;
  } catch {
    return plain(404, 'not found');
  }
  const base = {
    'Content-Type': contentTypeFor(file),
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  };
  const range = parseRange(options.rangeHeader, size);
  if (range === 'invalid') return new Response(null, { status: 416, headers: { ...base, 'Content-Range': `bytes */${size}` } });
  const start = range?.start ?? 0;
  const end = range?.end ?? size - 1;
  const length = size === 0 ? 0 : end - start + 1;
  const headers = {
    ...base,
    'Content-Length': String(length),
    ...(range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
  };
  const body =
    method === 'HEAD' || length === 0 ? null : (Readable.toWeb(createReadStream(file, { start, end })) as unknown as ReadableStream<Uint8Array>);
  return new Response(body, { status: range ? 206 : 200, headers });
}

/** Must run before the app is ready. */
export function registerMediaScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true } },
  ]);
}

/** After ready: serve the scheme from the allow-list. */
export function handleMediaProtocol(allowList: MediaAccess): void {
  protocol.handle(MEDIA_SCHEME, (request) =>
    handleMediaRequest({ url: request.url, rangeHeader: request.headers.get('range'), allowList, method: request.method }),
  );
}
