/**
 * Burned-in captions: more entries of the overlay layering (overlays.ts), each
 * caption drawn by the rasterizer into the caption area (core/captions). So
 * that hundreds of captions stay one input and one overlay, captions that do
 * not overlap share a LANE: one `raster-sequence` input (an ffconcat list the
 * engine writes: each caption's PNG for its frames, nothing in between), made a
 * steady stream by `fps`, overlaid once. Overlapping captions take more lanes.
 * Identical captions are the same raster request, so they are drawn once.
 */
import { captionArea } from '../captions/layout.js';
import { resolveCaptionStyle, type ResolvedCaptionStyle } from '../captions/style.js';
import { outputCaptions, type OutputCaption } from '../captions/timing.js';
import type { Box, Size } from '../geometry.js';
import { fontFiles, type GraphContext } from './context.js';
import { label } from './filters.js';
import type { CompileRequest, PlanSegment, RasterRequest } from './types.js';

/** Captions that do not overlap in time, each lane in time order. */
export function captionLanes(captions: readonly OutputCaption[]): OutputCaption[][] {
  const lanes: OutputCaption[][] = [];
  for (const caption of captions) {
    const lane = lanes.find((candidate) => candidate[candidate.length - 1]!.endFrame <= caption.startFrame);
    if (lane) lane.push(caption);
    else lanes.push([caption]);
  }
  return lanes;
}

/** A lane as sequence entries from frame 0: nothing, a caption, nothing... and one empty frame that ends it. */
function laneEntries(lane: readonly OutputCaption[], request: (text: string) => RasterRequest): Array<{ request: RasterRequest | null; frames: number }> {
  const entries: Array<{ request: RasterRequest | null; frames: number }> = [];
  let at = 0;
  for (const caption of lane) {
    if (caption.startFrame > at) entries.push({ request: null, frames: caption.startFrame - at });
    entries.push({ request: request(caption.text), frames: caption.endFrame - caption.startFrame });
    at = caption.endFrame;
  }
  entries.push({ request: null, frames: 1 });
  return entries;
}

/** The overlay layering's state (overlays.ts Layering): the graph, the picture's label so far, the layer count. */
interface Layering {
  context: GraphContext;
  current: string;
  count: number;
}

export interface CaptionOptions {
  request: CompileRequest;
  frame: Size;
  fps: number;
  layering: Layering;
  contentStart: number;
  contentEnd: number;
}

/** The captions' style and area for this export (the preview asks core/captions for the same). */
export function exportCaptionStyle(request: CompileRequest): ResolvedCaptionStyle {
  return resolveCaptionStyle({ pack: request.pack, overrides: request.project.captionStyle });
}

/** Layer the project's captions onto the picture; returns where each one shows. */
export function compileCaptions(options: CaptionOptions): PlanSegment[] {
  const { request, frame, fps, layering } = options;
  const { project, pack } = request;
  if (!project.burnInCaptions) return [];
  const captions = outputCaptions({ captions: project.timeline.tracks.captions, contentStart: options.contentStart, contentEnd: options.contentEnd });
  if (captions.length === 0) return [];
  const style = exportCaptionStyle(request);
  const area: Box = captionArea({ style, frame }).box;
  const fonts = fontFiles(pack);
  const rasterFor = (text: string): RasterRequest => ({
    svgPath: '',
    fields: {},
    colors: pack.manifest.colors,
    fontFiles: fonts,
    width: area.width,
    height: area.height,
    caption: { text, style, frame },
  });
  for (const lane of captionLanes(captions)) {
    const input = layering.context.addInput({
      kind: 'raster-sequence',
      entries: laneEntries(lane, rasterFor),
      width: area.width,
      height: area.height,
      fps,
      before: ['-f', 'concat', '-safe', '0'],
    });
    layering.count += 1;
    const graphic = `cap${layering.count}`;
    const next = `ov${layering.count}`;
    // each PNG is converted once; fps repeats it for its frames
    layering.context.add(`[${input}:v:0]format=rgba,scale=iw:ih:out_color_matrix=bt709:out_range=tv,format=yuva420p,fps=${fps}${label(graphic)}`);
    layering.context.add(`${layering.current}${label(graphic)}overlay=x=${area.x}:y=${area.y}:eof_action=pass${label(next)}`);
    layering.current = label(next);
  }
  return captions.map((caption) => ({ kind: 'caption', id: caption.id, startSeconds: caption.startFrame / fps, endSeconds: caption.endFrame / fps, box: area }));
}
