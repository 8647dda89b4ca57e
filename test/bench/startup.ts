/**
 * Start-up of the command line: `klipkota --version` and `klipkota probe FILE`,
 * each as the admin starts it (through npx, and the bin directly) and as a dev
 * checkout runs it from source through tsx (KLIPKOTA_FROM_SOURCE=1). Sides are
 * interleaved, runs of each, medians; wall time from spawn to exit.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

interface StartupSide {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
}

function timed(side: StartupSide): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(side.command, side.args, { stdio: 'ignore', env: { ...process.env, ...side.env } });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve((performance.now() - started) / 1000) : reject(new Error(`${side.name} exited with ${code}`))));
  });
}

export interface StartupRow {
  side: string;
  medianSeconds: number;
  minSeconds: number;
}

export async function runStartup(options: { clip: string; runs: number; say: (line: string) => void; median: (values: number[]) => number }): Promise<StartupRow[]> {
  const bin = path.resolve('bin/klipkota.mjs');
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const sides: StartupSide[] = [
    { name: 'klipkota --version (bin)', command: process.execPath, args: [bin, '--version'] },
    { name: 'klipkota probe FILE (bin)', command: process.execPath, args: [bin, 'probe', options.clip] },
    { name: 'npx klipkota probe FILE', command: npx, args: ['--no-install', 'klipkota', 'probe', options.clip] },
    { name: 'klipkota --version (from source, tsx)', command: process.execPath, args: [bin, '--version'], env: { KLIPKOTA_FROM_SOURCE: '1' } },
    { name: 'klipkota probe FILE (from source, tsx)', command: process.execPath, args: [bin, 'probe', options.clip], env: { KLIPKOTA_FROM_SOURCE: '1' } },
    { name: 'node -e 0 (Node itself)', command: process.execPath, args: ['-e', '0'] },
  ];
  const samples = new Map<string, number[]>(sides.map((side) => [side.name, []]));
  await timed(sides[1]!); // warm the file cache
  for (let run = 0; run < options.runs; run++) {
    const order = run % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) samples.get(side.name)!.push(await timed(side));
  }
  const rows = sides.map((side) => ({ side: side.name, medianSeconds: options.median(samples.get(side.name)!), minSeconds: Math.min(...samples.get(side.name)!) }));
  options.say(`\nstart-up (${options.runs} run(s) each, interleaved; spawn to exit):`);
  for (const row of rows) options.say(`  ${row.side.padEnd(42)} median ${row.medianSeconds.toFixed(3)} s  min ${row.minSeconds.toFixed(3)} s`);
  return rows;
}
