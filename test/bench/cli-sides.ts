/**
 * `--before DIR`: the export as an admin runs it, `klipkota render PROJECT
 * --preset P`, from this checkout and from another checkout DIR (for example a
 * git worktree of the commit before a change, with node_modules linked), so a
 * before/after comparison runs interleaved in the same bench run under the same
 * load. Each run goes through /usr/bin/time: wall, CPU of the command and every
 * process it waited for (FFmpeg included), and the peak RSS of the largest one.
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { absoluteProject } from '../../electron/engine/export/render.js';
import type { BenchJob } from './job.js';
import type { RunSample } from './monitor.js';

export async function writeBenchProject(job: BenchJob, file: string): Promise<string> {
  await writeFile(file, `${JSON.stringify(absoluteProject(job.project, job.projectDir), null, 2)}\n`);
  return file;
}

/** One `klipkota render` through /usr/bin/time, from the checkout at `root`. */
export function cliRender(options: { root: string; project: string; presetId: string; outDir: string }): Promise<RunSample> {
  const args = ['-f', 'klipkota-time %e %U %S %M', process.execPath, path.join(options.root, 'bin', 'klipkota.mjs'), 'render', options.project, '--preset', options.presetId, '--out', options.outDir, '--overwrite'];
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', args, { stdio: ['ignore', 'ignore', 'pipe'], cwd: options.root });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const match = /klipkota-time ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(stderr);
      if (code !== 0 || !match) return reject(new Error(`klipkota render in ${options.root} failed (${code}): ${stderr.slice(-2000)}`));
      const [wall, user, system, maxKiB] = match.slice(1).map(Number) as [number, number, number, number];
      resolve({ wallSeconds: wall, peakRssBytes: maxKiB * 1024, processes: [{ step: 'cli', seconds: wall, cpuSeconds: user + system, peakRssMiB: maxKiB / 1024 }] });
    });
  });
}
