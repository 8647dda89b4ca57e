/**
 * The timeline's channels: thumbnails along a clip and a music file's
 * waveform, from the engine's media strips (bounded FFmpeg pool, disk cache in
 * `<home>/cache/media`). Like `media.thumbnail`, a file not yet imported is
 * probed first, so only real media is ever decoded.
 */
import path from 'node:path';
import type { ApiParsedRequest, ApiResponse } from '../../../core/api/contract.js';
import type { MediaAccess } from '../media/access.js';
import { createMediaStrips, type MediaStrips } from '../media/strips.js';

type TimelineChannel = 'timeline.thumbnail' | 'timeline.waveform';
export type TimelineImplementations = { [C in TimelineChannel]: (request: ApiParsedRequest<C>) => Promise<ApiResponse<C>> };

export function timelineCacheDir(home: string): string {
  return path.join(home, 'cache', 'media');
}

export function timelineImplementations(options: {
  home: string;
  access: MediaAccess;
  probe: (file: string) => Promise<unknown>;
  strips?: MediaStrips;
}): TimelineImplementations {
  const strips = options.strips ?? createMediaStrips({ cacheDir: timelineCacheDir(options.home) });
  // files that probed as media here; kept apart from the media allow-list (a thumbnail does not make a file playable)
  const probed = new Map<string, Promise<unknown>>();
  const known = async (file: string) => {
    if (options.access.isAllowed(file)) return;
    let probing = probed.get(file);
    if (!probing) {
      probing = options.probe(file);
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
