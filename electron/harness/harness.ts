/**
 * The browser harness: a loopback-only HTTP server that serves the built
 * renderer and implements the API contract against the very engine the app
 * uses (createApi), so the UI runs in any browser with real FFmpeg behind it.
 *
 *   POST /api/<channel>   JSON request -> { ok, value | error }
 *   GET  /api/events      Server-Sent Events, each `{ event, payload }`
 *   POST /api/upload      a dropped file's bytes (X-File-Name) -> { ok, value: { path } }
 *   GET  /media/<path>    an allow-listed file (imported, in the open project, exported), with Range
 *   GET  /*               the renderer from out/renderer, with a strict CSP
 */
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApi, type Api, type ApiOptions } from '../engine/api/index.js';
import { EventHub } from './events.js';
import { MAX_JSON_BYTES, carriesToken, isJsonRequest, isTrustedRequest, readBody, sendJson, sendText, tokenCookie } from './http.js';
import { serveMedia } from './media.js';
import { serveStatic } from './static.js';
import { receiveUpload, UploadTooLarge } from './upload.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_RENDERER_DIR = path.resolve(here, '../../out/renderer');

export interface HarnessOptions {
  /** 0 or absent: a port the OS chooses */
  port?: number;
  /** KLIPKOTA_HOME for the engine: settings, recovery, uploads */
  home: string;
  /** the built renderer (default out/renderer) */
  rendererDir?: string;
  /** "open folder": the harness has no shell of its own; absent -> 'not-available' */
  openFolder?: (folder: string) => Promise<boolean>;
  /** engine overrides, for tests of the harness itself */
  engine?: ApiOptions['engine'];
}

export interface Harness {
  /** http://127.0.0.1:PORT/ */
  url: string;
  port: number;
  /** this start's random token: /api and /media need it (the page gets it as a SameSite=Strict cookie with index.html; tools send X-KlipKota-Token) */
  token: string;
  api: Api;
  /** cancel running exports, wait for them to clean up, close every connection */
  close(): Promise<void>;
}

/** The harness's own refusals, in both languages like every other API error (the API picks the settings language). */
export const HARNESS_ERRORS = {
  'method-not-allowed': {
    id: 'Panggilan API harus memakai POST. Muat ulang halaman KlipKota; jika terulang, kirim log ke tim Diskominfo.',
    en: 'API calls must use POST. Reload the KlipKota page; if it happens again, send the log to the Diskominfo team.',
  },
  'unsupported-media-type': {
    id: 'Panggilan API harus berisi JSON (Content-Type: application/json). Muat ulang halaman KlipKota lalu coba lagi.',
    en: 'API calls must carry JSON (Content-Type: application/json). Reload the KlipKota page and try again.',
  },
  'payload-too-large': {
    id: 'Permintaan terlalu besar (lebih dari 1 MB). Kurangi jumlah klip sekali impor atau muat ulang halaman lalu coba lagi.',
    en: 'The request is too large (over 1 MB). Import fewer clips at once, or reload the page and try again.',
  },
  'invalid-json': {
    id: 'Isi permintaan bukan JSON yang sah. Muat ulang halaman KlipKota lalu coba lagi.',
    en: 'The request body is not valid JSON. Reload the KlipKota page and try again.',
  },
  'upload-too-large': {
    id: 'Berkas terlalu besar untuk diunggah. Pilih berkas yang lebih kecil atau ketik jalur berkasnya.',
    en: 'The file is too large to upload. Choose a smaller file or type the file path.',
  },
  'upload-failed': {
    id: 'Unggahan gagal. Coba seret berkasnya lagi atau ketik jalur berkasnya.',
    en: 'The upload failed. Drag the file in again or type the file path.',
  },
} as const;

export type HarnessErrorCode = keyof typeof HARNESS_ERRORS;

/** One `/api/NAME` request: the event stream, an upload, or a JSON call into the API (which checks it against the contract). */
async function handleApi(options: { req: IncomingMessage; res: ServerResponse; name: string; api: Api | undefined; hub: EventHub; home: string }): Promise<void> {
  const { req, res, name, api, hub, home } = options;
  if (!api) return sendText(res, 503, 'starting');
  if (name === 'events' && req.method === 'GET') return hub.attach(res);
  const current = api;
  const refuse = async (status: number, code: HarnessErrorCode) =>
    sendJson(res, status, { ok: false, error: await current.localizedError({ code, text: HARNESS_ERRORS[code] }) });
  if (req.method !== 'POST') return refuse(405, 'method-not-allowed');
  if (name === 'upload') {
    try {
      const uploaded = await receiveUpload({ req, home });
      return sendJson(res, 200, { ok: true, value: { path: uploaded } });
    } catch (error) {
      return error instanceof UploadTooLarge ? refuse(413, 'upload-too-large') : refuse(400, 'upload-failed');
    }
  }
  if (!isJsonRequest(req)) return refuse(415, 'unsupported-media-type');
  const body = await readBody(req, MAX_JSON_BYTES);
  if (!body) return refuse(413, 'payload-too-large');
  let payload: unknown;
  try {
    payload = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
  } catch {
    return refuse(400, 'invalid-json');
  }
  // the engine validates the payload against the contract and answers { ok, value | error }
  sendJson(res, 200, await current.handle(name, payload));
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const home = path.resolve(options.home);
  const rendererDir = path.resolve(options.rendererDir ?? DEFAULT_RENDERER_DIR);
  await mkdir(home, { recursive: true });
  const hub = new EventHub();
  const token = randomBytes(32).toString('hex');
  let port = 0;
  let api: Api | undefined;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isTrustedRequest(req, port)) return sendText(res, 403, 'forbidden');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const guarded = url.pathname.startsWith('/api/') || url.pathname.startsWith('/media/');
    if (guarded && !carriesToken(req, token)) return sendText(res, 403, 'forbidden: no harness token');
    if (url.pathname.startsWith('/api/')) return handleApi({ req, res, name: decodeURIComponent(url.pathname.slice('/api/'.length)), api, hub, home });
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'method not allowed');
    if (url.pathname.startsWith('/media/')) {
      let file: string;
      try {
        file = decodeURIComponent(url.pathname.slice('/media/'.length));
      } catch {
        return sendText(res, 400, 'bad path');
      }
      const access = api?.mediaAccess;
      return serveMedia({ req, res, file, allowed: (candidate) => !candidate.includes('\0') && path.isAbsolute(candidate) && access !== undefined && access.isAllowed(candidate) });
    }
    return serveStatic({ root: rendererDir, urlPath: url.pathname, res, head: req.method === 'HEAD', pageHeaders: { 'Set-Cookie': tokenCookie(token) } });
  }

  const server = createServer((req, res) => {
    route(req, res).catch(() => {
      if (!res.headersSent) sendText(res, 500, 'internal error');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  api = createApi({
    home,
    emit: (event, payload) => hub.send({ event, payload }),
    mediaUrlFor: (file) => `${origin}/media/${encodeURIComponent(path.resolve(file))}`,
    platform: options.openFolder ? { openFolder: options.openFolder } : {},
    ...(options.engine ? { engine: options.engine } : {}),
  });
  const running = api;

  return {
    url: `${origin}/`,
    port,
    token,
    api: running,
    async close() {
      const jobs = running.jobs.list().filter((job) => job.state === 'running');
      running.shutdown();
      await Promise.all(jobs.map((job) => running.jobs.settled(job.jobId)));
      hub.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
