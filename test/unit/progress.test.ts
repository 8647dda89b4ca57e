import { describe, expect, it } from 'vitest';
import { createProgressReader, parseProgressBlock, type Progress } from '@core/progress.js';
import { meaningfulTail } from '../../electron/engine/ffmpeg/runner.js';
import { parseEncoderList, parseFilterList } from '../../electron/engine/ffmpeg/capabilities.js';

// Blocks captured from real runs with `-progress pipe:1 -nostats`.
// FFmpeg 4.1 (registry binary), x264 medium on testsrc2 640x480, 8 s:
const MID_41 = `frame=133
fps=0.00
stream_0_0_q=28.0
bitrate= 631.8kbits/s
total_size=262192
out_time_us=3320078
out_time_ms=3320078
out_time=00:00:03.320078
dup_frames=0
drop_frames=0
speed=6.61x
progress=continue
`;
const END_41 = `frame=200
fps=0.00
stream_0_0_q=-1.0
bitrate= 877.0kbits/s
total_size=863894
out_time_us=7880078
out_time_ms=7880078
out_time=00:00:07.880078
dup_frames=0
drop_frames=0
speed= 8.5x
progress=end
`;
// FFmpeg 5.1, first block of an AAC encode: N/A bitrate and speed.
const START_51 = `bitrate=N/A
total_size=44
out_time_us=0
out_time_ms=0
out_time=00:00:00.000000
dup_frames=0
drop_frames=0
speed=N/A
progress=continue
`;
// FFmpeg 5.1, `-ss 0.7 -i clip.mp4 -c copy -copyts`: a negative time in the first block.
const NEGATIVE_51 = `frame=0
fps=0.00
stream_0_0_q=-1.0
bitrate=N/A
total_size=N/A
out_time_us=-65
out_time_ms=-65
out_time=-00:00:00.000065
dup_frames=0
drop_frames=0
speed=N/A
progress=continue
`;
// FFmpeg 4.1 stream copy: speed in exponent notation.
const COPY_41 = `out_time_us=1984000
out_time_ms=1984000
out_time=00:00:01.984000
dup_frames=0
drop_frames=0
speed=6.03e+03x
progress=end
`;
// FFmpeg 6 and later print N/A for the times before the first packet.
const NA_TIMES = `frame=0
fps=0.00
stream_0_0_q=0.0
bitrate=N/A
total_size=0
out_time_us=N/A
out_time_ms=N/A
out_time=N/A
dup_frames=0
drop_frames=0
speed=N/A
progress=continue
`;

describe('parseProgressBlock', () => {
  it('reads a mid-run block: percent of the expected length, speed, ETA from elapsed time', () => {
    const progress = parseProgressBlock({ block: MID_41, expectedSeconds: 8, elapsedSeconds: 0.5 });
    expect(progress).toBeDefined();
    expect(progress!.outSeconds).toBeCloseTo(3.320078, 6);
    expect(progress!.percent).toBeCloseTo(41.5, 1);
    expect(progress!.speed).toBeCloseTo(6.61, 2);
    // 41.5 % took 0.5 s, so the remaining 58.5 % takes about 0.705 s
    expect(progress!.etaSeconds).toBeCloseTo((0.5 * (1 - 3.320078 / 8)) / (3.320078 / 8), 3);
    expect(progress!.done).toBe(false);
  });

  it('progress=end is 100 % with no time left even if out_time is short of the expected length', () => {
    const progress = parseProgressBlock({ block: END_41, expectedSeconds: 8, elapsedSeconds: 1 });
    expect(progress).toMatchObject({ percent: 100, done: true, etaSeconds: 0 });
    expect(progress!.speed).toBeCloseTo(8.5, 3);
  });

  it('N/A speed and bitrate leave speed and ETA out', () => {
    const progress = parseProgressBlock({ block: START_51, expectedSeconds: 2, elapsedSeconds: 0.1 });
    expect(progress).toEqual({ percent: 0, outSeconds: 0, done: false });
  });

  it('a negative out_time counts as 0', () => {
    const progress = parseProgressBlock({ block: NEGATIVE_51, expectedSeconds: 2, elapsedSeconds: 0.1 });
    expect(progress).toEqual({ percent: 0, outSeconds: 0, done: false });
  });

  it('all times N/A gives 0 %', () => {
    expect(parseProgressBlock({ block: NA_TIMES, expectedSeconds: 10, elapsedSeconds: 1 })).toEqual({ percent: 0, outSeconds: 0, done: false });
  });

  it('out_time past the expected end is clamped to 100 % but not done', () => {
    const progress = parseProgressBlock({ block: MID_41, expectedSeconds: 2, elapsedSeconds: 1 });
    expect(progress).toMatchObject({ percent: 100, done: false, etaSeconds: 0 });
  });

  it('reads exponent speeds', () => {
    expect(parseProgressBlock({ block: COPY_41, expectedSeconds: 2, elapsedSeconds: 0 })!.speed).toBe(6030);
  });

  it('falls back to out_time when the microsecond fields are missing', () => {
    const block = 'out_time=00:01:02.500000\nprogress=continue\n';
    expect(parseProgressBlock({ block, expectedSeconds: 125, elapsedSeconds: 10 })).toMatchObject({ outSeconds: 62.5, percent: 50 });
  });

  it('an unknown expected length gives 0 % until the end', () => {
    expect(parseProgressBlock({ block: MID_41, expectedSeconds: 0, elapsedSeconds: 1 })!.percent).toBe(0);
    expect(parseProgressBlock({ block: END_41, expectedSeconds: 0, elapsedSeconds: 1 })!.percent).toBe(100);
  });

  it('a block without a progress= line is not a block', () => {
    expect(parseProgressBlock({ block: 'out_time_us=100\nspeed=1x\n', expectedSeconds: 1, elapsedSeconds: 1 })).toBeUndefined();
  });
});

describe('createProgressReader', () => {
  const clock = (times: number[]) => {
    let index = 0;
    return () => times[Math.min(index++, times.length - 1)] ?? 0;
  };

  it('joins blocks split across chunks, also inside a key or a CRLF', () => {
    const seen: Progress[] = [];
    const all = (START_51 + MID_41 + END_41).replace(/\n/g, '\r\n');
    const reader = createProgressReader((p) => seen.push(p), { expectedSeconds: 8, now: clock([0, 1, 2, 3]) });
    for (let i = 0; i < all.length; i += 7) reader.push(all.slice(i, i + 7));
    expect(seen.map((p) => p.percent)).toEqual([0, 41.5, 100]);
    expect(seen.at(-1)?.done).toBe(true);
    expect(reader.last()?.done).toBe(true);
  });

  it('waits for the progress= line before reporting', () => {
    const seen: Progress[] = [];
    const reader = createProgressReader((p) => seen.push(p), 8);
    reader.push(MID_41.replace('progress=continue\n', ''));
    expect(seen).toHaveLength(0);
    reader.push('progress=continue\n');
    expect(seen).toHaveLength(1);
  });

  it('never moves backwards when a later block has N/A times', () => {
    const seen: Progress[] = [];
    const reader = createProgressReader((p) => seen.push(p), { expectedSeconds: 8, now: clock([0, 1, 2]) });
    reader.push(MID_41 + NA_TIMES);
    expect(seen.map((p) => p.percent)).toEqual([41.5, 41.5]);
  });
});

describe('meaningfulTail', () => {
  it('keeps the error lines and drops stats lines', () => {
    const stderr = [
      'Input #0, lavfi, from \'testsrc2\':',
      'frame=   25 fps=0.0 q=-1.0 size=      48kB time=00:00:01.00 bitrate= 393.2kbits/s speed=  50x',
      '',
      '/nonexistent.mp4: No such file or directory',
    ].join('\n');
    expect(meaningfulTail(stderr)).toBe("Input #0, lavfi, from 'testsrc2':\n/nonexistent.mp4: No such file or directory");
  });
});

describe('capability lists', () => {
  it('reads filters with fixed and dynamic inputs from `ffmpeg -filters`', () => {
    const text = [
      'Filters:',
      '  T.. = Timeline support',
      '  N = Dynamic number and/or type of input/output',
      '  | = Source or sink filter',
      ' ... amix              N->A       Audio mixing.',
      ' ... anullsrc          |->A       Null audio source, return empty audio frames.',
      ' ..C scale             V->V       Scale the input video size and/or convert the image format.',
      ' ..C concat            N->N       Concatenate audio and video streams.',
      ' .S. xfade             VV->V      Cross fade one video with another video.',
      ' TSC overlay           VV->V      Overlay a video source on top of the input.',
    ].join('\n');
    expect([...parseFilterList(text)].sort()).toEqual(['amix', 'anullsrc', 'concat', 'overlay', 'scale', 'xfade']);
  });


  it('reads encoder names after the legend in `ffmpeg -encoders` (FFmpeg 4.1 output)', () => {
    const text = [
      'Encoders:',
      ' V..... = Video',
      ' A..... = Audio',
      ' S..... = Subtitle',
      ' .F.... = Frame-level multithreading',
      ' ------',
      ' V..... a64multi             Multicolor charset for Commodore 64 (codec a64_multi)',
      ' V..... libx264              libx264 H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10 (codec h264)',
      ' A..... aac                  AAC (Advanced Audio Coding)',
      ' V.S... ffv1                 FFmpeg video codec #1',
    ].join('\n');
    expect([...parseEncoderList(text)].sort()).toEqual(['a64multi', 'aac', 'ffv1', 'libx264']);
  });
});
