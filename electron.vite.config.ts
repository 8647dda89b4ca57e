/**
 * The Electron build: main (electron/main/index.ts), preload
 * (electron/preload/index.ts, CommonJS with everything bundled, as a sandboxed
 * preload must be) and the renderer (root renderer/, shared with the
 * harness build in vite.renderer.config.ts). Output in out/.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import { coreAlias, rendererConfig } from './vite.renderer.config.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  main: {
    resolve: { alias: coreAlias },
    build: {
      outDir: path.join(here, 'out/main'),
      lib: { entry: path.join(here, 'electron/main/index.ts'), formats: ['es'] },
      rollupOptions: { input: { index: path.join(here, 'electron/main/index.ts') } },
    },
  },
  preload: {
    resolve: { alias: coreAlias },
    build: {
      outDir: path.join(here, 'out/preload'),
      // a sandboxed preload cannot require packages: bundle zod and core in
      externalizeDeps: false,
      rollupOptions: {
        input: { index: path.join(here, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    build: {
      ...rendererConfig.build,
      rollupOptions: { input: { index: path.join(here, 'renderer/index.html') } },
    },
  },
});
