/**
 * What a killed export leaves behind, and how it is found again: every `.part`
 * and every temporary work folder carries the pid of the process that owns
 * it, so the next run removes those whose owner is provably dead at once
 * (no pid: only after STALE_PARTIAL_MS untouched, as before names carried one).
 */
import { randomUUID } from 'node:crypto';
import { readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** A `.part` without an owner pid that nobody has written to for this long was left by a crash. */
export const STALE_PARTIAL_MS = 10 * 60 * 1000;
/** temporary work folders of renders: `<tmp>/klipkota-render-<pid>-<random>` */
export const WORK_DIR_PREFIX = 'klipkota-render-';
/** thumbnail folders (mkdtemp, no pid) older than this are left over */
const STALE_THUMB_MS = 60 * 60 * 1000;

/** Whether a process with this pid exists (EPERM: it exists, owned by someone else). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** `<target>.<pid>-<random>.part` */
export function partialPath(target: string): string {
  return `${target}.${process.pid}-${randomUUID().slice(0, 8)}.part`;
}

/** A fresh work folder name for this process. */
export function workDirPath(): string {
  return path.join(os.tmpdir(), `${WORK_DIR_PREFIX}${process.pid}-${randomUUID()}`);
}

/** The pid a `.part` or work folder name carries, if any. */
function ownerOf(middle: string): number | undefined {
  const match = /^(\d+)-[0-9a-f-]+$/.exec(middle);
  const pid = match ? Number(match[1]) : NaN;
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function provablyDead(owner: number | undefined): boolean {
  return owner !== undefined && owner !== process.pid && !processExists(owner);
}

/**
 * Remove the `.part` files an earlier export of the same outputs left behind when
 * it was killed: at once when their owner process is gone, else (no owner in the
 * name) only when untouched for STALE_PARTIAL_MS.
 */
export async function sweepStalePartials(targets: string[], now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  for (const target of targets) {
    const dir = path.dirname(target);
    const prefix = `${path.basename(target)}.`;
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      if (!name.startsWith(prefix) || !name.endsWith('.part')) continue;
      const file = path.join(dir, name);
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) continue;
      const owner = ownerOf(name.slice(prefix.length, -'.part'.length));
      if (provablyDead(owner) || (owner === undefined && now - info.mtimeMs > STALE_PARTIAL_MS)) {
        await rm(file, { force: true });
        removed.push(file);
      }
    }
  }
  return removed;
}

/** Remove render work folders whose process is gone and old thumbnail folders from the temp folder. */
export async function sweepTempFolders(options: { tmpDir?: string; now?: number } = {}): Promise<string[]> {
  const tmpDir = options.tmpDir ?? os.tmpdir();
  const now = options.now ?? Date.now();
  const removed: string[] = [];
  for (const name of await readdir(tmpDir).catch(() => [] as string[])) {
    const folder = path.join(tmpDir, name);
    let stale = false;
    if (name.startsWith(WORK_DIR_PREFIX)) stale = provablyDead(ownerOf(name.slice(WORK_DIR_PREFIX.length)));
    else if (name.startsWith('klipkota-thumb-')) stale = now - ((await stat(folder).catch(() => undefined))?.mtimeMs ?? now) > STALE_THUMB_MS;
    if (!stale) continue;
    await rm(folder, { recursive: true, force: true }).catch(() => undefined);
    removed.push(folder);
  }
  return removed;
}
