/**
 * Music placed in time (moved and stretched on the timeline's music track)
 * with real FFmpeg: a silent clip, music from 1 s for 1 s; the exported sound
 * is silent before, loud during, silent after.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectSchema } from '@core/model/project.js';
import { resolveFfmpeg } from '../../electron/engine/ffmpeg/binaries.js';
import { renderProject } from '../../electron/engine/export/render.js';
import { makeSampleClip, makeSampleMusic } from '../../electron/engine/media/samples.js';
import { makeTempDir, type TempDir } from '../helpers/media.js';

const run = promisify(execFile);
const RATE = 8000;
let temp: TempDir;

/** RMS of the mono sound between two times, 0..1 */
function rms(pcm: Buffer, from: number, to: number): number {
  let sum = 0;
  let count = 0;
  for (let sample = Math.floor(from * RATE); sample < Math.floor(to * RATE) && sample * 2 + 1 < pcm.length; sample += 1) {
    const value = pcm.readInt16LE(sample * 2) / 32768;
    sum += value * value;
    count += 1;
  }
  return Math.sqrt(sum / Math.max(1, count));
}

beforeAll(async () => {
  temp = await makeTempDir('klipkota-music-');
  await makeSampleClip({ path: temp.file('sunyi.mp4'), seconds: 3, width: 320, height: 180, pattern: 'color', color: 'gray', audio: false });
  await makeSampleMusic({ path: temp.file('musik.m4a'), seconds: 4 });
});

afterAll(async () => {
  await temp?.remove();
});

describe('music placed on the timeline', () => {
  it('plays only where it was placed', async () => {
    const project = ProjectSchema.parse({
      kind: 'klipkota.project',
      version: 3,
      name: 'Musik di tengah',
      intro: false,
      outro: false,
      logo: false,
      timeline: {
        tracks: {
          video: [{ kind: 'clip', id: 'clip-1', media: { path: temp.file('sunyi.mp4') }, sourceRange: { start: 0, duration: 90 } }],
          audio: [{ kind: 'music', id: 'music-1', media: { path: temp.file('musik.m4a') }, start: 30, duration: 30, fadeIn: 0, fadeOut: 0, duckUnderSpeech: false, loop: false, volume: 1 }],
        },
      },
    });
    const [output] = await renderProject({ project, projectDir: temp.dir, presets: ['youtube'], outDir: temp.file('out') });
    const { stdout } = await run(resolveFfmpeg().path, ['-v', 'error', '-i', output!.path, '-vn', '-ac', '1', '-ar', String(RATE), '-f', 's16le', '-'], {
      encoding: 'buffer',
      maxBuffer: 16 * 1024 * 1024,
    });
    const before = rms(stdout, 0.1, 0.85);
    const during = rms(stdout, 1.15, 1.85);
    const after = rms(stdout, 2.15, 2.9);
    expect(during).toBeGreaterThan(0.02);
    expect(before).toBeLessThan(during / 30);
    expect(after).toBeLessThan(during / 30);
  });
});
