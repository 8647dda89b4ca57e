/**
 * Before any FFmpeg run: can the output folder take the export? It is made if
 * missing, a probe file is created and removed in it, and its free space is
 * read. A folder under a file, on a read-only or full disk, or in a system
 * folder (/proc, /sys, /dev) is refused with a message that names it (exit 2
 * in the CLI), instead of a generic FFmpeg failure or a hang later.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, realpath, rm, statfs, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { badInput, type KlipError } from '../../../core/errors.js';

/** less free space than this is a full disk for an export */
export const MIN_FREE_BYTES = 64 * 1024 * 1024;

const SYSTEM_FOLDERS = ['/proc', '/sys', '/dev'];

function refused(options: { code: string; folder: string; what: { id: string; en: string }; error?: NodeJS.ErrnoException }): KlipError {
  return badInput(
    options.code,
    {
      id: `Folder hasil "${options.folder}" tidak bisa dipakai: ${options.what.id}. Pilih folder lain (misalnya di Dokumen), lalu ekspor lagi.`,
      en: `The output folder "${options.folder}" cannot be used: ${options.what.en}. Choose another folder (for example in Documents), then export again.`,
    },
    options.error ? `${options.error.code ?? ''} ${options.error.message}`.trim() : options.folder,
  );
}

function fromErrno(folder: string, error: NodeJS.ErrnoException): KlipError {
  switch (error.code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return refused({ code: 'disk-full', folder, error, what: { id: 'disk penuh', en: 'the disk is full' } });
    case 'EROFS':
      return refused({ code: 'output-read-only', folder, error, what: { id: 'disk hanya-baca (read-only)', en: 'the disk is read-only' } });
    case 'ENOTDIR':
    case 'EEXIST':
      return refused({ code: 'output-not-folder', folder, error, what: { id: 'jalur itu (atau bagiannya) adalah berkas, bukan folder', en: 'that path (or part of it) is a file, not a folder' } });
    case 'EACCES':
    case 'EPERM':
      return refused({ code: 'output-unwritable', folder, error, what: { id: 'tidak ada izin menulis di sana', en: 'there is no permission to write there' } });
    default:
      return refused({ code: 'output-unwritable', folder, error, what: { id: `folder tidak bisa ditulisi (${error.code ?? error.message})`, en: `the folder cannot be written (${error.code ?? error.message})` } });
  }
}

function isSystemFolder(folder: string): boolean {
  return process.platform !== 'win32' && SYSTEM_FOLDERS.some((root) => folder === root || folder.startsWith(`${root}/`));
}

/** Make the output folder if needed and prove it takes a file and has room; throws a bad-input KlipError naming it. */
export async function checkOutputFolder(folder: string, options: { minFreeBytes?: number } = {}): Promise<void> {
  const absolute = path.resolve(folder);
  const systemRefusal = refused({ code: 'output-system-folder', folder: absolute, what: { id: 'itu folder sistem, bukan tempat menyimpan video', en: 'that is a system folder, not a place for videos' } });
  if (isSystemFolder(absolute)) throw systemRefusal;
  try {
    await mkdir(absolute, { recursive: true });
  } catch (error) {
    throw fromErrno(absolute, error as NodeJS.ErrnoException);
  }
  if (isSystemFolder(await realpath(absolute).catch(() => absolute))) throw systemRefusal;
  const probe = path.join(absolute, `.klipkota-write-check-${process.pid}-${randomUUID().slice(0, 8)}`);
  try {
    await writeFile(probe, 'klipkota', { flag: 'wx' });
  } catch (error) {
    throw fromErrno(absolute, error as NodeJS.ErrnoException);
  } finally {
    await rm(probe, { force: true }).catch(() => undefined);
  }
  const space = await statfs(absolute).catch(() => undefined);
  const free = space ? space.bavail * space.bsize : Number.POSITIVE_INFINITY;
  if (free < (options.minFreeBytes ?? MIN_FREE_BYTES))
    throw refused({
      code: 'disk-full',
      folder: absolute,
      what: { id: `disk hampir penuh (sisa ${Math.floor(free / 1048576)} MB)`, en: `the disk is nearly full (${Math.floor(free / 1048576)} MB left)` },
    });
}
