/**
 * The harness server at the HTTP level: the CSP it serves, the requests it
 * refuses (other hosts and origins, non-JSON calls, paths outside the build,
 * media never imported), the contract answers, and range requests on media.
 */
import { request } from 'node:http';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSampleClip } from '../../electron/engine/media/samples.js';
import { cleanFileName } from '../../electron/harness/upload.js';
import { parseRange } from '../../electron/engine/media/serve.js';
import { startHarness, type Harness } from '../../electron/harness/server.js';
import { tempDir } from './helpers.js';

let root: string;
let clip: string;
let harness: Harness;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw HTTP request, so tests can send the headers a browser would not let a page set. */
function send(options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer; token?: false }): Promise<Answer> {
  // this start's token, as a tool would send it (the page gets it as a cookie); token: false leaves it out
  const headers = { ...(options.token === false ? {} : { 'X-KlipKota-Token': harness.token }), ...options.headers };
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: harness.port, method: options.method ?? 'GET', path: options.path, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function callApi(channel: string, payload: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return send({ method: 'POST', path: `/api/${channel}`, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(payload) });
}

const json = (answer: Answer) => JSON.parse(answer.body.toString('utf8')) as { ok: boolean; value?: any; error?: { code: string; message: string } };

beforeAll(async () => {
  root = await tempDir('harness');
  clip = path.join(root, 'media', 'klip.mp4');
  await mkdir(path.dirname(clip), { recursive: true });
  await makeSampleClip({ path: clip, seconds: 1, width: 160, height: 90 });
  // a tiny stand-in build, so this file does not depend on `npm run build:renderer`
  const build = path.join(root, 'renderer');
  await mkdir(build, { recursive: true });
  await writeFile(path.join(build, 'index.html'), '<!doctype html><div id="root"></div>');
  await writeFile(path.join(root, 'secret.txt'), 'not for the page');
  harness = await startHarness({ home: path.join(root, 'home'), rendererDir: build });
});

afterAll(async () => {
  await harness?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('harness server', () => {
  it('answers /api and /media only with this start\'s token, which the page gets as a strict cookie', async () => {
    const bare = await send({ method: 'POST', path: '/api/settings.get', headers: { 'Content-Type': 'application/json' }, body: '{}', token: false });
    expect(bare.status).toBe(403);
    const wrong = await send({ method: 'POST', path: '/api/settings.get', headers: { 'Content-Type': 'application/json', 'X-KlipKota-Token': 'f'.repeat(64) }, body: '{}', token: false });
    expect(wrong.status).toBe(403);
    expect((await send({ path: `/media/${encodeURIComponent(clip)}`, token: false })).status).toBe(403);
    expect((await send({ path: '/api/events', token: false })).status).toBe(403);
    const page = await send({ path: '/', token: false });
    const cookie = String(page.headers['set-cookie'] ?? '');
    expect(cookie).toContain(`klipkota-token=${harness.token}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const withCookie = await send({ method: 'POST', path: '/api/settings.get', headers: { 'Content-Type': 'application/json', Cookie: cookie.split(';')[0]! }, body: '{}', token: false });
    expect(withCookie.status).toBe(200);
    expect(json(withCookie).ok).toBe(true);
  });

  it('listens on the loopback address and serves the renderer with a strict CSP', async () => {
    expect(harness.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await send({ path: '/' });
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain('<div id="root">');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves nothing outside the build folder', async () => {
    for (const attempt of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%2f%2e%2e%2fsecret.txt']) {
      const answer = await send({ path: attempt });
      expect(answer.status, attempt).toBe(404);
      expect(answer.body.toString()).not.toContain('not for the page');
    }
  });

  it('refuses other hosts (DNS rebinding), other origins and non-JSON calls', async () => {
    expect((await send({ path: '/', headers: { Host: `evil.example:${harness.port}` } })).status).toBe(403);
    expect((await callApi('settings.get', {}, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await callApi('settings.get', {}, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    const plain = await send({ method: 'POST', path: '/api/settings.get', headers: { 'Content-Type': 'text/plain' }, body: '{}' });
    expect(plain.status).toBe(415);
    // the harness's own refusals come in the contract's error shape, in the settings language (Indonesian by default)
    expect(json(plain)).toMatchObject({ ok: false, error: { code: 'unsupported-media-type', message: expect.stringContaining('harus berisi JSON') } });
    const get = await send({ path: '/api/settings.get' });
    expect(get.status).toBe(405);
    expect(json(get).error).toMatchObject({ code: 'method-not-allowed', message: expect.stringContaining('Muat ulang') });
    // ...and in English once the admin chose English
    expect(json(await callApi('settings.set', { language: 'en' })).ok).toBe(true);
    const notJsonEn = await send({ method: 'POST', path: '/api/settings.get', headers: { 'Content-Type': 'application/json' }, body: '{nope' });
    expect(json(notJsonEn).error).toMatchObject({ code: 'invalid-json', message: expect.stringContaining('not valid JSON') });
    expect(json(await callApi('settings.set', { language: 'id' })).ok).toBe(true);
    expect((await callApi('settings.get', {}, { Origin: `http://127.0.0.1:${harness.port}` })).status).toBe(200);
  });

  it('answers contract calls as { ok, value | error } with payloads validated', async () => {
    const settings = json(await callApi('settings.get', {}));
    expect(settings).toMatchObject({ ok: true, value: { language: 'id' } });
    const bad = json(await callApi('media.import', { paths: 'not-a-list' }));
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    const unknown = json(await callApi('fs.readFile', { path: '/etc/passwd' }));
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    const notJson = await send({ method: 'POST', path: '/api/settings.get', headers: { 'Content-Type': 'application/json' }, body: '{nope' });
    expect(json(notJson)).toMatchObject({ ok: false, error: { code: 'invalid-json' } });
    // no shell in a harness started without openFolder
    expect(json(await callApi('shell.openFolder', { path: root }))).toMatchObject({ ok: false, error: { code: 'not-available' } });
    expect(json(await callApi('dialog.openFiles', { kind: 'media' }))).toMatchObject({ ok: false, error: { code: 'not-available' } });
  });

  it('serves media only once imported, with range requests', async () => {
    const mediaPath = `/media/${encodeURIComponent(clip)}`;
    expect((await send({ path: mediaPath })).status).toBe(403);
    expect((await send({ path: `/media/${encodeURIComponent(path.join(root, 'secret.txt'))}` })).status).toBe(403);
    expect((await send({ path: `/media/${encodeURIComponent('relative/klip.mp4')}` })).status).toBe(404);

    const imported = json(await callApi('media.import', { paths: [clip] }));
    expect(imported.ok).toBe(true);
    expect(imported.value.items[0].mediaUrl).toBe(`http://127.0.0.1:${harness.port}${mediaPath}`);

    const bytes = await readFile(clip);
    const whole = await send({ path: mediaPath });
    expect(whole.status).toBe(200);
    expect(whole.headers['content-type']).toBe('video/mp4');
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.body.equals(bytes)).toBe(true);

    const part = await send({ path: mediaPath, headers: { Range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${bytes.length}`);
    expect(part.body.equals(bytes.subarray(100, 200))).toBe(true);

    const tail = await send({ path: mediaPath, headers: { Range: 'bytes=-16' } });
    expect(tail.body.equals(bytes.subarray(bytes.length - 16))).toBe(true);
    const beyond = await send({ path: mediaPath, headers: { Range: `bytes=${bytes.length}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${bytes.length}`);
    // still nothing else, even next to an allowed file
    expect((await send({ path: `/media/${encodeURIComponent(path.join(path.dirname(clip), '..', 'secret.txt'))}` })).status).toBe(403);
  });

  it('does not serve a file a restored autosave names unless it probes as media', async () => {
    const secret = path.join(root, 'secret.txt');
    const project = {
      kind: 'klipkota.project',
      version: 3,
      name: 'Curang',
      timeline: {
        tracks: {
          video: [
            { kind: 'clip', id: 'c1', media: { path: secret }, sourceRange: { start: 0, duration: 30 } },
            { kind: 'clip', id: 'c2', media: { path: clip }, sourceRange: { start: 0, duration: 30 } },
          ],
        },
      },
    };
    expect(json(await callApi('project.autosave', { project, path: null })).ok).toBe(true);
    const restored = json(await callApi('recovery.restore', {}));
    expect(restored.ok).toBe(true);
    expect(harness.api.mediaAccess.isAllowed(secret)).toBe(false);
    const answer = await send({ path: `/media/${encodeURIComponent(secret)}` });
    expect(answer.status).toBe(403);
    expect(answer.body.toString()).not.toContain('not for the page');
    // the real clip in the same project probes fine and plays
    expect((await send({ path: `/media/${encodeURIComponent(clip)}`, headers: { Range: 'bytes=0-9' } })).status).toBe(206);
    expect(json(await callApi('recovery.discard', {})).ok).toBe(true);
  });

  it('stores an upload inside home/imports under a cleaned name', async () => {
    const answer = await send({
      method: 'POST',
      path: '/api/upload',
      headers: { 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent('../../etc/pass wd.mp4') },
      body: Buffer.from('abc'),
    });
    const uploaded = json(answer);
    expect(uploaded.ok).toBe(true);
    const stored = String(uploaded.value.path);
    expect(stored.startsWith(path.join(root, 'home', 'imports') + path.sep)).toBe(true);
    expect(path.basename(stored)).toBe('pass wd.mp4');
    expect(await readFile(stored, 'utf8')).toBe('abc');
  });
});

describe('harness uploads dropped together', () => {
  const upload = (name: string, body: Buffer | string, group?: string) =>
    send({
      method: 'POST',
      path: '/api/upload',
      headers: { 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent(name), ...(group ? { 'X-Upload-Group': group } : {}) },
      body,
    });

  it('land in one folder, so a spreadsheet finds the clips it names by their relative names', async () => {
    const group = randomUUID();
    const clipUpload = json(await upload('kegiatan 1.mp4', await readFile(clip), group));
    const sheetUpload = json(await upload('daftar.csv', '\uFEFFklip,judul\r\nkegiatan 1.mp4,Kerja Bakti\r\nhilang.mp4,Posyandu\r\n', group));
    expect(path.dirname(String(sheetUpload.value.path))).toBe(path.dirname(String(clipUpload.value.path)));
    const report = json(await callApi('queue.checkSheet', { path: sheetUpload.value.path, presets: ['tiktok'] }));
    expect(report.ok).toBe(true);
    expect(report.value.accepted.map((row: { row: number; title: string }) => [row.row, row.title])).toEqual([[2, 'Kerja Bakti']]);
    expect(JSON.stringify(report.value.issues)).toContain('hilang.mp4');
  });

  it('keep the first of two files with one name in a group, and give a group that is not a UUID a folder of its own', async () => {
    const group = randomUUID();
    const first = json(await upload('sama.csv', 'pertama', group));
    const second = await upload('sama.csv', 'kedua', group);
    expect(json(second).ok).toBe(false);
    expect(await readFile(String(first.value.path), 'utf8')).toBe('pertama');
    const odd = json(await upload('lain.csv', 'x', '../../luar'));
    expect(path.dirname(path.dirname(String(odd.value.path)))).toBe(path.join(root, 'home', 'imports'));
    expect(path.basename(path.dirname(String(odd.value.path)))).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('harness helpers', () => {
  it('parses byte ranges', () => {
    expect(parseRange(undefined, 100)).toBeUndefined();
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=90-500', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-500', 100)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=20-10', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-1,5-6', 100)).toBeUndefined();
    expect(parseRange('items=0-1', 100)).toBeUndefined();
  });

  it('cleans uploaded file names', () => {
    expect(cleanFileName(encodeURIComponent('rapat RT 05.mp4'))).toBe('rapat RT 05.mp4');
    expect(cleanFileName('..%2F..%2Fetc%2Fpasswd')).toBe('passwd');
    expect(cleanFileName('C:\\Users\\admin\\klip.mov')).toBe('klip.mov');
    expect(cleanFileName('.hidden')).toBe('hidden');
    expect(cleanFileName('')).toBe('upload.bin');
    expect(cleanFileName('a<b>|c.mp4')).toBe('a_b_c.mp4');
  });
});
