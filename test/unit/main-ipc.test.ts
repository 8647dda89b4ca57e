import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({
  BrowserWindow: class {},
  session: { defaultSession: {} },
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
}));

const { CHANNELS, EVENT_NAMES } = await import('@core/api/contract.js');
const { createApi } = await import('../../electron/engine/api/index.js');
const { createEmitter, FORBIDDEN_TEXT, registerIpcHandlers } = await import('../../electron/main/ipc.js');
const { createPlatform, withProjectExtension } = await import('../../electron/main/dialogs.js');

const APP_URL = 'file:///opt/KlipKota/resources/app.asar/out/renderer/index.html';

function spyEngine() {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const fail = (name: string) => vi.fn(async (..._args: any[]): Promise<any> => {
    throw new Error(`engine.${name} must not be called`);
  });
  return {
    renderProject: fail('renderProject'),
    probeMedia: fail('probeMedia'),
    thumbnail: fail('thumbnail'),
    listPacks: fail('listPacks'),
    rasterizeToBuffer: fail('rasterizeToBuffer'),
    configureBinaries: vi.fn(),
  };
}

function spyPlatform() {
  return {
    openFolder: vi.fn(async () => true),
    openFiles: vi.fn(async () => []),
    saveProjectDialog: vi.fn(async () => null),
    chooseFolder: vi.fn(async () => null),
  };
}

function setup() {
  const home = mkdtempSync(path.join(os.tmpdir(), 'klipkota-ipc-'));
  const engine = spyEngine();
  const platform = spyPlatform();
  const emit = vi.fn();
  const api = createApi({ home, emit, engine, platform, language: 'en' });
  const handlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
  const ipcMain = { handle: (channel: string, handler: (event: unknown, payload: unknown) => Promise<unknown>) => handlers.set(channel, handler) };
  registerIpcHandlers({ ipcMain: ipcMain as never, api, appUrl: APP_URL });
  return { home, engine, platform, emit, api, handlers };
}

const trusted = { senderFrame: { url: APP_URL } };
const MALFORMED: unknown[] = [42, 'text', null, [], { unexpected: true }];

describe('IPC handlers', () => {
  it('registers exactly the contract channels', () => {
    const { handlers } = setup();
    expect([...handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    expect(CHANNELS).toEqual(
      expect.arrayContaining(['project.open', 'media.import', 'packs.list', 'overlay.preview', 'export.start', 'export.cancel', 'settings.get', 'settings.set']),
    );
  });

  it.each(CHANNELS)('%s rejects malformed payloads before the engine is called', async (channel) => {
    const { handlers, engine, platform, home, emit } = setup();
    for (const payload of MALFORMED) {
      const result = (await handlers.get(channel)!(trusted, payload)) as { ok: boolean; error?: { code: string; message: string } };
      expect(result.ok, `${channel} accepted ${JSON.stringify(payload)}`).toBe(false);
      expect(result.error?.code).toBe('invalid-payload');
      expect(result.error?.message).toContain(channel);
    }
    for (const spy of [...Object.values(engine), ...Object.values(platform)]) expect(spy).not.toHaveBeenCalled();
    expect(emit).not.toHaveBeenCalled();
    // nothing was written to the home folder either (no settings, no recovery, no recent list)
    expect(readdirSync(home)).toEqual([]);
  });

  it('rejects payloads with the wrong field types, naming the field', async () => {
    const { handlers, engine } = setup();
    const open = (await handlers.get('project.open')!(trusted, { path: 7 })) as { ok: false; error: { detail: string } };
    expect(open.ok).toBe(false);
    expect(open.error.detail).toContain('path');
    const start = (await handlers.get('export.start')!(trusted, {
      project: { kind: 'klipkota.project', version: 3, name: 'x', timeline: { tracks: { video: [] } } },
      presets: ['myspace'],
      outDir: '/tmp/out',
    })) as { ok: false; error: { code: string; detail: string } };
    expect(start.error.code).toBe('invalid-payload');
    expect(start.error.detail).toContain('presets');
    expect(engine.renderProject).not.toHaveBeenCalled();
  });

  it('refuses calls from a frame that is not the app page', async () => {
    const { handlers, engine } = setup();
    const result = (await handlers.get('media.import')!({ senderFrame: { url: 'https://evil.example/' } }, { paths: ['/tmp/a.mp4'] })) as {
      ok: boolean;
      error: { code: string };
    };
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(engine.probeMedia).not.toHaveBeenCalled();
  });

  it('words the forbidden answer in the settings language, with what to do', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'klipkota-ipc-'));
    const api = createApi({ home, emit: vi.fn(), engine: spyEngine() });
    const handlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
    registerIpcHandlers({ ipcMain: { handle: (channel: string, handler: never) => handlers.set(channel, handler) } as never, api, appUrl: APP_URL });
    const evil = { senderFrame: { url: 'https://evil.example/' } };
    expect(await handlers.get('settings.get')!(evil, {})).toEqual({ ok: false, error: { code: 'forbidden', message: FORBIDDEN_TEXT.id } });
    expect((await api['settings.set']({ language: 'en' })).ok).toBe(true);
    expect(await handlers.get('settings.get')!(evil, {})).toEqual({ ok: false, error: { code: 'forbidden', message: FORBIDDEN_TEXT.en } });
    expect(FORBIDDEN_TEXT.en).toContain('open KlipKota again');
  });

  it('answers a UNC or device path with network-path and what to do, before anything touches it', async () => {
    const { handlers, engine } = setup();
    for (const channel of ['media.import', 'project.open', 'media.thumbnail'] as const) {
      const payload = channel === 'media.import' ? { paths: ['\\\\evil-host\\share\\x.mp4'] } : { path: '//evil-host/share/x.mp4' };
      const result = (await handlers.get(channel)!(trusted, payload)) as { ok: false; error: { code: string; message: string } };
      expect(result.ok).toBe(false);
      expect(result.error.code).toBe('network-path');
      expect(result.error.message).toContain('Copy the file');
    }
    expect(engine.probeMedia).not.toHaveBeenCalled();
    expect(engine.thumbnail).not.toHaveBeenCalled();
  });

  it('allow-lists a restored project\'s files only once they probe as media', async () => {
    const { api, engine, home } = setup();
    const secret = path.join(home, 'id_rsa');
    const clip = path.join(home, 'klip.mp4');
    const gone = path.join(home, 'hilang.mp4');
    writeFileSync(secret, 'PRIVATE KEY');
    writeFileSync(clip, 'pretend video');
    engine.probeMedia.mockImplementation(async (file: string) => {
      if (file !== clip) throw new Error('not media');
      return { durationSeconds: 1 } as never;
    });
    const project = {
      kind: 'klipkota.project',
      version: 3,
      name: 'Curang',
      timeline: {
        tracks: {
          video: [
            { kind: 'clip', id: 'a', media: { path: secret }, sourceRange: { start: 0, duration: 30 } },
            { kind: 'clip', id: 'b', media: { path: clip }, sourceRange: { start: 0, duration: 30 } },
            { kind: 'clip', id: 'c', media: { path: gone }, sourceRange: { start: 0, duration: 30 } },
          ],
        },
      },
    };
    expect((await api['project.autosave']({ project, path: null })).ok).toBe(true);
    const restored = await api['recovery.restore']({});
    expect(restored.ok).toBe(true);
    if (restored.ok) expect(restored.value.missingClipIds).toEqual(['c']);
    expect(api.mediaAccess.isAllowed(secret)).toBe(false);
    expect(api.mediaAccess.isAllowed(gone)).toBe(false);
    expect(api.mediaAccess.isAllowed(clip)).toBe(true);
    // the missing file was not even probed
    expect(engine.probeMedia.mock.calls.map(([file]) => file).sort()).toEqual([clip, secret].sort());
  });

  it('refuses a thumbnail of a file that was never imported, without reading it', async () => {
    const { api, engine } = setup();
    engine.probeMedia.mockImplementation(async () => ({ durationSeconds: 1 }) as never);
    engine.thumbnail.mockImplementation(async () => 'data:image/jpeg;base64,AA==');
    const result = await api['media.thumbnail']({ path: '/videos/pribadi.mp4' });
    expect(result).toMatchObject({ ok: false, error: { code: 'media-not-allowed' } });
    expect(engine.thumbnail).not.toHaveBeenCalled();
    expect(api.mediaAccess.isAllowed('/videos/pribadi.mp4')).toBe(false);
  });

  it('passes a valid payload to the engine and returns a checked response', async () => {
    const { api, engine } = setup();
    engine.probeMedia.mockImplementation(async () => {
      throw Object.assign(new Error('unreadable'), {});
    });
    const result = await api['media.import']({ paths: ['/nowhere/clip.mp4'] });
    expect(engine.probeMedia).toHaveBeenCalledWith('/nowhere/clip.mp4');
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.items[0]).toMatchObject({ path: '/nowhere/clip.mp4', error: { code: 'internal' } });
    // a file that failed to probe is not served
    expect(api.mediaAccess.isAllowed('/nowhere/clip.mp4')).toBe(false);
  });

  it('answers an engine response that breaks the contract with invalid-response, not the bad value', async () => {
    const { api, engine } = setup();
    const manifest = { id: 'x', name: { id: 'X', en: 'X' }, version: '1.0.0', issuer: { name: 'Kominfo' }, colors: {}, overlays: [] };
    engine.listPacks.mockImplementation(async () => [{ pack: { manifest, trust: 'trust-me' }, builtIn: true }] as never);
    const result = await api['packs.list']({});
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-response' } });
    expect(JSON.stringify(result)).not.toContain('trust-me"');
  });

  it('answers dialogs as not-available when the host has none (harness)', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'klipkota-ipc-'));
    const api = createApi({ home, emit: vi.fn(), engine: spyEngine(), language: 'id' });
    const result = await api['dialog.openFiles']({ kind: 'media' });
    expect(result).toMatchObject({ ok: false, error: { code: 'not-available' } });
    const unknown = await api.handle('fs.readFile', { path: '/etc/passwd' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });
});

describe('save dialog', () => {
  it('answers with a .klipkota.json name whatever the dialog added, so the engine accepts the save', async () => {
    const chosen: string[] = ['/docs/rapat.json', '/docs/rapat', '/docs/rapat.klipkota.json', '/docs/Rapat.KLIPKOTA.JSON'];
    const showSaveDialog = vi.fn(async () => ({ canceled: false, filePath: chosen.shift() }));
    const platform = createPlatform({
      dialog: { showSaveDialog, showOpenDialog: vi.fn() } as never,
      shell: { openPath: vi.fn() } as never,
      window: () => undefined,
      language: () => 'id',
      defaultFolder: () => '/docs',
    });
    const answers = [];
    for (let index = 0; index < 4; index++) answers.push(await platform.saveProjectDialog!({ suggestedName: 'rapat' }));
    expect(answers).toEqual(['/docs/rapat.klipkota.json', '/docs/rapat.klipkota.json', '/docs/rapat.klipkota.json', '/docs/Rapat.KLIPKOTA.JSON']);
    expect(withProjectExtension('C:\\Video\\apel.JSON')).toBe('C:\\Video\\apel.klipkota.json');
  });

  it('saves captions to an .srt name and opens subtitle files (.srt, .vtt) only', async () => {
    const chosen: string[] = ['/docs/rapat', '/docs/Rapat.SRT'];
    const showSaveDialog = vi.fn(async (_options: { defaultPath?: string }) => ({ canceled: false, filePath: chosen.shift() }));
    const showOpenDialog = vi.fn(async (_options: { filters?: Array<{ extensions: string[] }> }) => ({ canceled: false, filePaths: ['/docs/warga.vtt'] }));
    const platform = createPlatform({
      dialog: { showSaveDialog, showOpenDialog } as never,
      shell: { openPath: vi.fn() } as never,
      window: () => undefined,
      language: () => 'id',
      defaultFolder: () => '/docs',
    });
    expect(await platform.saveCaptionsDialog!({ suggestedName: 'Rapat RW' })).toBe('/docs/rapat.srt');
    expect(showSaveDialog.mock.calls[0]![0].defaultPath).toBe('/docs/Rapat RW.srt');
    expect(await platform.saveCaptionsDialog!({})).toBe('/docs/Rapat.SRT');
    expect(await platform.openFiles!({ kind: 'subtitles', multiple: false })).toEqual(['/docs/warga.vtt']);
    expect(showOpenDialog.mock.calls[0]![0].filters).toEqual([{ name: 'Takarir (SRT, WebVTT)', extensions: ['srt', 'vtt'] }]);
  });
});

describe('event emitter', () => {
  it('sends only well-formed contract events to live windows', () => {
    const send = vi.fn();
    const contents = { isDestroyed: () => false, send };
    const emit = createEmitter({ targets: () => [contents as never] });
    emit('export.progress', { jobId: 'j', preset: 'tiktok', percent: 40, etaSeconds: 3 });
    expect(send).toHaveBeenCalledWith('export.progress', { jobId: 'j', preset: 'tiktok', percent: 40, etaSeconds: 3 });
    emit('export.progress', { jobId: 'j', preset: 'tiktok', percent: 400 } as never);
    expect(send).toHaveBeenCalledTimes(1);
    emit('queue.progress', { jobId: 'k', preset: 'youtube', percent: 10 });
    expect(send).toHaveBeenLastCalledWith('queue.progress', { jobId: 'k', preset: 'youtube', percent: 10 });
    expect(EVENT_NAMES).toEqual(['export.progress', 'export.done', 'export.failed', 'export.cancelled', 'queue.progress', 'queue.done', 'queue.failed', 'queue.cancelled', 'menu.action', 'media.proxyProgress', 'captions.transcribeProgress', 'captions.transcribeDone', 'captions.transcribeFailed', 'captions.transcribeCancelled']);
  });
});
