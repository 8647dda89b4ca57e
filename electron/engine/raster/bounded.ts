/**
 * resvg in a separate process with a memory cap and a time limit, so a pack
 * graphic that costs more than it should (huge embedded pictures, heavy
 * filters) can neither freeze nor kill the Electron main process or the CLI.
 *
 * resvg's memory is native (Rust), so V8 limits (worker resourceLimits,
 * --max-old-space-size) do not hold it. The child is a plain Node process
 * (`ELECTRON_RUN_AS_NODE=1` under Electron) that runs a few lines given with
 * `-e`, so nothing extra has to be bundled or unpacked:
 * - inside it, a worker thread reads the process's resident memory every 10 ms
 *   and SIGKILLs its own process past the cap (works on Windows too, where
 *   there is no /proc and no Job object without native code);
 * - the parent kills it at the time limit, and on Linux also samples its
 *   resident memory from /proc (kill past the cap, and the measured peak).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { KlipError } from '@core/errors.js';

export interface RasterBounds {
  /** resident memory of the rasterizing process, bytes */
  maxRssBytes: number;
  /** wall time of one drawing, milliseconds */
  timeoutMs: number;
}

export const RASTER_BOUNDS: RasterBounds = { maxRssBytes: 768 * 1024 * 1024, timeoutMs: 30_000 };

export interface BoundedRender {
  png: Buffer;
  /** the child's own peak resident memory (getrusage maxrss), bytes */
  peakRssBytes?: number;
  wallMs: number;
}

/** The child: read { svg, options } from stdin, write the PNG to stdout, then its peak RSS to stderr. */
const CHILD_CODE = `
const { Worker } = require('node:worker_threads');
const cap = Number(process.argv[2]);
const watch = new Worker("const { workerData } = require('node:worker_threads');" +
  "setInterval(() => { if (process.memoryUsage.rss() > workerData.cap) process.kill(process.pid, 'SIGKILL'); }, 10);",
  { eval: true, workerData: { cap } });
watch.unref();
const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', () => {
  try {
    const { svg, options } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const { Resvg } = require(process.argv[1]);
    const png = new Resvg(svg, options).render().asPng();
    process.stdout.write(png, () => {
      process.stderr.write(JSON.stringify({ peakRssKiB: process.resourceUsage().maxRSS }) + '\\n', () => process.exit(0));
    });
  } catch (error) {
    process.stderr.write(JSON.stringify({ error: String((error && error.message) || error).split('\\n')[0] }) + '\\n', () => process.exit(3));
  }
});
`;

function resvgModule(): string {
  return createRequire(import.meta.url).resolve('@resvg/resvg-js');
}

function linuxRss(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

export function rasterTooCostly(detail: string): KlipError {
  return new KlipError({
    code: 'raster-too-costly',
    kind: 'bad-input',
    text: {
      id: 'Grafis templat terlalu berat untuk digambar (memori atau waktu melewati batas). Sederhanakan SVG-nya (gambar tertanam lebih kecil, tanpa filter berat) atau minta paket baru dari penerbitnya.',
      en: 'A template graphic is too costly to draw (memory or time went past the limit). Simplify the SVG (smaller embedded pictures, no heavy filters) or ask the issuer for a new pack.',
    },
    detail,
  });
}

export function rasterFailed(detail: string, cause?: unknown): KlipError {
  return new KlipError({
    code: 'raster-failed',
    kind: 'failed',
    text: {
      id: 'Grafis templat tidak dapat digambar. Periksa berkas SVG di paket templat atau pasang ulang paketnya.',
      en: 'A template graphic could not be drawn. Check the SVG file in the template pack or reinstall the pack.',
    },
    detail,
    cause,
  });
}

function lastJsonLine(text: string): { peakRssKiB?: number; error?: string } {
  const line = text.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as { peakRssKiB?: number; error?: string };
  } catch {
    return {};
  }
}

/** Draw with resvg in a bounded child process; refuses (raster-too-costly) past the memory cap or the time limit. */
export function renderInChild(options: { svg: string; resvgOptions: unknown; bounds?: Partial<RasterBounds> }): Promise<BoundedRender> {
  const bounds = { ...RASTER_BOUNDS, ...options.bounds };
  const started = Date.now();
  const child = spawn(process.execPath, ['-e', CHILD_CODE, resvgModule(), String(bounds.maxRssBytes)], {
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
    windowsHide: true,
  });
  return new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    let err = '';
    let killedFor: string | undefined;
    const kill = (why: string) => {
      killedFor ??= why;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => kill(`time limit ${bounds.timeoutMs} ms`), bounds.timeoutMs);
    const sampler =
      process.platform === 'linux'
        ? setInterval(() => {
            const rss = child.pid === undefined ? undefined : linuxRss(child.pid);
            if (rss !== undefined && rss > bounds.maxRssBytes) kill(`memory ${Math.round(rss / 1048576)} MiB > ${Math.round(bounds.maxRssBytes / 1048576)} MiB`);
          }, 10)
        : undefined;
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (err.length < 64 * 1024) err += chunk;
    });
    child.stdin.on('error', () => undefined); // a child killed early closes its stdin
    child.once('error', (error) => {
      clearTimeout(timer);
      if (sampler) clearInterval(sampler);
      reject(rasterFailed(`cannot start the rasterizer: ${error.message}`));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (sampler) clearInterval(sampler);
      const wallMs = Date.now() - started;
      const report = lastJsonLine(err);
      if (killedFor) return reject(rasterTooCostly(killedFor));
      if (signal === 'SIGKILL') return reject(rasterTooCostly(`memory over ${Math.round(bounds.maxRssBytes / 1048576)} MiB`));
      if (code !== 0) return reject(rasterFailed(report.error ?? `rasterizer ${signal ? `killed by ${signal}` : `exit code ${code}`}`));
      resolve({ png: Buffer.concat(out), wallMs, ...(report.peakRssKiB ? { peakRssBytes: report.peakRssKiB * 1024 } : {}) });
    });
    child.stdin.end(JSON.stringify({ svg: options.svg, options: options.resvgOptions }));
  });
}
