/**
 * The API's project area: new, open, save, recent, relink, autosave, and the recovery of an
 * unsaved edit. A project's clips are served to the renderer only once they probe as media.
 */
import path from 'node:path';
import type { ApiResponse } from '../../../core/api/contract.js';
import * as projects from '../project/projects.js';
import type { ApiContext, Implementations } from './context.js';

type ProjectChannel = 'project.new' | 'project.open' | 'project.save' | 'project.saveAs' | 'project.recent' | 'project.relinkClip' | 'project.autosave' | 'recovery.check' | 'recovery.restore' | 'recovery.discard';

/** The project as opened, after its clips went on the media allow-list (a restored autosave is renderer-written data). */
async function allowClips(
  context: ApiContext,
  result: projects.OpenedProject | { project: ApiResponse<'project.new'>['project']; path: string | null; missingClipIds: string[] },
) {
  await context.access.allowProject({ project: result.project, projectDir: result.path ? path.dirname(result.path) : context.home, probe: (file) => context.engine.probeMedia(file) });
  return result;
}

export function projectHandlers(context: ApiContext): Implementations<ProjectChannel> {
  const home = context.home;
  const opened = (result: Parameters<typeof allowClips>[1]) => allowClips(context, result);
  // project files this session opened or saved: saving over one of them is the normal "save"; any other existing file needs a yes
  const ownFiles = new Set<string>();
  const own = <T extends { path: string | null }>(result: T): T => {
    if (result.path) ownFiles.add(context.access.normalize(result.path));
    return result;
  };
  return {
    'project.new': async (request) => ({ project: projects.newProject(request), path: null }),
    'project.open': async (request) => own(await opened(await projects.openProject({ path: request.path, home }))),
    'project.save': async (request) =>
      own(
        await projects.saveProject({
          project: request.project,
          path: request.path,
          home,
          overwrite: request.overwrite ?? ownFiles.has(context.access.normalize(request.path)),
        }),
      ),
    'project.saveAs': async (request) =>
      own(await projects.saveProject({ project: request.project, path: request.path, home, overwrite: request.overwrite ?? false })),
    'project.recent': async () => ({ projects: await projects.recentProjects({ home }) }),
    'project.relinkClip': async (request) => {
      await context.engine.probeMedia(request.path);
      context.access.allow(request.path);
      return { project: projects.relinkClip(request) };
    },
    'project.autosave': async (request) => projects.autosave({ home, project: request.project, path: request.path }),
    'recovery.check': async () => ({ recovery: await projects.checkRecovery({ home }) }),
    'recovery.restore': async () => {
      const recovery = await projects.checkRecovery({ home });
      if (!recovery) {
        throw Object.assign(new Error('no recovery'), {
          apiError: {
            code: 'recovery-none',
            message: context.language() === 'id' ? 'Tidak ada suntingan yang perlu dipulihkan.' : 'There is no edit to restore.',
          },
        });
      }
      const projectDir = recovery.path ? path.dirname(recovery.path) : home;
      const marked = await projects.markMissingMedia({ project: recovery.project, projectDir });
      return own(await opened({ project: marked.project, path: recovery.path, missingClipIds: marked.missingClipIds }));
    },
    'recovery.discard': async () => ({ discarded: await projects.discardRecovery({ home }) }),
  };
}
