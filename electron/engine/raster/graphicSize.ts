/**
 * The intrinsic size of a pack graphic: an SVG's viewBox (or width/height), a
 * PNG's or JPEG's pixel size. Read from the bytes, no decoding.
 */
import type { Size } from '../../../core/geometry.js';

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

function pngSize(bytes: Buffer): Size | undefined {
  if (bytes.length < 24 || bytes.toString('ascii', 12, 16) !== 'IHDR') return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function jpegSize(bytes: Buffer): Size | undefined {
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1] ?? 0;
    if (marker === 0xff) {
      offset++;
      continue;
    }
    const length = bytes.readUInt16BE(offset + 2);
    // start-of-frame markers C0..CF, except DHT (C4), JPG (C8) and DAC (CC)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
    }
    offset += 2 + length;
  }
  return undefined;
}

/** The intrinsic size of an SVG, PNG or JPEG file's bytes; undefined if unreadable. */
export function graphicSize(bytes: Buffer): Size | undefined {
  const kind = graphicKind(bytes);
  if (kind === 'png') return pngSize(bytes);
  if (kind === 'jpeg') return jpegSize(bytes);
  if (kind === 'svg') return svgSize(bytes.toString('utf8'));
  return undefined;
}
