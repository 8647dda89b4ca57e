/**
 * Serves the built renderer (out/renderer) with the app's strict
 * Content-Security-Policy, adjusted for an http://127.0.0.1 origin: everything
 * from 'self' only, no inline scripts, no eval, no plugins, no framing.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { sendText } from './http.js';
import { streamFile } from './media.js';

export const HARNESS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': HARNESS_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
  };
}

/** Serve `urlPath` from `root`; paths that leave the root or do not exist are 404. */
export async function serveStatic(options: { root: string; urlPath: string; res: ServerResponse; head: boolean; pageHeaders?: Record<string, string> }): Promise<void> {
  const { root, res } = options;
  let relative: string;
  try {
    relative = decodeURIComponent(options.urlPath);
  } catch {
    sendText(res, 400, 'bad path');
    return;
  }
  if (relative === '/' || relative === '') relative = '/index.html';
  const file = path.resolve(root, `.${path.posix.normalize(relative)}`);
  if (file !== root && !file.startsWith(root + path.sep)) {
    sendText(res, 404, 'not found');
    return;
  }
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) {
    const missingBuild = relative === '/index.html';
    sendText(res, 404, missingBuild ? 'renderer not built: run `npm run build:renderer`' : 'not found');
    return;
  }
  res.writeHead(200, {
    ...securityHeaders(),
    'Content-Type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': info.size,
    'Cache-Control': 'no-cache',
    // the page itself (index.html) carries extra headers: the harness token's cookie
    ...(relative === '/index.html' ? (options.pageHeaders ?? {}) : {}),
  });
  if (options.head) res.end();
  else streamFile({ res, file });
}
