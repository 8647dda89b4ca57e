/**
 * `npm run harness [-- --port N] [-- --home DIR]`: start the browser harness
 * on 127.0.0.1 and print its URL. KLIPKOTA_HOME (or --home) is the engine's
 * home; by default .tmp/harness-home in the working folder. Tests import
 * `startHarness` from here (or ./harness.js) instead.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHarness } from './harness.js';

export { startHarness, type Harness } from './harness.js';

function parseArgs(argv: string[]): { port: number; home: string } {
  let port = 0;
  let home = process.env.KLIPKOTA_HOME ?? path.resolve('.tmp/harness-home');
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    const [flag, inline] = arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = () => inline ?? argv[++index] ?? '';
    if (flag === '--port') {
      port = Number(value());
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port needs a number 0-65535, got "${String(port)}"`);
    } else if (flag === '--home') home = path.resolve(value());
    else if (flag === '--help' || flag === '-h') {
      console.log('usage: npm run harness -- [--port N] [--home DIR]');
      process.exit(0);
    } else throw new Error(`unknown option ${arg}`);
  }
  return { port, home };
}

/** Show a folder in the system file manager (the harness user's own desktop). */
function openFolderWithSystem(folder: string): Promise<boolean> {
  const command = process.platform === 'win32' ? 'explorer' : process.platform === 'darwin' ? 'open' : 'xdg-open';
  return new Promise((resolve) => {
    const child = spawn(command, [folder], { stdio: 'ignore', detached: true });
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
  });
}

async function main(): Promise<void> {
  let args: { port: number; home: string };
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
  const harness = await startHarness({ port: args.port, home: args.home, openFolder: openFolderWithSystem });
  console.log(`KlipKota harness: ${harness.url}`);
  console.log(`home: ${args.home}`);
  const stop = () => {
    void harness.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

// run as `node bin/tsx-run.mjs electron/harness/server.ts` (argv[1] is this file), not when imported
const entry = process.argv[1] ? path.resolve(process.argv[1]) : '';
if (entry === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(`KlipKota harness could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
