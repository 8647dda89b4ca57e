/**
 * Files dropped on the page in a plain browser have no local path, so the
 * harness client uploads them: the body is streamed into <home>/imports/<id>/
 * under a cleaned-up name (files dropped together share <id>, given by the page
 * as X-Upload-Group, so a spreadsheet's relative clip names resolve), and that path goes through media.import like any
 * other (probed, then allow-listed).
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { IncomingMessage } from 'node:http';

export const MAX_UPLOAD_BYTES = 4 * 1024 * 1024 * 1024;

/** A safe file name from what the browser sent: no folders, no control or odd characters. */
export function cleanFileName(raw: string): string {
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    // keep it as sent
  }
  const base = decoded.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._ -]+/gu, '_')
    .replace(/^[.\s]+/, '')
    .slice(-120)
    .trim();
  return cleaned || 'upload.bin';
}

export class UploadTooLarge extends Error {}

/** Files dropped together share a folder (so a sheet's relative clip names resolve); the group is a UUID the page chose, anything else gets a folder of its own. */
export function uploadFolderName(group: unknown): string {
  return typeof group === 'string' && UPLOAD_GROUP.test(group) ? group.toLowerCase() : randomUUID();
}

const UPLOAD_GROUP = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function receiveUpload(options: { req: IncomingMessage; home: string; limit?: number }): Promise<string> {
  const limit = options.limit ?? MAX_UPLOAD_BYTES;
  const name = cleanFileName(String(options.req.headers['x-file-name'] ?? ''));
  const folder = path.join(options.home, 'imports', uploadFolderName(options.req.headers['x-upload-group']));
  await mkdir(folder, { recursive: true });
  const target = path.join(folder, name);
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > limit) done(new UploadTooLarge('upload too large'));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(options.req, counter, createWriteStream(target, { flags: 'wx' }));
  } catch (error) {
    // only this file, and only when this upload made it: the others of its group stay
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') await rm(target, { force: true });
    throw error;
  }
  return target;
}
