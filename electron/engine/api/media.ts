/**
 * The API's media area: importing clips (probe, allow-list, thumbnail) and thumbnails.
 */
import path from 'node:path';
import type { ApiContext, Implementations } from './context.js';
import { errorData } from './context.js';

export function mediaHandlers(context: ApiContext): Implementations<'media.import' | 'media.thumbnail'> {
  const { engine, access } = context;
  return {
    'media.import': async (request) => {
      const items = [];
      for (const file of request.paths) {
        const absolute = path.resolve(file);
        try {
          const info = await engine.probeMedia(absolute);
          access.allow(absolute);
          let thumbnail: string | undefined;
          if (info.video) thumbnail = await engine.thumbnail({ path: absolute, atSeconds: info.video.still ? 0 : Math.min(1, info.durationSeconds / 10) });
          items.push({ path: absolute, info, mediaUrl: context.urlFor(absolute), ...(thumbnail ? { thumbnail } : {}) });
        } catch (error) {
          items.push({ path: absolute, error: errorData(error, context.language()) });
        }
      }
      return { items };
    },
    // a thumbnail is a data: URL; asking for one does not put the file on the media allow-list
    'media.thumbnail': async (request) => {
      if (!access.isAllowed(request.path)) await engine.probeMedia(request.path);
      return { dataUrl: await engine.thumbnail(request) };
    },
  };
}
