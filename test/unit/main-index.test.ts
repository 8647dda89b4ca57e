import { beforeEach, describe, expect, it, vi } from 'vitest';

const state = vi.hoisted(() => ({
  lock: true,
  handlers: new Map<string, (...args: unknown[]) => void>(),
  quit: vi.fn(),
  whenReady: vi.fn(() => new Promise<void>(() => {})),
  registerSchemesAsPrivileged: vi.fn(),
  cancelAllRuns: vi.fn(),
  showErrorBox: vi.fn(),
}));

vi.mock('electron', () => ({
  app: {
    requestSingleInstanceLock: () => state.lock,
    quit: state.quit,
    exit: vi.fn(),
    on: (name: string, handler: (...args: unknown[]) => void) => state.handlers.set(name, handler),
    whenReady: state.whenReady,
    getPath: () => '/tmp',
    isPackaged: true,
  },
  protocol: { registerSchemesAsPrivileged: state.registerSchemesAsPrivileged, handle: vi.fn() },
  BrowserWindow: class {},
  Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn() },
  dialog: { showErrorBox: state.showErrorBox },
  ipcMain: { handle: vi.fn() },
  session: { defaultSession: {} },
  shell: {},
}));
vi.mock('../../electron/engine/ffmpeg/runner.js', () => ({ cancelAllRuns: state.cancelAllRuns }));

beforeEach(() => {
  vi.resetModules();
  state.handlers.clear();
  state.quit.mockClear();
  state.whenReady.mockClear();
  state.cancelAllRuns.mockClear();
});

describe('main entry', () => {
  it('registers the media scheme before ready and quits when another instance holds the lock', async () => {
    state.lock = false;
    await import('../../electron/main/index.js');
    expect(state.registerSchemesAsPrivileged).toHaveBeenCalled();
    expect(state.quit).toHaveBeenCalledOnce();
    expect(state.whenReady).not.toHaveBeenCalled();
  });

  it('with the lock: waits for ready, quits when the windows close, and stops FFmpeg on quit', async () => {
    state.lock = true;
    await import('../../electron/main/index.js');
    expect(state.whenReady).toHaveBeenCalledOnce();
    expect([...state.handlers.keys()]).toEqual(expect.arrayContaining(['second-instance', 'before-quit', 'window-all-closed', 'web-contents-created']));
    state.handlers.get('before-quit')!();
    expect(state.cancelAllRuns).toHaveBeenCalledOnce();
    state.handlers.get('window-all-closed')!();
    expect(state.quit).toHaveBeenCalledOnce();
  });

  it('finds the preload and the renderer next to the bundled main', async () => {
    const { appPaths } = await import('../../electron/main/index.js');
    const paths = appPaths({ mainDir: '/opt/KlipKota/resources/app.asar/out/main' });
    expect(paths.preload).toBe('/opt/KlipKota/resources/app.asar/out/preload/index.cjs');
    expect(paths.appUrl).toBe('file:///opt/KlipKota/resources/app.asar/out/renderer/index.html');
    expect(appPaths({ mainDir: '/x/out/main', devServer: 'http://localhost:5173/' }).appUrl).toBe('http://localhost:5173/');
  });

  it('shows a startup failure in Bahasa Indonesia with what to do, never the raw error text', async () => {
    state.lock = true;
    state.showErrorBox.mockClear();
    state.whenReady.mockImplementationOnce(() => Promise.reject(new Error('EACCES: permission denied, open /secret/settings.json')));
    await import('../../electron/main/index.js');
    await vi.waitFor(() => expect(state.showErrorBox).toHaveBeenCalledOnce());
    const [title, message] = state.showErrorBox.mock.calls[0] as [string, string];
    expect(title).toBe('KlipKota');
    expect(message).toContain('Coba lagi');
    expect(message).not.toContain('EACCES');
  });
});
