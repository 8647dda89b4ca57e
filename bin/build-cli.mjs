#!/usr/bin/env node
// Builds the command line into out/cli/ (ES modules, one chunk per lazily loaded command) with esbuild,
// so `klipkota` starts without compiling TypeScript on every run. `npm ci` runs it (the `prepare` script);
// `npm run build:cli` runs it by hand. Packages stay in node_modules (external); the `@core/...` alias comes
// from tsconfig.node.json. out/cli/inputs.json lists the sources, so bin/klipkota.mjs can tell a stale bundle
// (a source changed after the build) and run the sources through tsx instead.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'out', 'cli');
try {
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: root,
    entryPoints: { main: 'electron/cli/main.ts' },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    tsconfig: 'tsconfig.node.json',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    logLevel: 'warning',
  });
  const inputs = Object.keys(result.metafile.inputs).filter((file) => !file.includes('node_modules'));
  await writeFile(path.join(outdir, 'inputs.json'), `${JSON.stringify(inputs)}\n`);
  console.log(`klipkota CLI built into ${path.relative(process.cwd(), outdir) || '.'} (${inputs.length} sources)`);
} catch (error) {
  // not fatal: bin/klipkota.mjs runs the sources through tsx when there is no usable bundle
  console.warn(`klipkota CLI bundle not built (${error instanceof Error ? error.message : String(error)}); bin/klipkota.mjs will run the TypeScript sources through tsx`);
}
