/**
 * Captions for the preview, drawn by the engine's rasterizer (captions.graphic:
 * the export's drawing, in the caption area the burn-in uses) and kept as
 * decoded images with their area. While a caption being typed loads, the last
 * image of the same caption stays (not exact).
 */
import type { Box } from '@core/geometry.js';
import type { FrameLayout } from '@core/layout.js';
import type { CaptionStyleOverrides, Project } from '@core/model/project.js';
import { call } from '../../api/client.js';
import { captionsAtFrame } from '../../project/captions.js';
import type { FrameSources } from './draw.js';
import { reportError } from '../errors/errorStore.js';
import { graphicsStore } from './graphics.js';

export interface CaptionImageSpec {
  pack: string;
  aspect: '9:16' | '16:9';
  text: string;
  style: CaptionStyleOverrides;
  /** which caption this is (keeps its last image while a new one loads) */
  slot: string;
}

export interface CaptionImage {
  image: HTMLImageElement;
  /** where the image goes, pixels of `frame` */
  area: Box;
  frame: { width: number; height: number };
  /** the box behind the words, pixels of `frame` */
  textBox: Box | null;
}

const MAX_KEPT = 400;
const images = new Map<string, CaptionImage>();
const loading = new Set<string>();
const lastOfSlot = new Map<string, CaptionImage>();

function keyOf(spec: CaptionImageSpec): string {
  return JSON.stringify([spec.pack, spec.aspect, spec.text, spec.style]);
}

async function load(key: string, spec: CaptionImageSpec): Promise<void> {
  loading.add(key);
  try {
    const drawn = await call('captions.graphic', { pack: spec.pack, text: spec.text, aspect: spec.aspect, style: spec.style });
    const image = new Image();
    image.src = drawn.dataUrl;
    await image.decode();
    const entry: CaptionImage = { image, area: drawn.area, frame: drawn.frame, textBox: drawn.textBox };
    // a long session of typing does not keep every version
    if (images.size >= MAX_KEPT) images.delete(images.keys().next().value!);
    images.set(key, entry);
    lastOfSlot.set(`${spec.pack}|${spec.aspect}|${spec.slot}`, entry);
    graphicsStore.set((state) => ({ version: state.version + 1 }));
  } catch (error) {
    reportError(error);
  } finally {
    loading.delete(key);
  }
}

/** A caption's image: exact when loaded; otherwise the caption's last image (not exact) while the exact one loads. */
export function captionImage(spec: CaptionImageSpec): { caption?: CaptionImage; exact: boolean } {
  const key = keyOf(spec);
  const found = images.get(key);
  if (found) return { caption: found, exact: true };
  if (!loading.has(key)) void load(key, spec);
  const last = lastOfSlot.get(`${spec.pack}|${spec.aspect}|${spec.slot}`);
  return last ? { caption: last, exact: false } : { exact: false };
}

/** Opacity of captions that are not burned in: seen while editing, but plainly not part of the picture. */
export const NOT_BURNED_OPACITY = 0.4;

/** The captions of an output frame for drawFrame, placed in the layout's frame; `exact` is false while one is still loading. */
export function captionSources(options: { layout: FrameLayout; project: Project; pack: string }): { captions: FrameSources['captions']; exact: boolean; missing: boolean } {
  const { layout, project } = options;
  const captions: FrameSources['captions'] = [];
  let exact = true;
  let missing = false;
  const opacity = project.burnInCaptions ? 1 : NOT_BURNED_OPACITY;
  for (const shown of captionsAtFrame(layout.index)) {
    const found = captionImage({ pack: options.pack, aspect: layout.aspect, text: shown.text, style: project.captionStyle, slot: shown.id });
    if (!found.exact) exact = false;
    if (!found.caption) {
      missing = true;
      continue;
    }
    const { area, frame, image } = found.caption;
    const sx = layout.frame.width / frame.width;
    const sy = layout.frame.height / frame.height;
    captions.push({ image, box: { x: area.x * sx, y: area.y * sy, width: area.width * sx, height: area.height * sy }, opacity });
  }
  return { captions, exact, missing };
}
