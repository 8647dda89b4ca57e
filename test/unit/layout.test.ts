/**
 * core/layout.ts: what is on screen at a frame, and the compiler's filter
 * strings held to the same numbers (boxes, windows, crop and pad offsets, the
 * slide expressions evaluated at chosen times).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { frameLayout, layoutSegments, overlayMotion, pictureLayout, safeZoneBox } from '@core/layout.js';
import type { MediaInfo } from '@core/media.js';
import { ProjectSchema, type Project, type Reframe } from '@core/model/project.js';
import type { ResolvedPack } from '@core/pack/resolved.js';
import { compileRenderPlan } from '@core/plan/compile.js';
import { getPreset } from '@core/presets.js';
import { loadBuiltInPack } from '../../electron/engine/pack/load.js';

let pemkot: ResolvedPack;
let kelurahan: ResolvedPack;
beforeAll(async () => {
  pemkot = await loadBuiltInPack();
  kelurahan = await loadBuiltInPack('kelurahan-oro-oro-dowo');
});

function info(path: string, width: number, height: number, seconds = 10): MediaInfo {
  return {
    path,
    format: 'mov,mp4,m4a,3gp,3g2,mj2',
    durationSeconds: seconds,
    sizeBytes: 1000,
    video: { codec: 'h264', width, height, rotation: 0, displayWidth: width, displayHeight: height, sampleAspect: 1, fps: 30, variableFrameRate: false, still: false },
    audio: { codec: 'aac', channels: 2, sampleRate: 48000 },
  };
}

const media = {
  '/m/wide.mp4': info('/m/wide.mp4', 1920, 1080),
  '/m/tall.mp4': info('/m/tall.mp4', 1080, 1920, 4),
};

function project(options: { pack: string; template: string; reframe?: Reframe; tallReframe?: Reframe }): Project {
  return ProjectSchema.parse({
    kind: 'klipkota.project',
    version: 3,
    name: 'Uji tata letak',
    pack: options.pack,
    fields: { title: 'Kerja Bakti' },
    timeline: {
      tracks: {
        video: [
          { kind: 'clip', id: 'c1', media: { path: '/m/wide.mp4' }, sourceRange: { start: 30, duration: 90 }, reframe: options.reframe ?? { mode: 'crop', focusX: 0.2, focusY: 0.5 } },
          { kind: 'clip', id: 'c2', media: { path: '/m/tall.mp4' }, sourceRange: { start: 0, duration: 300 }, reframe: options.tallReframe ?? { mode: 'pad', color: 'primary' } },
        ],
        overlay: [{ kind: 'overlay', id: 'o1', template: options.template, fields: { name: 'Rina', role: 'Ketua RT', title: 'Judul', headline: 'Kerja bakti' }, start: 15, duration: 150 }],
      },
    },
  });
}

describe('frameLayout', () => {
  it('says what is on screen: intro card, the cropped clip at its source frame, the lower third and logo, the safe zone', () => {
    const preset = getPreset('tiktok');
    const p = project({ pack: 'pemkot-malang', template: 'lower-third' });
    const timing = layoutSegments({ project: p, pack: pemkot, preset, media });
    // intro 3 s, clip 1 (90), clip 2 cut to what the 4 s media has (120), outro
    expect(timing.segments.map((s) => [s.kind, s.frames])).toEqual([['intro', 90], ['clip', 90], ['clip', 120], ['outro', 90]]);
    expect(timing.contentStart).toBe(90);
    expect(timing.contentEnd).toBe(300);

    const intro = frameLayout({ project: p, pack: pemkot, preset, media, frame: 6 });
    expect(intro.card).toMatchObject({ kind: 'intro', type: 'svg', file: 'graphics/intro-9x16.svg' });
    expect(intro.card?.opacity).toBeCloseTo(0.4, 5);
    expect(intro.clip).toBeUndefined();
    expect(intro.logo).toBeUndefined();

    const inClip = frameLayout({ project: p, pack: pemkot, preset, media, frame: 90 + 40 });
    expect(inClip.clip).toMatchObject({ clipId: 'c1', sourceFrame: 70 });
    expect(inClip.clip?.picture).toEqual({ mode: 'crop', covered: { width: 3414, height: 1920 }, offset: { x: 142, y: 0 }, box: { x: -142, y: 0, width: 3414, height: 1920 } });
    const [overlay] = inClip.overlays;
    expect(overlay).toMatchObject({ id: 'o1', start: 3.5, end: 8.5, opacity: 1, x: overlay?.box.x, safe: true });
    expect(inClip.logo?.opacity).toBeCloseTo(0.9, 5);
    expect(inClip.safeZone).toEqual({ x: 60, y: 250, width: 840, height: 1210 });

    const padded = frameLayout({ project: p, pack: pemkot, preset, media, frame: 200 });
    expect(padded.clip?.picture.mode).toBe('scale');
    const outro = frameLayout({ project: p, pack: pemkot, preset, media, frame: 10_000 });
    expect(outro.index).toBe(389);
    expect(outro.card?.kind).toBe('outro');
  });

  it('places the three reframe modes as the compiler does', () => {
    const frame = { width: 1080, height: 1920 };
    const source = { width: 1920, height: 1080 };
    expect(pictureLayout({ source, frame, reframe: { mode: 'pad', color: 'primary' } }).box).toEqual({ x: 0, y: 656, width: 1080, height: 608 });
    const blur = pictureLayout({ source, frame, reframe: { mode: 'blur' } });
    expect(blur.mode === 'blur' && blur.background).toEqual({ small: { width: 270, height: 480 }, smallCover: { width: 854, height: 480 } });
    expect(safeZoneBox(getPreset('youtube').safeZone, { width: 960, height: 540 })).toEqual({ x: 48, y: 27, width: 864, height: 486 });
  });
});

/** Evaluate an overlay x/y expression of the filter graph at time t (it uses only t, pow, max and numbers). */
function evaluate(expression: string, t: number): number {
  const body = expression.replace(/^'|'$/g, '').replace(/pow/g, 'Math.pow').replace(/max/g, 'Math.max');
  expect(body).toMatch(/^[-+*/().,\d\sMathpowmx]*$/);
  return Function('t', `return ${body};`)(t) as number;
}

describe('the compiler writes its filter strings from the layout', () => {
  for (const [packName, template] of [['pemkot-malang', 'lower-third'], ['kelurahan-oro-oro-dowo', 'judul']] as const) {
    for (const presetId of ['tiktok', 'youtube'] as const) {
      it(`${packName} ${presetId}: the same boxes, windows, crop offsets and slide positions`, () => {
        const pack = packName === 'pemkot-malang' ? pemkot : kelurahan;
        const preset = getPreset(presetId);
        // the clip that needs reframing for this aspect is cropped
        const p = project({ pack: packName, template, tallReframe: { mode: 'crop', focusX: 0.5, focusY: 0.3 } });
        const plan = compileRenderPlan({ project: p, pack, preset, media });
        const timing = layoutSegments({ project: p, pack, preset, media });
        const fps = p.fps;
        // segment windows
        expect(plan.timeline.filter((s) => s.kind !== 'overlay' && s.kind !== 'logo').map((s) => [s.kind, s.id, s.startSeconds, s.endSeconds])).toEqual(
          timing.segments.map((s) => [s.kind, s.id, s.startFrame / fps, (s.startFrame + s.frames) / fps]),
        );
        expect(plan.durationFrames).toBe(timing.totalFrames);
        // the lower third and the logo: same box, same window
        const planned = plan.timeline.find((s) => s.kind === 'overlay');
        const middle = Math.round(((planned?.startSeconds ?? 0) + 2) * fps);
        const layout = frameLayout({ project: p, pack, preset, media, frame: middle });
        expect(layout.overlays[0]?.box).toEqual(planned?.box);
        expect([layout.overlays[0]?.start, layout.overlays[0]?.end]).toEqual([planned?.startSeconds, planned?.endSeconds]);
        expect(layout.logo?.box).toEqual(plan.timeline.find((s) => s.kind === 'logo')?.box);
        // the crop in the filter graph is the layout's crop
        const cropClip = timing.segments.find((s) => s.id === (presetId === 'tiktok' ? 'c1' : 'c2'));
        const picture = frameLayout({ project: p, pack, preset, media, frame: (cropClip?.startFrame ?? 0) + 5 }).clip?.picture;
        if (picture?.mode !== 'crop') throw new Error('expected the crop layout');
        expect(plan.filterGraph).toContain(`scale=${picture.covered.width}:${picture.covered.height}:`);
        expect(plan.filterGraph).toContain(`crop=${preset.width}:${preset.height}:${picture.offset.x}:${picture.offset.y}`);
        // the overlay's position expression, evaluated, is where the layout draws it (in, middle, out)
        const overlayLine = plan.filterGraph.split(';\n').find((line) => line.includes('overlay=x=') && line.includes('eof_action=pass') && !line.includes('[ov2]'));
        const [, xExpr = '', yExpr = ''] = /overlay=x=('[^']*'|\d+):y=('[^']*'|\d+)/.exec(overlayLine ?? '') ?? [];
        for (const t of [(planned?.startSeconds ?? 0) + 0.1, (planned?.startSeconds ?? 0) + 0.3, (planned?.startSeconds ?? 0) + 2, (planned?.endSeconds ?? 0) - 0.2]) {
          const at = frameLayout({ project: p, pack, preset, media, frame: Math.round(t * fps) });
          const seconds = at.seconds;
          const overlay = at.overlays[0];
          expect(overlay).toBeDefined();
          expect(evaluate(xExpr, seconds)).toBeCloseTo(overlay?.x ?? NaN, 6);
          expect(evaluate(yExpr, seconds)).toBeCloseTo(overlay?.y ?? NaN, 6);
        }
      });
    }
  }

  it('pads with the box the layout gives', () => {
    const preset = getPreset('youtube');
    const p = project({ pack: 'pemkot-malang', template: 'lower-third' });
    const plan = compileRenderPlan({ project: p, pack: pemkot, preset, media });
    const layout = frameLayout({ project: p, pack: pemkot, preset, media, frame: 90 + 90 + 10 });
    expect(layout.clip?.clipId).toBe('c2');
    const picture = layout.clip?.picture;
    if (picture?.mode !== 'pad') throw new Error('expected the pad layout');
    expect(plan.filterGraph).toContain(`pad=1920:1080:${picture.box.x}:${picture.box.y}:color=0x${(layout.clip?.padColor ?? '').slice(1).toUpperCase()}`);
    expect(picture.box).toEqual({ x: 656, y: 0, width: 608, height: 1080 });
  });

  it('eases a slide with the same cubic as the filter graph', () => {
    const box = { x: 100, y: 1500, width: 800, height: 200 };
    const animation = { in: 'slide-left' as const, out: 'fade' as const, seconds: 0.5 };
    expect(overlayMotion({ box, frame: { width: 1080, height: 1920 }, animation, start: 2, seconds: 5, t: 2 }).x).toBe(100 - 900);
    expect(overlayMotion({ box, frame: { width: 1080, height: 1920 }, animation, start: 2, seconds: 5, t: 2.25 }).x).toBeCloseTo(100 - 900 * 0.125, 6);
    expect(overlayMotion({ box, frame: { width: 1080, height: 1920 }, animation, start: 2, seconds: 5, t: 6.75 }).opacity).toBeCloseTo(0.5, 6);
  });
});
