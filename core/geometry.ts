/**
 * Layout geometry shared by the compiler and the preview, so what the admin sees
 * in the editor is what is exported. All results are whole, even pixel numbers
 * (4:2:0 video needs even sizes).
 */
import type { Anchor, Placement } from './pack/manifest.js';
import type { Aspect } from './platforms.js';

export interface Size {
  width: number;
  height: number;
}
export interface Box extends Size {
  x: number;
  y: number;
}

export function even(value: number): number {
  return Math.max(2, Math.round(value / 2) * 2);
}

/** The largest size with the source's aspect that fits inside the frame. */
export function fitInside(source: Size, frame: Size): Size {
  const scale = Math.min(frame.width / source.width, frame.height / source.height);
  return {
    width: Math.min(frame.width, even(source.width * scale)),
    height: Math.min(frame.height, even(source.height * scale)),
  };
}

/** The smallest size with the source's aspect that covers the frame. */
export function coverFrame(source: Size, frame: Size): Size {
  const scale = Math.max(frame.width / source.width, frame.height / source.height);
  return {
    width: Math.max(frame.width, even(source.width * scale)),
    height: Math.max(frame.height, even(source.height * scale)),
  };
}

/**
 * Where a crop of `frame` size sits inside a picture of `covered` size so that the
 * focus point (0..1 of the picture) is as central as the picture allows.
 */
export function cropOffset(covered: Size, frame: Size, focus: { x: number; y: number }): { x: number; y: number } {
  const clamp = (value: number, max: number) => Math.max(0, Math.min(max, value));
  const x = clamp(Math.round(focus.x * covered.width - frame.width / 2), covered.width - frame.width);
  const y = clamp(Math.round(focus.y * covered.height - frame.height / 2), covered.height - frame.height);
  return { x: x - (x % 2), y: y - (y % 2) };
}

const anchorFactors: Record<Anchor, [number, number]> = {
  'top-left': [0, 0],
  top: [0.5, 0],
  'top-right': [1, 0],
  left: [0, 0.5],
  center: [0.5, 0.5],
  right: [1, 0.5],
  'bottom-left': [0, 1],
  bottom: [0.5, 1],
  'bottom-right': [1, 1],
};

/** The placement with its per-aspect override applied. */
export function placementFor(placement: Placement, aspect: Aspect): Omit<Placement, 'overrides'> {
  const { overrides, ...base } = placement;
  return { ...base, ...(overrides?.[aspect] ?? {}) };
}

/**
 * The pixel box of a graphic placed relative to the frame: width from the
 * placement, height from the graphic's own aspect, clamped inside the frame.
 */
export function placeGraphic(options: { placement: Placement; aspect: Aspect; frame: Size; intrinsic: Size }): Box {
  const { frame, intrinsic } = options;
  const place = placementFor(options.placement, options.aspect);
  let width = even(place.width * frame.width);
  let height = even((width * intrinsic.height) / intrinsic.width);
  if (height > frame.height) {
    height = even(frame.height);
    width = even((height * intrinsic.width) / intrinsic.height);
  }
  const [ax, ay] = anchorFactors[place.anchor];
  const clamp = (value: number, max: number) => Math.max(0, Math.min(max, Math.round(value)));
  return {
    x: clamp(place.x * frame.width - ax * width, frame.width - width),
    y: clamp(place.y * frame.height - ay * height, frame.height - height),
    width,
    height,
  };
}

/** The picture's size as shown, after display rotation and non-square pixels. */
export function displaySize(coded: Size, rotation: number, sampleAspect = 1): Size {
  const width = Math.round(coded.width * sampleAspect);
  return rotation === 90 || rotation === 270 ? { width: coded.height, height: width } : { width, height: coded.height };
}

/** Does the box stay inside the platform's safe zone? */
export function insideSafeZone(
  box: Box,
  frame: Size,
  zone: { top: number; bottom: number; left: number; right: number },
  reference: Size,
): boolean {
  const sx = frame.width / reference.width;
  const sy = frame.height / reference.height;
  return (
    box.x >= zone.left * sx &&
    box.y >= zone.top * sy &&
    box.x + box.width <= frame.width - zone.right * sx &&
    box.y + box.height <= frame.height - zone.bottom * sy
  );
}
