#!/usr/bin/env node
// Runs one TypeScript entry (bench, harness) through tsx: `node bin/tsx-run.mjs FILE [args]`.
import { register } from 'tsx/esm/api';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

// the node tsconfig holds the `@core/...` path alias
register({ tsconfig: fileURLToPath(new URL('../tsconfig.node.json', import.meta.url)) });
const entry = process.argv[2];
if (!entry) {
  console.error('usage: node bin/tsx-run.mjs FILE.ts [args]');
  process.exit(2);
}
// argv[1] becomes the entry itself, as if Node ran it directly (the entry may check it)
process.argv.splice(1, 2, path.resolve(entry));
await import(pathToFileURL(path.resolve(entry)).href);
