/**
 * Captions in the pure parts: the caption area inside every platform's safe
 * zone, lines cut by fit.ts's rules, and the compiler's caption layers (one
 * input and one overlay per lane of captions that do not overlap, the words
 * never in the filter graph).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { captionArea, captionLayout, captionSafeBox, captionSvg, sharedSafeZone } from '@core/captions/layout.js';
import { captionLanes } from '@core/plan/captions.js';
import { resolveCaptionStyle } from '@core/captions/style.js';
import { outputCaptions } from '@core/captions/timing.js';
import { boxInside, frameLayout, safeZoneBox } from '@core/layout.js';
import type { MeasureText } from '@core/pack/fit.js';
import { ProjectSchema, type Project } from '@core/model/project.js';
import type { ResolvedPack } from '@core/pack/resolved.js';
import { compileRenderPlan } from '@core/plan/compile.js';
import { PLATFORMS } from '@core/platforms.js';
import { getPreset } from '@core/presets.js';
import type { MediaInfo } from '@core/media.js';
import { loadBuiltInPack } from '../../electron/engine/pack/load.js';

/** a fixed-advance font: every character is 0.5 em wide */
const measure: MeasureText = (text, style) => [...text].length * style.fontSize * 0.5;

let pack: ResolvedPack;
beforeAll(async () => {
  pack = await loadBuiltInPack();
});

const media: MediaInfo = {
  path: '/media/a.mp4',
  format: 'mov,mp4,m4a,3gp,3g2,mj2',
  durationSeconds: 20,
  sizeBytes: 1000,
  video: { codec: 'h264', width: 1920, height: 1080, rotation: 0, displayWidth: 1920, displayHeight: 1080, sampleAspect: 1, fps: 30, variableFrameRate: false, still: false },
  audio: { codec: 'aac', channels: 2, sampleRate: 48000 },
};

function project(captions: Array<{ start: number; duration: number; text: string }>, burnIn = true): Project {
  return ProjectSchema.parse({
    kind: 'klipkota.project',
    version: 3,
    name: 'Uji',
    intro: false,
    outro: false,
    logo: false,
    burnInCaptions: burnIn,
    timeline: {
      tracks: {
        video: [{ kind: 'clip', id: 'clip-1', media: { path: '/media/a.mp4' }, sourceRange: { start: 0, duration: 300 } }],
        captions: captions.map((caption, index) => ({ id: `caption-${index + 1}`, ...caption })),
      },
    },
  });
}

describe('caption geometry', () => {
  it('keeps the area inside the safe zone every platform of the aspect shares, at the style position', () => {
    const style = resolveCaptionStyle({ pack });
    expect(sharedSafeZone('9:16')).toEqual({ top: 269, bottom: 672, left: 65, right: 190 });
    for (const frame of [{ width: 1080, height: 1920 }, { width: 720, height: 1280 }, { width: 1920, height: 1080 }]) {
      const { box } = captionArea({ style, frame });
      const platforms = Object.values(PLATFORMS).filter((platform) => (platform.height > platform.width) === (frame.height > frame.width));
      for (const platform of platforms) expect(boxInside(box, safeZoneBox(platform.safeZone, frame)), `${platform.id} ${frame.width}`).toBe(true);
      expect(box.x % 2 + box.y % 2 + box.width % 2 + box.height % 2).toBe(0);
    }
    // a position below the safe zone is pulled up to it
    const low = captionArea({ style: { ...style, position: { '9:16': 0.95, '16:9': 0.99 } }, frame: { width: 1080, height: 1920 } }).box;
    expect(low.y + low.height).toBeLessThanOrEqual(captionSafeBox({ width: 1080, height: 1920 }).y + captionSafeBox({ width: 1080, height: 1920 }).height);
  });

  it('cuts lines by the fitting rules and the characters-per-line limit, bottom-aligned and centred', () => {
    const style = { ...resolveCaptionStyle({ pack }), maxCharsPerLine: 20 };
    const frame = { width: 1920, height: 1080 };
    const layout = captionLayout({ text: 'Selamat pagi warga Kota Malang', style, frame, measure });
    expect(layout.lines).toEqual(['Selamat pagi warga', 'Kota Malang']);
    expect(layout.truncated).toBe(false);
    const long = captionLayout({ text: 'Selamat pagi warga Kota Malang yang berbahagia', style, frame, measure });
    expect(long.lines).toEqual(['Selamat pagi warga', 'Kota Malang yang be\u2026']);
    expect(long.truncated).toBe(true);
    for (const line of long.lines) expect([...line].length).toBeLessThanOrEqual(20);
    const one = captionLayout({ text: 'Terima kasih', style, frame, measure });
    expect(one.lines).toEqual(['Terima kasih']);
    const area = one.area.box;
    expect(one.textBox!.x + one.textBox!.width / 2).toBeCloseTo(area.x + area.width / 2, 0);
    expect(one.textBox!.y + one.textBox!.height).toBe(area.y + area.height);
    expect(captionLayout({ text: '  ', style, frame, measure }).textBox).toBeUndefined();
  });

  it('writes an SVG with the words escaped, never as markup', () => {
    const style = resolveCaptionStyle({ pack });
    const layout = captionLayout({ text: 'Rapat <RT> & "RW"', style, frame: { width: 1080, height: 1920 }, measure });
    const svg = captionSvg({ layout, style });
    expect(svg).toContain('Rapat &lt;RT&gt; &amp; &quot;RW&quot;');
    expect(svg).toContain(`fill="${style.box}"`);
    expect(captionSvg({ layout, style: { ...style, box: null } })).not.toContain('<rect');
  });

  it('places captions on the output after the intro, cut at the end of the content', () => {
    const captions = project([{ start: 0, duration: 30, text: 'a' }, { start: 280, duration: 60, text: 'b' }, { start: 400, duration: 5, text: 'c' }, { start: 10, duration: 5, text: ' ' }]).timeline.tracks.captions;
    expect(outputCaptions({ captions, contentStart: 90, contentEnd: 390 })).toEqual([
      { id: 'caption-1', text: 'a', startFrame: 90, endFrame: 120 },
      { id: 'caption-2', text: 'b', startFrame: 370, endFrame: 390 },
    ]);
  });
});

describe('compiled captions', () => {
  it('stack captions that do not overlap into one input and one overlay; overlapping ones take a second lane', () => {
    const many = Array.from({ length: 200 }, (_, index) => ({ start: index, duration: 1, text: `teks ${index % 7}` }));
    const plan = compileRenderPlan({ project: project(many), pack, preset: getPreset('tiktok'), media: { '/media/a.mp4': media } });
    const sequences = plan.inputs.filter((input) => input.kind === 'raster-sequence');
    expect(sequences).toHaveLength(1);
    const [lane] = sequences;
    if (lane?.kind !== 'raster-sequence') throw new Error('no lane');
    expect(lane.entries.map((entry) => entry.frames).reduce((a, b) => a + b, 0)).toBe(201);
    expect(new Set(lane.entries.flatMap((entry) => (entry.request ? [entry.request.caption!.text] : []))).size).toBe(7);
    expect(plan.filterGraph.match(/overlay=x=/g)?.length).toBe(1);
    expect(plan.filterGraph).not.toContain('teks');
    expect(plan.timeline.filter((segment) => segment.kind === 'caption')).toHaveLength(200);

    const overlapping = project([{ start: 0, duration: 60, text: 'satu' }, { start: 30, duration: 60, text: 'dua' }, { start: 60, duration: 30, text: 'tiga' }]);
    const two = compileRenderPlan({ project: overlapping, pack, preset: getPreset('youtube'), media: { '/media/a.mp4': media } });
    const lanes = two.inputs.filter((input) => input.kind === 'raster-sequence');
    expect(lanes.map((input) => input.kind === 'raster-sequence' && input.entries.map((entry) => [entry.request?.caption?.text ?? null, entry.frames]))).toEqual([
      [['satu', 60], ['tiga', 30], [null, 1]],
      [[null, 30], ['dua', 60], [null, 1]],
    ]);
    expect(captionLanes([])).toEqual([]);
  });

  it('draws nothing when burn-in is off or there are no words', () => {
    for (const value of [project([{ start: 0, duration: 30, text: 'a' }], false), project([])]) {
      const plan = compileRenderPlan({ project: value, pack, preset: getPreset('tiktok'), media: { '/media/a.mp4': media } });
      expect(plan.inputs.some((input) => input.kind === 'raster-sequence')).toBe(false);
    }
  });

  it('gives the preview (frameLayout) the same captions and area as the export plan', () => {
    const value = { ...project([{ start: 30, duration: 30, text: 'Selamat datang' }]), intro: true };
    for (const presetId of ['tiktok', 'youtube'] as const) {
      const preset = getPreset(presetId);
      const plan = compileRenderPlan({ project: value, pack, preset, media: { '/media/a.mp4': media } });
      const segment = plan.timeline.find((entry) => entry.kind === 'caption')!;
      const inside = Math.round(segment.startSeconds * 30) + 5;
      const layout = frameLayout({ project: value, pack, preset, media: { '/media/a.mp4': media }, frame: inside });
      expect(layout.captions).toEqual([{ id: 'caption-1', text: 'Selamat datang', startFrame: inside - 5, endFrame: inside + 25, area: segment.box }]);
      expect(frameLayout({ project: value, pack, preset, media: { '/media/a.mp4': media }, frame: inside + 25 }).captions).toEqual([]);
      expect(frameLayout({ project: { ...value, burnInCaptions: false }, pack, preset, media: { '/media/a.mp4': media }, frame: inside }).captions).toEqual([]);
    }
  });
});
