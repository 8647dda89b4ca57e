import { defineConfig } from 'vitest/config';
import { coreAlias } from './vite.renderer.config.js';

// End-to-end tests: the built renderer in Debian's Chromium (playwright-core), driven
// through the browser harness against the real engine and FFmpeg. One file at a time:
// each test encodes video and the machine has two cores.
export default defineConfig({
  resolve: { alias: coreAlias },
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
