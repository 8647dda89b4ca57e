import { describe, expect, it, vi } from 'vitest';

const exposeInMainWorld = vi.fn();
const ipcRenderer = { invoke: vi.fn(async () => ({ ok: true, value: { projects: [] } })), on: vi.fn(), removeListener: vi.fn() };
const getPathForFile = vi.fn(() => '/home/admin/clip.mp4');
vi.mock('electron', () => ({ contextBridge: { exposeInMainWorld }, ipcRenderer, webUtils: { getPathForFile } }));

await import('../../electron/preload/index.js');
const { CHANNELS } = await import('../../core/api/contract.js');

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
    expect(ipcRenderer.invoke).not.toHaveBeenCalled();
    expect(CHANNELS.length).toBeGreaterThan(20);
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
