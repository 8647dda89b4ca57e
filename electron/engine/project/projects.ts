/**
 * Projects on disk: new, open, save (atomic), save as, recent projects,
 * autosave to a recovery file and the offer to restore it after a crash, and
 * relinking a moved clip ("locate").
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { KlipError, badInput } from '../../../core/errors.js';
import { parseProject } from '../../../core/model/migrate.js';
import { PROJECT_VERSION, ProjectSchema, type Project } from '../../../core/model/project.js';
import { readJsonFile, writeFileAtomic } from '../files/atomic.js';

export const PROJECT_EXTENSION = '.klipkota.json';
export const RECENT_FILE = 'recent-projects.json';
export const RECOVERY_FILE = 'recovery.json';
const RECENT_LIMIT = 12;

export function newProject(options: { name?: string } = {}): Project {
  return ProjectSchema.parse({
    kind: 'klipkota.project',
    version: PROJECT_VERSION,
    name: options.name ?? 'Proyek baru',
    timeline: { tracks: { video: [] } },
  });
}

/** A clip's file as an absolute path (relative paths count from the project's folder). */
export function resolveMediaPath(options: { mediaPath: string; projectDir: string }): string {
  return path.resolve(options.projectDir, options.mediaPath);
}

async function fileExists(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}

/** Mark clips and music whose file is gone as `media.missing`, and clear the mark on ones that are back. */
export async function markMissingMedia(options: { project: Project; projectDir: string }): Promise<{ project: Project; missingClipIds: string[] }> {
  const missingClipIds: string[] = [];
  const check = async <T extends { id: string; media: { path: string; missing?: boolean } }>(item: T): Promise<T> => {
    const present = await fileExists(resolveMediaPath({ mediaPath: item.media.path, projectDir: options.projectDir }));
    if (!present) missingClipIds.push(item.id);
    const { missing: _previous, ...media } = item.media;
    return { ...item, media: present ? media : { ...media, missing: true } };
  };
  const tracks = options.project.timeline.tracks;
  const video = [];
  for (const item of tracks.video) video.push(item.kind === 'clip' ? await check(item) : item);
  const audio = [];
  for (const item of tracks.audio) audio.push(await check(item));
  return {
    project: { ...options.project, timeline: { ...options.project.timeline, tracks: { ...tracks, video, audio } } },
    missingClipIds,
  };
}

export interface OpenedProject {
  project: Project;
  path: string;
  missingClipIds: string[];
}

/** a project file is JSON of a timeline; anything bigger is not one (and is not read into memory) */
export const MAX_PROJECT_BYTES = 32 * 1024 * 1024;

function notAProject(file: string) {
  // never the file's content in the message or detail: the renderer chose the path
  return badInput('project-invalid', {
    id: `Berkas ${file} bukan proyek KlipKota. Buka berkas berakhiran ${PROJECT_EXTENSION}, atau buka salinan cadangan.`,
    en: `The file ${file} is not a KlipKota project. Open a file ending in ${PROJECT_EXTENSION}, or open a backup copy.`,
  });
}

export async function openProject(options: { path: string; home?: string }): Promise<OpenedProject> {
  const file = path.resolve(options.path);
  const info = await fs.stat(file).catch(() => undefined);
  if (info && (!info.isFile() || info.size > MAX_PROJECT_BYTES)) throw notAProject(file);
  let read;
  try {
    read = await readJsonFile(file);
  } catch (error) {
    throw new KlipError({
      code: 'project-unreadable',
      kind: 'bad-input',
      text: {
        id: `Berkas proyek ${file} tidak dapat dibaca. Periksa izin berkas atau salin ke folder lain.`,
        en: `The project file ${file} cannot be read. Check its permissions or copy it to another folder.`,
      },
      detail: (error as Error).message,
    });
  }
  if (!read.found) {
    throw badInput('project-not-found', {
      id: `Berkas proyek ${file} tidak ditemukan. Mungkin sudah dipindah atau dihapus; buka dari lokasi barunya.`,
      en: `The project file ${file} was not found. It may have been moved or deleted; open it from its new place.`,
    });
  }
  if (read.parseError !== undefined) {
    // JSON.parse quotes the text around the error: only say that it is broken
    throw badInput('project-invalid', {
      id: `Berkas ${file} bukan proyek KlipKota yang utuh (JSON rusak). Buka salinan cadangan atau buat proyek baru.`,
      en: `The file ${file} is not a whole KlipKota project (broken JSON). Open a backup copy or start a new project.`,
    });
  }
  const kind = (read.value as { kind?: unknown } | null)?.kind;
  if (typeof read.value !== 'object' || read.value === null || (kind !== undefined && kind !== 'klipkota.project')) throw notAProject(file);
  const parsed = parseProject(read.value, path.basename(file));
  const marked = await markMissingMedia({ project: parsed, projectDir: path.dirname(file) });
  if (options.home) await addRecentProject({ home: options.home, path: file, name: marked.project.name });
  return { project: marked.project, path: file, missingClipIds: marked.missingClipIds };
}

export interface SavedProject {
  path: string;
  savedAt: string;
}

/** Whether a file name ends with the project extension (any letter case, as Windows names are). */
export function hasProjectExtension(file: string): boolean {
  return file.toLowerCase().endsWith(PROJECT_EXTENSION);
}

/**
 * Save atomically. Only to a `.klipkota.json` name (so a save can never replace
 * another kind of file); without `overwrite` an existing file is refused (code
 * 'file-exists'), as "save as" needs.
 */
export async function saveProject(options: { project: Project; path: string; home?: string; overwrite?: boolean }): Promise<SavedProject> {
  const file = path.resolve(options.path);
  if (!hasProjectExtension(file)) {
    throw badInput(
      'project-extension',
      {
        id: `Proyek hanya bisa disimpan ke berkas berakhiran ${PROJECT_EXTENSION} (bukan ${path.basename(file)}). Tambahkan ${PROJECT_EXTENSION} di akhir nama berkas.`,
        en: `A project can only be saved to a file ending in ${PROJECT_EXTENSION} (not ${path.basename(file)}). Add ${PROJECT_EXTENSION} to the end of the file name.`,
      },
      file,
    );
  }
  const project = ProjectSchema.parse(options.project);
  const folder = await fs.stat(path.dirname(file)).catch(() => undefined);
  if (!folder?.isDirectory()) {
    throw badInput(
      'folder-missing',
      {
        id: `Folder ${path.dirname(file)} tidak ada. Proyek tidak membuat folder baru; pilih folder yang sudah ada.`,
        en: `The folder ${path.dirname(file)} does not exist. Saving a project does not create folders; choose an existing folder.`,
      },
      path.dirname(file),
    );
  }
  if (options.overwrite === false && (await fileExists(file))) {
    throw badInput('file-exists', {
      id: `Berkas ${file} sudah ada. Pilih nama lain atau setujui untuk menimpanya.`,
      en: `The file ${file} already exists. Choose another name or agree to replace it.`,
    });
  }
  await writeFileAtomic({ path: file, data: `${JSON.stringify(project, null, 2)}\n` });
  const savedAt = new Date().toISOString();
  if (options.home) {
    await addRecentProject({ home: options.home, path: file, name: project.name });
    // the saved file now holds the edit; a recovery copy of this project is no longer news
    const recovery = await readRecovery({ home: options.home });
    if (recovery && (recovery.path === null || path.resolve(recovery.path) === file)) await discardRecovery({ home: options.home });
  }
  return { path: file, savedAt };
}

// ---------------------------------------------------------------- recent projects

const RecentListSchema = z.array(z.object({ path: z.string(), name: z.string(), openedAt: z.string() }));

export async function recentProjects(options: { home: string }): Promise<Array<{ path: string; name: string; openedAt: string; exists: boolean }>> {
  const read = await readJsonFile(path.join(options.home, RECENT_FILE));
  if (!read.found || read.parseError !== undefined) return [];
  const parsed = RecentListSchema.safeParse(read.value);
  if (!parsed.success) return [];
  const list = [];
  for (const entry of parsed.data) list.push({ ...entry, exists: await fileExists(entry.path) });
  return list;
}

export async function addRecentProject(options: { home: string; path: string; name: string }): Promise<void> {
  const file = path.resolve(options.path);
  const current = (await recentProjects({ home: options.home })).filter((entry) => path.resolve(entry.path) !== file);
  const next = [{ path: file, name: options.name, openedAt: new Date().toISOString() }, ...current.map(({ exists: _exists, ...entry }) => entry)];
  await writeFileAtomic({ path: path.join(options.home, RECENT_FILE), data: `${JSON.stringify(next.slice(0, RECENT_LIMIT), null, 2)}\n` });
}

// ---------------------------------------------------------------- autosave and recovery

const RecoverySchema = z.object({
  kind: z.literal('klipkota.recovery'),
  savedAt: z.string(),
  path: z.string().nullable(),
  /** the project file's modification time when the edit was autosaved (null: no file yet) */
  projectMtimeMs: z.number().nullable().default(null),
  project: z.unknown(),
});

export interface Recovery {
  project: Project;
  /** the project file the edit belongs to (null: never saved) */
  path: string | null;
  savedAt: string;
  name: string;
}

/** Keep the unsaved edit in `<home>/recovery.json` (atomically). */
export async function autosave(options: { home: string; project: Project; path: string | null }): Promise<{ savedAt: string }> {
  const project = ProjectSchema.parse(options.project);
  const savedAt = new Date().toISOString();
  const file = options.path === null ? null : path.resolve(options.path);
  const projectMtimeMs = file === null ? null : await modifiedAt(file);
  const record = { kind: 'klipkota.recovery', savedAt, path: file, projectMtimeMs, project };
  await writeFileAtomic({ path: path.join(options.home, RECOVERY_FILE), data: JSON.stringify(record) });
  return { savedAt };
}

async function modifiedAt(file: string): Promise<number | null> {
  try {
    return (await fs.stat(file)).mtimeMs;
  } catch {
    return null;
  }
}

async function readRecovery(options: { home: string }): Promise<(Recovery & { projectMtimeMs: number | null }) | null> {
  const read = await readJsonFile(path.join(options.home, RECOVERY_FILE));
  if (!read.found || read.parseError !== undefined) return null;
  const record = RecoverySchema.safeParse(read.value);
  if (!record.success) return null;
  try {
    const project = parseProject(record.data.project, 'recovery');
    return { project, path: record.data.path, savedAt: record.data.savedAt, name: project.name, projectMtimeMs: record.data.projectMtimeMs };
  } catch {
    return null;
  }
}

/**
 * The autosaved edit if it is newer than the project file's last save, else
 * null. "Newer" is judged by the file itself (was it written after the
 * autosave?), not by comparing clocks, which file systems round differently.
 */
export async function checkRecovery(options: { home: string }): Promise<Recovery | null> {
  const found = await readRecovery(options);
  if (!found) return null;
  const { projectMtimeMs, ...recovery } = found;
  if (recovery.path !== null) {
    const now = await modifiedAt(recovery.path);
    // saved again after the autosave (or created since): the file holds newer work
    if (now !== null && (projectMtimeMs === null || now > projectMtimeMs)) return null;
    // the project file is gone: the recovery copy is all there is
  }
  return recovery;
}

export async function discardRecovery(options: { home: string }): Promise<boolean> {
  try {
    await fs.rm(path.join(options.home, RECOVERY_FILE));
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- locate a moved clip

/** Point a clip (or music item) at another file and clear its missing mark. */
export function relinkClip(options: { project: Project; clipId: string; path: string }): Project {
  const { project, clipId } = options;
  const tracks = project.timeline.tracks;
  let found = false;
  const relink = <T extends { id: string; media: { path: string; missing?: boolean } }>(item: T): T => {
    if (item.id !== clipId) return item;
    found = true;
    return { ...item, media: { path: path.resolve(options.path) } };
  };
  const video = tracks.video.map((item) => (item.kind === 'clip' ? relink(item) : item));
  const audio = tracks.audio.map(relink);
  if (!found) {
    throw badInput('clip-not-found', {
      id: `Klip "${clipId}" tidak ada di proyek. Muat ulang proyek lalu coba lagi.`,
      en: `The clip "${clipId}" is not in the project. Reload the project and try again.`,
    });
  }
  return { ...project, timeline: { ...project.timeline, tracks: { ...tracks, video, audio } } };
}
