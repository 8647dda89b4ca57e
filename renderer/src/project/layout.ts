/** core/layout.ts fed from the stores: the preview and the forms that act "at the playhead" read it here. */
import { frameLayout, layoutSegments, type FrameLayout, type LayoutRequest } from '../../../core/layout.js';
import { mediaStore } from './media.js';
import { packOf, packStore } from './packs.js';
import { previewPreset } from './presets.js';
import { projectStore } from './store.js';
import { viewStore } from './view.js';

export function layoutRequest(): LayoutRequest | undefined {
  const { project } = projectStore.get();
  const pack = packOf(packStore.get().packs, project);
  if (!project || !pack) return undefined;
  const media: LayoutRequest['media'] = {};
  for (const [path, item] of Object.entries(mediaStore.get().byPath)) if (item.info) media[path] = item.info;
  return { project, pack: pack.layout, preset: previewPreset(viewStore.get().aspect), media };
}

/** What is on screen at a frame (default: the playhead). */
export function currentLayout(frame?: number): FrameLayout | undefined {
  const request = layoutRequest();
  return request ? frameLayout({ ...request, frame: frame ?? viewStore.get().playhead }) : undefined;
}

/** The playhead as a frame of the video track (0 at the first clip, after the intro card). */
export function timelineFrameAtPlayhead(): number {
  const request = layoutRequest();
  if (!request) return 0;
  const timing = layoutSegments(request);
  const frame = viewStore.get().playhead - timing.contentStart;
  return Math.max(0, Math.min(Math.max(0, timing.contentEnd - timing.contentStart - 1), frame));
}
