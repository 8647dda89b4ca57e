/**
 * Overlay rasterizer: a pack's SVG (fields and brand colours filled in, text
 * fitted to its boxes) drawn to a transparent PNG with resvg and the pack's own
 * fonts (never the system's, so every PC renders the same).
 *
 * Plain raster graphics (a PNG or JPEG logo) go through the same functions: the
 * image is wrapped in an SVG `<image>` and scaled by resvg to the requested
 * size, so the compiler can treat every overlay as a `raster` input.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { KlipError } from '@core/errors.js';
import { fillPlaceholders } from '@core/pack/fields.js';
import { fitSvgText } from '@core/pack/fit.js';
import { captionLayout, captionSvg } from '@core/captions/layout.js';
import type { RasterRequest } from '@core/plan/types.js';
import { rasterFailed, renderInChild, type BoundedRender, type RasterBounds } from './bounded.js';
import { measureWithFonts } from './fonts.js';
import { graphicKind, graphicSize, rootSvgTag } from './graphicSize.js';

export const DEFAULT_FONT_FAMILY = 'Plus Jakarta Sans';
/** bump when the drawing changes, so old cached PNGs are not reused */
const CACHE_VERSION = 1;

/** Set the root `<svg>`'s width and height (the viewBox keeps the drawing's own units). */
function sizeRoot(svg: string, width: number, height: number): string {
  const tag = rootSvgTag(svg);
  if (!tag) throw rasterFailed('no <svg> element');
  let sized = tag.replace(/\s(width|height)\s*=\s*"[^"]*"/g, '');
  if (!/\spreserveAspectRatio\s*=/.test(sized)) sized = sized.replace(/^<svg\b/, '<svg preserveAspectRatio="none"');
  sized = sized.replace(/^<svg\b/, `<svg width="${width}" height="${height}"`);
  return svg.replace(tag, sized);
}


function resvgOptions(options: { width: number; fontFiles: string[] }) {
  return {
    fitTo: { mode: 'width' as const, value: options.width },
    font: {
      loadSystemFonts: false,
      fontFiles: options.fontFiles.filter((file) => /\.(ttf|otf)$/i.test(file)),
      defaultFontFamily: DEFAULT_FONT_FAMILY,
    },
    imageRendering: 0 as const,
    shapeRendering: 2 as const,
    textRendering: 1 as const,
  };
}

function pixelSize(options: { width: number; height: number }): { width: number; height: number } {
  return { width: Math.max(1, Math.round(options.width)), height: Math.max(1, Math.round(options.height)) };
}

/**
 * Draw an SVG to a PNG of exactly width x height, transparent where the SVG draws
 * nothing, in this process. Only for graphics KlipKota makes itself (the preview
 * scene); a pack's graphics go through renderSvgBounded.
 */
export function renderSvg(options: { svg: string; width: number; height: number; fontFiles: string[] }): Buffer {
  const { width, height } = pixelSize(options);
  try {
    const resvg = new Resvg(sizeRoot(options.svg, width, height), resvgOptions({ width, fontFiles: options.fontFiles }));
    return resvg.render().asPng();
  } catch (error) {
    if (error instanceof KlipError) throw error;
    throw rasterFailed(error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error), error);
  }
}

/** Draw an SVG like renderSvg, in a child process with a memory cap and a time limit (raster/bounded.ts). */
export async function renderSvgBounded(options: { svg: string; width: number; height: number; fontFiles: string[]; bounds?: Partial<RasterBounds> }): Promise<BoundedRender> {
  const { width, height } = pixelSize(options);
  return renderInChild({
    svg: sizeRoot(options.svg, width, height),
    resvgOptions: resvgOptions({ width, fontFiles: options.fontFiles }),
    ...(options.bounds ? { bounds: options.bounds } : {}),
  });
}

/** An SVG showing a PNG or JPEG stretched over its own pixel size. */
function wrapRaster(bytes: Buffer, kind: 'png' | 'jpeg'): string {
  const size = graphicSize(bytes);
  if (!size) throw rasterFailed('unreadable image header');
  const uri = `data:image/${kind};base64,${bytes.toString('base64')}`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size.width} ${size.height}">` +
    `<image width="${size.width}" height="${size.height}" preserveAspectRatio="none" href="${uri}"/></svg>`
  );
}

async function readGraphic(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new KlipError({
      code: 'pack-missing-file',
      kind: 'bad-input',
      text: {
        id: 'Berkas grafis paket templat tidak ditemukan. Pasang ulang paket templatnya.',
        en: 'A template pack graphic is missing. Reinstall the template pack.',
      },
      detail: file,
      cause: error,
    });
  }
}

/**
 * The SVG that is drawn for a request: placeholders filled (values XML-escaped),
 * `data-fit` text fitted with the pack's fonts; a PNG/JPEG wrapped in an SVG.
 */
export function prepareSvg(bytes: Buffer, request: Pick<RasterRequest, 'fields' | 'colors' | 'fontFiles'>): string {
  const kind = graphicKind(bytes);
  if (kind === 'png' || kind === 'jpeg') return wrapRaster(bytes, kind);
  if (kind !== 'svg') throw rasterFailed('not an SVG, PNG or JPEG file');
  const filled = fillPlaceholders({ svg: bytes.toString('utf8'), fields: request.fields, colors: request.colors });
  return fitSvgText({ svg: filled, measure: measureWithFonts(request.fontFiles) });
}

/** A caption's SVG: its lines cut by core's rules, measured with the pack's fonts (what resvg draws with). */
export function captionRequestSvg(request: Pick<RasterRequest, 'fontFiles'> & { caption: NonNullable<RasterRequest['caption']> }): string {
  const { text, style, frame } = request.caption;
  return captionSvg({ layout: captionLayout({ text, style, frame, measure: measureWithFonts(request.fontFiles) }), style });
}

async function requestSvg(request: RasterRequest): Promise<string> {
  if (request.caption) return captionRequestSvg({ fontFiles: request.fontFiles, caption: request.caption });
  return prepareSvg(await readGraphic(request.svgPath), request);
}

/** Rasterize a request to PNG bytes (for the preview and for tests). */
export async function rasterizeToBuffer(request: RasterRequest): Promise<Buffer> {
  const svg = await requestSvg(request);
  return (await renderSvgBounded({ svg, width: request.width, height: request.height, fontFiles: request.fontFiles })).png;
}

/** Write bytes to a temporary name beside the target, then rename (no half-written PNG is ever seen). */
async function writeAtomically(outPath: string, bytes: Buffer): Promise<void> {
  await mkdir(path.dirname(outPath), { recursive: true });
  const temporary = `${outPath}.${process.pid}.${Math.random().toString(36).slice(2)}.part`;
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, outPath);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

/** Rasterize a request and write the PNG to outPath. */
export async function rasterizeOverlay(request: RasterRequest, outPath: string): Promise<void> {
  await writeAtomically(outPath, await rasterizeToBuffer(request));
}

function sortedEntries(record: Record<string, string>): [string, string][] {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The cache key: graphic bytes, field values, colours, fonts (path, size, time) and output size. */
export async function rasterCacheKey(request: RasterRequest): Promise<string> {
  const bytes = request.caption ? Buffer.from(JSON.stringify(request.caption)) : await readGraphic(request.svgPath);
  const fonts = await Promise.all(
    [...request.fontFiles].sort().map(async (file) => {
      const info = await stat(file).catch(() => undefined);
      return [file, info?.size ?? -1, info?.mtimeMs ?? -1];
    }),
  );
  const hash = createHash('sha256');
  hash.update(
    JSON.stringify({
      version: CACHE_VERSION,
      graphic: createHash('sha256').update(bytes).digest('hex'),
      fields: sortedEntries(request.fields),
      colors: sortedEntries(request.colors),
      fonts,
      width: Math.round(request.width),
      height: Math.round(request.height),
    }),
  );
  return hash.digest('hex').slice(0, 32);
}

/**
 * Rasterize once per (graphic, field values, colours, fonts, size): returns the
 * PNG's path in cacheDir, drawing it only when it is not there yet.
 */
export async function rasterizeCached(options: { request: RasterRequest; cacheDir: string }): Promise<string> {
  const key = await rasterCacheKey(options.request);
  const outPath = path.join(options.cacheDir, `overlay-${key}-${Math.round(options.request.width)}x${Math.round(options.request.height)}.png`);
  // the same graphic asked for twice at once (a caption said twice) is drawn once
  const running = drawing.get(outPath);
  if (running) return running;
  const made = (async () => {
    const existing = await stat(outPath).catch(() => undefined);
    if (!(existing?.isFile() && existing.size > 0)) await rasterizeOverlay(options.request, outPath);
    return outPath;
  })();
  drawing.set(outPath, made);
  try {
    return await made;
  } finally {
    drawing.delete(outPath);
  }
}

const drawing = new Map<string, Promise<string>>();
