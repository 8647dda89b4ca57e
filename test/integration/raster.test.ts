import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { insideSafeZone, placeGraphic } from '@core/geometry.js';
import { PLATFORMS } from '@core/platforms.js';
import type { ResolvedPack } from '@core/pack/resolved.js';
import type { RasterRequest } from '@core/plan/types.js';
import { loadBuiltInPack } from '../../electron/engine/pack/load.js';
import { decodePng, pixelAt, type DecodedPng } from '../../electron/engine/raster/png.js';
import { renderPackPreview } from '../../electron/engine/pack/preview.js';
import { rasterizeCached, rasterizeOverlay, rasterizeToBuffer, renderSvg } from '../../electron/engine/raster/rasterize.js';

let pack: ResolvedPack;
let work: string;

beforeAll(async () => {
  pack = await loadBuiltInPack();
  work = await mkdtemp(path.join(tmpdir(), 'klipkota-raster-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function hex(colour: string): [number, number, number] {
  const value = Number.parseInt(colour.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}
function near(pixel: readonly number[], colour: string, tolerance = 6): boolean {
  const [r, g, b] = hex(colour);
  return Math.abs((pixel[0] ?? 0) - r) <= tolerance && Math.abs((pixel[1] ?? 0) - g) <= tolerance && Math.abs((pixel[2] ?? 0) - b) <= tolerance;
}

function lowerThird(fields: Record<string, string>, size: { width: number; height: number }): RasterRequest {
  return {
    svgPath: pack.files['graphics/lower-third.svg'] ?? '',
    fields,
    colors: pack.manifest.colors,
    fontFiles: pack.manifest.fonts.map((font) => pack.files[font.file] ?? ''),
    ...size,
  };
}

/** Columns and rows of pixels that are (near) white text. */
function whiteExtent(image: DecodedPng, region: { x0: number; y0: number; x1: number; y1: number }) {
  let maxX = -1;
  let count = 0;
  for (let y = region.y0; y < region.y1; y++) {
    for (let x = region.x0; x < region.x1; x++) {
      const [r, g, b, a] = pixelAt(image, x, y);
      if (r > 235 && g > 235 && b > 235 && a > 235) {
        count++;
        maxX = Math.max(maxX, x);
      }
    }
  }
  return { maxX, count };
}

describe('lower third in a 9:16 frame (1080x1920)', () => {
  const frame = { width: 1080, height: 1920 };

  it('sits inside the safe zone, brand colours inside its box, transparent outside', async () => {
    const overlay = pack.manifest.overlays.find((entry) => entry.id === 'lower-third');
    expect(overlay).toBeDefined();
    const intrinsic = pack.graphicSizes['graphics/lower-third.svg'] ?? { width: 1, height: 1 };
    const box = placeGraphic({ placement: overlay!.placement, aspect: '9:16', frame, intrinsic });
    expect(box.x).toBeGreaterThanOrEqual(108);
    expect(box.x + box.width).toBeLessThanOrEqual(972);
    expect(box.y + box.height).toBeLessThanOrEqual(1920 - 480);
    for (const platform of Object.values(PLATFORMS).filter((entry) => entry.aspect === '9:16')) {
      expect(insideSafeZone(box, frame, platform.safeZone, frame), platform.id).toBe(true);
    }

    const png = await rasterizeToBuffer(lowerThird({ name: 'Wahyu Hidayat', role: 'Wali Kota Malang' }, box));
    const overlayImage = decodePng(png);
    expect([overlayImage.width, overlayImage.height]).toEqual([box.width, box.height]);

    // the overlay placed on a transparent full frame, as FFmpeg's overlay filter would
    const uri = `data:image/png;base64,${png.toString('base64')}`;
    const scene = renderSvg({
      svg: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1080 1920"><image x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" href="${uri}"/></svg>`,
      width: 1080,
      height: 1920,
      fontFiles: [],
    });
    const image = decodePng(scene);
    expect([image.width, image.height]).toEqual([1080, 1920]);
    const { colors } = pack.manifest;
    const sx = box.width / intrinsic.width;
    const sy = box.height / intrinsic.height;
    // gold accent bar at the left edge, navy role band at the bottom right, blue name panel
    expect(near(pixelAt(image, box.x + 4 * sx, box.y + 100 * sy), colors.accent!)).toBe(true);
    expect(near(pixelAt(image, box.x + 850 * sx, box.y + 205 * sy), colors.navy!)).toBe(true);
    expect(near(pixelAt(image, box.x + 30 * sx, box.y + 10 * sy), colors.primary!, 16)).toBe(true);
    for (const [x, y] of [
      [box.x - 4, box.y + box.height / 2],
      [box.x + box.width + 4, box.y + box.height / 2],
      [box.x + box.width / 2, box.y - 4],
      [box.x + box.width / 2, box.y + box.height + 4],
      [10, 10],
      [1070, 1910],
    ] as const) {
      expect(pixelAt(image, x, y)[3]).toBe(0);
    }
  });

  it('keeps a long Indonesian name inside the name panel, never over the role band or past the box', async () => {
    const size = { width: 864, height: 216 };
    const image = decodePng(
      await rasterizeToBuffer(
        lowerThird({ name: 'Prof. Dr. Ir. Hj. Siti Nurhaliza Kusumawardhani, M.Sc.', role: 'Kepala Dinas Komunikasi dan Informatika' }, size),
      ),
    );
    const panel = whiteExtent(image, { x0: 0, y0: 0, x1: 864, y1: 148 });
    expect(panel.count).toBeGreaterThan(2000);
    // the text box ends at 46 + 784 = 830
    expect(panel.maxX).toBeLessThanOrEqual(832);
    expect(whiteExtent(image, { x0: 0, y0: 148, x1: 864, y1: 216 }).count).toBe(0);
  });

  it('draws markup in a name as text, never as SVG', async () => {
    const size = { width: 864, height: 216 };
    const image = decodePng(await rasterizeToBuffer(lowerThird({ name: '<script>alert(1)</script> & "Co"', role: '</text><rect/>' }, size)));
    expect(whiteExtent(image, { x0: 0, y0: 0, x1: 864, y1: 148 }).count).toBeGreaterThan(1000);
    // the role text is drawn in gold in the band
    let gold = 0;
    for (let x = 40; x < 500; x++) if (near(pixelAt(image, x, 185), pack.manifest.colors.accent!, 30)) gold++;
    expect(gold).toBeGreaterThan(5);
  });
});

describe('pack placements', () => {
  it('keep the lower third and the logo inside every platform\'s safe zone', () => {
    const logo = pack.manifest.logo!;
    const overlay = pack.manifest.overlays[0]!;
    for (const platform of Object.values(PLATFORMS)) {
      const frame = { width: platform.width, height: platform.height };
      for (const [file, placement] of [
        ['graphics/lower-third.svg', overlay.placement],
        [logo.file, logo.placement],
      ] as const) {
        const box = placeGraphic({ placement, aspect: platform.aspect, frame, intrinsic: pack.graphicSizes[file]! });
        expect(insideSafeZone(box, frame, platform.safeZone, frame), `${file} on ${platform.id}`).toBe(true);
      }
    }
  });
});

describe('rasterizeCached', () => {
  it('draws once per (graphic, fields, size) and reuses the PNG', async () => {
    const cacheDir = path.join(work, 'cache');
    const request = lowerThird({ name: 'Sari', role: 'Lurah' }, { width: 432, height: 108 });
    const first = await rasterizeCached({ request, cacheDir });
    const before = await stat(first);
    const again = await rasterizeCached({ request: { ...request, fields: { role: 'Lurah', name: 'Sari' } }, cacheDir });
    expect(again).toBe(first);
    expect((await stat(again)).mtimeMs).toBe(before.mtimeMs);
    const other = await rasterizeCached({ request: { ...request, fields: { name: 'Budi', role: 'Lurah' } }, cacheDir });
    const bigger = await rasterizeCached({ request: { ...request, width: 864, height: 216 }, cacheDir });
    expect(new Set([first, other, bigger]).size).toBe(3);
    expect((await readdir(cacheDir)).filter((name) => name.endsWith('.png'))).toHaveLength(3);
    const image = decodePng(await import('node:fs/promises').then((fs) => fs.readFile(bigger)));
    expect([image.width, image.height]).toEqual([864, 216]);
  });
});

describe('raster logo files', () => {
  it('scales a PNG logo to the requested size', async () => {
    const red = renderSvg({
      svg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20"><rect width="20" height="20" fill="#ff0000"/><rect x="20" width="20" height="20" fill="#0000ff"/></svg>',
      width: 40,
      height: 20,
      fontFiles: [],
    });
    const logoPath = path.join(work, 'logo.png');
    await writeFile(logoPath, red);
    const outPath = path.join(work, 'logo-out.png');
    await rasterizeOverlay({ svgPath: logoPath, fields: {}, colors: {}, fontFiles: [], width: 160, height: 80 }, outPath);
    const image = decodePng(await import('node:fs/promises').then((fs) => fs.readFile(outPath)));
    expect([image.width, image.height]).toEqual([160, 80]);
    expect(near(pixelAt(image, 40, 40), '#ff0000')).toBe(true);
    expect(near(pixelAt(image, 120, 40), '#0000ff')).toBe(true);
  });
});

describe('renderPackPreview', () => {
  it('shows the lower third and the logo at their 16:9 places', async () => {
    const image = decodePng(await renderPackPreview({ pack, width: 960 }));
    expect([image.width, image.height]).toEqual([960, 540]);
    const overlay = pack.manifest.overlays[0]!;
    const frame = { width: 1920, height: 1080 };
    const box = placeGraphic({ placement: overlay.placement, aspect: '16:9', frame, intrinsic: pack.graphicSizes['graphics/lower-third.svg']! });
    // the gold bar at the lower third's left edge, at half scale
    expect(near(pixelAt(image, (box.x + 3) / 2, (box.y + box.height / 2) / 2), pack.manifest.colors.accent!, 12)).toBe(true);
    const logo = placeGraphic({ placement: pack.manifest.logo!.placement, aspect: '16:9', frame, intrinsic: pack.graphicSizes['logo.svg']! });
    expect(logo.x + logo.width).toBeLessThanOrEqual(1920 - 96);
  });
});
