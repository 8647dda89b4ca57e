/**
 * The intrinsic size of a pack graphic: an SVG's viewBox (or width/height), a
 * PNG's or JPEG's pixel size (from its header, with the image-size package).
 * Read from the bytes, no decoding, so a poster-sized image is refused before
 * anything decodes it.
 */
import { imageSize } from 'image-size';
import type { Size } from '@core/geometry.js';

export type GraphicKind = 'svg' | 'png' | 'jpeg';

/** What the bytes are, by their signature (not by the file name). */
export function graphicKind(bytes: Buffer): GraphicKind | undefined {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return 'png';
  }
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  const head = bytes.subarray(0, 4096).toString('utf8').replace(/^\uFEFF/, '');
  if (/<svg[\s>]/.test(head)) return 'svg';
  return undefined;
}

/** The opening `<svg ...>` tag of a document. */
export function rootSvgTag(svg: string): string | undefined {
  return /<svg\b[^>]*>/.exec(svg)?.[0];
}

/** An SVG's size: its viewBox, else its width and height in user units. */
export function svgSize(svg: string): Size | undefined {
  const tag = rootSvgTag(svg);
  if (!tag) return undefined;
  const viewBox = /\bviewBox\s*=\s*"([^"]*)"/.exec(tag)?.[1];
  if (viewBox) {
    const parts = viewBox.trim().split(/[\s,]+/).map(Number);
    const [, , width, height] = parts;
    if (parts.length === 4 && width !== undefined && height !== undefined && width > 0 && height > 0) {
      return { width, height };
    }
  }
  const width = Number.parseFloat(/\bwidth\s*=\s*"([\d.]+)(px)?"/.exec(tag)?.[1] ?? '');
  const height = Number.parseFloat(/\bheight\s*=\s*"([\d.]+)(px)?"/.exec(tag)?.[1] ?? '');
  return width > 0 && height > 0 ? { width, height } : undefined;
}

export interface ImageSize extends Size {
  format: 'png' | 'jpeg';
}

/** A PNG's or JPEG's pixel size from its header; undefined for anything else or an unreadable header. */
export function readImageSize(bytes: Uint8Array): ImageSize | undefined {
  try {
    const { width, height, type } = imageSize(bytes);
    if (type === 'png' || type === 'jpg') return { width, height, format: type === 'jpg' ? 'jpeg' : 'png' };
  } catch {
    // not an image image-size can read
  }
  return undefined;
}

/** The intrinsic size of an SVG, PNG or JPEG file's bytes; undefined if unreadable. */
export function graphicSize(bytes: Buffer): Size | undefined {
  const kind = graphicKind(bytes);
  if (kind === 'svg') return svgSize(bytes.toString('utf8'));
  const image = kind ? readImageSize(bytes) : undefined;
  return image && { width: image.width, height: image.height };
}
