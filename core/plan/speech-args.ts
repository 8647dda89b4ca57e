/**
 * The FFmpeg pass that feeds whisper.cpp: a clip's first sound stream as raw
 * 16 kHz mono 16-bit PCM, the only input whisper takes. Pure, like the export's
 * passes in args.ts: the engine fills in the paths and runs the list as it is.
 */
import { globalArguments, type PassCommand } from './args.js';

/** whisper.cpp's sample rate (WHISPER_SAMPLE_RATE) */
export const SPEECH_SAMPLE_RATE = 16_000;

export function speechAudioCommand(options: { clip: string; output: string; durationSeconds: number }): PassCommand {
  return {
    args: [
      ...globalArguments({ tool: 'ffmpeg', progress: true }),
      '-i', options.clip,
      // the first sound stream only; no picture, subtitles or data
      '-map', '0:a:0', '-vn', '-sn', '-dn',
      '-ac', '1', '-ar', String(SPEECH_SAMPLE_RATE),
      '-c:a', 'pcm_s16le', '-f', 's16le',
      options.output,
    ],
    expectedSeconds: options.durationSeconds,
  };
}
