/**
 * The renderer build (React 19, root renderer/, output out/renderer). Used by
 * `npm run build:renderer` for the browser harness and the e2e tests; the
 * Electron build (electron.vite.config.ts) may reuse `rendererConfig`.
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

/** `@core/...` is core/ (tsconfig.base.json `paths`); every bundle and test run resolves it the same way. */
export const coreAlias = { '@core': path.join(here, 'core') };

export const rendererConfig: UserConfig = {
  root: path.join(here, 'renderer'),
  // relative asset URLs, so the same build loads from file://, a custom protocol or http://
  base: './',
  plugins: [react()],
  resolve: { alias: coreAlias },
  build: {
    outDir: path.join(here, 'out/renderer'),
    emptyOutDir: true,
    target: 'chrome130',
    // no inline scripts or styles: the CSP allows only 'self'
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: { host: '127.0.0.1', fs: { allow: [here] } },
};

export default defineConfig(rendererConfig);
