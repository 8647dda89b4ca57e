/**
 * Start-up of the command line: `klipkota --version` and `klipkota probe FILE`,
 * each as the admin starts it (through npx, and the bin directly) and as a dev
 * checkout runs it from source through tsx (KLIPKOTA_FROM_SOURCE=1). Sides are
 * interleaved, runs of each, medians; wall time from spawn to exit and CPU
 * time (steadier on a shared machine), both from /usr/bin/time.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

interface StartupSide {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
}

/** Wall and CPU (user + system, the command and what it waited for) seconds of one run, through /usr/bin/time. */
function timed(side: StartupSide): Promise<{ wall: number; cpu: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', 'klipkota-time %e %U %S', side.command, ...side.args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...side.env } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const match = /klipkota-time ([\d.]+) ([\d.]+) ([\d.]+)/.exec(stderr);
      if (code !== 0 || !match) return reject(new Error(`${side.name} exited with ${code}: ${stderr.slice(-500)}`));
      resolve({ wall: Number(match[1]), cpu: Number(match[2]) + Number(match[3]) });
    });
  });
}

export interface StartupRow {
  side: string;
  medianSeconds: number;
  minSeconds: number;
  medianCpuSeconds: number;
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
  const samples = new Map<string, Array<{ wall: number; cpu: number }>>(sides.map((side) => [side.name, []]));
  await timed(sides[1]!); // warm the file cache
  for (let run = 0; run < options.runs; run++) {
    const order = run % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) samples.get(side.name)!.push(await timed(side));
  }
  const rows = sides.map((side) => {
    const list = samples.get(side.name)!;
    return { side: side.name, medianSeconds: options.median(list.map((s) => s.wall)), minSeconds: Math.min(...list.map((s) => s.wall)), medianCpuSeconds: options.median(list.map((s) => s.cpu)) };
  });
  options.say(`\nstart-up (${options.runs} run(s) each, interleaved; wall from spawn to exit, and CPU of the command with its children):`);
  for (const row of rows) options.say(`  ${row.side.padEnd(42)} median ${row.medianSeconds.toFixed(3)} s  min ${row.minSeconds.toFixed(3)} s  cpu ${row.medianCpuSeconds.toFixed(3)} s`);
  return rows;
}
