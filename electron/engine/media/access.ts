/**
 * The allow-list of local files the renderer may load (through the
 * `klipkota-media://` protocol in the app, or the harness's /media route):
 * files the admin opened or imported, files an open project references, and
 * export outputs. Nothing else is served, whatever path a URL names. A
 * project's files go on the list only once they probe as media: a project is
 * renderer-supplied data (autosave -> restore), so naming a file in one must
 * not be enough to have it served.
 */
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Project } from '../../../core/model/project.js';

/** Which file a path led to when it was allowed: a symlink or file swapped afterwards does not match. */
interface FileIdentity {
  dev: number;
  ino: number;
  real: string;
}

function identityOf(file: string): FileIdentity | undefined {
  try {
    const info = statSync(file);
    if (!info.isFile()) return undefined;
    return { dev: info.dev, ino: info.ino, real: realpathSync(file) };
  } catch {
    return undefined;
  }
}

function sameIdentity(a: FileIdentity | undefined, b: FileIdentity | undefined): boolean {
  if (!a || !b) return a === b;
  return a.dev === b.dev && a.ino === b.ino && a.real === b.real;
}

export const MEDIA_SCHEME = 'klipkota-media';
const MEDIA_HOST = 'local';

export interface MediaAccess {
  /** put a file on the list, remembering which file (device, inode, real path) the path leads to now */
  allow(file: string): void;
  /**
   * Allow the clip and music files of a project (relative paths count from
   * projectDir) that `probe` reads as media; items marked missing and files the
   * probe refuses stay off the list. Resolves to the files allowed.
   */
  allowProject(options: { project: Project; projectDir: string; probe: (file: string) => Promise<unknown> }): Promise<string[]>;
  /** on the list AND still the same file it was when allowed (checked at every serve) */
  isAllowed(file: string): boolean;
  /** the absolute, normalized form used for the check */
  normalize(file: string): string;
  list(): string[];
}

function normalizePath(file: string): string {
  const resolved = path.resolve(file);
  return process.platform === 'win32' ? resolved.toLowerCase() : resolved;
}

export function createMediaAccess(): MediaAccess {
  const allowed = new Map<string, FileIdentity | undefined>();
  const access: MediaAccess = {
    allow(file) {
      allowed.set(normalizePath(file), identityOf(file));
    },
    async allowProject({ project, projectDir, probe }) {
      const { video, audio } = project.timeline.tracks;
      const files = new Set<string>();
      for (const item of [...video, ...audio]) {
        if (item.kind === 'gap' || item.media.missing) continue;
        files.add(path.resolve(projectDir, item.media.path));
      }
      const allowedNow: string[] = [];
      for (const file of files) {
        if (access.isAllowed(file)) {
          allowedNow.push(file);
          continue;
        }
        try {
          await probe(file);
        } catch {
          continue;
        }
        access.allow(file);
        allowedNow.push(file);
      }
      return allowedNow;
    },
    isAllowed(file) {
      const key = normalizePath(file);
      return allowed.has(key) && sameIdentity(allowed.get(key), identityOf(file));
    },
    normalize: normalizePath,
    list: () => [...allowed.keys()],
  };
  return access;
}

/** `klipkota-media://local/<encoded absolute path>` */
export function mediaUrlFor(file: string): string {
  return `${MEDIA_SCHEME}://${MEDIA_HOST}/${encodeURIComponent(path.resolve(file))}`;
}

/** The absolute path a media URL names, or undefined when the URL is not one of ours. */
export function pathFromMediaUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== `${MEDIA_SCHEME}:` || parsed.hostname !== MEDIA_HOST) return undefined;
  const encoded = parsed.pathname.replace(/^\/+/, '');
  if (encoded === '' || encoded.includes('/')) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || !path.isAbsolute(decoded)) return undefined;
  return decoded;
}
