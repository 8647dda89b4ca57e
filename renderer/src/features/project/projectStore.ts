/**
 * The open project: its content, where it is saved, and whether it changed
 * since. Every change goes through `updateProject`, which marks it dirty so the
 * autosave keeps a recovery copy.
 */
import type { ProjectDocumentSchema } from '@core/api/contract.js';
import type { Project } from '@core/model/project.js';
import type { z } from 'zod';
import { call } from '../../api/client.js';
import { translate, languageStore } from '../../i18n.js';
import { createStore } from '../../store.js';
import { guarded } from '../errors/errorStore.js';

type ProjectDocument = z.infer<typeof ProjectDocumentSchema>;

export const projectStore = createStore({
  project: undefined as Project | undefined,
  path: null as string | null,
  dirty: false,
  savedAt: undefined as string | undefined,
  missingClipIds: [] as string[],
});

type LoadedListener = () => Promise<void>;
const loadedListeners = new Set<LoadedListener>();

/**
 * Run `listener` after a project is opened or restored from a recovery copy
 * (the media feature probes its clips then). Returns the unsubscribe.
 */
export function onProjectLoaded(listener: LoadedListener): () => void {
  loadedListeners.add(listener);
  return () => loadedListeners.delete(listener);
}

async function announceLoaded(): Promise<void> {
  for (const listener of loadedListeners) await listener();
}

function load(document: ProjectDocument & { missingClipIds?: string[] }, dirty: boolean): void {
  projectStore.set({
    project: document.project,
    path: document.path,
    dirty,
    savedAt: undefined,
    missingClipIds: document.missingClipIds ?? [],
  });
}

export function updateProject(change: (project: Project) => Project): void {
  const { project } = projectStore.get();
  if (!project) return;
  projectStore.set({ project: change(project), dirty: true });
}

export async function newProject(name?: string): Promise<Project | undefined> {
  const projectName = name?.trim() || translate(languageStore.get().language, 'project.defaultName');
  const document = await guarded(() => call('project.new', { name: projectName }));
  if (document) load(document, false);
  return document?.project;
}

/** The open project, creating a new one first when there is none. */
export async function ensureProject(): Promise<Project | undefined> {
  return projectStore.get().project ?? newProject();
}

export async function openProject(path: string): Promise<ProjectDocument | undefined> {
  const document = await guarded(() => call('project.open', { path }));
  if (!document) return undefined;
  load(document, false);
  await announceLoaded();
  return document;
}

export async function restoreDocument(document: ProjectDocument & { missingClipIds?: string[] }): Promise<void> {
  load(document, true);
  await announceLoaded();
}

/** Save to `path`, or to the project's own file when it has one. */
export async function saveProject(path?: string): Promise<boolean> {
  const { project, path: current } = projectStore.get();
  const target = path ?? current;
  if (!project || !target) return false;
  const channel = target === current ? 'project.save' : 'project.saveAs';
  const saved = await guarded(() => call(channel, { project, path: target }));
  if (!saved) return false;
  // an edit made while saving stays dirty
  if (projectStore.get().project === project) projectStore.set({ dirty: false });
  projectStore.set({ path: saved.path, savedAt: saved.savedAt });
  return true;
}

export function renameProject(name: string): void {
  if (name.trim()) updateProject((project) => ({ ...project, name: name.trim() }));
}
