import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({
  BrowserWindow: class {},
  session: { defaultSession: {} },
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
}));

const { buildCsp, createWindowOptions, guardWebContents, isAllowedNavigation, isLocalRequest, secureSession } = await import(
  '../../electron/main/window.js'
);

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe('window webPreferences', () => {
  it('isolates and sandboxes the renderer, without Node, with web security', () => {
    const options = createWindowOptions({ preloadPath: '/app/out/preload/index.cjs' });
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

describe('Content-Security-Policy', () => {
  it('is strict: self by default, no eval, no inline script, media only from self and the media protocol', () => {
    const csp = buildCsp();
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('unsafe-inline');
    const map = directives(csp);
    expect(map.get('default-src')).toEqual(["'self'"]);
    expect(map.get('script-src')).toEqual(["'self'"]);
    expect(map.get('media-src')).toContain('klipkota-media:');
    expect(map.get('object-src')).toEqual(["'none'"]);
    expect(map.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp).not.toMatch(/https?:/);
  });

  it('allows the dev server only when one is given', () => {
    const map = directives(buildCsp({ devServer: 'http://localhost:5173/' }));
    expect(map.get('script-src')).toEqual(["'self'", 'http://localhost:5173']);
    expect(map.get('connect-src')).toContain('ws://localhost:5173');
    expect(buildCsp({ devServer: 'http://localhost:5173/' })).not.toContain('unsafe-eval');
  });
});

describe('navigation and new windows', () => {
  const appUrl = 'file:///opt/KlipKota/resources/app.asar/out/renderer/index.html';

  it('allows only the app page', () => {
    expect(isAllowedNavigation({ url: appUrl, appUrl })).toBe(true);
    expect(isAllowedNavigation({ url: 'https://example.com/', appUrl })).toBe(false);
    expect(isAllowedNavigation({ url: 'file:///etc/passwd', appUrl })).toBe(false);
    expect(isAllowedNavigation({ url: 'not a url', appUrl })).toBe(false);
    expect(isAllowedNavigation({ url: 'http://localhost:5173/x', appUrl: 'http://localhost:5173/' })).toBe(true);
    expect(isAllowedNavigation({ url: 'http://localhost:5174/', appUrl: 'http://localhost:5173/' })).toBe(false);
  });

  it('blocks will-navigate away from the app, denies window.open and webviews', () => {
    const listeners = new Map<string, (event: { preventDefault: () => void }, url: string) => void>();
    let openHandler: ((details: { url: string }) => { action: string }) | undefined;
    const contents = {
      on: (name: string, listener: (event: { preventDefault: () => void }, url: string) => void) => listeners.set(name, listener),
      setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => {
        openHandler = handler;
      },
    };
    guardWebContents({ contents: contents as never, appUrl });

    const away = { preventDefault: vi.fn() };
    listeners.get('will-navigate')!(away, 'https://evil.example/');
    expect(away.preventDefault).toHaveBeenCalledOnce();

    const home = { preventDefault: vi.fn() };
    listeners.get('will-navigate')!(home, appUrl);
    expect(home.preventDefault).not.toHaveBeenCalled();

    const redirect = { preventDefault: vi.fn() };
    listeners.get('will-redirect')!(redirect, 'http://example.com/');
    expect(redirect.preventDefault).toHaveBeenCalledOnce();

    const webview = { preventDefault: vi.fn() };
    listeners.get('will-attach-webview')!(webview, '');
    expect(webview.preventDefault).toHaveBeenCalledOnce();

    expect(openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });
});

describe('session', () => {
  it('sets the CSP header on every response, denies every permission and cancels remote requests', () => {
    let onHeaders: ((details: { responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void) | undefined;
    let onBefore: ((details: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | undefined;
    let permission: ((contents: unknown, name: string, cb: (granted: boolean) => void) => void) | undefined;
    let permissionCheck: (() => boolean) | undefined;
    const fakeSession = {
      webRequest: {
        onHeadersReceived: (listener: typeof onHeaders) => {
          onHeaders = listener;
        },
        onBeforeRequest: (listener: typeof onBefore) => {
          onBefore = listener;
        },
      },
      setPermissionRequestHandler: (handler: typeof permission) => {
        permission = handler;
      },
      setPermissionCheckHandler: (handler: typeof permissionCheck) => {
        permissionCheck = handler;
      },
    };
    const csp = buildCsp();
    secureSession({ session: fakeSession as never, csp });

    const result = vi.fn();
    onHeaders!({ responseHeaders: { 'content-security-policy': ["default-src *"], 'X-Other': ['1'] } }, result);
    expect(result).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': [csp], 'X-Other': ['1'] } });

    for (const name of ['media', 'geolocation', 'notifications', 'openExternal']) {
      const granted = vi.fn();
      permission!({}, name, granted);
      expect(granted).toHaveBeenCalledWith(false);
    }
    expect(permissionCheck!()).toBe(false);

    const cancel = vi.fn();
    onBefore!({ url: 'https://fonts.googleapis.com/css' }, cancel);
    expect(cancel).toHaveBeenCalledWith({ cancel: true });
    const keep = vi.fn();
    onBefore!({ url: 'klipkota-media://local/%2Ftmp%2Fa.mp4' }, keep);
    expect(keep).toHaveBeenCalledWith({ cancel: false });
  });

  it('treats only local URLs as local; loopback http/ws only for the dev server in use', () => {
    expect(isLocalRequest({ url: 'file:///x/index.html' })).toBe(true);
    expect(isLocalRequest({ url: 'data:image/png;base64,AA==' })).toBe(true);
    expect(isLocalRequest({ url: 'klipkota-media://local/%2Ftmp%2Fa.mp4' })).toBe(true);
    // the packaged app (no dev server): no http or ws at all, loopback included
    expect(isLocalRequest({ url: 'http://localhost:5173/src/main.tsx' })).toBe(false);
    expect(isLocalRequest({ url: 'http://127.0.0.1:8080/' })).toBe(false);
    expect(isLocalRequest({ url: 'ws://localhost:5173/' })).toBe(false);
    // electron-vite dev: that server's origin over http and ws, nothing else
    const devServer = 'http://localhost:5173/';
    expect(isLocalRequest({ url: 'http://localhost:5173/src/main.tsx', devServer })).toBe(true);
    expect(isLocalRequest({ url: 'ws://localhost:5173/', devServer })).toBe(true);
    expect(isLocalRequest({ url: 'http://localhost:9229/json', devServer })).toBe(false);
    expect(isLocalRequest({ url: 'http://192.168.1.10/', devServer })).toBe(false);
    expect(isLocalRequest({ url: 'https://localhost/', devServer })).toBe(false);
    expect(isLocalRequest({ url: 'http://localhost:5173/', devServer: 'http://192.168.1.10:5173/' })).toBe(false);
  });

  it('confines file: URLs to the app\'s own renderer folder when the window knows it', () => {
    const appRoot = '/opt/KlipKota/resources/app/out/renderer';
    expect(isLocalRequest({ url: 'file:///opt/KlipKota/resources/app/out/renderer/index.html', appRoot })).toBe(true);
    expect(isLocalRequest({ url: 'file:///opt/KlipKota/resources/app/out/renderer/assets/index-1.js', appRoot })).toBe(true);
    expect(isLocalRequest({ url: 'file:///home/admin/Videos/rapat.mp4', appRoot })).toBe(false);
    expect(isLocalRequest({ url: 'file:///etc/passwd', appRoot })).toBe(false);
    expect(isLocalRequest({ url: 'file:///opt/KlipKota/resources/app/out/renderer/../../secret.txt', appRoot })).toBe(false);
    expect(isLocalRequest({ url: 'file:///opt/KlipKota/resources/app/out/renderer-evil/x.js', appRoot })).toBe(false);
  });

  it('secureSession blocks loopback requests unless it was given the dev server', () => {
    const decide = (devServer?: string) => {
      let onBefore: ((details: { url: string }, callback: (response: { cancel: boolean }) => void) => void) | undefined;
      const fakeSession = {
        webRequest: { onHeadersReceived: vi.fn(), onBeforeRequest: (listener: typeof onBefore) => (onBefore = listener) },
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
      };
      secureSession({ session: fakeSession as never, csp: buildCsp({ devServer }), ...(devServer ? { devServer } : {}) });
      const callback = vi.fn();
      onBefore!({ url: 'http://127.0.0.1:5173/@vite/client' }, callback);
      return callback.mock.calls[0]![0];
    };
    expect(decide()).toEqual({ cancel: true });
    expect(decide('http://127.0.0.1:5173/')).toEqual({ cancel: false });
  });
});
