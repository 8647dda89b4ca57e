/**
 * The API's export area: queue an export of the open project, cancel one, list them. Finished
 * outputs go on the media allow-list so the renderer can play them.
 */
import path from 'node:path';
import type { ApiContext, Implementations } from './context.js';
import { apiPackPaths } from './packs.js';

export function exportHandlers(context: ApiContext): Implementations<'export.start' | 'export.cancel' | 'export.list'> {
  const { engine, access, jobs, home } = context;
  return {
    'export.start': async (request) => {
      const packs = await engine.listPacks({ home });
      const entry = packs.find((candidate) => candidate.pack.manifest.id === request.project.pack);
      const projectDir = request.projectPath ? path.dirname(path.resolve(request.projectPath)) : home;
      const jobId = jobs.start({
        // the API's own pack library, not the env-based default (one home for packs, trust list and settings)
        libraryDir: apiPackPaths(home).libraryDir,
        project: request.project,
        projectDir,
        presets: request.presets,
        outDir: path.resolve(request.outDir),
        ...(entry && !entry.builtIn ? { packDir: entry.pack.root } : {}),
        ...(request.overwrite !== undefined ? { overwrite: request.overwrite } : {}),
        ...(request.sidecar ? { sidecar: true } : {}),
      });
      void jobs.settled(jobId).then(() => {
        for (const output of jobs.list().find((job) => job.jobId === jobId)?.outputs ?? []) access.allow(output.path);
      });
      return { jobId };
    },
    'export.cancel': async (request) => ({ cancelled: jobs.cancel(request.jobId) }),
    'export.list': async () => ({ jobs: jobs.list() }),
  };
}
