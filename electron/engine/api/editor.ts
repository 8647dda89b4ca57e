/**
 * The editor's channels (core/api/editor.ts): pack graphics for the preview,
 * preview proxies, and the check before an export replaces a file.
 */
import type { Emit } from '../queue/export-jobs.js';
import type { ApiContext, Implementations } from './context.js';
import { checkExport } from './export-check.js';
import { mediaProxy } from './media-proxy.js';
import { packGraphic } from './preview-graphics.js';

export function editorHandlers(context: ApiContext, emit: Emit): Implementations<'pack.graphic' | 'media.proxy' | 'export.check'> {
  const { engine, home } = context;
  return {
    'pack.graphic': async (request) => {
      const packs = await engine.listPacks({ home });
      return packGraphic({ request, packs: packs.map((entry) => entry.pack), rasterize: engine.rasterizeToBuffer });
    },
    'media.proxy': async (request) => mediaProxy({ request, home, probe: (file) => engine.probeMedia(file), access: context.access, urlFor: context.urlFor, emit }),
    'export.check': async (request) => checkExport(request),
  };
}
