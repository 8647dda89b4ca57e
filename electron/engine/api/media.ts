/**
 * The API's media area: importing clips (probe, allow-list, thumbnail) and thumbnails.
 */
import path from 'node:path';
import { badInput } from '../../../core/errors.js';
import type { ApiContext, Implementations } from './context.js';
import { errorData } from './context.js';

function mediaNotAllowed(file: string) {
  return badInput('media-not-allowed', {
    id: `${path.basename(file)} belum diimpor ke proyek ini (atau sudah diganti sejak diimpor). Impor berkasnya dulu.`,
    en: `${path.basename(file)} has not been imported into this project (or was replaced since). Import the file first.`,
  });
}

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
    // only of files on the media allow-list (imported, in the open project, exported), checked to be the same file
    'media.thumbnail': async (request) => {
      if (!access.isAllowed(request.path)) throw mediaNotAllowed(request.path);
      return { dataUrl: await engine.thumbnail(request) };
    },
  };
}
