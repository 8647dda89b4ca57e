#!/usr/bin/env node
// The `klipkota` command: runs the TypeScript CLI through tsx, so `npx klipkota`
// works straight after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../electron/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
