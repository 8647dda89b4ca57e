/**
 * The RenderPlan compiler alone (pure): what it decides from a project, a pack,
 * a preset and probe results, with no FFmpeg run.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { MediaInfo } from '@core/media.js';
import { ProjectSchema, type Project } from '@core/model/project.js';
import type { ResolvedPack } from '@core/pack/resolved.js';
import { compileRenderPlan, usableFrames } from '@core/plan/compile.js';
import { getPreset } from '@core/presets.js';
import { loadBuiltInPack } from '../../electron/engine/pack/load.js';

let pack: ResolvedPack;
beforeAll(async () => {
  pack = await loadBuiltInPack();
});

function video(path: string, options: Partial<NonNullable<MediaInfo['video']>> & { seconds?: number; audio?: boolean } = {}): MediaInfo {
  const { seconds = 10, audio = true, ...rest } = options;
  return {
    path,
    format: 'mov,mp4,m4a,3gp,3g2,mj2',
    durationSeconds: seconds,
    sizeBytes: 1000,
    video: { codec: 'h264', width: 1920, height: 1080, rotation: 0, displayWidth: 1920, displayHeight: 1080, sampleAspect: 1, fps: 30, variableFrameRate: false, still: false, ...rest },
    ...(audio ? { audio: { codec: 'aac', channels: 2, sampleRate: 48000 } } : {}),
  };
}

function project(overrides: Partial<{ clips: { path: string; start?: number; frames: number }[]; overlays: Project['timeline']['tracks']['overlay']; fields: Record<string, string> }>): Project {
  return ProjectSchema.parse({
    kind: 'klipkota.project',
    version: 3,
    name: 'Uji',
    fields: overrides.fields ?? {},
    timeline: {
      tracks: {
        video: (overrides.clips ?? [{ path: '/media/a.mp4', frames: 90 }]).map((clip, index) => ({
          kind: 'clip',
          id: `clip-${index + 1}`,
          media: { path: clip.path },
          sourceRange: { start: clip.start ?? 0, duration: clip.frames },
        })),
        overlay: overrides.overlays ?? [],
      },
    },
  });
}

describe('compileRenderPlan', () => {
  it('keeps user text and file paths out of the filter graph', () => {
    const hostile = `'; [x] drawtext=evil:f=/etc/passwd,movie=/x`;
    const path = "/media/Rapat RT; 05 [final]'s.mp4";
    const plan = compileRenderPlan({
      project: project({
        clips: [{ path, frames: 60 }],
        fields: { title: hostile },
        overlays: [{ kind: 'overlay', id: 'o1', template: 'lower-third', fields: { name: hostile, role: hostile }, start: 0, duration: 30 }],
      }),
      pack,
      preset: getPreset('tiktok'),
      media: { [path]: video(path) },
    });
    for (const graph of [plan.filterGraph, plan.audio.filterGraph]) {
      expect(graph).not.toContain('evil');
      expect(graph).not.toContain('passwd');
      expect(graph).not.toContain('Rapat');
      expect(graph).not.toContain('/etc');
      expect(graph).not.toContain('/media');
    }
    expect(plan.inputs.some((input) => input.kind === 'file' && input.path === path)).toBe(true);
    const raster = plan.inputs.filter((input) => input.kind === 'raster');
    expect(raster.some((input) => input.kind === 'raster' && input.request.fields.name === hostile.trim())).toBe(true);
  });

  it('adds intro and outro to the duration and seeks into the clip with -ss', () => {
    const plan = compileRenderPlan({ project: project({ clips: [{ path: '/m/a.mp4', start: 45, frames: 90 }] }), pack, preset: getPreset('youtube'), media: { '/m/a.mp4': video('/m/a.mp4') } });
    expect(plan.durationFrames).toBe(90 + 90 + 90);
    expect(plan.durationSeconds).toBe(9);
    const clipInput = plan.inputs.find((input) => input.kind === 'file');
    // one decoder thread up to 1080p, then the seek
    expect(clipInput?.before.slice(0, 4)).toEqual(['-threads', '1', '-ss', '1.5']);
    expect(plan.outputArgs).toEqual(expect.arrayContaining(['-profile:v', 'high', '-pix_fmt', 'yuv420p', '-g', '15', '-bf', '2', '-an', '-f', 'mp4']));
    expect(plan.soundArgs).toEqual(['-c:a', 'aac', '-b:a', '384k', '-ar', '48000', '-ac', '2']);
    expect(plan.timeline.map((segment) => segment.kind)).toEqual(['intro', 'clip', 'outro', 'logo']);
  });

  it('decodes a 4K clip with two threads, and joins neighbouring clips of the same source size into one reframing chain', () => {
    const media = { '/m/a.mp4': video('/m/a.mp4', { width: 3840, height: 2160, displayWidth: 3840, displayHeight: 2160 }), '/m/b.mp4': video('/m/b.mp4'), '/m/c.mp4': video('/m/c.mp4') };
    const clips = [{ path: '/m/a.mp4', frames: 30 }, { path: '/m/b.mp4', frames: 30 }, { path: '/m/c.mp4', frames: 30 }];
    const plan = compileRenderPlan({ project: project({ clips }), pack, preset: getPreset('tiktok'), media });
    const threads = plan.inputs.flatMap((input) => (input.kind === 'file' ? [input.before.slice(0, 2).join(' ')] : []));
    expect(threads).toEqual(['-threads 2', '-threads 1', '-threads 1']);
    // the 4K clip alone, the two 1080p clips joined before one blur fill
    expect(plan.filterGraph.match(/boxblur/g)).toHaveLength(2);
    expect(plan.filterGraph).toMatch(/\[q\d+\]\[q\d+\]concat=n=2:v=1:a=0\[j\d+\]/);
    const apart = compileRenderPlan({ project: project({ clips }), pack, preset: getPreset('tiktok'), media, reframePerClip: true });
    expect(apart.filterGraph.match(/boxblur/g)).toHaveLength(3);
  });

  it('counts the picture, not the sound, when a clip\'s video ends first', () => {
    const info = video('/m/short.mp4', { seconds: 2, durationSeconds: 1 });
    expect(usableFrames(project({ clips: [{ path: '/m/short.mp4', frames: 60 }] }).timeline.tracks.video[0] as never, info, 30)).toBe(30);
  });

  it('cuts a range past the end of the media, and refuses one that starts after it', () => {
    const media = { '/m/a.mp4': video('/m/a.mp4', { seconds: 2 }) };
    const plan = compileRenderPlan({ project: { ...project({ clips: [{ path: '/m/a.mp4', frames: 300 }] }), intro: false, outro: false }, pack, preset: getPreset('youtube'), media });
    expect(plan.durationFrames).toBe(60);
    expect(() =>
      compileRenderPlan({ project: project({ clips: [{ path: '/m/a.mp4', start: 90, frames: 30 }] }), pack, preset: getPreset('youtube'), media }),
    ).toThrow(expect.objectContaining({ code: 'clip-out-of-range' }));
  });

  it('fills blank fields with their defaults (as the preview does) and refuses a blank required one', () => {
    const base = { pack, preset: getPreset('tiktok'), media: { '/media/a.mp4': video('/media/a.mp4') } };
    const plan = compileRenderPlan({ ...base, project: project({ fields: { website: '  ' } }) });
    const outro = plan.inputs.find((input) => input.kind === 'raster' && input.request.svgPath.includes('outro'));
    expect(outro?.kind === 'raster' && outro.request.fields.website).toBe('malangkota.go.id');
    expect(() =>
      compileRenderPlan({ ...base, project: project({ overlays: [{ kind: 'overlay', id: 'o1', template: 'lower-third', fields: { name: ' ', role: 'x' }, start: 0, duration: 30 }] }) }),
    ).toThrow(expect.objectContaining({ code: 'field-required', kind: 'bad-input' }));
    expect(() =>
      compileRenderPlan({ ...base, project: project({ overlays: [{ kind: 'overlay', id: 'o1', template: 'lower-third', fields: { name: 'x'.repeat(61) }, start: 0, duration: 30 }] }) }),
    ).toThrow(expect.objectContaining({ code: 'field-too-long' }));
  });

  it('never writes a negative fade when a pack fades longer than its card', () => {
    const shortCards: ResolvedPack = {
      ...pack,
      manifest: { ...pack.manifest, intro: { ...pack.manifest.intro!, seconds: 0.5, animation: { in: 'fade', out: 'fade', seconds: 3 } } as never },
    };
    const plan = compileRenderPlan({ project: project({}), pack: shortCards, preset: getPreset('youtube'), media: { '/media/a.mp4': video('/media/a.mp4') } });
    expect(plan.filterGraph).not.toMatch(/st=-/);
    expect(plan.filterGraph).toContain('fade=t=out:st=0.25:d=0.25');
  });

  it('warns about an overlay after the end and text outside a safe zone, and refuses an unknown template', () => {
    const media = { '/m/a.mp4': video('/m/a.mp4', { seconds: 2 }) };
    const plan = compileRenderPlan({
      project: project({ clips: [{ path: '/m/a.mp4', frames: 60 }], overlays: [{ kind: 'overlay', id: 'late', template: 'lower-third', fields: { name: 'A' }, start: 90, duration: 30 }] }),
      pack,
      preset: getPreset('tiktok'),
      media,
    });
    expect(plan.warnings.map((warning) => warning.code)).toContain('overlay-outside');
    expect(() =>
      compileRenderPlan({ project: project({ overlays: [{ kind: 'overlay', id: 'x', template: 'nope', fields: {}, start: 0, duration: 30 }] }), pack, preset: getPreset('tiktok'), media: { '/media/a.mp4': video('/media/a.mp4') } }),
    ).toThrow(expect.objectContaining({ code: 'template-unknown' }));
  });

  it('refuses an audio-only file as a clip and a project with no clips', () => {
    const voice: MediaInfo = { path: '/m/v.m4a', format: 'mov,mp4', durationSeconds: 3, sizeBytes: 10, audio: { codec: 'aac', channels: 1, sampleRate: 44100 } };
    expect(() => compileRenderPlan({ project: project({ clips: [{ path: '/m/v.m4a', frames: 30 }] }), pack, preset: getPreset('tiktok'), media: { '/m/v.m4a': voice } })).toThrow(
      expect.objectContaining({ code: 'media-no-video' }),
    );
    expect(() => compileRenderPlan({ project: project({ clips: [] }), pack, preset: getPreset('tiktok'), media: {} })).toThrow(expect.objectContaining({ code: 'project-empty' }));
  });

  it('warns when the video is longer than the platform allows', () => {
    const media = { '/m/long.mp4': video('/m/long.mp4', { seconds: 200 }) };
    const plan = compileRenderPlan({ project: project({ clips: [{ path: '/m/long.mp4', frames: 200 * 30 }] }), pack, preset: getPreset('shorts'), media });
    expect(plan.warnings.map((warning) => warning.code)).toContain('too-long');
  });
});

describe('nameRoleTemplate', () => {
  it("finds each pack's speaker template by its fields, not its id", async () => {
    const { nameRoleTemplate } = await import('@core/pack/templates.js');
    const { loadPackFolder, builtInPacksDir } = await import('../../electron/engine/pack/load.js');
    const kelurahan = await loadPackFolder({ dir: `${builtInPacksDir()}/kelurahan-oro-oro-dowo` });
    expect(nameRoleTemplate(pack.manifest)?.id).toBe('lower-third');
    expect(nameRoleTemplate(kelurahan.manifest)?.id).toBe('nama-jabatan');
    expect(nameRoleTemplate({ ...pack.manifest, overlays: [] })).toBeUndefined();
  });
});

describe('built-in packs and the platforms\' safe zones', () => {
  it('keep every overlay and the logo inside the safe zone of every preset', async () => {
    const { readdir } = await import('node:fs/promises');
    const { loadPackFolder, builtInPacksDir } = await import('../../electron/engine/pack/load.js');
    const { placeGraphic, insideSafeZone } = await import('@core/geometry.js');
    const { fileForAspect } = await import('@core/pack/manifest.js');
    const { PRESET_IDS, aspectOf } = await import('@core/presets.js');
    const outside: string[] = [];
    const ids = await readdir(builtInPacksDir());
    expect(ids.length).toBeGreaterThanOrEqual(2);
    for (const id of ids) {
      const builtIn = await loadPackFolder({ dir: `${builtInPacksDir()}/${id}` });
      for (const presetId of PRESET_IDS) {
        const preset = getPreset(presetId);
        const aspect = aspectOf(preset);
        const frame = { width: preset.width, height: preset.height };
        const reference = aspect === '9:16' ? { width: 1080, height: 1920 } : { width: 1920, height: 1080 };
        const graphics = [
          ...builtIn.manifest.overlays.map((overlay) => ({ name: overlay.id, placement: overlay.placement, file: fileForAspect(overlay.file, aspect) })),
          ...(builtIn.manifest.logo ? [{ name: 'logo', placement: builtIn.manifest.logo.placement, file: builtIn.manifest.logo.file }] : []),
        ];
        for (const graphic of graphics) {
          const box = placeGraphic({ placement: graphic.placement, aspect, frame, intrinsic: builtIn.graphicSizes[graphic.file]! });
          if (!insideSafeZone(box, frame, preset.safeZone, reference)) outside.push(`${id} ${presetId} ${graphic.name} ${JSON.stringify(box)}`);
        }
      }
    }
    expect(outside).toEqual([]);
  });
});

describe('withDefaultFields', () => {
  it('fills the title from the project name and the date of the export, keeping what the admin typed', async () => {
    const { withDefaultFields } = await import('@core/model/fields.js');
    const date = new Date(2026, 10, 30);
    expect(withDefaultFields(project({}), { date, language: 'id' }).fields).toEqual({ title: 'Uji', date: '30 November 2026' });
    expect(withDefaultFields(project({ fields: { title: 'Kerja bakti', date: ' ' } }), { date, language: 'en' }).fields).toEqual({ title: 'Kerja bakti', date: '30 November 2026' });
  });
});
