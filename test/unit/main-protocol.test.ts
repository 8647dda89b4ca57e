import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const registerSchemesAsPrivileged = vi.fn();
const handle = vi.fn();
vi.mock('electron', () => ({ protocol: { registerSchemesAsPrivileged, handle } }));

const { createMediaAccess, mediaUrlFor, pathFromMediaUrl } = await import('../../electron/engine/media/access.js');
const { handleMediaProtocol, handleMediaRequest, registerMediaScheme } = await import('../../electron/main/protocol.js');
const { answerMediaRequest, mediaContentType, parseRange } = await import('../../electron/engine/media/serve.js');

function fixture() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'klipkota-media-'));
  const allowed = path.join(dir, 'clip.mp4');
  const secret = path.join(dir, 'secret.mp4');
  const bytes = Buffer.from(Array.from({ length: 1000 }, (_, index) => index % 251));
  writeFileSync(allowed, bytes);
  writeFileSync(secret, 'not for the renderer');
  const allowList = createMediaAccess();
  allowList.allow(allowed);
  return { dir, allowed, secret, bytes, allowList };
}

describe('klipkota-media protocol', () => {
  it('refuses a path that was never opened', async () => {
    const { secret, allowList } = fixture();
    const response = await handleMediaRequest({ url: mediaUrlFor(secret), allowList });
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('not for the renderer');
  });

  it('refuses a path that climbs out of an allowed one', async () => {
    const { dir, allowList } = fixture();
    const sneaky = `klipkota-media://local/${encodeURIComponent(path.join(dir, 'clip.mp4', '..', 'secret.mp4'))}`;
    expect((await handleMediaRequest({ url: sneaky, allowList })).status).toBe(403);
  });

  it('answers 404 for URLs that are not media URLs', async () => {
    const { allowList, allowed } = fixture();
    for (const url of ['klipkota-media://other/x', 'klipkota-media://local/', 'https://example.com/', `klipkota-media://local/relative.mp4`]) {
      expect((await handleMediaRequest({ url, allowList })).status).toBe(404);
    }
    expect((await handleMediaRequest({ url: mediaUrlFor(allowed), allowList, method: 'POST' })).status).toBe(405);
  });

  it('serves a range of an allowed file with 206 and Content-Range', async () => {
    const { allowed, allowList, bytes } = fixture();
    const response = await handleMediaRequest({ url: mediaUrlFor(allowed), rangeHeader: 'bytes=100-199', allowList });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 100-199/1000');
    expect(response.headers.get('content-length')).toBe('100');
    expect(response.headers.get('content-type')).toBe('video/mp4');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes.subarray(100, 200));
  });

  it('serves open-ended and suffix ranges, the whole file, and 416 past the end', async () => {
    const { allowed, allowList, bytes } = fixture();
    const url = mediaUrlFor(allowed);
    const tail = await handleMediaRequest({ url, rangeHeader: 'bytes=900-', allowList });
    expect(tail.headers.get('content-range')).toBe('bytes 900-999/1000');
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(bytes.subarray(900));
    const suffix = await handleMediaRequest({ url, rangeHeader: 'bytes=-10', allowList });
    expect(Buffer.from(await suffix.arrayBuffer())).toEqual(bytes.subarray(990));
    const whole = await handleMediaRequest({ url, allowList });
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer())).toEqual(bytes);
    const beyond = await handleMediaRequest({ url, rangeHeader: 'bytes=5000-', allowList });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe('bytes */1000');
  });

  it('parses ranges (one implementation for the app protocol and the harness)', () => {
    expect(parseRange(undefined, 10)).toBeUndefined();
    expect(parseRange(null, 10)).toBeUndefined();
    expect(parseRange('bytes=0-0', 10)).toEqual({ start: 0, end: 0 });
    expect(parseRange('bytes=5-100', 10)).toEqual({ start: 5, end: 9 });
    // `bytes=-` names no range at all: ignored (whole file), as the harness always did
    expect(parseRange('bytes=-', 10)).toBeUndefined();
    expect(parseRange('bytes=7-3', 10)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 10)).toBe('unsatisfiable');
    expect(parseRange('bytes=-5', 0)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-1,5-6', 10)).toBeUndefined();
    expect(parseRange('items=1-2', 10)).toBeUndefined();
  });

  it('refuses (403) an allowed file that is not a known media type, without reading it', async () => {
    const { dir, allowList } = fixture();
    for (const name of ['id_rsa', 'notes.txt', 'project.klipkota.json', 'page.html', 'tool.exe']) {
      const file = path.join(dir, name);
      writeFileSync(file, 'PRIVATE KEY');
      allowList.allow(file);
      const response = await handleMediaRequest({ url: mediaUrlFor(file), allowList });
      expect(response.status, name).toBe(403);
      expect(await response.text()).not.toContain('PRIVATE KEY');
    }
    expect(mediaContentType('/x/Clip.MP4')).toBe('video/mp4');
    expect(mediaContentType('/x/logo.png')).toBe('image/png');
    expect(mediaContentType('/x/constructor')).toBeUndefined();
    expect(mediaContentType('/x/a.__proto__')).toBeUndefined();
  });

  it('answers the same for both hosts: 404 for a relative or missing file, HEAD without a body', async () => {
    const { dir, allowed, allowList } = fixture();
    const isAllowed = (file: string) => allowList.isAllowed(file);
    expect((await answerMediaRequest({ file: 'clip.mp4', isAllowed: () => true })).status).toBe(404);
    expect((await answerMediaRequest({ file: undefined, isAllowed: () => true })).status).toBe(404);
    const gone = path.join(dir, 'gone.mp4');
    allowList.allow(gone);
    expect((await answerMediaRequest({ file: gone, isAllowed })).status).toBe(404);
    const head = await answerMediaRequest({ file: allowed, isAllowed, method: 'HEAD', rangeHeader: 'bytes=0-9' });
    expect(head).toMatchObject({ status: 206, headers: { 'Content-Length': '10', 'Content-Range': 'bytes 0-9/1000' } });
    expect(head.body).toBeUndefined();
  });

  it('round-trips paths with spaces and unicode through media URLs', () => {
    const file = path.join(os.tmpdir(), 'Wali Kota – pidato #1.mp4');
    expect(pathFromMediaUrl(mediaUrlFor(file))).toBe(file);
    expect(pathFromMediaUrl(new URL(mediaUrlFor(file)).href)).toBe(file);
  });

  it('registers the scheme as privileged (standard, secure, stream) and serves it from the allow-list', async () => {
    registerMediaScheme();
    expect(registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'klipkota-media', privileges: expect.objectContaining({ standard: true, secure: true, stream: true }) },
    ]);
    const { allowed, secret, allowList } = fixture();
    handleMediaProtocol(allowList);
    const [scheme, handler] = handle.mock.calls[0] as [string, (request: Request) => Promise<Response>];
    expect(scheme).toBe('klipkota-media');
    const ok = await handler(new Request(mediaUrlFor(allowed), { headers: { Range: 'bytes=0-9' } }));
    expect(ok.status).toBe(206);
    const denied = await handler(new Request(mediaUrlFor(secret)));
    expect(denied.status).toBe(403);
  });
});
