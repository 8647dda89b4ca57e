/**
 * The API's timeline area: thumbnails along a clip and a music file's
 * waveform, from the engine's media strips (bounded FFmpeg pool, disk cache in
 * `<home>/cache/media`). Like `media.thumbnail`, a file not yet imported is
 * probed first, so only real media is ever decoded.
 */
import path from 'node:path';
import { createMediaStrips } from '../media/strips.js';
import type { ApiContext, Implementations } from './context.js';

export function timelineCacheDir(home: string): string {
  return path.join(home, 'cache', 'media');
}

export function timelineHandlers(context: ApiContext): Implementations<'timeline.thumbnail' | 'timeline.waveform'> {
  const strips = createMediaStrips({ cacheDir: timelineCacheDir(context.home) });
  // files that probed as media here; kept apart from the media allow-list (a thumbnail does not make a file playable)
  const probed = new Map<string, Promise<unknown>>();
  const known = async (file: string) => {
    if (context.access.isAllowed(file)) return;
    let probing = probed.get(file);
    if (!probing) {
      probing = context.engine.probeMedia(file);
      probed.set(file, probing);
      probing.catch(() => probed.delete(file));
    }
    await probing;
  };
  return {
    'timeline.thumbnail': async (request) => {
      await known(request.path);
      return { dataUrl: await strips.thumbnail({ path: request.path, atSeconds: request.atSeconds }) };
    },
    'timeline.waveform': async (request) => {
      await known(request.path);
      const waveform = await strips.waveform({ path: request.path });
      return { peaksPerSecond: waveform.peaksPerSecond, peaks: Buffer.from(waveform.peaks).toString('base64') };
    },
  };
}
