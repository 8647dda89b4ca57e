/**
 * Small test and demo media made with FFmpeg's lavfi sources, so no video is
 * ever committed: clips (H.264 yuv420p + AAC in MP4), music, audio-only files.
 */
import { rename, rm } from 'node:fs/promises';
import { ffSeconds } from '@core/time.js';
import { KlipError } from '@core/errors.js';
import { runFfmpeg } from '../ffmpeg/runner.js';
import { probeMedia } from '../ffmpeg/probe.js';

export interface SampleClipOptions {
  path: string;
  seconds: number;
  width: number;
  height: number;
  fps?: number;
  /** false for a clip without an audio stream; default: 48 kHz stereo 440 Hz tone */
  audio?: false | { sampleRate?: number; channels?: 1 | 2; frequency?: number };
  /** clockwise display rotation stored as metadata (the pixels stay width x height) */
  rotation?: 0 | 90 | 180 | 270;
  pattern?: 'testsrc2' | 'smpte' | 'color';
  /** for pattern 'color': an FFmpeg colour name or 0xRRGGBB */
  color?: string;
  /** kept for callers that name their clips; nothing is drawn */
  label?: string;
}

function videoSource(options: SampleClipOptions): string {
  const fps = options.fps ?? 30;
  // lavfi's yuv420p sources round odd sizes down; make them even here and crop afterwards
  const size = `${options.width + (options.width % 2)}x${options.height + (options.height % 2)}`;
  const duration = ffSeconds(options.seconds);
  switch (options.pattern ?? 'testsrc2') {
    case 'smpte':
      return `smptebars=size=${size}:rate=${fps}:duration=${duration}`;
    case 'color':
      return `color=c=${options.color ?? 'blue'}:size=${size}:rate=${fps}:duration=${duration}`;
    default:
      return `testsrc2=size=${size}:rate=${fps}:duration=${duration}`;
  }
}

const H264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'];

function temporaryName(target: string, tag: string): string {
  // keep the extension last so FFmpeg picks the container from it
  const dot = target.lastIndexOf('.');
  const extension = dot > target.lastIndexOf('/') ? target.slice(dot) : '.mp4';
  return `${target}.${tag}-${process.pid}${extension}`;
}

export async function makeSampleClip(options: SampleClipOptions): Promise<void> {
  if (!(options.seconds > 0) || options.width <= 0 || options.height <= 0) {
    throw new KlipError({
      code: 'sample-invalid',
      kind: 'bad-input',
      text: { id: 'Durasi dan ukuran klip contoh harus lebih dari nol.', en: 'The sample clip needs a duration and size above zero.' },
    });
  }
  const audio = options.audio === false ? undefined : (options.audio ?? {});
  // yuv420p needs even sizes; an odd-sized sample (to test odd phone sizes) keeps its
  // exact size by using yuv444p instead.
  const odd = options.width % 2 === 1 || options.height % 2 === 1;
  const video = odd
    ? ['-vf', `format=yuv444p,crop=${options.width}:${options.height}:0:0`, '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv444p']
    : H264;
  const rotation = options.rotation ?? 0;
  const encoded = rotation === 0 ? options.path : temporaryName(options.path, 'unrotated');
  try {
    await runFfmpeg({
      args: [
        '-f', 'lavfi', '-i', videoSource(options),
        ...(audio
          ? ['-f', 'lavfi', '-i', `sine=frequency=${audio.frequency ?? 440}:sample_rate=${audio.sampleRate ?? 48000}:duration=${ffSeconds(options.seconds)}`]
          : []),
        '-map', '0:v:0',
        ...(audio ? ['-map', '1:a:0'] : []),
        ...video,
        ...(audio ? ['-c:a', 'aac', '-b:a', '96k', '-ac', String(audio.channels ?? 2), '-ar', String(audio.sampleRate ?? 48000)] : []),
        '-t', ffSeconds(options.seconds),
        '-movflags', '+faststart',
        '-y', encoded,
      ],
    });
    if (rotation !== 0) await applyRotation({ source: encoded, target: options.path, rotation });
  } finally {
    if (encoded !== options.path) await rm(encoded, { force: true });
  }
}

/**
 * Store a clockwise display rotation without re-encoding. Which tag value
 * gives which display matrix differs between FFmpeg versions (4.1 writes the
 * `rotate` tag with the opposite sign to what players then show), so each
 * candidate is written and probed until ffprobe reports the wanted rotation.
 */
async function applyRotation(options: { source: string; target: string; rotation: 90 | 180 | 270 }): Promise<void> {
  const counterClockwise = (360 - options.rotation) % 360;
  const attempts: string[][] = [
    ['-i', options.source, '-map', '0', '-c', 'copy', '-metadata:s:v:0', `rotate=${options.rotation}`],
    ['-i', options.source, '-map', '0', '-c', 'copy', '-metadata:s:v:0', `rotate=${counterClockwise}`],
    // FFmpeg 6 and later: display_rotation is an input option, counter-clockwise degrees
    ['-display_rotation:v:0', String(counterClockwise), '-i', options.source, '-map', '0', '-c', 'copy'],
  ];
  const seen: string[] = [];
  for (const [index, args] of attempts.entries()) {
    // a fresh name per attempt, so the probe cache never answers for an earlier attempt
    const candidate = temporaryName(options.target, `rotated${index}`);
    try {
      try {
        await runFfmpeg({ args: [...args, '-y', candidate] });
      } catch (error) {
        seen.push(error instanceof KlipError ? (error.detail ?? error.code) : String(error));
        continue;
      }
      const info = await probeMedia(candidate);
      if (info.video?.rotation === options.rotation) {
        await rename(candidate, options.target);
        return;
      }
      seen.push(`wrote ${args.join(' ')}, probe says ${info.video?.rotation}`);
    } finally {
      await rm(candidate, { force: true });
    }
  }
  throw new KlipError({
    code: 'sample-rotation',
    text: {
      id: `FFmpeg ini tidak bisa menyimpan rotasi ${options.rotation}° pada klip contoh.`,
      en: `This FFmpeg cannot store a ${options.rotation}° rotation in a sample clip.`,
    },
    detail: seen.join('\n'),
  });
}

/** A pleasant stereo chord (C major, slightly detuned left/right) as AAC in M4A. */
export async function makeSampleMusic(options: { path: string; seconds: number }): Promise<void> {
  const duration = ffSeconds(options.seconds);
  const tone = (frequency: number) => `sine=frequency=${frequency}:sample_rate=48000:duration=${duration}`;
  const fadeOut = Math.max(0, options.seconds - 1);
  await runFfmpeg({
    args: [
      '-f', 'lavfi', '-i', tone(261.63),
      '-f', 'lavfi', '-i', tone(329.63),
      '-f', 'lavfi', '-i', tone(392.0),
      '-f', 'lavfi', '-i', tone(523.25),
      '-filter_complex',
      [
        '[0:a][2:a]amix=inputs=2,aformat=channel_layouts=mono[left]',
        '[1:a][3:a]amix=inputs=2,aformat=channel_layouts=mono[right]',
        `[left][right]amerge=inputs=2,volume=0.6,afade=t=in:d=0.5,afade=t=out:st=${ffSeconds(fadeOut)}:d=1[music]`,
      ].join(';'),
      '-map', '[music]',
      '-c:a', 'aac', '-b:a', '128k', '-ar', '48000', '-ac', '2',
      '-t', duration,
      '-movflags', '+faststart',
      '-y', options.path,
    ],
  });
}

/** An audio-only file (a tone), AAC in M4A unless the extension says otherwise. */
export async function makeSampleAudioOnly(options: {
  path: string;
  seconds: number;
  sampleRate?: number;
  channels?: 1 | 2;
  frequency?: number;
}): Promise<void> {
  const sampleRate = options.sampleRate ?? 48000;
  await runFfmpeg({
    args: [
      '-f', 'lavfi', '-i', `sine=frequency=${options.frequency ?? 440}:sample_rate=${sampleRate}:duration=${ffSeconds(options.seconds)}`,
      '-map', '0:a:0',
      ...(/\.(wav)$/i.test(options.path) ? ['-c:a', 'pcm_s16le'] : ['-c:a', 'aac', '-b:a', '96k']),
      '-ac', String(options.channels ?? 2),
      '-ar', String(sampleRate),
      '-t', ffSeconds(options.seconds),
      '-y', options.path,
    ],
  });
}
