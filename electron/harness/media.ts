/**
 * The harness's /media route: the shared media answer (electron/engine/media-serve.ts:
 * allow-list, media types only, HTTP ranges) written to a Node response.
 */
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerMediaRequest } from '../engine/media-serve.js';

export async function serveMedia(options: {
  req: IncomingMessage;
  res: ServerResponse;
  file: string;
  allowed: (file: string) => boolean;
}): Promise<void> {
  const { req, res } = options;
  const answer = await answerMediaRequest({ file: options.file, isAllowed: options.allowed, method: req.method, rangeHeader: req.headers.range });
  if (answer.text !== undefined) {
    res.writeHead(answer.status, { ...answer.headers, 'Content-Length': String(Buffer.byteLength(answer.text)) });
    res.end(answer.text);
    return;
  }
  res.writeHead(answer.status, answer.headers);
  if (!answer.body) res.end();
  else createReadStream(answer.body.file, { start: answer.body.start, end: answer.body.end }).pipe(res);
}
