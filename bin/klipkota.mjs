#!/usr/bin/env node
// The `klipkota` command: runs the TypeScript CLI through tsx, so `npx klipkota`
// works straight after `npm ci` with no build step. tsx reads the node tsconfig
// (wherever the command is run from) for the `@core/...` path alias.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.node.json', import.meta.url)) });
const { runCli } = await import('../electron/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
