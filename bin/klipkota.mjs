#!/usr/bin/env node
// The `klipkota` command. Runs the prebuilt CLI (out/cli/main.mjs, made by bin/build-cli.mjs when `npm ci`
// runs `prepare`, or by `npm run build:cli`) when it is there and no source it was built from changed since;
// otherwise (a dev checkout with edits, KLIPKOTA_FROM_SOURCE=1, or no bundle) the TypeScript CLI through tsx,
// which reads the node tsconfig for the `@core/...` path alias.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = new URL('../', import.meta.url);
const bundle = new URL('out/cli/main.mjs', root);

function bundleIsCurrent() {
  if (process.env.KLIPKOTA_FROM_SOURCE) return false;
  try {
    const built = statSync(bundle).mtimeMs;
    const inputs = JSON.parse(readFileSync(new URL('out/cli/inputs.json', root), 'utf8'));
    return inputs.every((file) => statSync(new URL(file, root)).mtimeMs <= built);
  } catch {
    return false;
  }
}

let runCli;
if (bundleIsCurrent()) {
  ({ runCli } = await import(bundle.href));
} else {
  const { register } = await import('tsx/esm/api');
  register({ tsconfig: fileURLToPath(new URL('tsconfig.node.json', root)) });
  ({ runCli } = await import('../electron/cli/main.ts'));
}
process.exitCode = await runCli(process.argv.slice(2));
