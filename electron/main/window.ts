/**
 * The app window, locked down as Electron's security checklist asks:
 * context isolation, sandbox, no Node in the renderer, web security on, a
 * strict Content-Security-Policy (response header and meta tag), navigation
 * and new windows denied, every permission request denied, no remote content.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, session, type BrowserWindowConstructorOptions, type Session, type WebContents } from 'electron';
import { MEDIA_SCHEME } from '../engine/media/access.js';

/** The Content-Security-Policy of every page the app shows. `devServer` only for `electron-vite dev`. */
export function buildCsp(options: { devServer?: string } = {}): string {
  const dev = options.devServer ? new URL(options.devServer).origin : undefined;
  const devWs = dev ? dev.replace(/^http/, 'ws') : undefined;
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'", ...(dev ? [dev] : [])]],
    ['style-src', ["'self'", ...(dev ? [dev, "'unsafe-inline'"] : [])]],
    ['img-src', ["'self'", 'data:', 'blob:', `${MEDIA_SCHEME}:`]],
    ['media-src', ["'self'", 'blob:', `${MEDIA_SCHEME}:`]],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', ["'self'", ...(dev && devWs ? [dev, devWs] : [])]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['worker-src', ["'self'", 'blob:']],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

export function createWindowOptions(options: { preloadPath: string; title?: string; icon?: string }): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: options.title ?? 'KlipKota',
    backgroundColor: '#0f172a',
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

/** May the window go to this URL? Only the app's own page (the packaged file, or the dev server in development). */
export function isAllowedNavigation(options: { url: string; appUrl: string }): boolean {
  try {
    const target = new URL(options.url);
    const app = new URL(options.appUrl);
    if (app.protocol === 'file:') return target.protocol === 'file:' && target.pathname === app.pathname;
    return target.origin === app.origin;
  } catch {
    return false;
  }
}

/** Wire the guards onto a window's contents: navigation, new windows, webviews. */
export function guardWebContents(options: { contents: WebContents; appUrl: string }): void {
  const { contents, appUrl } = options;
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation({ url, appUrl })) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation({ url, appUrl })) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/**
 * CSP as a response header on every response, every permission request
 * denied, and no request leaves the machine. `devServer` (only under
 * `electron-vite dev`) is the one http/ws origin allowed; the packaged app
 * allows none, not even loopback (a local web server is not part of the app).
 */
export function secureSession(options: { session: Session; csp: string; devServer?: string; appRoot?: string }): void {
  const target = options.session;
  target.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...(details.responseHeaders ?? {}) };
    for (const name of Object.keys(headers)) if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    headers['Content-Security-Policy'] = [options.csp];
    callback({ responseHeaders: headers });
  });
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
  // no remote content: only the app's own files, the media protocol, data: and blob: URLs (and the dev server in development)
  target.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isLocalRequest({ url: details.url, devServer: options.devServer, appRoot: options.appRoot }) });
  });
}

/**
 * Requests the app may make: its own files, the media protocol, data/blob/devtools
 * URLs, and (only when `devServer` is given) that dev server's origin over http and ws.
 */
export function isLocalRequest(options: { url: string; devServer?: string; appRoot?: string }): boolean {
  try {
    const parsed = new URL(options.url);
    // file: only inside the app's own files (the renderer build), never elsewhere on the disk
    if (parsed.protocol === 'file:' && options.appRoot !== undefined) return isInsideFolder({ file: fileURLToPath(parsed), folder: options.appRoot });
    if (['file:', 'data:', 'blob:', 'devtools:', `${MEDIA_SCHEME}:`, 'chrome-extension:'].includes(parsed.protocol)) return true;
    if (!options.devServer) return false;
    const dev = new URL(options.devServer);
    if (!['localhost', '127.0.0.1', '[::1]'].includes(dev.hostname)) return false;
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'ws:') return false;
    return parsed.hostname === dev.hostname && parsed.port === dev.port;
  } catch {
    return false;
  }
}

/** Whether file (a path from a file: URL) lies inside folder, after resolving `..`. */
export function isInsideFolder(options: { file: string; folder: string }): boolean {
  const relative = path.relative(path.resolve(options.folder), path.resolve(options.file));
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** Create the window; it is shown on ready-to-show. */
export function createMainWindow(options: { preloadPath: string; appUrl: string; devServer?: string; icon?: string }): BrowserWindow {
  secureSession({
    session: session.defaultSession,
    csp: buildCsp({ devServer: options.devServer }),
    ...(options.devServer ? { devServer: options.devServer } : {}),
    // the packaged page's folder (out/renderer): the only file: URLs the window may load
    ...(options.appUrl.startsWith('file:') ? { appRoot: path.dirname(fileURLToPath(options.appUrl)) } : {}),
  });
  const window = new BrowserWindow(createWindowOptions({ preloadPath: options.preloadPath, icon: options.icon }));
  guardWebContents({ contents: window.webContents, appUrl: options.appUrl });
  window.once('ready-to-show', () => window.show());
  if (options.appUrl.startsWith('file:')) void window.loadFile(fileURLToPath(options.appUrl));
  else void window.loadURL(options.appUrl);
  return window;
}
