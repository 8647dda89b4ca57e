/**
 * The project store: the open document, its undo history and `dispatch(edit)`.
 * Every feature (media, preview, templates, inspector, timeline, export) reads
 * the project here and changes it only through `dispatch`.
 *
 * How to change the project:
 *
 *   import { dispatch } from '../../project/store.js';
 *   import { trimClip } from '../../../../core/model/edits.js';
 *   dispatch((project) => trimClip({ project, clipId, start: 12 }), { key: `trim:${clipId}` });
 *
 * - the edit is a pure function from core/model/edits.ts: project in, new project out;
 * - `key` folds a gesture into one undo step (a drag: one key for the whole drag; a typed
 *   field: its field key, a space ends the word); call `seal()` when the gesture ends
 *   (pointer up, field left). Without a key, every dispatch is its own step;
 * - an edit that throws (bad input) is shown as an error banner and changes nothing;
 *   dispatch returns false then;
 * - `undo()` / `redo()` (Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y) step through the history;
 * - view state (playhead, selection, aspect, zoom) is in ./view.ts and never in the history.
 */
import type { ProjectDocumentSchema } from '@core/api/contract.js';
import { canRedo, canUndo, createHistory, record, redo as redoStep, seal as sealStep, undo as undoStep, type History } from '@core/model/history.js';
import type { Project } from '@core/model/project.js';
import type { z } from 'zod';
import { call } from '../api/client.js';
import { guarded, reportError } from '../features/errors/errorStore.js';
import { languageStore, translate } from '../i18n.js';
import { createStore } from '../store.js';

type ProjectDocument = z.infer<typeof ProjectDocumentSchema>;

export type Edit = (project: Project) => Project;

export interface DispatchOptions {
  /** the gesture this edit belongs to (same key in a row = one undo step) */
  key?: string;
  /** this edit ends its gesture (a typed space ends a word) */
  boundary?: boolean;
}

export const projectStore = createStore({
  project: undefined as Project | undefined,
  history: undefined as History<Project> | undefined,
  path: null as string | null,
  dirty: false,
  savedAt: undefined as string | undefined,
  missingClipIds: [] as string[],
  /** counts the documents opened (new, open, restore): work started on one must not land in the next */
  opened: 0,
});

function load(document: ProjectDocument & { missingClipIds?: string[] }, dirty: boolean): void {
  projectStore.set((state) => ({
    opened: state.opened + 1,
    project: document.project,
    history: createHistory(document.project),
    path: document.path,
    dirty,
    savedAt: undefined,
    missingClipIds: document.missingClipIds ?? [],
  }));
}

function show(history: History<Project>): void {
  projectStore.set({ history, project: history.present, dirty: true });
}

/** Apply an edit to the open project as one undo step (or part of the open gesture). */
export function dispatch(edit: Edit, options: DispatchOptions = {}): boolean {
  const { history } = projectStore.get();
  if (!history) return false;
  let next: Project;
  try {
    next = edit(history.present);
  } catch (error) {
    reportError(error);
    return false;
  }
  if (next === history.present) return true;
  show(record(history, next, { ...options, at: Date.now() }));
  return true;
}

/** End the open gesture (pointer up, field left): the next edit is a new step. */
export function seal(): void {
  const { history } = projectStore.get();
  if (history?.open) projectStore.set({ history: sealStep(history) });
}

export function undo(): void {
  const { history } = projectStore.get();
  if (history && canUndo(history)) show(undoStep(history));
}

export function redo(): void {
  const { history } = projectStore.get();
  if (history && canRedo(history)) show(redoStep(history));
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
  if (document) load(document, false);
  return document;
}

export function restoreDocument(document: ProjectDocument & { missingClipIds?: string[] }): void {
  load(document, true);
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
