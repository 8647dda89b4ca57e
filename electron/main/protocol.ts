/**
 * The `klipkota-media://` protocol: local media reaches the renderer only
 * through it, and only for files in the media-access allow-list (files the
 * admin opened or imported, files the open project references, export
 * outputs) and only of a known media type (the shared rules are in
 * electron/engine/media/serve.ts). Range requests get 206 with Content-Range.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { protocol } from 'electron';
import { MEDIA_SCHEME, pathFromMediaUrl, type MediaAccess } from '../engine/media/access.js';
import { answerMediaRequest } from '../engine/media/serve.js';

/** Answer one media request. Not allowed or not a media type: 403; unknown URLs and missing files 404. */
export async function handleMediaRequest(options: { url: string; rangeHeader?: string | null; allowList: MediaAccess; method?: string }): Promise<Response> {
  const answer = await answerMediaRequest({
    file: pathFromMediaUrl(options.url),
    isAllowed: (file) => options.allowList.isAllowed(file),
    method: options.method,
    rangeHeader: options.rangeHeader,
  });
  if (answer.text !== undefined) return new Response(answer.text, { status: answer.status, headers: answer.headers });
  const body = answer.body
    ? (Readable.toWeb(createReadStream(answer.body.file, { start: answer.body.start, end: answer.body.end })) as unknown as ReadableStream<Uint8Array>)
    : null;
  return new Response(body, { status: answer.status, headers: answer.headers });
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
