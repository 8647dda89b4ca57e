/**
 * The sound of an export, made apart from the picture (FFMPEG-NOTES: loudnorm in
 * the video graph doubles FFmpeg's memory; alone it takes about a second).
 * Two-pass loudnorm: measure, then apply the measured values linearly, so the
 * result lands on the target.
 */
import type { AudioPlan, PlanInput } from '../../../core/plan/types.js';
import { ffSeconds } from '../../../core/time.js';
import type { Progress } from '../../../core/progress.js';
import { runFfmpeg } from '../ffmpeg/runner.js';

export interface LoudnessMeasurement {
  input_i: string;
  input_tp: string;
  input_lra: string;
  input_thresh: string;
  target_offset: string;
}

export function inputArguments(inputs: PlanInput[], resolve: (input: PlanInput, index: number) => string): string[] {
  return inputs.flatMap((input, index) => [...input.before, '-i', resolve(input, index)]);
}

/** The JSON block loudnorm prints at the end of a run (print_format=json). */
export function parseLoudnormOutput(stderr: string): LoudnessMeasurement | undefined {
  const start = stderr.lastIndexOf('{');
  const end = stderr.lastIndexOf('}');
  if (start < 0 || end < start) return undefined;
  try {
    const value = JSON.parse(stderr.slice(start, end + 1)) as Record<string, unknown>;
    if (typeof value.input_i !== 'string') return undefined;
    return value as unknown as LoudnessMeasurement;
  } catch {
    return undefined;
  }
}

function fileInputs(plan: AudioPlan): string[] {
  return inputArguments(plan.inputs, (input) => {
    if (input.kind !== 'file') throw new Error('the audio pass takes only file inputs');
    return input.path;
  });
}

/** Render the plan's sound, normalised to its loudness target, into a WAV file. */
export async function renderAudioPass(options: {
  plan: AudioPlan;
  outPath: string;
  normalize: boolean;
  signal?: AbortSignal;
  log?: (line: string) => void;
  onProgress?: (fraction: number) => void;
}): Promise<{ measured?: LoudnessMeasurement }> {
  const { plan, signal, log } = options;
  const target = plan.target;
  const common = fileInputs(plan);
  let normalizer = 'anull';
  let measured: LoudnessMeasurement | undefined;
  const report = (offset: number) => (progress: Progress) => options.onProgress?.(offset + progress.percent / 200);
  if (options.normalize) {
    const measuring = `loudnorm=I=${target.integratedLufs}:TP=${target.truePeakDb - 0.5}:LRA=${target.loudnessRange}:print_format=json`;
    const result = await runFfmpeg({
      args: [...common, '-filter_complex', `${plan.filterGraph};\n${plan.output}${measuring}[measured]`, '-map', '[measured]', '-f', 'null', '-'],
      signal,
      log,
      expectedSeconds: plan.durationSeconds,
      onProgress: report(0),
    });
    measured = parseLoudnormOutput(result.stderr);
    const level = measured ? Number.parseFloat(measured.input_i) : Number.NaN;
    if (measured && Number.isFinite(level) && level > -70) {
      normalizer = [
        `loudnorm=I=${target.integratedLufs}:TP=${target.truePeakDb - 0.5}:LRA=${target.loudnessRange}`,
        `measured_I=${measured.input_i}:measured_TP=${measured.input_tp}:measured_LRA=${measured.input_lra}`,
        `measured_thresh=${measured.input_thresh}:offset=${measured.target_offset}:linear=true`,
      ].join(':');
    }
  }
  await runFfmpeg({
    args: [
      ...common,
      '-filter_complex',
      `${plan.filterGraph};\n${plan.output}${normalizer},aresample=48000,apad,atrim=duration=${ffSeconds(plan.durationSeconds)}[normalized]`,
      '-map', '[normalized]',
      '-c:a', 'pcm_s16le', '-ar', '48000', '-ac', '2',
      '-f', 'wav',
      '-y', options.outPath,
    ],
    signal,
    log,
    expectedSeconds: plan.durationSeconds,
    onProgress: report(options.normalize ? 0.5 : 0),
  });
  return { measured };
}
