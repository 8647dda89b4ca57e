/**
 * The file side of the export queue (queue.ts): the lock file every change
 * holds, the atomic write, and reading queue.json with a bad job set aside
 * instead of the whole queue.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { KlipError, type LocalizedText } from '../../../core/errors.js';
import { migrateQueueJobs, QUEUE_VERSION, QueueJobSchema, type QueueJob } from '../../../core/queue.js';

/** A lock older than this was left by a process that stopped (every change holds it for milliseconds). */
export const STALE_LOCK_MS = 10_000;
/** How long a change waits for the lock: longer than STALE_LOCK_MS, so a stale lock is always taken over before giving up. */
export const LOCK_WAIT_MS = STALE_LOCK_MS + 5_000;

export const now = () => new Date().toISOString();

export function isAlive(pid: number): boolean {
  if (pid === process.pid) return false; // a job this process claimed before it opened the queue again is not being run
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
export const pause = (ms: number) => Atomics.wait(sleeper, 0, 0, ms);

function queueBusy(file: string): KlipError {
  return new KlipError({
    code: 'queue-busy',
    text: {
      id: `Antrean ekspor (${file}) sedang dipakai proses lain terlalu lama. Tunggu sebentar lalu coba lagi.`,
      en: `The export queue (${file}) has been held by another process for too long. Wait a moment and try again.`,
    },
  });
}

/** What a lock file looked like when it was judged stale. */
export interface LockSnapshot {
  text: string;
  mtimeMs: number;
  ino: number;
  size: number;
}

export function lockSnapshot(lock: string): LockSnapshot {
  const info = statSync(lock);
  return { text: readFileSync(lock, 'utf8'), mtimeMs: info.mtimeMs, ino: info.ino, size: info.size };
}

/** Remove a stale lock only while it is still the one judged stale (another process may have taken it over and made its own). */
export function removeLockIfUnchanged(lock: string, seen: LockSnapshot): boolean {
  let again: LockSnapshot;
  try {
    again = lockSnapshot(lock);
  } catch {
    return false; // already gone
  }
  if (again.text !== seen.text || again.mtimeMs !== seen.mtimeMs || again.ino !== seen.ino || again.size !== seen.size) return false;
  rmSync(lock, { force: true });
  return true;
}

/** Hold `<file>.lock` while `change` runs; a lock whose process is gone (or older than STALE_LOCK_MS) is taken over. */
export function withLock<T>(file: string, change: () => T): T {
  const lock = `${file}.lock`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      const handle = openSync(lock, 'wx');
      try {
        writeFileSync(handle, String(process.pid));
      } finally {
        closeSync(handle);
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let seen: LockSnapshot;
      try {
        seen = lockSnapshot(lock);
      } catch {
        continue; // the holder just let go
      }
      const holder = Number(seen.text);
      // this process never holds the lock between calls (every change is synchronous), so its own pid means a dead holder's reused pid
      const stale = (Number.isInteger(holder) && holder > 0 && !isAlive(holder)) || Date.now() - seen.mtimeMs > STALE_LOCK_MS;
      if (stale && removeLockIfUnchanged(lock, seen)) continue;
      if (Date.now() > deadline) throw queueBusy(file);
      pause(10);
    }
  }
  try {
    return change();
  } finally {
    // only our own lock: a change that took longer than STALE_LOCK_MS may have lost it to another process
    try {
      if (readFileSync(lock, 'utf8') === String(process.pid)) rmSync(lock, { force: true });
    } catch {
      // already gone
    }
  }
}

const RETRY_CODES = new Set(['EPERM', 'EBUSY', 'EACCES']);

/** Rename, retrying a few times on Windows, where a virus scanner or indexer briefly holding the target refuses it. */
export function renameWithRetry(from: string, to: string, platform: NodeJS.Platform = process.platform): void {
  for (let attempt = 1; ; attempt += 1) {
    try {
      renameSync(from, to);
      return;
    } catch (error) {
      if (platform !== 'win32' || attempt >= 5 || !RETRY_CODES.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
      pause(20 * attempt);
    }
  }
}

/** Write and flush a temporary file beside the target, then rename it over: a crash leaves the old queue or the new one, and a failure leaves no temporary file. */
export function writeAtomicSync(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
  try {
    const handle = openSync(temporary, 'w');
    try {
      writeFileSync(handle, text);
      fsyncSync(handle);
    } finally {
      closeSync(handle);
    }
    renameWithRetry(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

export function queueText(jobs: QueueJob[]): string {
  return `${JSON.stringify({ kind: 'klipkota.queue', version: QUEUE_VERSION, jobs }, null, 2)}\n`;
}

export type ReadResult = { jobs: QueueJob[]; setAside?: { backup: string; count: number; reason: string } } | { corrupt: string };

/** A free name beside `file` for something kept aside: `<file>.<suffix>`, or with a time stamp when that exists. */
function asideName(file: string, suffix: string): string {
  const plain = `${file}.${suffix}`;
  return existsSync(plain) ? `${file}.${now().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 4)}.${suffix}` : plain;
}

/**
 * Read the queue (call it holding the lock). A file that is not a queue at all
 * is reported `corrupt`; a job that does not pass the schema (say, a network
 * path written by an older version) is moved to `<file>.rejected.json` and the
 * file is written again without it, so the other jobs go on.
 */
export function readQueue(file: string): ReadResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { jobs: [] };
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { corrupt: `not JSON (${(error as Error).message})` };
  }
  const envelope = value as { kind?: unknown; version?: unknown; jobs?: unknown };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { corrupt: '(root): not a queue' };
  if (envelope.kind !== 'klipkota.queue') return { corrupt: 'kind: not a KlipKota queue' };
  if (envelope.version !== QUEUE_VERSION && envelope.version !== 1) return { corrupt: `version: ${String(envelope.version)}, expected ${QUEUE_VERSION}` };
  if (!Array.isArray(envelope.jobs)) return { corrupt: 'jobs: not a list' };
  const jobs: QueueJob[] = [];
  const bad: unknown[] = [];
  let reason = '';
  for (const [index, raw] of migrateQueueJobs(envelope.version, envelope.jobs).entries()) {
    const parsed = QueueJobSchema.safeParse(raw);
    if (parsed.success) {
      jobs.push(parsed.data);
      continue;
    }
    bad.push(raw);
    const issue = parsed.error.issues[0];
    reason ||= issue ? `jobs.${index}.${issue.path.join('.')}: ${issue.message}` : `jobs.${index}: invalid`;
  }
  if (!bad.length) {
    // an older version is written back upgraded at once, so an older program never half-reads it
    if (envelope.version !== QUEUE_VERSION) writeAtomicSync(file, queueText(jobs));
    return { jobs };
  }
  const backup = asideName(file, 'rejected.json');
  writeAtomicSync(backup, `${JSON.stringify({ kind: 'klipkota.queue.rejected', reason, jobs: bad }, null, 2)}\n`);
  writeAtomicSync(file, queueText(jobs));
  return { jobs, setAside: { backup, count: bad.length, reason } };
}

/** Keep an unreadable queue file as `.bak` (an older `.bak` gets a time stamp instead of being replaced). */
export function keepCorrupt(file: string, reason: string): { backup: string; reason: string } {
  let backup = `${file}.bak`;
  if (existsSync(backup)) backup = `${file}.${now().replace(/[:.]/g, '-')}.bak`;
  renameSync(file, backup);
  return { backup, reason };
}

export function corruptWarning(corrupt: { backup: string; reason: string }): LocalizedText {
  return {
    id: `Antrean ekspor tidak bisa dibaca (${corrupt.reason}). Berkasnya disimpan sebagai ${corrupt.backup} dan antrean dimulai kosong; ekspor yang belum selesai perlu dimasukkan lagi.`,
    en: `The export queue could not be read (${corrupt.reason}). It was kept as ${corrupt.backup} and the queue starts empty; unfinished exports need to be queued again.`,
  };
}

export function setAsideWarning(setAside: { backup: string; count: number; reason: string }): LocalizedText {
  return {
    id: `${setAside.count} pekerjaan di antrean ekspor tidak sah (${setAside.reason}) dan dipindahkan ke ${setAside.backup}; pekerjaan lain tetap berjalan. Masukkan lagi ekspor itu bila perlu.`,
    en: `${setAside.count} job(s) in the export queue were not valid (${setAside.reason}) and were moved to ${setAside.backup}; the other jobs go on. Queue that export again if needed.`,
  };
}

/** A network (UNC) or device path the queue will not take, with the same words the API uses. */
export function networkPathError(file: string): KlipError {
  return new KlipError({
    code: 'network-path',
    kind: 'bad-input',
    detail: file,
    text: {
      id: `Jalur jaringan (\\\\server\\...) atau jalur perangkat tidak bisa dipakai: ${file}. Salin berkasnya ke disk komputer ini (misalnya ke Dokumen), lalu pilih salinan itu.`,
      en: `Network (\\\\server\\...) or device paths cannot be used: ${file}. Copy the file to this computer's disk (for example to Documents), then choose that copy.`,
    },
  });
}

/** queue.json (or a list in memory) and the one way it changes: read, change, write, under the lock. */
export interface QueueStore {
  readonly file: string | null;
  /** the jobs as last read or written */
  jobs(): QueueJob[];
  /** `change` returns the new list, or undefined to leave the file as it is */
  transact(change: (jobs: QueueJob[]) => QueueJob[] | undefined): void;
}

export function queueStore(options: { file: string | null; warn: (text: LocalizedText) => void; onCorrupt: (corrupt: { backup: string; reason: string }) => void }): QueueStore {
  const { file, warn } = options;
  let cache: QueueJob[] = [];
  /** read under the lock: an unreadable file is kept aside (the queue goes on empty), a bad job is set aside */
  const read = (target: string, fallback: QueueJob[]): QueueJob[] => {
    const result: ReadResult = readQueue(target);
    if ('corrupt' in result) {
      const corrupt = keepCorrupt(target, result.corrupt);
      options.onCorrupt(corrupt);
      warn(corruptWarning(corrupt));
      return fallback;
    }
    if (result.setAside) warn(setAsideWarning(result.setAside));
    return result.jobs;
  };
  return {
    file,
    jobs: () => cache,
    transact(change) {
      if (!file) {
        cache = change(cache) ?? cache;
        return;
      }
      withLock(file, () => {
        const jobs = read(file, cache);
        const next = change(jobs);
        if (!next) {
          cache = jobs;
          return;
        }
        writeAtomicSync(file, queueText(next));
        cache = next;
      });
    },
  };
}
