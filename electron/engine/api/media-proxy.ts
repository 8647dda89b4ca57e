/** The `media.proxy` call: probe, make (or find) the proxy, allow it for playback, say where it plays from. */
import path from 'node:path';
import type { ApiParsedRequest, ApiResponse, EventName, EventPayload } from '../../../core/api/contract.js';
import type { MediaInfo } from '../../../core/media.js';
import type { MediaAccess } from '../media/access.js';
import { makeProxy } from '../media/proxy.js';

export const PROXY_FOLDER = 'proxies';

export async function mediaProxy(options: {
  request: ApiParsedRequest<'media.proxy'>;
  home: string;
  probe: (file: string) => Promise<MediaInfo>;
  access: MediaAccess;
  urlFor: (file: string) => string;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
}): Promise<ApiResponse<'media.proxy'>> {
  const source = path.resolve(options.request.path);
  // the same rule as media.import: only a file that probes as media
  const info = await options.probe(source);
  const proxy = await makeProxy({
    source,
    durationSeconds: info.durationSeconds,
    cacheDir: path.join(options.home, PROXY_FOLDER),
    onProgress: (percent) => options.emit('media.proxyProgress', { path: source, percent: Math.min(100, Math.max(0, percent)) }),
  });
  options.access.allow(proxy);
  return { url: options.urlFor(proxy) };
}
