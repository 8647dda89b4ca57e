import { defineConfig } from 'vitest/config';
import { coreAlias } from './vite.renderer.config.js';

// Unit tests (core, pure) and integration tests (engine with real FFmpeg on media the tests generate).
export default defineConfig({
  resolve: { alias: coreAlias },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 240_000,
    hookTimeout: 240_000,
  },
});
