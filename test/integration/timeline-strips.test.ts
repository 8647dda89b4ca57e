/**
 * Timeline thumbnails and waveforms with real FFmpeg on generated media:
 * the right picture near the asked time, a disk cache keyed by the file's
 * content (a changed file gets new ones), a pool that runs at most two FFmpeg
 * processes, peaks per 1/100 s that follow the sound, and the API channels.
 */
import { existsSync } from 'node:fs';
import { readdir, utimes, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../electron/engine/api/index.js';
import { timelineCacheDir } from '../../electron/engine/api/timeline.js';
import { runFfmpeg } from '../../electron/engine/ffmpeg/runner.js';
import { createWorkPool } from '../../electron/engine/media/pool.js';
import { createMediaStrips, mediaCacheKey, peaksOfPcm, STRIP_THUMBNAIL_HEIGHT } from '../../electron/engine/media/strips.js';
import { makeTempDir, type TempDir } from '../helpers/media.js';
import { colorDistance, frameAt, pixel } from '../helpers/video.js';

let temp: TempDir;
let clip: string;
let sound: string;

/** 2 s red then 2 s blue, 320x180, a key frame every second */
async function makeTwoColourClip(file: string): Promise<void> {
  await runFfmpeg({
    args: [
      '-f', 'lavfi', '-i', 'color=c=red:size=320x180:rate=30:duration=2',
      '-f', 'lavfi', '-i', 'color=c=blue:size=320x180:rate=30:duration=2',
      '-filter_complex', '[0:v][1:v]concat=n=2:v=1:a=0[v]',
      '-map', '[v]', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '30', '-y', file,
    ],
  });
}

/** 1 s of silence then 1 s of a loud tone, mono WAV */
async function makeSilenceThenTone(file: string): Promise<void> {
  await runFfmpeg({
    args: [
      '-f', 'lavfi', '-i', 'anullsrc=channel_layout=mono:sample_rate=48000',
      '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=1',
      '-filter_complex', '[0:a]atrim=duration=1[s];[1:a]volume=4[t];[s][t]concat=n=2:v=0:a=1[a]',
      '-map', '[a]', '-c:a', 'pcm_s16le', '-y', file,
    ],
  });
}

async function colourOf(dataUrl: string, name: string): Promise<[number, number, number]> {
  const file = temp.file(`${name}.jpg`);
  await writeFile(file, Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'));
  const frame = await frameAt(file, 0);
  expect(frame.height).toBe(STRIP_THUMBNAIL_HEIGHT);
  return pixel(frame, frame.width / 2, frame.height / 2);
}

beforeAll(async () => {
  temp = await makeTempDir('klipkota-strips-');
  clip = temp.file('merah-biru.mp4');
  sound = temp.file('hening-nada.wav');
  await makeTwoColourClip(clip);
  await makeSilenceThenTone(sound);
});

afterAll(async () => {
  await temp?.remove();
});

describe('timeline thumbnails', () => {
  it('shows the picture near the asked time, small, and caches it on disk per file', async () => {
    const cacheDir = temp.file('cache-a');
    const strips = createMediaStrips({ cacheDir });
    const red = await strips.thumbnail({ path: clip, atSeconds: 0.5 });
    const blue = await strips.thumbnail({ path: clip, atSeconds: 3 });
    expect(colorDistance(await colourOf(red, 'red'), [255, 0, 0])).toBeLessThan(40);
    expect(colorDistance(await colourOf(blue, 'blue'), [0, 0, 255])).toBeLessThan(40);
    const folder = `${cacheDir}/${await mediaCacheKey(clip)}`;
    expect((await readdir(folder)).sort()).toEqual(['thumb-3000.jpg', 'thumb-500.jpg']);
    // a second engine on the same cache answers from disk, identically
    expect(await createMediaStrips({ cacheDir }).thumbnail({ path: clip, atSeconds: 3 })).toBe(blue);
  });

  it('falls back to the first frame past the end', async () => {
    const strips = createMediaStrips({ cacheDir: temp.file('cache-b') });
    const late = await strips.thumbnail({ path: clip, atSeconds: 60 });
    expect(colorDistance(await colourOf(late, 'late'), [255, 0, 0])).toBeLessThan(40);
  });

  it('gives a changed file a new cache key', async () => {
    const before = await mediaCacheKey(clip);
    await utimes(clip, new Date(), new Date(Date.now() + 5000));
    expect(await mediaCacheKey(clip)).not.toBe(before);
  });

  it('runs at most two FFmpeg processes at a time however many are asked for', async () => {
    const strips = createMediaStrips({ cacheDir: temp.file('cache-c'), concurrency: 2 });
    const times = [0, 0.4, 0.8, 1.2, 1.6, 2.0, 2.4, 2.8, 3.2, 3.6];
    const thumbs = await Promise.all(times.map((atSeconds) => strips.thumbnail({ path: clip, atSeconds })));
    expect(new Set(thumbs).size).toBeGreaterThan(1);
    expect(strips.pool.stats()).toEqual({ active: 0, waiting: 0, peakActive: 2 });
  });
});

describe('the pool', () => {
  it('never runs more than its size and shares a task asked for twice', async () => {
    const pool = createWorkPool(2);
    let running = 0;
    let peak = 0;
    let runs = 0;
    const task = (value: number) => async () => {
      runs += 1;
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      return value;
    };
    const results = await Promise.all([pool.run('a', task(1)), pool.run('a', task(99)), pool.run('b', task(2)), pool.run('c', task(3)), pool.run('d', task(4))]);
    expect(results).toEqual([1, 1, 2, 3, 4]);
    expect(runs).toBe(4);
    expect(peak).toBe(2);
  });
});

describe('waveforms', () => {
  it('has one peak per 1/100 s that follows the sound, computed once', async () => {
    const cacheDir = temp.file('cache-w');
    const strips = createMediaStrips({ cacheDir });
    const waveform = await strips.waveform({ path: sound });
    expect(waveform.peaksPerSecond).toBe(100);
    expect(waveform.peaks.length).toBeGreaterThanOrEqual(199);
    expect(waveform.peaks.length).toBeLessThanOrEqual(201);
    const silent = Math.max(...waveform.peaks.slice(0, 95));
    const loud = Math.min(...waveform.peaks.slice(105, 195));
    expect(silent).toBeLessThan(3);
    expect(loud).toBeGreaterThan(60);
    const cached = `${cacheDir}/${await mediaCacheKey(sound)}/waveform-100.u8`;
    expect(existsSync(cached)).toBe(true);
    const again = await createMediaStrips({ cacheDir }).waveform({ path: sound });
    expect(again.peaks).toEqual(waveform.peaks);
    expect(again.peaks.length).toBe(waveform.peaks.length);
  });

  it('peaks of raw PCM', () => {
    const pcm = new Uint8Array(2 * 80);
    new DataView(pcm.buffer).setInt16(2 * 45, -32768, true);
    expect([...peaksOfPcm(pcm)]).toEqual([0, 255]);
  });
});

describe('the timeline channels', () => {
  it('answer thumbnails and waveforms through the typed API, caching under the home folder', async () => {
    const home = temp.file('home');
    const api = createApi({ home, emit: () => undefined, language: 'en' });
    const thumb = await api['timeline.thumbnail']({ path: clip, atSeconds: 3 });
    expect(thumb.ok && thumb.value.dataUrl.startsWith('data:image/jpeg;base64,')).toBe(true);
    const wave = await api['timeline.waveform']({ path: sound });
    expect(wave.ok).toBe(true);
    if (wave.ok) expect(Buffer.from(wave.value.peaks, 'base64').length).toBeGreaterThanOrEqual(199);
    expect(existsSync(timelineCacheDir(home))).toBe(true);
    const notMedia = temp.file('catatan.txt');
    await writeFile(notMedia, 'bukan video');
    const refused = await api['timeline.thumbnail']({ path: notMedia, atSeconds: 0 });
    expect(refused.ok).toBe(false);
  });
});
