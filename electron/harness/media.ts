/**
 * The harness's /media route: the shared media answer (electron/engine/media/serve.ts:
 * allow-list, media types only, HTTP ranges) written to a Node response.
 */
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import { answerMediaRequest } from '../engine/media/serve.js';

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
  else streamFile({ res, file: answer.body.file, start: answer.body.start, end: answer.body.end });
}

/**
 * Stream a file (or a byte range of it) to a response whose headers are sent.
 * A file deleted meanwhile or a browser that aborts the request (a video seek
 * does) ends the response and closes the file; neither throws.
 */
export function streamFile(options: { res: ServerResponse; file: string; start?: number; end?: number }): void {
  const { res } = options;
  pipeline(createReadStream(options.file, { start: options.start, end: options.end }), res, (error) => {
    if (error && !res.destroyed) res.destroy();
  });
}
