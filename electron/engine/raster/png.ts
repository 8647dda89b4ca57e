/**
 * A small PNG decoder (8-bit grey, grey+alpha, RGB, RGBA; not interlaced):
 * enough to check the pixels of rasterized overlays and of frames FFmpeg
 * extracts (`-frames:v 1 -f image2 x.png`), without a new dependency.
 */
import { inflateSync } from 'node:zlib';

export interface DecodedPng {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel, row after row */
  pixels: Uint8Array;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

export function decodePng(bytes: Buffer): DecodedPng {
  if (bytes.length < 8 || bytes.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG file');
  let offset = 8;
  let width = 0;
  let height = 0;
  let colourType = -1;
  const data: Buffer[] = [];
  while (offset + 8 <= bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('ascii', offset + 4, offset + 8);
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      colourType = body[9] ?? -1;
      if (body[8] !== 8) throw new Error(`PNG bit depth ${body[8]} is not supported`);
      if (body[12] !== 0) throw new Error('interlaced PNG is not supported');
    } else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  const channels = CHANNELS[colourType];
  if (channels === undefined) throw new Error(`PNG colour type ${colourType} is not supported`);
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const rows = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] ?? 0;
    const source = y * (stride + 1) + 1;
    for (let x = 0; x < stride; x++) {
      const value = raw[source + x] ?? 0;
      const left = x >= channels ? (rows[y * stride + x - channels] ?? 0) : 0;
      const up = y > 0 ? (rows[(y - 1) * stride + x] ?? 0) : 0;
      const upLeft = y > 0 && x >= channels ? (rows[(y - 1) * stride + x - channels] ?? 0) : 0;
      const predicted = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter] ?? 0;
      rows[y * stride + x] = (value + predicted) & 0xff;
    }
  }
  const pixels = new Uint8Array(width * height * 4);
  for (let index = 0; index < width * height; index++) {
    const at = index * channels;
    const grey = channels <= 2;
    pixels[index * 4] = rows[at] ?? 0;
    pixels[index * 4 + 1] = (grey ? rows[at] : rows[at + 1]) ?? 0;
    pixels[index * 4 + 2] = (grey ? rows[at] : rows[at + 2]) ?? 0;
    pixels[index * 4 + 3] = channels === 4 ? (rows[at + 3] ?? 0) : channels === 2 ? (rows[at + 1] ?? 0) : 255;
  }
  return { width, height, pixels };
}

/** The RGBA of one pixel. */
export function pixelAt(image: DecodedPng, x: number, y: number): [number, number, number, number] {
  const at = (Math.round(y) * image.width + Math.round(x)) * 4;
  return [image.pixels[at] ?? 0, image.pixels[at + 1] ?? 0, image.pixels[at + 2] ?? 0, image.pixels[at + 3] ?? 0];
}
