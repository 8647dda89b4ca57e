/**
 * The sound of an export, made apart from the picture (FFMPEG-NOTES: loudnorm in
 * the video graph doubles FFmpeg's memory; alone it takes about a second).
 * Two-pass loudnorm: measure, then apply the measured values linearly, so the
 * result lands on the target. Both argument lists come whole from core/plan
 * (args.ts); this file runs them and carries the measurement from one to the other.
 */
import path from 'node:path';
import { loudnessApplyCommand, loudnessMeasureCommand, parseLoudnormOutput, type LoudnessMeasurement } from '../../../core/plan/args.js';
import type { AudioPlan } from '../../../core/plan/types.js';
import type { Progress } from '../../../core/progress.js';
import { runPass } from './pass.js';

/** Render the plan's sound, normalised to its loudness target, into a WAV file (its graph scripts go next to it). */
export async function renderAudioPass(options: {
  plan: AudioPlan;
  outPath: string;
  normalize: boolean;
  signal?: AbortSignal;
  log?: (line: string) => void;
  onProgress?: (fraction: number) => void;
}): Promise<{ measured?: LoudnessMeasurement }> {
  const { plan, signal, log } = options;
  const script = (pass: string) => path.join(path.dirname(options.outPath), `${path.basename(options.outPath)}.${pass}.ffgraph`);
  const report = (offset: number) => (progress: Progress) => options.onProgress?.(offset + progress.percent / 200);
  let measured: LoudnessMeasurement | undefined;
  if (options.normalize) {
    const result = await runPass({ command: loudnessMeasureCommand({ audio: plan, scriptPath: script('measure') }), signal, log, onProgress: report(0) });
    measured = parseLoudnormOutput(result.stderr);
  }
  await runPass({
    command: loudnessApplyCommand({ audio: plan, ...(measured ? { measured } : {}), output: options.outPath, scriptPath: script('apply') }),
    signal,
    log,
    onProgress: report(options.normalize ? 0.5 : 0),
  });
  return { measured };
}
