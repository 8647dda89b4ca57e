import { open, readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KlipError } from '@core/errors.js';
import { runFfmpeg } from '../../electron/engine/ffmpeg/runner.js';
import { clockwiseRotation, probeMany, probeMedia } from '../../electron/engine/ffmpeg/probe.js';
import { makeSampleAudioOnly, makeSampleClip, makeSampleMusic } from '../../electron/engine/media/samples.js';
import { makeTempDir, type TempDir } from '../helpers/media.js';

let temp: TempDir;

beforeAll(async () => {
  temp = await makeTempDir();
});
afterAll(async () => {
  await temp.remove();
});

async function expectKlipError(promise: Promise<unknown>, code: string): Promise<KlipError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KlipError);
  expect((error as KlipError).code).toBe(code);
  return error as KlipError;
}

/** RGB of one pixel of the first frame as FFmpeg decodes it (with its default autorotation). */
async function firstFramePixel(options: { file: string; x: number; y: number; width: number }): Promise<number[]> {
  const raw = temp.file(`frame-${Math.random().toString(36).slice(2)}.rgb`);
  await runFfmpeg({ args: ['-i', options.file, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-y', raw] });
  const bytes = await readFile(raw);
  const at = (options.y * options.width + options.x) * 3;
  return [bytes[at] ?? -1, bytes[at + 1] ?? -1, bytes[at + 2] ?? -1];
}

describe('probeMedia on generated media', () => {
  it('a landscape clip with stereo 48 kHz audio', async () => {
    const file = temp.file('landscape.mp4');
    await makeSampleClip({ path: file, seconds: 2, width: 320, height: 180, fps: 25 });
    const info = await probeMedia(file);
    expect(info.path).toBe(file);
    expect(info.format).toContain('mp4');
    expect(info.durationSeconds).toBeCloseTo(2, 1);
    expect(info.sizeBytes).toBeGreaterThan(0);
    expect(info.video).toMatchObject({
      codec: 'h264',
      width: 320,
      height: 180,
      rotation: 0,
      displayWidth: 320,
      displayHeight: 180,
      sampleAspect: 1,
      fps: 25,
      variableFrameRate: false,
      pixelFormat: 'yuv420p',
      still: false,
    });
    expect(info.audio).toEqual({ codec: 'aac', channels: 2, sampleRate: 48000 });
  });

  it('a clip without audio has no audio', async () => {
    const file = temp.file('silent.mp4');
    await makeSampleClip({ path: file, seconds: 1, width: 160, height: 90, audio: false, pattern: 'color', color: 'red' });
    const info = await probeMedia(file);
    expect(info.video?.width).toBe(160);
    expect(info.audio).toBeUndefined();
  });

  it('44.1 kHz mono audio and 24 fps', async () => {
    const file = temp.file('mono.mp4');
    await makeSampleClip({ path: file, seconds: 1, width: 160, height: 120, fps: 24, audio: { sampleRate: 44100, channels: 1 } });
    const info = await probeMedia(file);
    expect(info.audio).toEqual({ codec: 'aac', channels: 1, sampleRate: 44100 });
    expect(info.video?.fps).toBe(24);
  });

  it('odd dimensions are kept exactly', async () => {
    const file = temp.file('odd.mp4');
    await makeSampleClip({ path: file, seconds: 1, width: 161, height: 91, audio: false });
    const info = await probeMedia(file);
    expect(info.video).toMatchObject({ width: 161, height: 91, displayWidth: 161, displayHeight: 91 });
  });

  it('a phone clip stored landscape with rotation 90 is shown portrait, turned clockwise', async () => {
    const file = temp.file('rotated.mp4');
    await makeSampleClip({ path: file, seconds: 1, width: 320, height: 180, rotation: 90, pattern: 'smpte', audio: false });
    const info = await probeMedia(file);
    expect(info.video).toMatchObject({ width: 320, height: 180, rotation: 90, displayWidth: 180, displayHeight: 320 });
    // What a viewer sees: the decoder turns the picture to 180x320. SMPTE bars run
    // grey (left) to blue (right) along the top two thirds; turned clockwise, the
    // grey bar is at the top of the right-hand part and the blue bar at the bottom.
    const top = await firstFramePixel({ file, x: 150, y: 10, width: 180 });
    const bottom = await firstFramePixel({ file, x: 150, y: 310, width: 180 });
    expect(Math.abs((top[0] ?? 0) - (top[2] ?? 0))).toBeLessThan(40); // grey: red and blue alike
    expect(top[0]).toBeGreaterThan(120);
    expect(bottom[2]).toBeGreaterThan(120); // blue
    expect(bottom[0]).toBeLessThan(60);
  });

  it('rotation 270 and 180 are stored and reported too', async () => {
    for (const rotation of [180, 270] as const) {
      const file = temp.file(`rotated-${rotation}.mp4`);
      await makeSampleClip({ path: file, seconds: 0.5, width: 160, height: 96, rotation, audio: false });
      const info = await probeMedia(file);
      expect(info.video?.rotation).toBe(rotation);
      expect([info.video?.displayWidth, info.video?.displayHeight]).toEqual(rotation === 180 ? [160, 96] : [96, 160]);
    }
  });

  it('non-square pixels widen the display size', async () => {
    const file = temp.file('anamorphic.mp4');
    await runFfmpeg({ args: ['-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=25:duration=1', '-vf', 'setsar=2', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-y', file] });
    const info = await probeMedia(file);
    expect(info.video).toMatchObject({ width: 160, height: 120, sampleAspect: 2, displayWidth: 320, displayHeight: 120 });
  });

  it('a clip with dropped frames (timestamps kept) is variable frame rate', async () => {
    const file = temp.file('vfr.mp4');
    await runFfmpeg({
      args: ['-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=30:duration=3', '-vf', 'select=not(between(n\\,20\\,60))', '-vsync', 'vfr', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-y', file],
    });
    const info = await probeMedia(file);
    expect(info.video?.variableFrameRate).toBe(true);
    const constant = await probeMedia(temp.file('landscape.mp4'));
    expect(constant.video?.variableFrameRate).toBe(false);
  });

  it('a PNG is a still image with no duration', async () => {
    const file = temp.file('logo.png');
    await runFfmpeg({ args: ['-f', 'lavfi', '-i', 'testsrc=size=33x21', '-frames:v', '1', '-y', file] });
    const info = await probeMedia(file);
    expect(info.video).toMatchObject({ codec: 'png', width: 33, height: 21, still: true });
    expect(info.durationSeconds).toBe(0);
    expect(info.audio).toBeUndefined();
  });

  it('music and audio-only files are valid media without video', async () => {
    const music = temp.file('music.m4a');
    const tone = temp.file('tone.m4a');
    await makeSampleMusic({ path: music, seconds: 3 });
    await makeSampleAudioOnly({ path: tone, seconds: 1, channels: 1, sampleRate: 44100 });
    const [musicInfo, toneInfo] = await probeMany([music, tone]);
    expect(musicInfo?.video).toBeUndefined();
    expect(musicInfo?.audio).toEqual({ codec: 'aac', channels: 2, sampleRate: 48000 });
    expect(musicInfo?.durationSeconds).toBeCloseTo(3, 1);
    expect(toneInfo?.audio).toEqual({ codec: 'aac', channels: 1, sampleRate: 44100 });
  });

  it('probeMany keeps the order and answers duplicates', async () => {
    const a = temp.file('landscape.mp4');
    const b = temp.file('silent.mp4');
    const infos = await probeMany([a, b, a]);
    expect(infos.map((info) => info.path)).toEqual([a, b, a]);
    expect(infos[2]).toEqual(infos[0]);
    expect(infos[1]?.audio).toBeUndefined();
  });
});

describe('probeMedia on bad input', () => {
  it('a text file renamed .mp4 is unreadable, named in the message', async () => {
    const file = temp.file('notes.mp4');
    await writeFile(file, 'Rapat koordinasi kelurahan, Senin pukul 09.00\n'.repeat(20));
    const error = await expectKlipError(probeMedia(file), 'media-unreadable');
    expect(error.kind).toBe('bad-input');
    expect(error.text.id).toContain('notes.mp4');
    expect(error.text.en).toContain('notes.mp4');
  });

  it('an MP4 cut off before its moov atom (an interrupted copy) is unreadable', async () => {
    const whole = temp.file('recording.mp4');
    // like a phone recording: index (moov) at the end, no faststart
    await runFfmpeg({ args: ['-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=25:duration=2', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-y', whole] });
    const cut = temp.file('recording-cut.mp4');
    const handle = await open(whole, 'r');
    const buffer = Buffer.alloc(4000);
    await handle.read(buffer, 0, buffer.length, 0);
    await handle.close();
    await writeFile(cut, buffer);
    const error = await expectKlipError(probeMedia(cut), 'media-unreadable');
    expect(error.kind).toBe('bad-input');
    expect(error.detail).toMatch(/moov|Invalid data/i);
  });

  it('an empty file', async () => {
    const file = temp.file('empty.mp4');
    await writeFile(file, '');
    const error = await expectKlipError(probeMedia(file), 'media-empty');
    expect(error.kind).toBe('bad-input');
    expect(error.text.en).toContain('empty.mp4');
  });

  it('a missing file', async () => {
    const error = await expectKlipError(probeMedia(temp.file('gone.mp4')), 'media-missing');
    expect(error.kind).toBe('bad-input');
    expect(error.text.id).toContain('gone.mp4');
  });

  it('probeMany throws the first bad file in the order given', async () => {
    await expectKlipError(probeMany([temp.file('landscape.mp4'), temp.file('gone.mp4'), temp.file('empty.mp4')]), 'media-missing');
  });

  it('an aborted probe is cancelled, not unreadable', async () => {
    const controller = new AbortController();
    controller.abort();
    await expectKlipError(probeMedia(temp.file('silent.mp4'), { signal: controller.signal }), 'cancelled');
  });
});

describe('clockwiseRotation', () => {
  it('turns the display matrix (counter-clockwise) and the rotate tag (clockwise) into clockwise quarter turns', () => {
    expect(clockwiseRotation({ side_data_list: [{ side_data_type: 'Display Matrix', rotation: -90 }] })).toBe(90);
    expect(clockwiseRotation({ side_data_list: [{ side_data_type: 'Display Matrix', rotation: 90 }] })).toBe(270);
    expect(clockwiseRotation({ side_data_list: [{ side_data_type: 'Display Matrix', rotation: 180 }] })).toBe(180);
    expect(clockwiseRotation({ side_data_list: [{ side_data_type: 'Display Matrix', rotation: -180 }] })).toBe(180);
    expect(clockwiseRotation({ tags: { rotate: '90' } })).toBe(90);
    expect(clockwiseRotation({ tags: { rotate: '270' } })).toBe(270);
    expect(clockwiseRotation({ side_data_list: [{ side_data_type: 'Display Matrix', rotation: -89.9 }] })).toBe(90);
    expect(clockwiseRotation({})).toBe(0);
  });
});
