import { describe, expect, it } from 'vitest';
import { concatList, joinCommand, partPassCommand, planParts } from '@core/plan/parts.js';
import type { RenderPlan } from '@core/plan/types.js';
import { getPreset } from '@core/presets.js';

function plan(timeline: RenderPlan['timeline'], frames = 300): RenderPlan {
  return {
    inputs: [{ kind: 'file', path: '/klip/a.mp4', before: [] }],
    filterGraph: '[0:v:0]null[vout]',
    filterScript: false,
    maps: ['[vout]'],
    outputArgs: [],
    soundArgs: ['-c:a', 'aac'],
    width: 1080,
    height: 1920,
    fps: 30,
    durationFrames: frames,
    durationSeconds: frames / 30,
    timeline,
    warnings: [],
    audio: { inputs: [], filterGraph: '', filterScript: false, output: '[aout]', durationFrames: frames, fps: 30, durationSeconds: frames / 30, target: { integratedLufs: -14, truePeakDb: -1, loudnessRange: 11 } },
  } as RenderPlan;
}

const withCards: RenderPlan['timeline'] = [
  { kind: 'intro', id: 'intro', startSeconds: 0, endSeconds: 3 },
  { kind: 'clip', id: 'c', startSeconds: 3, endSeconds: 7 },
  { kind: 'outro', id: 'outro', startSeconds: 7, endSeconds: 10 },
  { kind: 'overlay', id: 'lt', startSeconds: 3.5, endSeconds: 6 },
];

describe('an export in parts', () => {
  it('cuts at the cards, in frames', () => {
    expect(planParts(plan(withCards))).toEqual([
      { kind: 'intro', start: 0, end: 90 },
      { kind: 'body', start: 90, end: 210 },
      { kind: 'outro', start: 210, end: 300 },
    ]);
  });

  it('has nothing to reuse without cards, or when a graphic is drawn over a card', () => {
    expect(planParts(plan([{ kind: 'clip', id: 'c', startSeconds: 0, endSeconds: 10 }]))).toBeUndefined();
    expect(planParts(plan([...withCards.slice(0, 3), { kind: 'overlay', id: 'lt', startSeconds: 2, endSeconds: 5 }]))).toBeUndefined();
  });

  it('encodes a part as the whole graph cut to its frames, picture only, into MPEG-TS', () => {
    const command = partPassCommand({ plan: plan(withCards), preset: getPreset('tiktok'), part: { kind: 'body', start: 90, end: 210 }, files: ['/klip/a.mp4'], output: '/tmp/body.ts', scriptPath: '/tmp/g' });
    const graph = command.args[command.args.indexOf('-filter_complex') + 1];
    expect(graph).toBe('[0:v:0]null[vout];\n[vout]trim=start_frame=90:end_frame=210,setpts=PTS-STARTPTS[part]');
    expect(command.args).toEqual(expect.arrayContaining(['-map', '[part]', '-frames:v', '120', '-an', '-f', 'mpegts']));
    expect(command.args.slice(5, 7)).toEqual(['-filter_complex_threads', '1']);
    expect(command.args.slice(-2)).toEqual(['-y', '/tmp/body.ts']);
    expect(command.args).not.toContain('-c:a');
  });

  it('lists the parts with exact durations, quoting any file name', () => {
    const parts = planParts(plan(withCards))!;
    expect(concatList(parts.map((part, index) => ({ part, file: [`/c/a.ts`, `/c/it's.ts`, '/c/b.ts'][index]! })), 30)).toBe(
      "ffconcat version 1.0\nfile '/c/a.ts'\nduration 3\nfile '/c/it'\\''s.ts'\nduration 4\nfile '/c/b.ts'\nduration 3\n",
    );
  });

  it('joins with the picture and the encoded sound copied, nothing encoded again', () => {
    const command = joinCommand({ plan: plan(withCards), list: '/tmp/l.ffconcat', sound: '/tmp/s.m4a', output: '/out/v.mp4.part' });
    expect(command.args).toEqual(expect.arrayContaining(['-f', 'concat', '-safe', '0', '-i', '/tmp/l.ffconcat', '-i', '/tmp/s.m4a', '-map', '0:v:0', '-map', '1:a:0', '-c', 'copy', '-t', '10', '-movflags', '+faststart']));
    expect(command.args).not.toContain('-c:a');
    expect(command.args).not.toContain('-c:v');
  });
});
