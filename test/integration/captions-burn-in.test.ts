/**
 * Captions burned in with real FFmpeg: an Indonesian .srt with a BOM and
 * Windows line ends is imported, edited with core's caption edits and
 * exported to TikTok (9:16) and YouTube (16:9). At chosen times the frame
 * shows each caption exactly as the rasterizer drew it (PNG composited over
 * the picture), inside the safe zone every 9:16 platform shares, at the
 * style's place in 16:9, where the preview's API puts it (within 2 px); and
 * nothing outside its window. The sidecar .srt round-trips.
 */
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { captionLayout, captionSafeBox } from '@core/captions/layout.js';
import { resolveCaptionStyle } from '@core/captions/style.js';
import { boxInside, safeZoneBox } from '@core/layout.js';
import { replaceCaptions, setCaptionText, splitCaption } from '@core/model/captions.js';
import { ProjectSchema, type Project } from '@core/model/project.js';
import type { ResolvedPack } from '@core/pack/resolved.js';
import { PLATFORMS } from '@core/platforms.js';
import { createApi } from '../../electron/engine/api/index.js';
import { readSubtitleFile } from '../../electron/engine/captions/subtitles.js';
import { renderProject, type RenderOutput } from '../../electron/engine/export/render.js';
import { makeSampleClip } from '../../electron/engine/media/samples.js';
import { loadBuiltInPack } from '../../electron/engine/pack/load.js';
import { measureWithFonts } from '../../electron/engine/raster/fonts.js';
import { rasterizeToBuffer } from '../../electron/engine/raster/rasterize.js';
import { makeTempDir, type TempDir } from '../helpers/media.js';
import { colorDistance, frameAt, pixel, type Rgb } from '../helpers/video.js';
import { decodePng } from '../../electron/engine/raster/png.js';

const SRT = '\uFEFF1\r\n00:00:00,500 --> 00:00:01,200\r\nSelamat pagi, warga Kota Malang!\r\n\r\n2\r\n00:00:01,500 --> 00:00:02,600\r\nPosyandu dibuka\r\npukul 08.00\r\n\r\n';

let temp: TempDir;
let pack: ResolvedPack;
let project: Project;
let outputs: RenderOutput[];

function fontFiles(): string[] {
  return pack.manifest.fonts.map((font) => pack.files[font.file]!);
}

/** The caption as the rasterizer draws it for this frame size, decoded to RGBA. */
async function captionImage(text: string, frame: { width: number; height: number }) {
  const style = resolveCaptionStyle({ pack, overrides: project.captionStyle });
  const layout = captionLayout({ text, style, frame, measure: measureWithFonts(fontFiles()) });
  const png = await rasterizeToBuffer({ svgPath: '', fields: {}, colors: pack.manifest.colors, fontFiles: fontFiles(), width: layout.area.box.width, height: layout.area.box.height, caption: { text, style, frame } });
  return { layout, image: decodePng(png) };
}

/** Points of the PNG where it is flat (same RGBA `radius` px around) and visible: the box, and the words. */
function flatPoints(image: { width: number; height: number; pixels: Uint8Array }, radius: number): Array<{ x: number; y: number; rgba: number[] }> {
  const at = (x: number, y: number) => Array.from(image.pixels.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 4));
  const points: Array<{ x: number; y: number; rgba: number[] }> = [];
  for (let y = radius + 1; y < image.height - radius - 1; y += radius) {
    for (let x = radius + 1; x < image.width - radius - 1; x += radius) {
      const centre = at(x, y);
      if (centre[3]! < 100) continue;
      const flat = [-radius, 0, radius].every((dy) => [-radius, 0, radius].every((dx) => at(x + dx, y + dy).every((value, index) => Math.abs(value - centre[index]!) < 3)));
      if (flat) points.push({ x, y, rgba: centre });
    }
  }
  return points;
}

function over(rgba: number[], background: Rgb): Rgb {
  const a = rgba[3]! / 255;
  return [0, 1, 2].map((index) => Math.round(rgba[index]! * a + background[index]! * (1 - a))) as Rgb;
}

async function expectCaption(options: { output: RenderOutput; text: string; seconds: number; emptySeconds: number[] }) {
  const frame = { width: options.output.width, height: options.output.height };
  const { layout, image } = await captionImage(options.text, frame);
  const box = flatPoints(image, 3).filter((point) => point.rgba[3]! < 250);
  const words = flatPoints(image, 2).filter((point) => point.rgba[3] === 255);
  expect(box.length, 'box points').toBeGreaterThan(20);
  expect(words.length, 'word points').toBeGreaterThan(5);
  const shown = await frameAt(options.output.path, options.seconds);
  const empty = await Promise.all(options.emptySeconds.map((seconds) => frameAt(options.output.path, seconds)));
  const origin = layout.area.box;
  for (const point of [...box.slice(0, 40), ...words.slice(0, 40)]) {
    const x = origin.x + point.x;
    const y = origin.y + point.y;
    const background = pixel(empty[0]!, x, y);
    expect(colorDistance(pixel(shown, x, y), over(point.rgba, background)), `caption pixel at ${x},${y}`).toBeLessThanOrEqual(16);
    // outside its window the picture there is untouched
    for (const other of empty) expect(colorDistance(pixel(other, x, y), background), `no caption at ${x},${y}`).toBeLessThanOrEqual(6);
  }
  // the box's left edge in the frame is where the layout (and so the preview) puts it
  const row = Math.round(layout.textBox!.y + layout.textBox!.height / 2);
  let edge = -1;
  for (let x = origin.x; x < origin.x + origin.width; x += 1) {
    if (colorDistance(pixel(shown, x, row), pixel(empty[0]!, x, row)) > 30) {
      edge = x;
      break;
    }
  }
  expect(Math.abs(edge - layout.textBox!.x), 'box edge within 2 px').toBeLessThanOrEqual(2);
  return layout;
}

beforeAll(async () => {
  temp = await makeTempDir('klipkota-captions-');
  pack = await loadBuiltInPack();
  await makeSampleClip({ path: temp.file('green.mp4'), seconds: 3, width: 640, height: 360, pattern: 'color', color: '0x20C040', audio: { frequency: 440 } });
  await writeFile(temp.file('posyandu.srt'), SRT);
  const cues = await readSubtitleFile({ path: temp.file('posyandu.srt'), fps: 30 });
  let edited = replaceCaptions({
    project: ProjectSchema.parse({
      kind: 'klipkota.project',
      version: 3,
      name: 'Posyandu Kauman',
      fps: 30,
      intro: false,
      outro: false,
      logo: false,
      timeline: { tracks: { video: [{ kind: 'clip', id: 'clip-1', media: { path: temp.file('green.mp4') }, sourceRange: { start: 0, duration: 90 } }] } },
    }),
    captions: cues,
  });
  edited = setCaptionText({ project: edited, captionId: 'caption-2', text: 'Posyandu Kauman dibuka pukul 08.00 WIB' });
  // 1.5 s .. 2.6 s becomes 1.5 .. 2.0 and 2.0 .. 2.6
  edited = splitCaption({ project: edited, captionId: 'caption-2', atFrame: 60 });
  project = edited;
  outputs = await renderProject({ project, projectDir: temp.dir, presets: ['tiktok', 'youtube'], outDir: temp.file('out'), sidecar: true });
}, 300_000);

afterAll(async () => {
  await temp?.remove();
});

describe('captions burned in', () => {
  it('were edited as asked before the export', () => {
    expect(project.timeline.tracks.captions.map((caption) => [caption.start, caption.duration, caption.text])).toEqual([
      [15, 21, 'Selamat pagi, warga Kota Malang!'],
      [45, 15, 'Posyandu Kauman'],
      [60, 18, 'dibuka pukul 08.00 WIB'],
    ]);
  });

  it('show in 9:16 (TikTok) inside every platform safe zone, only in their windows, where the preview puts them', async () => {
    const tiktok = outputs.find((output) => output.preset === 'tiktok')!;
    const frame = { width: tiktok.width, height: tiktok.height };
    const first = await expectCaption({ output: tiktok, text: 'Selamat pagi, warga Kota Malang!', seconds: 0.85, emptySeconds: [0.2, 1.35, 2.8] });
    await expectCaption({ output: tiktok, text: 'dibuka pukul 08.00 WIB', seconds: 2.3, emptySeconds: [0.2, 1.35, 2.8] });
    for (const id of ['tiktok', 'reels', 'shorts'] as const) expect(boxInside(first.area.box, safeZoneBox(PLATFORMS[id].safeZone, frame)), id).toBe(true);
    expect(boxInside(first.area.box, captionSafeBox(frame))).toBe(true);
    // the preview's API gives the same area and text box
    const api = createApi({ home: temp.file('home'), emit: vi.fn(), language: 'en' });
    const preview = await api['captions.graphic']({ pack: pack.manifest.id, text: 'Selamat pagi, warga Kota Malang!', aspect: '9:16' });
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.value.area).toEqual(first.area.box);
    for (const key of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(preview.value.textBox![key] - first.textBox![key])).toBeLessThanOrEqual(2);
    expect(tiktok.timeline.filter((segment) => segment.kind === 'caption').map((segment) => segment.box)).toEqual([first.area.box, first.area.box, first.area.box]);
  });

  it('show in 16:9 (YouTube) at the style\'s place', async () => {
    const youtube = outputs.find((output) => output.preset === 'youtube')!;
    const layout = await expectCaption({ output: youtube, text: 'Posyandu Kauman', seconds: 1.75, emptySeconds: [0.2, 1.35, 2.8] });
    const style = resolveCaptionStyle({ pack });
    expect(layout.area.box.y + layout.area.box.height).toBe(Math.round(style.position['16:9'] * 1080));
    expect(boxInside(layout.area.box, safeZoneBox(PLATFORMS.youtube.safeZone, { width: 1920, height: 1080 }))).toBe(true);
  });

  it('write a sidecar .srt next to each video that round-trips', async () => {
    for (const output of outputs) {
      const file = output.sidecar!;
      expect(file).toBe(output.path.replace(/\.mp4$/, '.srt'));
      const back = await readSubtitleFile({ path: file, fps: 30 });
      const again = replaceCaptions({ project, captions: back });
      expect(again.timeline.tracks.captions).toEqual(project.timeline.tracks.captions);
    }
  });
});
