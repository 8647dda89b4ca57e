/**
 * Pack graphics for the preview (lower thirds, cards, logo), drawn by the
 * engine's rasterizer at the export's size and kept as decoded images. While a
 * new version (a field being typed) loads, the last one of the same slot stays.
 */
import { call } from '../../api/client.js';
import { reportError } from '../errors/errorStore.js';
import { createStore } from '../../store.js';

export interface GraphicSpec {
  pack: string;
  aspect: '9:16' | '16:9';
  graphic: { kind: 'overlay'; template: string } | { kind: 'intro' | 'outro' | 'logo' };
  fields: Record<string, string>;
  /** what this graphic is in the project (an overlay id, 'intro'...): keeps its last image while a new one loads */
  slot: string;
}

/** Bumped whenever an image finished loading, so the stage redraws. */
export const graphicsStore = createStore({ version: 0 });

const images = new Map<string, HTMLImageElement>();
const loading = new Set<string>();
const lastOfSlot = new Map<string, HTMLImageElement>();

function keyOf(spec: GraphicSpec): string {
  const fields = Object.keys(spec.fields)
    .sort()
    .map((name) => [name, spec.fields[name]]);
  return JSON.stringify([spec.pack, spec.aspect, spec.graphic, fields]);
}

async function load(key: string, spec: GraphicSpec): Promise<void> {
  loading.add(key);
  try {
    const { dataUrl } = await call('pack.graphic', { pack: spec.pack, graphic: spec.graphic, fields: spec.fields, aspect: spec.aspect });
    const image = new Image();
    image.src = dataUrl;
    await image.decode();
    images.set(key, image);
    lastOfSlot.set(`${spec.pack}|${spec.aspect}|${spec.slot}`, image);
    graphicsStore.set((state) => ({ version: state.version + 1 }));
  } catch (error) {
    reportError(error);
  } finally {
    loading.delete(key);
  }
}

/**
 * The image for a graphic: exact (ready) when loaded; otherwise the slot's
 * last image (not exact) while the exact one loads.
 */
export function graphicImage(spec: GraphicSpec): { image?: HTMLImageElement; exact: boolean } {
  const key = keyOf(spec);
  const image = images.get(key);
  if (image) return { image, exact: true };
  if (!loading.has(key)) void load(key, spec);
  const last = lastOfSlot.get(`${spec.pack}|${spec.aspect}|${spec.slot}`);
  return last ? { image: last, exact: false } : { exact: false };
}
