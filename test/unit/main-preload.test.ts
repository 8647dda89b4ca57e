import { describe, expect, it, vi } from 'vitest';

const exposeInMainWorld = vi.fn();
const ipcRenderer = { invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, value: { projects: [] } })), on: vi.fn(), removeListener: vi.fn() };
const getPathForFile = vi.fn(() => '/home/admin/clip.mp4');
vi.mock('electron', () => ({ contextBridge: { exposeInMainWorld }, ipcRenderer, webUtils: { getPathForFile } }));

await import('../../electron/preload/index.js');
const { CHANNELS } = await import('@core/api/contract.js');

describe('preload', () => {
  const [name, api] = exposeInMainWorld.mock.calls[0] as [string, Record<string, (...args: unknown[]) => unknown>];

  it('exposes window.klipkota with invoke, on and pathForFile only', () => {
    expect(name).toBe('klipkota');
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on', 'pathForFile']);
    expect(api.pathForFile!({})).toBe('/home/admin/clip.mp4');
  });

  it('invokes contract channels and nothing else', async () => {
    expect(await api.invoke!('project.recent', {})).toEqual({ ok: true, value: { projects: [] } });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('project.recent', {});
    ipcRenderer.invoke.mockClear();
    const refused = await api.invoke!('fs.readFile', { path: '/etc/passwd' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    // only the settings were read (for the language); the unknown channel never went to main
    expect(ipcRenderer.invoke.mock.calls.map(([channel]) => channel)).toEqual(['settings.get']);
    expect(CHANNELS.length).toBeGreaterThan(20);
  });

  it('words an unknown channel in the settings language, with what to do', async () => {
    ipcRenderer.invoke.mockImplementation((async (channel: string) =>
      channel === 'settings.get' ? { ok: true, value: { language: 'id' } } : { ok: true, value: {} }) as never);
    const indonesian = (await api.invoke!('fs.readFile', {})) as { error: { message: string; detail: string } };
    expect(indonesian.error.message).toContain('Muat ulang aplikasi');
    expect(indonesian.error.message).toContain('fs.readFile');
    expect(indonesian.error.detail).toBe('fs.readFile');
    ipcRenderer.invoke.mockImplementation((async () => ({ ok: true, value: { language: 'en' } })) as never);
    const english = (await api.invoke!('fs.readFile', {})) as { error: { message: string } };
    expect(english.error.message).toContain('Reload the app');
    expect(english.error.message).not.toMatch(/^Unknown channel/);
    // settings unreadable: Indonesian, the app's default
    ipcRenderer.invoke.mockImplementation((async () => {
      throw new Error('ipc down');
    }) as never);
    expect(((await api.invoke!('x', {})) as { error: { message: string } }).error.message).toContain('Muat ulang');
  });

  it('subscribes to contract events only and hands the page the payload, not the IPC event', () => {
    const listener = vi.fn();
    const off = api.on!('export.progress', listener) as () => void;
    const [eventName, wrapped] = ipcRenderer.on.mock.calls[0] as [string, (event: unknown, payload: unknown) => void];
    expect(eventName).toBe('export.progress');
    wrapped({ sender: 'secret' }, { jobId: 'j', preset: 'tiktok', percent: 5 });
    expect(listener).toHaveBeenCalledWith({ jobId: 'j', preset: 'tiktok', percent: 5 });
    off();
    expect(ipcRenderer.removeListener).toHaveBeenCalledWith('export.progress', wrapped);
    expect(() => api.on!('ipc-internal', vi.fn())).toThrow();
  });
});
