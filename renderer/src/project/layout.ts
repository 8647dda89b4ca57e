/** core/layout.ts fed from the stores: the preview and the forms that act "at the playhead" read it here. */
import { useMemo } from 'react';
import { frameLayout, layoutSegments, type FrameLayout, type LayoutRequest, type SegmentLayout } from '@core/layout.js';
import { useStore } from '../store.js';
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

/**
 * Where the clips start and end on the output (the intro card before them, the
 * outro after) and its length, kept up to date with the project, the pack, what
 * is known of the media and the aspect: the one clock the preview, the timeline
 * and the inspector count in is the exported video's.
 */
export function useOutputSpans(): Pick<SegmentLayout, 'contentStart' | 'contentEnd' | 'totalFrames'> {
  const project = useStore(projectStore, (state) => state.project);
  const packs = useStore(packStore, (state) => state.packs);
  const media = useStore(mediaStore, (state) => state.byPath);
  const aspect = useStore(viewStore, (state) => state.aspect);
  return useMemo(() => {
    const request = layoutRequest();
    if (!request) return { contentStart: 0, contentEnd: 0, totalFrames: 0 };
    const { contentStart, contentEnd, totalFrames } = layoutSegments(request);
    return { contentStart, contentEnd, totalFrames };
    // layoutRequest() reads these stores
  }, [project, packs, media, aspect]);
}
