import { describe, expect, it } from 'vitest';
import {
  coverFrame,
  cropOffset,
  displaySize,
  even,
  fitInside,
  insideSafeZone,
  placeGraphic,
  placementFor,
  type Size,
} from '@core/geometry.js';
import type { Placement } from '@core/pack/manifest.js';
import { PLATFORMS } from '@core/platforms.js';

const portrait: Size = { width: 1080, height: 1920 };
const landscape: Size = { width: 1920, height: 1080 };
const sources: Size[] = [
  { width: 1920, height: 1080 },
  { width: 1080, height: 1920 },
  { width: 1280, height: 720 },
  { width: 720, height: 1280 },
  { width: 640, height: 480 },
  { width: 3840, height: 2160 },
  { width: 1440, height: 1080 },
  { width: 1001, height: 1000 },
  { width: 333, height: 777 },
  { width: 4000, height: 3000 },
];

describe('even', () => {
  it('rounds to the nearest even number, at least 2', () => {
    expect(even(607.5)).toBe(608);
    expect(even(606.9)).toBe(606);
    expect(even(1080)).toBe(1080);
    expect(even(1)).toBe(2);
    expect(even(0)).toBe(2);
  });
});

describe('fitInside', () => {
  it('fits landscape into portrait as 1080x608, not 607.5', () => {
    expect(fitInside(landscape, portrait)).toEqual({ width: 1080, height: 608 });
  });

  it('fits portrait into landscape and same aspect exactly', () => {
    expect(fitInside({ width: 720, height: 1280 }, landscape)).toEqual({ width: 608, height: 1080 });
    expect(fitInside({ width: 1280, height: 720 }, landscape)).toEqual(landscape);
    expect(fitInside({ width: 3840, height: 2160 }, landscape)).toEqual(landscape);
    expect(fitInside({ width: 640, height: 480 }, portrait)).toEqual({ width: 1080, height: 810 });
  });

  it('always gives even sizes inside the frame that keep the aspect', () => {
    for (const frame of [portrait, landscape]) {
      for (const source of sources) {
        const fitted = fitInside(source, frame);
        const label = `${source.width}x${source.height} in ${frame.width}x${frame.height}`;
        expect(fitted.width % 2, label).toBe(0);
        expect(fitted.height % 2, label).toBe(0);
        expect(fitted.width, label).toBeLessThanOrEqual(frame.width);
        expect(fitted.height, label).toBeLessThanOrEqual(frame.height);
        // one side touches the frame
        expect(fitted.width === frame.width || fitted.height === frame.height, label).toBe(true);
        // aspect kept to within the rounding to even pixels
        expect(Math.abs(fitted.width / fitted.height - source.width / source.height), label).toBeLessThan(
          (2 / Math.min(fitted.width, fitted.height)) * (source.width / source.height) + 1e-9,
        );
      }
    }
  });
});

describe('coverFrame', () => {
  it('covers portrait with landscape at the full height', () => {
    expect(coverFrame(landscape, portrait)).toEqual({ width: 3414, height: 1920 });
    expect(coverFrame(portrait, landscape)).toEqual({ width: 1920, height: 3414 });
    expect(coverFrame({ width: 1280, height: 720 }, landscape)).toEqual(landscape);
  });

  it('always gives even sizes that cover the frame with one side equal', () => {
    for (const frame of [portrait, landscape]) {
      for (const source of sources) {
        const covered = coverFrame(source, frame);
        const label = `${source.width}x${source.height} over ${frame.width}x${frame.height}`;
        expect(covered.width % 2, label).toBe(0);
        expect(covered.height % 2, label).toBe(0);
        expect(covered.width, label).toBeGreaterThanOrEqual(frame.width);
        expect(covered.height, label).toBeGreaterThanOrEqual(frame.height);
        expect(covered.width === frame.width || covered.height === frame.height, label).toBe(true);
      }
    }
  });
});

describe('cropOffset', () => {
  const covered = { width: 3414, height: 1920 };

  it('centres the focus point', () => {
    // 0.5 * 3414 - 540 = 1167, made even by rounding down
    expect(cropOffset(covered, portrait, { x: 0.5, y: 0.5 })).toEqual({ x: 1166, y: 0 });
    // 0.3 * 3414 - 540 = 484.2
    expect(cropOffset(covered, portrait, { x: 0.3, y: 0.5 })).toEqual({ x: 484, y: 0 });
  });

  it('clamps at the edges of the picture', () => {
    expect(cropOffset(covered, portrait, { x: 0, y: 0 })).toEqual({ x: 0, y: 0 });
    expect(cropOffset(covered, portrait, { x: 0.05, y: 1 })).toEqual({ x: 0, y: 0 });
    expect(cropOffset(covered, portrait, { x: 1, y: 1 })).toEqual({ x: 3414 - 1080, y: 0 });
    expect(cropOffset({ width: 1920, height: 3414 }, landscape, { x: 0.5, y: 0.99 })).toEqual({ x: 0, y: 3414 - 1080 });
  });

  it('stays even and inside even when the spare room is odd', () => {
    const odd = { width: 1081, height: 1920 };
    for (const x of [0, 0.25, 0.5, 0.75, 1]) {
      const offset = cropOffset(odd, portrait, { x, y: 0.5 });
      expect(offset.x % 2).toBe(0);
      expect(offset.x).toBeGreaterThanOrEqual(0);
      expect(offset.x + portrait.width).toBeLessThanOrEqual(odd.width);
    }
  });
});

describe('placeGraphic', () => {
  const banner: Size = { width: 1000, height: 200 };
  const lowerThird: Placement = {
    x: 0.5,
    y: 0.9,
    width: 0.8,
    anchor: 'bottom',
    overrides: { '16:9': { x: 0.05, y: 0.95, width: 0.4, anchor: 'bottom-left' } },
  };

  it('places by anchor with the height from the graphic aspect', () => {
    // width 864, height 172.8 -> 172; bottom-centre at (540, 1728)
    expect(placeGraphic({ placement: lowerThird, aspect: '9:16', frame: portrait, intrinsic: banner })).toEqual({
      x: 108,
      y: 1556,
      width: 864,
      height: 172,
    });
  });

  it('applies the per-aspect override', () => {
    // width 768, height 153.6 -> 154; bottom-left at (96, 1026)
    expect(placeGraphic({ placement: lowerThird, aspect: '16:9', frame: landscape, intrinsic: banner })).toEqual({
      x: 96,
      y: 872,
      width: 768,
      height: 154,
    });
    expect(placementFor(lowerThird, '16:9')).toEqual({ x: 0.05, y: 0.95, width: 0.4, anchor: 'bottom-left' });
    expect(placementFor(lowerThird, '9:16')).toEqual({ x: 0.5, y: 0.9, width: 0.8, anchor: 'bottom' });
  });

  it('merges a partial override over the base placement', () => {
    const logo: Placement = { x: 0.95, y: 0.05, width: 0.2, anchor: 'top-right', overrides: { '9:16': { width: 0.3 } } };
    const square = { width: 100, height: 100 };
    expect(placeGraphic({ placement: logo, aspect: '9:16', frame: portrait, intrinsic: square })).toEqual({
      x: 1026 - 324,
      y: 96,
      width: 324,
      height: 324,
    });
    expect(placeGraphic({ placement: logo, aspect: '16:9', frame: landscape, intrinsic: square })).toEqual({
      x: 1824 - 384,
      y: 54,
      width: 384,
      height: 384,
    });
  });

  it.each([
    ['top-left', 0, 0, 0, 0],
    ['top', 0.5, 0, 108, 0],
    ['top-right', 1, 0, 216, 0],
    ['left', 0, 0.5, 0, 874],
    ['center', 0.5, 0.5, 108, 874],
    ['right', 1, 0.5, 216, 874],
    ['bottom-left', 0, 1, 0, 1748],
    ['bottom', 0.5, 1, 108, 1748],
    ['bottom-right', 1, 1, 216, 1748],
  ] as const)('anchor %s placed at (%f, %f) of the frame sits at (%i, %i)', (anchor, fx, fy, x, y) => {
    const box = placeGraphic({ placement: { x: fx, y: fy, width: 0.8, anchor }, aspect: '9:16', frame: portrait, intrinsic: banner });
    expect(box).toEqual({ x, y, width: 864, height: 172 });
  });

  it('clamps a graphic inside the frame', () => {
    const offRight: Placement = { x: 1, y: 1, width: 0.8, anchor: 'top-left' };
    expect(placeGraphic({ placement: offRight, aspect: '9:16', frame: portrait, intrinsic: banner })).toEqual({
      x: 216,
      y: 1748,
      width: 864,
      height: 172,
    });
  });

  it('shrinks a graphic taller than the frame to the frame height', () => {
    const tall = { width: 100, height: 1000 };
    const box = placeGraphic({
      placement: { x: 0.5, y: 0.5, width: 0.5, anchor: 'center' },
      aspect: '9:16',
      frame: portrait,
      intrinsic: tall,
    });
    expect(box).toEqual({ x: 444, y: 0, width: 192, height: 1920 });
  });
});

describe('displaySize', () => {
  it('swaps width and height for 90 and 270 degrees only', () => {
    expect(displaySize(landscape, 0)).toEqual(landscape);
    expect(displaySize(landscape, 90)).toEqual(portrait);
    expect(displaySize(landscape, 180)).toEqual(landscape);
    expect(displaySize(landscape, 270)).toEqual(portrait);
  });

  it('stretches non-square pixels before rotating', () => {
    expect(displaySize({ width: 1440, height: 1080 }, 0, 4 / 3)).toEqual(landscape);
    expect(displaySize({ width: 1440, height: 1080 }, 90, 4 / 3)).toEqual(portrait);
    expect(displaySize({ width: 720, height: 576 }, 0, 16 / 15)).toEqual({ width: 768, height: 576 });
  });
});

describe('insideSafeZone', () => {
  const zone = PLATFORMS.tiktok.safeZone;

  it('accepts a box exactly on the safe zone edges and refuses one a pixel over', () => {
    const box = { x: zone.left, y: zone.top, width: 1080 - zone.left - zone.right, height: 1920 - zone.top - zone.bottom };
    expect(insideSafeZone(box, portrait, zone, portrait)).toBe(true);
    expect(insideSafeZone({ ...box, x: box.x - 1 }, portrait, zone, portrait)).toBe(false);
    expect(insideSafeZone({ ...box, height: box.height + 1 }, portrait, zone, portrait)).toBe(false);
    expect(insideSafeZone({ ...box, width: box.width + 1 }, portrait, zone, portrait)).toBe(false);
  });

  it('scales the zone to a smaller frame', () => {
    const half = { width: 540, height: 960 };
    const box = { x: zone.left / 2, y: zone.top / 2, width: (1080 - zone.left - zone.right) / 2, height: 100 };
    expect(insideSafeZone(box, half, zone, portrait)).toBe(true);
    expect(insideSafeZone({ ...box, y: box.y - 1 }, half, zone, portrait)).toBe(false);
  });
});
