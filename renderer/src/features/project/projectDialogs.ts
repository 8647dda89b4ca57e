/** Open and save through the host's native dialogs (Electron); the harness uses path fields instead. */
import { call } from '../../api/client.js';
import { guarded } from '../errors/errorStore.js';
import { importProjectMedia } from '../../project/media.js';
import { openProject, projectStore, saveProject } from '../../project/store.js';

export async function openProjectWithDialog(): Promise<void> {
  const chosen = await guarded(() => call('dialog.openFiles', { kind: 'project', multiple: false }));
  const path = chosen?.paths[0];
  if (path && (await openProject(path))) await importProjectMedia();
}

/** Save to the project's own file, asking where first when it has none (or for "save as"). */
export async function saveProjectWithDialog(saveAs: boolean): Promise<void> {
  const { project, path } = projectStore.get();
  if (!project) return;
  if (path && !saveAs) {
    await saveProject();
    return;
  }
  const chosen = await guarded(() => call('dialog.saveProject', { suggestedName: project.name }));
  if (chosen?.path) await saveProject(chosen.path);
}
