/**
 * Intro and outro cards encoded once and joined without encoding the picture
 * again (a batch's bumper cache), with real FFmpeg: the joined export has the
 * single pass's frames and length, a clip that flashes and beeps on its first
 * and last frame still flashes and beeps together at each join (within one
 * frame), the second export takes both cards from the cache, and an entry a
 * killed encoder left half-written is never used and is swept.
 */
import { spawnSync } from 'node:child_process';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectSchema, type Project } from '@core/model/project.js';
import { resolveFfmpeg } from '../../electron/engine/ffmpeg/binaries.js';
import { probeMedia } from '../../electron/engine/ffmpeg/probe.js';
import { renderProject, type RenderOutput } from '../../electron/engine/export/render.js';
import { makeTempDir, type TempDir } from '../helpers/media.js';
import { frameAt, streams } from '../helpers/video.js';

const run = promisify(execFile);
const FPS = 30;
const CLIP_FRAMES = 60;
let temp: TempDir;

/** Black 2 s clip, white on its first and last frame, a 1 kHz beep during those two frames only. */
async function flashBeepClip(file: string): Promise<void> {
  const last = CLIP_FRAMES - 1;
  await run(resolveFfmpeg().path, [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', `color=black:s=320x180:r=${FPS}:d=2`,
    '-f', 'lavfi', '-i', 'sine=f=1000:sample_rate=48000:d=2',
    '-vf', `drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='eq(n\\,0)+eq(n\\,${last})'`,
    '-af', `volume=enable='between(t\\,${1 / FPS}\\,${last / FPS})':volume=0`,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-ar', '48000', '-ac', '2',
    '-t', '2', file,
  ]);
}

function project(clip: string, name: string): Project {
  return ProjectSchema.parse({
    kind: 'klipkota.project',
    version: 3,
    name,
    fields: { title: 'Uji Sambungan', date: '17 Agustus 2026' },
    timeline: { tracks: { video: [{ kind: 'clip', id: 'clip-1', media: { path: clip }, sourceRange: { start: 0, duration: CLIP_FRAMES } }] } },
  });
}

async function countFrames(file: string): Promise<number> {
  const ffprobe = (await import('../../electron/engine/ffmpeg/binaries.js')).resolveFfprobe().path;
  const { stdout } = await run(ffprobe, ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', file]);
  return Number(stdout.trim());
}

/** Mean brightness of every frame (0-255), from a 16x16 grey thumbnail per frame. */
async function frameBrightness(file: string): Promise<number[]> {
  const { stdout } = await run(resolveFfmpeg().path, ['-v', 'error', '-i', file, '-vf', 'scale=16:16,format=gray', '-f', 'rawvideo', '-'], { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
  const frames: number[] = [];
  for (let offset = 0; offset + 256 <= stdout.length; offset += 256) {
    let sum = 0;
    for (let index = 0; index < 256; index += 1) sum += stdout[offset + index]!;
    frames.push(sum / 256);
  }
  return frames;
}

/** Loudness per frame-long window (RMS of 16-bit mono samples). */
async function windowLevels(file: string): Promise<number[]> {
  const { stdout } = await run(resolveFfmpeg().path, ['-v', 'error', '-i', file, '-map', '0:a:0', '-ac', '1', '-ar', '48000', '-f', 's16le', '-'], { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
  const window = 48000 / FPS;
  const levels: number[] = [];
  for (let start = 0; start + window * 2 <= stdout.length; start += window * 2) {
    let sum = 0;
    for (let index = 0; index < window; index += 1) sum += stdout.readInt16LE(start + index * 2) ** 2;
    levels.push(Math.sqrt(sum / window));
  }
  return levels;
}

beforeAll(async () => {
  temp = await makeTempDir('klipkota-parts-');
  await flashBeepClip(temp.file('flash.mp4'));
  await flashBeepClip(temp.file('flash-2.mp4'));
});

afterAll(async () => {
  await temp?.remove();
});

describe('exports in parts with the bumper cache', () => {
  let single: RenderOutput;
  let parts: RenderOutput;
  const cacheDir = () => temp.file('cache');
  const log: string[] = [];

  beforeAll(async () => {
    single = (await renderProject({ project: project(temp.file('flash.mp4'), 'Satu Pass'), projectDir: temp.dir, presets: ['tiktok'], outDir: temp.file('single') }))[0]!;
    parts = (await renderProject({ project: project(temp.file('flash.mp4'), 'Bagian'), projectDir: temp.dir, presets: ['tiktok'], outDir: temp.file('parts'), bumperCacheDir: cacheDir(), log: (line) => log.push(line) }))[0]!;
  });

  it('has the single pass\'s size, frames, length and sound', async () => {
    const info = await probeMedia(parts.path);
    expect(info.video).toMatchObject({ width: 1080, height: 1920 });
    expect(info.audio).toBeDefined();
    // the copied picture keeps the preset's encoding and colour tags, the sound is AAC 48 kHz stereo
    const [video, audio] = (await streams(parts.path)).streams;
    expect(video).toMatchObject({ codec_name: 'h264', profile: 'High', pix_fmt: 'yuv420p', color_primaries: 'bt709', color_transfer: 'bt709', color_space: 'bt709' });
    expect(audio).toMatchObject({ codec_name: 'aac', sample_rate: '48000', channels: 2 });
    expect(log.filter((line) => line.includes('-f mpegts'))).toHaveLength(3);
    expect(await countFrames(parts.path)).toBe(await countFrames(single.path));
    expect(info.durationSeconds).toBeCloseTo((await probeMedia(single.path)).durationSeconds, 2);
    // the same pictures: intro card, clip, outro card
    for (const seconds of [1.5, 3.4, 6.5]) {
      const a = await frameAt(parts.path, seconds);
      const b = await frameAt(single.path, seconds);
      let diff = 0;
      for (let index = 0; index < a.rgb.length; index += 97) diff += Math.abs(a.rgb[index]! - b.rgb[index]!);
      expect(diff / Math.ceil(a.rgb.length / 97), `mean difference at ${seconds} s`).toBeLessThan(3);
    }
  });

  it('keeps each flash and its beep together at both joins, within one frame', async () => {
    const intro = parts.timeline.find((segment) => segment.kind === 'intro')!;
    const introFrames = Math.round(intro.endSeconds * FPS);
    const brightness = await frameBrightness(parts.path);
    const flashes = brightness.flatMap((value, index) => (value > 200 ? [index] : []));
    expect(flashes).toEqual([introFrames, introFrames + CLIP_FRAMES - 1]);
    const levels = await windowLevels(parts.path);
    const loudest = Math.max(...levels);
    const beeps = levels.flatMap((value, index) => (value > loudest / 4 ? [index] : []));
    const onsets = beeps.filter((index, position) => position === 0 || beeps[position - 1] !== index - 1);
    expect(onsets).toHaveLength(2);
    for (const [index, onset] of onsets.entries()) {
      console.log(`join ${index + 1}: flash at frame ${flashes[index]}, beep from frame ${onset}`);
      expect(Math.abs(onset - flashes[index]!)).toBeLessThanOrEqual(1);
    }
  });

  it('takes both cards from the cache for the next video and never uses a half-written entry', async () => {
    const entries = readdirSync(cacheDir()).filter((name) => name.endsWith('.ts'));
    expect(entries).toHaveLength(2);
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    const halfWritten = path.join(cacheDir(), `${'0'.repeat(40)}.ts.${gone}-0a1b2c3d.part`);
    writeFileSync(halfWritten, 'half');
    const second: string[] = [];
    const [next] = await renderProject({ project: project(temp.file('flash-2.mp4'), 'Bagian Dua'), projectDir: temp.dir, presets: ['tiktok'], outDir: temp.file('parts'), bumperCacheDir: cacheDir(), log: (line) => second.push(line) });
    expect(second.filter((line) => line.includes('from the bumper cache'))).toHaveLength(2);
    // one audio measure, one audio apply, the body, the join: no card encoded again
    expect(second.filter((line) => line.includes('-f mpegts'))).toHaveLength(1);
    expect(await countFrames(next!.path)).toBe(await countFrames(parts.path));
    // a different title makes a different intro
    const other = project(temp.file('flash-2.mp4'), 'Judul Lain');
    other.fields.title = 'Judul Lain';
    const third: string[] = [];
    await renderProject({ project: other, projectDir: temp.dir, presets: ['tiktok'], outDir: temp.file('parts'), bumperCacheDir: cacheDir(), log: (line) => third.push(line) });
    expect(third.filter((line) => line.includes('from the bumper cache'))).toHaveLength(1);
    expect(readdirSync(cacheDir()).filter((name) => name.endsWith('.ts'))).toHaveLength(3);
    expect(existsSync(halfWritten)).toBe(false);
  });
});
