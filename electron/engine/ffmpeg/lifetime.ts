/**
 * FFmpeg never outlives the process that started it, even when that process is
 * killed outright (SIGKILL, a crash, Task Manager's "End task").
 *
 * - POSIX: each FFmpeg runs in its own process group (spawned `detached`), so
 *   cancel ends the whole group and a terminal's Ctrl+C reaches the CLI, which
 *   then cancels cleanly, instead of FFmpeg directly.
 * - Everywhere: one small watchdog process per parent (plain Node, `-e`, no
 *   file to bundle), itself detached, holds the read end of a pipe from the
 *   parent and the list of running FFmpeg pids. The pipe closes when the parent
 *   dies, however it dies; the watchdog then kills every listed FFmpeg (its
 *   process group on POSIX, `taskkill /T /F` of its tree on Windows, where a
 *   Job object would need native code) and exits.
 * - Queue recovery also ends recorded FFmpeg pids of a dead runner
 *   (endOrphanedProcess), for the case where the watchdog itself was killed.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

const WATCHDOG_CODE = `
const { execFileSync } = require('node:child_process');
const pids = new Set();
let buffer = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffer += chunk;
  for (let at = buffer.indexOf('\\n'); at >= 0; at = buffer.indexOf('\\n')) {
    const line = buffer.slice(0, at);
    buffer = buffer.slice(at + 1);
    const pid = Number(line.slice(1));
    if (!Number.isInteger(pid) || pid <= 0) continue;
    if (line[0] === '+') pids.add(pid); else pids.delete(pid);
  }
});
const endAll = () => {
  for (const pid of pids) {
    try {
      if (process.platform === 'win32') execFileSync('taskkill', ['/PID', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true });
      else process.kill(-pid, 'SIGKILL');
    } catch {}
  }
  process.exit(0);
};
process.stdin.on('end', endAll);
process.stdin.on('error', endAll);
`;

let watchdog: ChildProcess | undefined;

function ensureWatchdog(): ChildProcess | undefined {
  if (watchdog && watchdog.exitCode === null && watchdog.signalCode === null && watchdog.stdin?.writable) return watchdog;
  try {
    const child = spawn(process.execPath, ['-e', WATCHDOG_CODE], {
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['pipe', 'ignore', 'ignore'],
      detached: true,
      windowsHide: true,
    });
    child.once('error', () => {
      if (watchdog === child) watchdog = undefined;
    });
    child.stdin?.on('error', () => undefined);
    // neither the watchdog nor its pipe keeps this process alive
    child.unref();
    (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    watchdog = child;
    return child;
  } catch {
    return undefined;
  }
}

/** Spawn options that give FFmpeg its own process group (POSIX). */
export function ownGroupOptions(): { detached: boolean } {
  return { detached: process.platform !== 'win32' };
}

/** Tell the watchdog a child started (it is killed if this process dies before `released`). */
export function guardChild(pid: number): void {
  ensureWatchdog()?.stdin?.write(`+${pid}\n`);
}

export function releaseChild(pid: number): void {
  if (watchdog?.stdin?.writable) watchdog.stdin.write(`-${pid}\n`);
}

/** Signal a child and, on POSIX, its whole process group. */
export function signalTree(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid !== undefined && process.platform !== 'win32') {
    try {
      process.kill(-child.pid, signal);
      return;
    } catch {
      // no group (not spawned detached): signal the child alone
    }
  }
  child.kill(signal);
}

// ---------------------------------------------------------------- who ran which FFmpeg

export interface ProcessObserver {
  started(pid: number, tool: 'ffmpeg' | 'ffprobe'): void;
  ended(pid: number, tool: 'ffmpeg' | 'ffprobe'): void;
}

const observers = new AsyncLocalStorage<ProcessObserver>();

/** Run `work` with every FFmpeg it starts reported to `observer` (the queue records them). */
export function observeProcesses<T>(observer: ProcessObserver, work: () => Promise<T>): Promise<T> {
  return observers.run(observer, work);
}

export function currentObserver(): ProcessObserver | undefined {
  return observers.getStore();
}

/** Whether pid is an FFmpeg or FFprobe process (so a reused pid is never killed). */
export function isFfmpegProcess(pid: number): boolean {
  try {
    if (process.platform === 'linux') {
      const argv0 = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '';
      return /ff(mpeg|probe)[^/\\]*$/i.test(argv0);
    }
    const name =
      process.platform === 'win32'
        ? execFileSync('tasklist', ['/FI', `PID eq ${pid}`, '/FO', 'CSV', '/NH'], { encoding: 'utf8', windowsHide: true })
        : execFileSync('ps', ['-o', 'comm=', '-p', String(pid)], { encoding: 'utf8' });
    return /ff(mpeg|probe)/i.test(name);
  } catch {
    return false;
  }
}

/** End an FFmpeg a dead runner left; true when one was there and was told to stop. */
export function endOrphanedProcess(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !isFfmpegProcess(pid)) return false;
  try {
    if (process.platform === 'win32') execFileSync('taskkill', ['/PID', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true });
    else {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        process.kill(pid, 'SIGKILL');
      }
    }
    return true;
  } catch {
    return false;
  }
}
