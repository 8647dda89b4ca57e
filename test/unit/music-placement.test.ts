/** Music placed in time (version 2 projects): the audio graph starts the bed after the intro plus its start, and ends it. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { MediaInfo } from '@core/media.js';
import { ProjectSchema } from '@core/model/project.js';
import type { ResolvedPack } from '@core/pack/resolved.js';
import { compileRenderPlan } from '@core/plan/compile.js';
import { getPreset } from '@core/presets.js';
import { loadBuiltInPack } from '../../electron/engine/pack/load.js';

let pack: ResolvedPack;
beforeAll(async () => {
  pack = await loadBuiltInPack();
});

const clipInfo: MediaInfo = {
  path: '/m/a.mp4',
  format: 'mov,mp4,m4a,3gp,3g2,mj2',
  durationSeconds: 20,
  sizeBytes: 1000,
  video: { codec: 'h264', width: 1920, height: 1080, rotation: 0, displayWidth: 1920, displayHeight: 1080, sampleAspect: 1, fps: 30, variableFrameRate: false, still: false },
  audio: { codec: 'aac', channels: 2, sampleRate: 48000 },
};
const musicInfo: MediaInfo = { path: '/m/bed.mp3', format: 'mp3', durationSeconds: 60, sizeBytes: 1000, audio: { codec: 'mp3', channels: 2, sampleRate: 44100 } };

function plan(music: { start?: number; duration?: number }) {
  const project = ProjectSchema.parse({
    kind: 'klipkota.project',
    version: 3,
    name: 'Musik',
    intro: false,
    outro: false,
    timeline: {
      tracks: {
        video: [{ kind: 'clip', id: 'clip-1', media: { path: '/m/a.mp4' }, sourceRange: { start: 0, duration: 300 } }],
        audio: [{ kind: 'music', id: 'music-1', media: { path: '/m/bed.mp3' }, fadeIn: 0, fadeOut: 0, duckUnderSpeech: false, ...music }],
      },
    },
  });
  return compileRenderPlan({ project, pack, preset: getPreset('youtube'), media: { '/m/a.mp4': clipInfo, '/m/bed.mp3': musicInfo } });
}

describe('music placed on the timeline', () => {
  it('unplaced music covers the whole video as before (no delay)', () => {
    const graph = plan({}).audio.filterGraph;
    expect(graph).not.toContain('adelay');
    expect(graph).toContain('atrim=duration=10');
  });

  it('music from 2 s for 3 s is delayed by 2000 ms, cut to 3 s and padded to the video', () => {
    const graph = plan({ start: 60, duration: 90 }).audio.filterGraph;
    expect(graph).toMatch(/atrim=duration=3,asetpts=PTS-STARTPTS,adelay=2000\|2000,apad,atrim=duration=10/);
  });
});
