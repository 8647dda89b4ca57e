/**
 * The render engine end to end with real FFmpeg, on clips generated here: sizes,
 * durations, codecs, faststart, loudness, and pixels at chosen times (intro,
 * lower third inside and outside its window, logo, reframe modes, outro).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectSchema, type Project, type ProjectInput } from '@core/model/project.js';
import type { PlanSegment } from '@core/plan/types.js';
import { loadBuiltInPack } from '../../electron/engine/pack/load.js';
import { renderProject } from '../../electron/engine/export/render.js';
import { makeSampleClip, makeSampleMusic } from '../../electron/engine/media/samples.js';
import { fileForAspect } from '@core/pack/manifest.js';
import type { ResolvedPack } from '@core/pack/resolved.js';
import { makeTempDir, type TempDir } from '../helpers/media.js';
import { colorDistance, frameAt, hexToRgb, loudness, packGraphicPoint, pixel, streams, topLevelAtoms, type Rgb } from '../helpers/video.js';

let temp: TempDir;
let pack: ResolvedPack;
const GREEN = '0x20C040';
const MAGENTA = '0xC020A0';

function project(options: { clips: { path: string; frames: number; reframe?: ProjectInput['timeline']['tracks']['video'][number] extends infer T ? T extends { reframe?: infer R } ? R : never : never }[]; music?: string; overlay?: boolean }): Project {
  return ProjectSchema.parse({
    kind: 'klipkota.project',
    version: 3,
    name: 'Uji Render',
    fps: 30,
    fields: { title: 'Uji Render KlipKota', date: '30 November 2026' },
    timeline: {
      tracks: {
        video: options.clips.map((clip, index) => ({
          kind: 'clip',
          id: `clip-${index + 1}`,
          media: { path: clip.path },
          sourceRange: { start: 0, duration: clip.frames },
          ...(clip.reframe ? { reframe: clip.reframe } : {}),
        })),
        overlay: options.overlay
          ? [{ kind: 'overlay', id: 'lt-1', template: 'lower-third', fields: { name: 'Rina Kusumawardani', role: 'Admin KIM Kauman' }, start: 15, duration: 45 }]
          : [],
        audio: options.music ? [{ kind: 'music', id: 'music-1', media: { path: options.music }, volume: 0.3 }] : [],
      },
    },
  } satisfies ProjectInput);
}

function graphicPoint(options: { packPath: string; width: number; height: number; fields?: Record<string, string>; radius?: number }) {
  return packGraphicPoint({ ...options, pack, dir: temp.dir });
}

function segment(timeline: PlanSegment[], kind: PlanSegment['kind']): PlanSegment {
  const found = timeline.find((item) => item.kind === kind);
  expect(found, kind).toBeDefined();
  return found!;
}

const isGreen = (rgb: Rgb) => rgb[1] > rgb[0] + 50 && rgb[1] > rgb[2] + 50;
const isMagenta = (rgb: Rgb) => rgb[0] > rgb[1] + 60 && rgb[2] > rgb[1] + 40;

beforeAll(async () => {
  temp = await makeTempDir('klipkota-render-');
  pack = await loadBuiltInPack();
  await Promise.all([
    makeSampleClip({ path: temp.file('green.mp4'), seconds: 3, width: 640, height: 360, pattern: 'color', color: GREEN, audio: { frequency: 440 } }),
    makeSampleClip({ path: temp.file('phone.mp4'), seconds: 2, width: 640, height: 360, fps: 25, rotation: 90, pattern: 'color', color: MAGENTA, audio: { sampleRate: 44100, channels: 1, frequency: 300 } }),
  ]);
  await Promise.all([
    makeSampleClip({ path: temp.file('silent.mp4'), seconds: 2, width: 480, height: 360, pattern: 'color', color: GREEN, audio: false }),
    makeSampleMusic({ path: temp.file('music.m4a'), seconds: 4 }),
  ]);
});

afterAll(async () => {
  await temp?.remove();
});

describe('9:16 export (TikTok) with blur fill, a rotated phone clip, a silent clip, music and a lower third', () => {
  let output: Awaited<ReturnType<typeof renderProject>>[number];

  beforeAll(async () => {
    const outputs = await renderProject({
      project: project({
        clips: [
          { path: temp.file('green.mp4'), frames: 90 },
          { path: temp.file('phone.mp4'), frames: 60 },
          { path: temp.file('silent.mp4'), frames: 60 },
        ],
        music: temp.file('music.m4a'),
        overlay: true,
      }),
      projectDir: temp.dir,
      presets: ['tiktok'],
      outDir: temp.file('out-916'),
    });
    output = outputs[0]!;
  });

  it('is a 1080x1920 H.264 High yuv420p BT.709 file with 48 kHz stereo AAC, moov before mdat', async () => {
    expect(output.path).toBe(path.join(temp.file('out-916'), 'uji-render-tiktok.mp4'));
    const probe = await streams(output.path);
    const video = probe.streams.find((stream) => stream.codec_type === 'video')!;
    const audio = probe.streams.find((stream) => stream.codec_type === 'audio')!;
    expect([video.codec_name, video.profile, video.width, video.height, video.pix_fmt]).toEqual(['h264', 'High', 1080, 1920, 'yuv420p']);
    expect([video.color_space, video.color_primaries, video.color_transfer]).toEqual(['bt709', 'bt709', 'bt709']);
    expect(video.r_frame_rate).toBe('30/1');
    expect([audio.codec_name, audio.sample_rate, audio.channels]).toEqual(['aac', '48000', 2]);
    const atoms = await topLevelAtoms(output.path);
    expect(atoms.indexOf('moov')).toBeGreaterThan(-1);
    expect(atoms.indexOf('moov')).toBeLessThan(atoms.indexOf('mdat'));
  });

  it('lasts intro + clips + outro to within one frame, sound and picture alike', async () => {
    const expected = 3 + 3 + 2 + 2 + 3;
    expect(output.durationSeconds).toBeCloseTo(expected, 5);
    const probe = await streams(output.path);
    const video = probe.streams.find((stream) => stream.codec_type === 'video')!;
    const audio = probe.streams.find((stream) => stream.codec_type === 'audio')!;
    expect(Number(video.nb_frames)).toBe(expected * 30);
    expect(Math.abs(Number(audio.duration) - expected)).toBeLessThanOrEqual(1 / 30 + 0.03);
  });

  it('is normalised to -14 LUFS (within 1 LU) with true peak at most -1 dBTP', async () => {
    const measured = await loudness(output.path);
    expect(Math.abs(measured.integrated + 14)).toBeLessThanOrEqual(1);
    expect(measured.truePeak).toBeLessThanOrEqual(-1);
  });

  it('shows the intro card, then the outro card', async () => {
    const intro = await graphicPoint({ packPath: fileForAspect(pack.manifest.intro!.file, '9:16'), width: 1080, height: 1920, fields: { title: 'Uji Render KlipKota', date: '30 November 2026' } });
    const introFrame = await frameAt(output.path, 1.5);
    expect(colorDistance(pixel(introFrame, intro.x, intro.y), intro.rgb)).toBeLessThanOrEqual(24);
    const outro = await graphicPoint({ packPath: fileForAspect(pack.manifest.outro!.file, '9:16'), width: 1080, height: 1920, fields: { website: 'malangkota.go.id' } });
    const outroFrame = await frameAt(output.path, output.durationSeconds - 1.5);
    expect(colorDistance(pixel(outroFrame, outro.x, outro.y), outro.rgb)).toBeLessThanOrEqual(24);
    expect(isGreen(pixel(outroFrame, outro.x, outro.y))).toBe(false);
  });

  it('shows the lower third during its window and not after it', async () => {
    const window = segment(output.timeline, 'overlay');
    expect(window.startSeconds).toBeCloseTo(3.5, 5);
    expect(window.endSeconds).toBeCloseTo(5, 5);
    const box = window.box!;
    const point = await graphicPoint({ packPath: 'graphics/lower-third.svg', width: box.width, height: box.height, fields: { name: 'Rina Kusumawardani', role: 'Admin KIM Kauman' } });
    const during = await frameAt(output.path, 4.6);
    expect(colorDistance(pixel(during, box.x + point.x, box.y + point.y), point.rgb)).toBeLessThanOrEqual(24);
    const after = await frameAt(output.path, 5.6);
    expect(isGreen(pixel(after, box.x + point.x, box.y + point.y))).toBe(true);
    const before = await frameAt(output.path, 3.2);
    expect(isGreen(pixel(before, box.x + point.x, box.y + point.y))).toBe(true);
  });

  it('shows the logo over the clips but not over the intro', async () => {
    const logo = segment(output.timeline, 'logo');
    const box = logo.box!;
    const point = await graphicPoint({ packPath: pack.manifest.logo!.file, width: box.width, height: box.height, radius: 2 });
    const during = pixel(await frameAt(output.path, 6), box.x + point.x, box.y + point.y);
    const opacity = pack.manifest.logo!.opacity;
    expect(colorDistance(during, point.rgb)).toBeLessThanOrEqual(24 + (1 - opacity) * 255);
    expect(isGreen(during)).toBe(false);
    const intro = pixel(await frameAt(output.path, 1.5), box.x + point.x, box.y + point.y);
    expect(colorDistance(intro, point.rgb)).toBeGreaterThan(10);
  });

  it('fills 9:16 around a 16:9 clip with its own blurred picture, and fills the frame with the rotated phone clip', async () => {
    const clip = await frameAt(output.path, 4.2);
    expect(isGreen(pixel(clip, 540, 960))).toBe(true);
    expect(isGreen(pixel(clip, 540, 100))).toBe(true);
    const phone = await frameAt(output.path, 7);
    for (const [x, y] of [[20, 20], [540, 960], [1060, 1900]] as const) expect(isMagenta(pixel(phone, x, y))).toBe(true);
  });
});

describe('16:9 export (YouTube) with crop and pad', () => {
  it('crops a portrait phone clip to fill the frame and pads a 4:3 clip with the brand colour', async () => {
    const [output] = await renderProject({
      project: {
        ...project({
          clips: [
            { path: temp.file('phone.mp4'), frames: 60, reframe: { mode: 'crop', focusX: 0.5, focusY: 0.5 } },
            { path: temp.file('silent.mp4'), frames: 60, reframe: { mode: 'pad', color: 'primary' } },
          ],
        }),
        intro: false,
        outro: false,
      },
      projectDir: temp.dir,
      presets: ['youtube'],
      outDir: temp.file('out-169'),
    });
    const probe = await streams(output!.path);
    const video = probe.streams.find((stream) => stream.codec_type === 'video')!;
    expect([video.width, video.height, Number(video.nb_frames)]).toEqual([1920, 1080, 120]);
    expect(probe.streams.some((stream) => stream.codec_type === 'audio')).toBe(true);
    const cropped = await frameAt(output!.path, 1);
    for (const [x, y] of [[10, 540], [960, 540], [1910, 1070]] as const) expect(isMagenta(pixel(cropped, x, y))).toBe(true);
    const padded = await frameAt(output!.path, 3);
    const primary = hexToRgb(pack.manifest.colors.primary!);
    expect(colorDistance(pixel(padded, 30, 540), primary)).toBeLessThanOrEqual(16);
    expect(isGreen(pixel(padded, 960, 540))).toBe(true);
  });

  it('pads a 16:9 clip in 9:16 with the brand colour above and below', async () => {
    const [output] = await renderProject({
      project: { ...project({ clips: [{ path: temp.file('green.mp4'), frames: 30, reframe: { mode: 'pad', color: 'primary' } }] }), intro: false, outro: false, logo: false },
      projectDir: temp.dir,
      presets: ['reels'],
      outDir: temp.file('out-pad'),
    });
    const frame = await frameAt(output!.path, 0.5);
    const primary = hexToRgb(pack.manifest.colors.primary!);
    expect(colorDistance(pixel(frame, 540, 100), primary)).toBeLessThanOrEqual(16);
    expect(colorDistance(pixel(frame, 540, 1800), primary)).toBeLessThanOrEqual(16);
    expect(isGreen(pixel(frame, 540, 960))).toBe(true);
  });
});

describe('odd media', () => {
  it('takes an odd-sized yuv444p clip, a still image and a gap, each for exactly its frames', async () => {
    await makeSampleClip({ path: temp.file('odd.mp4'), seconds: 1, width: 321, height: 241, fps: 24, pattern: 'color', color: GREEN });
    const { execFile } = await import('node:child_process');
    const { resolveFfmpeg } = await import('../../electron/engine/ffmpeg/binaries.js');
    await new Promise<void>((resolve, reject) =>
      execFile(resolveFfmpeg().path, ['-v', 'error', '-f', 'lavfi', '-i', `color=c=${MAGENTA}:s=300x500`, '-frames:v', '1', '-y', temp.file('poster.png')], (error) => (error ? reject(error) : resolve())),
    );
    const base = project({ clips: [{ path: temp.file('odd.mp4'), frames: 24 }, { path: temp.file('poster.png'), frames: 30 }] });
    const withGap: Project = {
      ...base,
      intro: false,
      outro: false,
      timeline: { ...base.timeline, tracks: { ...base.timeline.tracks, video: [...base.timeline.tracks.video, { kind: 'gap', id: 'gap-1', duration: 15 }] } },
    };
    const [output] = await renderProject({ project: withGap, projectDir: temp.dir, presets: ['youtube'], outDir: temp.file('out-odd') });
    const probe = await streams(output!.path);
    const video = probe.streams.find((stream) => stream.codec_type === 'video')!;
    expect([video.width, video.height, video.pix_fmt, Number(video.nb_frames)]).toEqual([1920, 1080, 'yuv420p', 24 + 30 + 15]);
    expect(isGreen(pixel(await frameAt(output!.path, 0.4), 960, 540))).toBe(true);
    expect(isMagenta(pixel(await frameAt(output!.path, 1.3), 960, 540))).toBe(true);
    const gap = pixel(await frameAt(output!.path, 2.1), 960, 540);
    expect(Math.max(...gap)).toBeLessThan(30);
  });
});

describe('a clip whose sound runs longer than its picture', () => {
  it('keeps the next clip, the sound and the picture in step', async () => {
    const { execFile } = await import('node:child_process');
    const { resolveFfmpeg } = await import('../../electron/engine/ffmpeg/binaries.js');
    const file = temp.file('long-sound.mp4');
    await new Promise<void>((resolve, reject) =>
      execFile(
        resolveFfmpeg().path,
        ['-v', 'error', '-f', 'lavfi', '-i', `color=c=${MAGENTA}:s=320x180:r=30:d=1`, '-f', 'lavfi', '-i', 'sine=frequency=500:duration=2', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-y', file],
        (error) => (error ? reject(error) : resolve()),
      ),
    );
    const [output] = await renderProject({
      project: { ...project({ clips: [{ path: file, frames: 60 }, { path: temp.file('green.mp4'), frames: 30 }] }), intro: false, outro: false, logo: false },
      projectDir: temp.dir,
      presets: ['youtube'],
      outDir: temp.file('out-long-sound'),
    });
    expect(output!.durationSeconds).toBeCloseTo(2, 5);
    const probe = await streams(output!.path);
    const video = probe.streams.find((stream) => stream.codec_type === 'video')!;
    const audio = probe.streams.find((stream) => stream.codec_type === 'audio')!;
    expect(Number(video.nb_frames)).toBe(60);
    expect(Math.abs(Number(audio.duration) - 2)).toBeLessThanOrEqual(1 / 30 + 0.03);
    expect(isMagenta(pixel(await frameAt(output!.path, 0.5), 960, 540))).toBe(true);
    expect(isGreen(pixel(await frameAt(output!.path, 1.5), 960, 540))).toBe(true);
  });
});

describe('what a crash left behind', () => {
  it('removes a stale .part of the same output, and keeps a fresh one that a running export may own', async () => {
    const { mkdir, utimes, writeFile: write } = await import('node:fs/promises');
    const { existsSync } = await import('node:fs');
    const outDir = temp.file('out-stale');
    await mkdir(outDir, { recursive: true });
    const stale = path.join(outDir, 'uji-render-youtube.mp4.dead0001.part');
    const fresh = path.join(outDir, 'uji-render-youtube.mp4.live0002.part');
    const other = path.join(outDir, 'lain-youtube.mp4.dead0003.part');
    for (const file of [stale, fresh, other]) await write(file, 'half a video');
    const old = new Date(Date.now() - 60 * 60 * 1000);
    await utimes(stale, old, old);
    await utimes(other, old, old);
    await renderProject({
      project: { ...project({ clips: [{ path: temp.file('green.mp4'), frames: 15 }] }), intro: false, outro: false },
      projectDir: temp.dir,
      presets: ['youtube'],
      outDir,
    });
    expect([existsSync(stale), existsSync(fresh), existsSync(other)]).toEqual([false, true, true]);
  });
});

describe('refusals', () => {
  it('never overwrites an existing file unless asked', async () => {
    const outDir = temp.file('out-exists');
    const request = {
      project: { ...project({ clips: [{ path: temp.file('green.mp4'), frames: 15 }] }), intro: false, outro: false },
      projectDir: temp.dir,
      presets: ['youtube'],
      outDir,
    };
    const [first] = await renderProject(request);
    await writeFile(first!.path, 'precious');
    await expect(renderProject(request)).rejects.toMatchObject({ code: 'output-exists', kind: 'bad-input' });
    const [again] = await renderProject({ ...request, overwrite: true });
    expect(again!.bytes).toBeGreaterThan(1000);
  });
});
