/**
 * The music bed under the speech: looped or not, faded in and out, ducked
 * under speech when asked, then summed with the speech (loudnorm sets the
 * level afterwards, in the audio pass).
 */
import { ownValue } from '../own.js';
import { ffSeconds, framesToSeconds } from '../time.js';
import type { GraphContext } from './context.js';
import { AUDIO_FORMAT, exactAudio } from './filters.js';
import type { CompileRequest } from './types.js';

/** Speech and music summed at equal weight (loudnorm sets the level afterwards). */
const MIX = 'amix=inputs=2:duration=first:dropout_transition=0';

/**
 * Adds the sound's last statement: `[speech]` (plus music) into `[aout]`.
 * Unplaced music (start 0, no duration) covers the whole video, intro and
 * outro included; music placed on the timeline starts `start` frames after the
 * intro (`contentStart`, frames) and plays for `duration` frames.
 */
export function compileMusic(options: { context: GraphContext; request: CompileRequest; totalFrames: number; contentStart: number }): void {
  const { context, request } = options;
  const music = request.project.timeline.tracks.audio[0];
  const info = music ? ownValue(request.media, music.media.path) : undefined;
  if (!music || !info?.audio) {
    context.add(`[speech]anull[aout]`);
    return;
  }
  const fps = request.project.fps;
  const totalSeconds = framesToSeconds(options.totalFrames, fps);
  // where the bed sits: from `start` for `duration` (default: to the end)
  const placed = music.start > 0 || music.duration !== undefined;
  const startFrame = placed ? Math.min(options.contentStart + music.start, options.totalFrames) : 0;
  const spanFrames = Math.max(0, Math.min(music.duration ?? options.totalFrames, options.totalFrames - startFrame));
  if (spanFrames <= 0) {
    context.add(`[speech]anull[aout]`);
    return;
  }
  const spanSeconds = framesToSeconds(spanFrames, fps);
  const index = context.addInput({
    kind: 'file',
    path: music.media.path,
    before: music.loop && info.durationSeconds < spanSeconds ? ['-stream_loop', '-1', '-t', ffSeconds(spanSeconds + 1)] : [],
  });
  // without looping, short music ends early: fade it out where it ends, not in the silence after
  const musicEnd = music.loop ? spanSeconds : Math.min(spanSeconds, info.durationSeconds);
  const fadeIn = Math.min(framesToSeconds(music.fadeIn, fps), musicEnd / 2);
  const fadeOut = Math.min(framesToSeconds(music.fadeOut, fps), musicEnd / 2);
  const delayMs = Math.round(framesToSeconds(startFrame, fps) * 1000);
  const bed = [
    `[${index}:a:0]${AUDIO_FORMAT}`,
    `volume=${music.volume}`,
    exactAudio(spanSeconds),
    ...(fadeIn > 0 ? [`afade=t=in:st=0:d=${ffSeconds(fadeIn)}`] : []),
    ...(fadeOut > 0 ? [`afade=t=out:st=${ffSeconds(musicEnd - fadeOut)}:d=${ffSeconds(fadeOut)}`] : []),
    // placed later on the timeline: silence before it (stereo after AUDIO_FORMAT), then the whole length
    ...(delayMs > 0 || spanFrames < options.totalFrames ? [`adelay=${delayMs}|${delayMs}`, exactAudio(totalSeconds)] : []),
  ].join(',');
  context.add(`${bed}[bed]`);
  if (music.duckUnderSpeech) {
    context.add(`[speech]asplit=2[speechmix][speechkey]`);
    context.add(`[bed][speechkey]sidechaincompress=threshold=0.02:ratio=6:attack=30:release=600[ducked]`);
    context.add(`[speechmix][ducked]${MIX}[aout]`);
  } else {
    context.add(`[speech][bed]${MIX}[aout]`);
  }
}
