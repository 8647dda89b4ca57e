/**
 * What a viewer would see in an exported file: pixels at chosen times, the MP4's
 * atom order (faststart), the stream facts ffprobe reports and the loudness.
 */
import { execFile } from 'node:child_process';
import { open } from 'node:fs/promises';
import { promisify } from 'node:util';
import path from 'node:path';
import type { ResolvedPack } from '@core/pack/resolved.js';
import { resolveFfmpeg, resolveFfprobe } from '../../electron/engine/ffmpeg/binaries.js';
import { rasterizeOverlay } from '../../electron/engine/raster/rasterize.js';

const run = promisify(execFile);
export type Rgb = [number, number, number];

/** One decoded frame at `seconds`, as RGB bytes (BT.709 limited range, as KlipKota tags its exports). */
export async function frameAt(file: string, seconds: number): Promise<{ width: number; height: number; rgb: Buffer }> {
  const probe = await streams(file);
  const video = probe.streams.find((stream) => stream.codec_type === 'video')!;
  const { stdout } = await run(
    resolveFfmpeg().path,
    ['-v', 'error', '-ss', String(seconds), '-i', file, '-frames:v', '1', '-vf', 'scale=in_color_matrix=bt709:in_range=tv:out_range=pc,format=rgb24', '-f', 'rawvideo', '-'],
    { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
  );
  return { width: video.width!, height: video.height!, rgb: stdout };
}

export function pixel(frame: { width: number; rgb: Buffer }, x: number, y: number): Rgb {
  const offset = (Math.round(y) * frame.width + Math.round(x)) * 3;
  return [frame.rgb[offset]!, frame.rgb[offset + 1]!, frame.rgb[offset + 2]!];
}

export function colorDistance(a: Rgb, b: Rgb): number {
  return Math.max(Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]), Math.abs(a[2] - b[2]));
}

export function hexToRgb(hex: string): Rgb {
  return [Number.parseInt(hex.slice(1, 3), 16), Number.parseInt(hex.slice(3, 5), 16), Number.parseInt(hex.slice(5, 7), 16)];
}

export interface ProbeStream {
  codec_type: string;
  codec_name: string;
  profile?: string;
  width?: number;
  height?: number;
  pix_fmt?: string;
  color_space?: string;
  color_primaries?: string;
  color_transfer?: string;
  sample_rate?: string;
  channels?: number;
  nb_frames?: string;
  duration?: string;
  r_frame_rate?: string;
}

export async function streams(file: string): Promise<{ streams: ProbeStream[]; format: { duration: string } }> {
  const { stdout } = await run(resolveFfprobe().path, ['-v', 'error', '-print_format', 'json', '-show_streams', '-show_format', file]);
  return JSON.parse(stdout);
}

/** The top-level MP4 atoms in file order (ftyp, moov, mdat...). */
export async function topLevelAtoms(file: string): Promise<string[]> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const atoms: string[] = [];
    let offset = 0;
    const header = Buffer.alloc(16);
    while (offset + 8 <= size && atoms.length < 50) {
      await handle.read(header, 0, 16, offset);
      let length = header.readUInt32BE(0);
      atoms.push(header.toString('latin1', 4, 8));
      if (length === 1) length = Number(header.readBigUInt64BE(8));
      if (length === 0) break;
      offset += length;
    }
    return atoms;
  } finally {
    await handle.close();
  }
}

/** Integrated loudness (LUFS) and true peak (dBTP) as FFmpeg's loudnorm measures them. */
export async function loudness(file: string): Promise<{ integrated: number; truePeak: number }> {
  const { stderr } = await run(resolveFfmpeg().path, ['-hide_banner', '-nostdin', '-i', file, '-map', '0:a:0', '-af', 'loudnorm=print_format=json', '-f', 'null', '-'], {
    maxBuffer: 16 * 1024 * 1024,
  });
  const json = JSON.parse(stderr.slice(stderr.lastIndexOf('{'), stderr.lastIndexOf('}') + 1));
  return { integrated: Number(json.input_i), truePeak: Number(json.input_tp) };
}

/** The RGBA pixels of a PNG, decoded by FFmpeg. */
export async function pngPixels(file: string): Promise<{ width: number; height: number; rgba: Buffer }> {
  const probe = await streams(file);
  const video = probe.streams[0]!;
  const { stdout } = await run(resolveFfmpeg().path, ['-v', 'error', '-i', file, '-f', 'rawvideo', '-pix_fmt', 'rgba', '-'], {
    encoding: 'buffer',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { width: video.width!, height: video.height!, rgba: stdout };
}

/**
 * A point of a graphic that is opaque and flat (the same colour 6 px around), so
 * chroma subsampling does not blur it: where to look for the graphic in a frame.
 */
export function flatOpaquePoint(image: { width: number; height: number; rgba: Buffer }, radius = 6): { x: number; y: number; rgb: Rgb } | undefined {
  const at = (x: number, y: number) => {
    const o = (y * image.width + x) * 4;
    return [image.rgba[o]!, image.rgba[o + 1]!, image.rgba[o + 2]!, image.rgba[o + 3]!];
  };
  const step = radius < 6 ? 1 : Math.max(2, Math.floor(Math.min(image.width, image.height) / 40));
  const margin = radius + 2;
  for (let y = margin; y < image.height - margin; y += step) {
    for (let x = margin; x < image.width - margin; x += step) {
      const centre = at(x, y);
      if (centre[3] !== 255) continue;
      const flat = [-radius, 0, radius].every((dy) =>
        [-radius, 0, radius].every((dx) => {
          const other = at(x + dx, y + dy);
          return other[3] === 255 && Math.abs(other[0]! - centre[0]!) + Math.abs(other[1]! - centre[1]!) + Math.abs(other[2]! - centre[2]!) < 4;
        }),
      );
      if (flat) return { x, y, rgb: [centre[0]!, centre[1]!, centre[2]!] };
    }
  }
  return undefined;
}

/**
 * Where to look for a pack graphic in a frame: the graphic rasterized at its
 * box size by the engine's own rasterizer, and a flat opaque point of it.
 */
export async function packGraphicPoint(options: {
  pack: ResolvedPack;
  packPath: string;
  width: number;
  height: number;
  dir: string;
  fields?: Record<string, string>;
  radius?: number;
}): Promise<{ x: number; y: number; rgb: Rgb }> {
  const { pack } = options;
  const png = path.join(options.dir, `g-${path.basename(options.packPath)}-${options.width}x${options.height}-${Object.values(options.fields ?? {}).join('').length}.png`);
  await rasterizeOverlay(
    {
      svgPath: pack.files[options.packPath]!,
      fields: options.fields ?? {},
      colors: pack.manifest.colors,
      fontFiles: pack.manifest.fonts.map((font) => pack.files[font.file]!),
      width: options.width,
      height: options.height,
    },
    png,
  );
  const point = flatOpaquePoint(await pngPixels(png), options.radius);
  if (!point) throw new Error(`no flat opaque area in ${options.packPath} at ${options.width}x${options.height}`);
  return point;
}
