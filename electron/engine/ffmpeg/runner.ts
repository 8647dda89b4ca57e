/**
 * Runs ffmpeg and ffprobe: every run spawns the argument array as it is,
 * without a shell, so the logged command line is exactly what ran. This is the
 * one module allowed to import fluent-ffmpeg; it does not need to (see
 * capabilities.ts for why its capability queries are not used).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { KlipError } from '../../../core/errors.js';
import { checkCommandLine, globalArguments } from '../../../core/plan/args.js';
import { createProgressReader, type Progress } from '../../../core/progress.js';
import { parseEncoderList, parseFilterList } from './capabilities.js';
import { resolveFfmpeg, resolveFfprobe, type BinaryTool } from './binaries.js';
import { currentObserver, guardChild, ownGroupOptions, releaseChild, signalTree } from './lifetime.js';

export interface RunOptions {
  args: string[];
  /** `args` is the whole list as core/plan wrote it (global flags included): nothing is added */
  complete?: boolean;
  tool?: BinaryTool;
  signal?: AbortSignal;
  /** length of the output in seconds, for the percentage and ETA */
  expectedSeconds?: number;
  onProgress?: (progress: Progress) => void;
  /** where the command line goes (default: stderr when KLIPKOTA_DEBUG is set) */
  log?: (line: string) => void;
  /** poll the peak resident memory of the process (Linux) */
  measureMemory?: boolean;
  /** called once the process is started */
  onStart?: (info: { pid: number; commandLine: string }) => void;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  peakRssBytes?: number;
  wallSeconds: number;
}

/** How long a process gets to stop after SIGTERM before SIGKILL. */
const KILL_GRACE_MS = 500;
const STDERR_KEEP = 256 * 1024;

interface RunningProcess {
  child: ChildProcess;
  cancel: () => void;
}

const running = new Set<RunningProcess>();

/** Kill every running ffmpeg/ffprobe process (app quit, Ctrl+C). Their runs throw 'cancelled'. */
export function cancelAllRuns(): void {
  for (const entry of [...running]) entry.cancel();
}

export function runningCount(): number {
  return running.size;
}

/** A command line that can be pasted into a POSIX shell. */
export function shellCommandLine(binary: string, args: string[]): string {
  return [binary, ...args].map(shellQuote).join(' ');
}

function shellQuote(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

function defaultLog(line: string): void {
  if (process.env.KLIPKOTA_DEBUG) process.stderr.write(`${line}\n`);
}

/** The last lines of stderr that say something (not progress stats, not blank). */
export function meaningfulTail(stderr: string, count = 8): string {
  const lines = stderr
    .split(/\r\n|\r|\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '' && !/^\s*(frame|size)=\s*\S/.test(line) && !/^\s*Press \[q\]/.test(line));
  return lines.slice(-count).join('\n');
}

function readPeakRss(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status) ?? /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

function cancelledError(tool: BinaryTool): KlipError {
  return new KlipError({
    code: 'cancelled',
    kind: 'cancelled',
    text: { id: `Proses ${tool} dibatalkan.`, en: `The ${tool} run was cancelled.` },
  });
}

function failedError(tool: BinaryTool, detail: string, cause?: unknown): KlipError {
  return new KlipError({
    code: 'ffmpeg-failed',
    text: {
      id: `${tool} gagal memproses berkas. Periksa apakah berkas masukan bisa diputar dan ruang disk cukup, lalu coba lagi. Jika terulang, kirim log ke tim Diskominfo.`,
      en: `${tool} could not process the files. Check that the input files play and that there is enough disk space, then try again. If it happens again, send the log to the Diskominfo team.`,
    },
    detail,
    cause,
  });
}

/** What FFmpeg (and the OS through it) prints when a write fails for lack of space. */
const DISK_FULL = /No space left on device|ENOSPC|Disk quota exceeded/i;

function diskFullError(tool: BinaryTool, detail: string): KlipError {
  return new KlipError({
    code: 'disk-full',
    text: {
      id: `Disk penuh: ${tool} tidak bisa menulis hasilnya. Kosongkan ruang disk atau pilih folder di disk lain, lalu coba lagi.`,
      en: `The disk is full: ${tool} could not write its output. Free some space or choose a folder on another disk, then try again.`,
    },
    detail,
  });
}

function missingError(tool: BinaryTool, binary: string, error: NodeJS.ErrnoException): KlipError {
  const variable = tool === 'ffmpeg' ? 'FFMPEG_PATH' : 'FFPROBE_PATH';
  return new KlipError({
    code: 'ffmpeg-missing',
    text: {
      id: `${tool} tidak bisa dijalankan dari ${binary}. Pasang FFmpeg atau isi ${variable} dengan lokasi yang benar.`,
      en: `${tool} could not be started from ${binary}. Install FFmpeg or set ${variable} to the right location.`,
    },
    detail: error.message,
    cause: error,
  });
}

/**
 * Run ffmpeg (or ffprobe). `args` are the command's own arguments: the runner
 * puts core's global flags (globalArguments) before them, unless `complete`
 * says the list came whole from core/plan (the export's passes), which then
 * runs exactly as written.
 */
export async function runFfmpeg(options: RunOptions): Promise<RunResult> {
  const tool = options.tool ?? 'ffmpeg';
  if (options.signal?.aborted) throw cancelledError(tool);
  const binary = (tool === 'ffmpeg' ? resolveFfmpeg() : resolveFfprobe()).path;
  const args = options.complete ? options.args : [...globalArguments({ tool, progress: Boolean(options.onProgress) }), ...options.args];
  checkCommandLine({ platform: process.platform, binary, args });
  const commandLine = shellCommandLine(binary, args);
  (options.log ?? defaultLog)(commandLine);
  const startedAt = process.hrtime.bigint();
  // its own process group, watched from outside: FFmpeg never outlives this process (lifetime.ts)
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true, ...ownGroupOptions() });
  const observer = currentObserver();
  const pid = child.pid;
  if (pid !== undefined) {
    guardChild(pid);
    observer?.started(pid, tool);
  }
  try {
    return await watchRun({ child, tool, binary, commandLine, startedAt, options });
  } finally {
    if (pid !== undefined) {
      releaseChild(pid);
      observer?.ended(pid, tool);
    }
  }
}

/** What a run gathers while it goes: its output, and whether it was cancelled or its callback threw. */
interface RunState {
  stdoutChunks: string[];
  stderr: string;
  cancelled: boolean;
  callbackError: unknown;
  peakRss?: number;
  /** seen anywhere in stderr, not only in the tail that is kept */
  diskFull: boolean;
}

/** Stop a process: SIGTERM, then SIGKILL after a grace period. Returns the timer to clear when it ends. */
function stopper(child: ChildProcess, state: RunState): { cancel: () => void; clear: () => void } {
  let killTimer: NodeJS.Timeout | undefined;
  return {
    cancel: () => {
      if (state.cancelled) return;
      state.cancelled = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      signalTree(child, 'SIGTERM');
      killTimer = setTimeout(() => {
        if (child.exitCode === null && child.signalCode === null) signalTree(child, 'SIGKILL');
      }, KILL_GRACE_MS);
    },
    clear: () => {
      if (killTimer) clearTimeout(killTimer);
    },
  };
}

/** Read stdout (progress) and keep stderr's tail; a throwing progress callback cancels the run. */
function collectOutput(options: { child: ChildProcess; state: RunState; run: RunOptions; cancel: () => void }): void {
  const { child, state, run, cancel } = options;
  const reader = run.onProgress ? createProgressReader(run.onProgress, run.expectedSeconds ?? 0) : undefined;
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    state.stdoutChunks.push(chunk);
    try {
      reader?.push(chunk);
    } catch (error) {
      // a throwing progress callback stops the run and is what the caller gets
      state.callbackError ??= error;
      cancel();
    }
  });
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    state.stderr += chunk;
    if (!state.diskFull && DISK_FULL.test(state.stderr.slice(-chunk.length - 64))) state.diskFull = true;
    if (state.stderr.length > STDERR_KEEP * 2) state.stderr = state.stderr.slice(-STDERR_KEEP);
  });
}

/** How a finished process ends the run: its result, or the error to throw. */
function outcome(options: { tool: BinaryTool; state: RunState; code: number | null; signal: NodeJS.Signals | null; wallSeconds: number }): { result: RunResult } | { error: unknown } {
  const { tool, state, code, signal, wallSeconds } = options;
  if (state.callbackError !== undefined) return { error: state.callbackError };
  if (state.cancelled) return { error: cancelledError(tool) };
  if (code !== 0) {
    const tail = meaningfulTail(state.stderr);
    const how = signal ? `killed by ${signal}` : `exit code ${code}`;
    const detail = `${how}${tail ? `\n${tail}` : ''}`;
    return { error: state.diskFull ? diskFullError(tool, detail) : failedError(tool, detail) };
  }
  return { result: { stdout: state.stdoutChunks.join(''), stderr: state.stderr, wallSeconds, ...(state.peakRss !== undefined ? { peakRssBytes: state.peakRss } : {}) } };
}

/** Follow a spawned process to its end: progress, cancel, memory samples, and its result or error. */
function watchRun(options: { child: ChildProcess; tool: BinaryTool; binary: string; commandLine: string; startedAt: bigint; options: RunOptions }): Promise<RunResult> {
  const { child, tool, binary, startedAt, options: run } = options;
  return new Promise<RunResult>((resolve, reject) => {
    const state: RunState = { stdoutChunks: [], stderr: '', cancelled: false, callbackError: undefined, diskFull: false };
    let memoryTimer: NodeJS.Timeout | undefined;
    const sampleMemory = () => {
      if (child.pid === undefined) return;
      const value = readPeakRss(child.pid);
      if (value !== undefined) state.peakRss = Math.max(state.peakRss ?? 0, value);
    };
    // no sample right at spawn: before exec, /proc shows the forked Node process
    if (run.measureMemory && process.platform === 'linux') memoryTimer = setInterval(sampleMemory, 100);
    const { cancel, clear } = stopper(child, state);
    const entry: RunningProcess = { child, cancel };
    running.add(entry);
    run.signal?.addEventListener('abort', cancel, { once: true });
    if (child.pid !== undefined) run.onStart?.({ pid: child.pid, commandLine: options.commandLine });
    collectOutput({ child, state, run, cancel });

    const finish = () => {
      running.delete(entry);
      run.signal?.removeEventListener('abort', cancel);
      clear();
      if (memoryTimer) clearInterval(memoryTimer);
    };
    child.once('error', (error: NodeJS.ErrnoException) => {
      finish();
      reject(error.code === 'ENOENT' || error.code === 'EACCES' ? missingError(tool, binary, error) : failedError(tool, error.message, error));
    });
    child.once('close', (code, signal) => {
      finish();
      const ended = outcome({ tool, state, code, signal, wallSeconds: Number(process.hrtime.bigint() - startedAt) / 1e9 });
      if ('error' in ended) reject(ended.error);
      else resolve(ended.result);
    });
  });
}

/** Names of the encoders the chosen ffmpeg has. */
export async function availableEncoders(options?: { signal?: AbortSignal }): Promise<Set<string>> {
  const { stdout } = await runFfmpeg({ args: ['-encoders'], signal: options?.signal });
  return parseEncoderList(stdout);
}

/** Names of the filters the chosen ffmpeg has (parsed here: see capabilities.ts). */
export async function availableFilters(options?: { signal?: AbortSignal }): Promise<Set<string>> {
  const { stdout } = await runFfmpeg({ args: ['-filters'], signal: options?.signal });
  return parseFilterList(stdout);
}
