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
import { mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApi, type Api, type ApiOptions } from '../engine/api.js';
import { EventHub } from './events.js';
import { MAX_JSON_BYTES, isJsonRequest, isTrustedRequest, readBody, sendJson, sendText } from './http.js';
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
  api: Api;
  /** cancel running exports, wait for them to clean up, close every connection */
  close(): Promise<void>;
}

function apiError(code: string, message: string) {
  return { ok: false as const, error: { code, message } };
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const home = path.resolve(options.home);
  const rendererDir = path.resolve(options.rendererDir ?? DEFAULT_RENDERER_DIR);
  await mkdir(home, { recursive: true });
  const hub = new EventHub();
  let port = 0;
  let api: Api | undefined;

  async function handleApi(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (!api) return sendText(res, 503, 'starting');
    if (name === 'events' && req.method === 'GET') return hub.attach(res);
    if (req.method !== 'POST') return sendJson(res, 405, apiError('method-not-allowed', 'POST only'));
    if (name === 'upload') {
      try {
        const uploaded = await receiveUpload({ req, home });
        return sendJson(res, 200, { ok: true, value: { path: uploaded } });
      } catch (error) {
        const tooLarge = error instanceof UploadTooLarge;
        return sendJson(
          res,
          tooLarge ? 413 : 400,
          apiError(tooLarge ? 'upload-too-large' : 'upload-failed', tooLarge ? 'File terlalu besar. / The file is too large.' : 'Unggahan gagal. / The upload failed.'),
        );
      }
    }
    if (!isJsonRequest(req)) return sendJson(res, 415, apiError('unsupported-media-type', 'application/json only'));
    const body = await readBody(req, MAX_JSON_BYTES);
    if (!body) return sendJson(res, 413, apiError('payload-too-large', 'request too large'));
    let payload: unknown;
    try {
      payload = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      return sendJson(res, 400, apiError('invalid-json', 'request body is not JSON'));
    }
    // the engine validates the payload against the contract and answers { ok, value | error }
    sendJson(res, 200, await api.handle(name, payload));
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isTrustedRequest(req, port)) return sendText(res, 403, 'forbidden');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, decodeURIComponent(url.pathname.slice('/api/'.length)));
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
    return serveStatic({ root: rendererDir, urlPath: url.pathname, res, head: req.method === 'HEAD' });
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
