/**
 * Every FFmpeg argument list of an export, written in one place: the global
 * flags, the inputs, the graph (inline or as a script file), the maps, the
 * encoder settings and where the output path goes, for each run (loudness
 * measure, loudness apply, sound encode, picture, mux). Pure: the engine only fills in the
 * files (clips, rasterized overlays, the sound, a script path in its temporary
 * folder) and runs the list as it is.
 */
import { badInput } from '../errors.js';
import { gopSize, type Preset } from '../presets.js';
import { ffSeconds, framesToSeconds } from '../time.js';
import type { AudioPlan, PlanInput, RenderPlan } from './types.js';

/**
 * A graph longer than this goes to FFmpeg as a `-filter_complex_script` file.
 * Linux refuses any single argument over 128 KiB (E2BIG) and Windows a whole
 * command line over 32767 characters, which the inputs' paths share with the
 * graph; 8 KiB leaves room for both on every system.
 */
export const INLINE_GRAPH_LIMIT = 8 * 1024;

/** Command-line limits per system (characters): Windows' CreateProcess, and Linux's limit per argument (MAX_ARG_STRLEN). */
export const COMMAND_LINE_LIMITS = { windowsTotal: 32_767, posixArgument: 128 * 1024 - 1, posixTotal: 1024 * 1024 } as const;

export function graphNeedsScript(graph: string): boolean {
  return graph.length > INLINE_GRAPH_LIMIT;
}

/** One FFmpeg run, complete: `args` is exactly what is spawned. */
export interface PassCommand {
  args: string[];
  /** when set, the engine writes `text` to `path` before the run (the graph is passed by file) */
  script?: { path: string; text: string };
  /** length of the pass's output, for the percentage and ETA */
  expectedSeconds: number;
}

/** The flags every run starts with; progress goes to stdout as key=value lines when asked. */
export function globalArguments(options: { tool: 'ffmpeg' | 'ffprobe'; progress: boolean }): string[] {
  if (options.tool === 'ffprobe') return ['-hide_banner'];
  return ['-hide_banner', '-nostdin', ...(options.progress ? ['-progress', 'pipe:1', '-nostats'] : [])];
}

/** `-i` for each plan input with its options before it; `files[i]` is the file the engine chose for input i. */
export function inputArguments(inputs: readonly PlanInput[], files: readonly string[]): string[] {
  if (files.length !== inputs.length) throw new Error(`${inputs.length} plan inputs but ${files.length} files`);
  return inputs.flatMap((input, index) => [...input.before, '-i', files[index]!]);
}

/** The graph as arguments: inline, or by a script file the engine writes. */
export function graphArguments(options: { graph: string; script: boolean; scriptPath: string }): { args: string[]; script?: PassCommand['script'] } {
  if (!options.script) return { args: ['-filter_complex', options.graph] };
  return { args: ['-filter_complex_script', options.scriptPath], script: { path: options.scriptPath, text: options.graph } };
}

/** The picture's encoder settings from the preset (PLATFORMS.md): H.264 High, closed GOP of half the frame rate, BT.709. */
export function videoEncoderArguments(preset: Preset, fps: number): string[] {
  const gop = gopSize(fps);
  return [
    '-c:v', preset.video.codec,
    '-preset', preset.video.speed,
    '-crf', String(preset.video.crf),
    '-maxrate', `${preset.videoMaxrateKbps}k`,
    '-bufsize', `${preset.videoMaxrateKbps * 2}k`,
    '-profile:v', preset.video.profile,
    '-pix_fmt', preset.video.pixelFormat,
    '-g', String(gop),
    '-keyint_min', String(gop),
    '-sc_threshold', '0',
    '-bf', String(preset.video.bFrames),
    '-flags', '+cgop',
    '-color_primaries', preset.video.colour.primaries,
    '-color_trc', preset.video.colour.transfer,
    '-colorspace', preset.video.colour.matrix,
    '-color_range', preset.video.colour.range,
  ];
}

/** The sound's encoder settings: AAC-LC 48 kHz at the preset's bitrate. */
export function audioEncoderArguments(preset: Preset): string[] {
  return ['-c:a', preset.audio.codec, '-b:a', `${preset.audio.bitrateKbps}k`, '-ar', String(preset.audio.sampleRate), '-ac', String(preset.audio.channels)];
}

/** The MP4 container: the index at the front for streaming (faststart). */
export const MP4_CONTAINER = ['-movflags', '+faststart', '-f', 'mp4'] as const;

/**
 * The picture pass's encoder settings and container: the picture alone, cut at
 * exactly `frames`, into an MP4 in the work folder (no faststart: the mux writes
 * the index at the front of the real file).
 */
export function pictureArguments(preset: Preset, frames: number, fps: number): string[] {
  return [...videoEncoderArguments(preset, fps), '-t', ffSeconds(framesToSeconds(frames, fps)), '-an', '-f', 'mp4'];
}

/**
 * The picture graph runs its filters on FFmpeg's one filter thread, without
 * slice threads: on 2 cores, where x264 already keeps both busy, the slices
 * only cost switching. Measured for issue 15 (FFmpeg 5.1, bench job, 3
 * interleaved runs each): tiktok picture pass 12.6 s instead of 13.1 s (CPU
 * 21.8 s instead of 22.1 s, peak RSS 388 instead of 393 MiB), youtube 11.3 s
 * instead of 11.5 s.
 */
export const GRAPH_THREADS = ['-filter_complex_threads', '1'] as const;

/**
 * The picture pass: every plan input, the graph, the picture's map, the encoder
 * settings, then the output file. The sound is made beside it (the audio pass,
 * then soundEncodeCommand) and the two are put together by muxCommand, so the
 * picture does not wait for the loudness measure and FFmpeg's main thread does
 * not encode AAC between frames.
 */
export function picturePassCommand(options: { plan: RenderPlan; files: readonly string[]; output: string; scriptPath: string }): PassCommand {
  const { plan } = options;
  const graph = graphArguments({ graph: plan.filterGraph, script: plan.filterScript, scriptPath: options.scriptPath });
  return {
    args: [
      ...globalArguments({ tool: 'ffmpeg', progress: true }),
      ...GRAPH_THREADS,
      ...inputArguments(plan.inputs, options.files),
      ...graph.args,
      ...plan.maps.flatMap((map) => ['-map', map]),
      ...plan.outputArgs,
      '-y', options.output,
    ],
    ...(graph.script ? { script: graph.script } : {}),
    expectedSeconds: framesToSeconds(plan.durationFrames, plan.fps),
  };
}

/** The normalised sound (the audio pass's WAV) encoded with the preset's sound settings into an M4A (AAC, its priming in the edit list). */
export function soundEncodeCommand(options: { plan: RenderPlan; sound: string; output: string }): PassCommand {
  const { plan } = options;
  return {
    args: [
      ...globalArguments({ tool: 'ffmpeg', progress: true }),
      '-i', options.sound,
      '-map', '0:a:0',
      ...plan.soundArgs,
      '-f', 'mp4',
      '-y', options.output,
    ],
    expectedSeconds: plan.durationSeconds,
  };
}

/**
 * The export file: the encoded picture and the encoded sound copied side by side
 * (nothing encoded again), cut at the plan's length, the index at the front.
 * `concat`: the picture is an ffconcat list of parts (a batch's join, parts.ts).
 */
export function muxCommand(options: { plan: RenderPlan; picture: string; sound: string; output: string; concat?: boolean }): PassCommand {
  const { plan } = options;
  return {
    args: [
      ...globalArguments({ tool: 'ffmpeg', progress: true }),
      ...(options.concat ? ['-f', 'concat', '-safe', '0'] : []),
      '-i', options.picture,
      '-i', options.sound,
      '-map', '0:v:0', '-map', '1:a:0',
      '-c', 'copy',
      '-t', ffSeconds(plan.durationSeconds),
      ...MP4_CONTAINER,
      '-y', options.output,
    ],
    expectedSeconds: plan.durationSeconds,
  };
}

// ---------------------------------------------------------------- the sound

/** The JSON block loudnorm prints at the end of a measuring run (print_format=json). */
export interface LoudnessMeasurement {
  input_i: string;
  input_tp: string;
  input_lra: string;
  input_thresh: string;
  target_offset: string;
}

/** The measurement in a measuring run's stderr, if it printed one. */
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

function audioFiles(audio: AudioPlan): string[] {
  return audio.inputs.map((input) => {
    if (input.kind !== 'file') throw new Error('the audio pass takes only file inputs');
    return input.path;
  });
}

function loudnormTarget(audio: AudioPlan): string {
  const { target } = audio;
  return `loudnorm=I=${target.integratedLufs}:TP=${target.truePeakDb - 0.5}:LRA=${target.loudnessRange}`;
}

/** Pass one of two: measure the mixed sound's loudness (printed as JSON on stderr), writing nothing. */
export function loudnessMeasureCommand(options: { audio: AudioPlan; scriptPath: string }): PassCommand {
  const { audio } = options;
  const graph = graphArguments({
    graph: `${audio.filterGraph};\n${audio.output}${loudnormTarget(audio)}:print_format=json[measured]`,
    script: audio.filterScript,
    scriptPath: options.scriptPath,
  });
  return {
    args: [
      ...globalArguments({ tool: 'ffmpeg', progress: true }),
      ...inputArguments(audio.inputs, audioFiles(audio)),
      ...graph.args,
      '-map', '[measured]',
      '-f', 'null', '-',
    ],
    ...(graph.script ? { script: graph.script } : {}),
    expectedSeconds: framesToSeconds(audio.durationFrames, audio.fps),
  };
}

/**
 * Pass two: the sound as a WAV of exactly the picture's length. With a usable
 * measurement (not silence) loudnorm applies it linearly so the result lands on
 * the target; without one (not normalising, or silence) the sound is left as is.
 */
export function loudnessApplyCommand(options: { audio: AudioPlan; measured?: LoudnessMeasurement; output: string; scriptPath: string }): PassCommand {
  const { audio, measured } = options;
  const level = measured ? Number.parseFloat(measured.input_i) : Number.NaN;
  const normalizer =
    measured && Number.isFinite(level) && level > -70
      ? [
          loudnormTarget(audio),
          `measured_I=${measured.input_i}:measured_TP=${measured.input_tp}:measured_LRA=${measured.input_lra}`,
          `measured_thresh=${measured.input_thresh}:offset=${measured.target_offset}:linear=true`,
        ].join(':')
      : 'anull';
  const seconds = ffSeconds(framesToSeconds(audio.durationFrames, audio.fps));
  const graph = graphArguments({
    graph: `${audio.filterGraph};\n${audio.output}${normalizer},aresample=48000,apad,atrim=duration=${seconds}[normalized]`,
    script: audio.filterScript,
    scriptPath: options.scriptPath,
  });
  return {
    args: [
      ...globalArguments({ tool: 'ffmpeg', progress: true }),
      ...inputArguments(audio.inputs, audioFiles(audio)),
      ...graph.args,
      '-map', '[normalized]',
      '-c:a', 'pcm_s16le', '-ar', '48000', '-ac', '2',
      '-f', 'wav',
      '-y', options.output,
    ],
    ...(graph.script ? { script: graph.script } : {}),
    expectedSeconds: framesToSeconds(audio.durationFrames, audio.fps),
  };
}

// ---------------------------------------------------------------- command-line length

/** Bytes of a string in UTF-8 (what Linux counts), without Node's Buffer: core runs anywhere. */
function utf8Length(word: string): number {
  let bytes = 0;
  for (const char of word) {
    const code = char.codePointAt(0)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** Characters Windows counts for a command line (each word quoted when it needs it, plus a space). */
function windowsLength(words: readonly string[]): number {
  return words.reduce((sum, word) => sum + word.length + (/[\s"]/.test(word) || word === '' ? 2 + (word.match(/"/g)?.length ?? 0) : 0) + 1, 0);
}

/**
 * Refuse a run the system cannot start (E2BIG on Linux, a cut command line on
 * Windows) with a message instead of a cryptic spawn failure. With long graphs
 * in script files this takes a project of many hundreds of clips with long
 * paths on Windows.
 */
export function checkCommandLine(options: { platform: string; binary: string; args: readonly string[] }): void {
  const words = [options.binary, ...options.args];
  const tooLong =
    options.platform === 'win32'
      ? windowsLength(words) > COMMAND_LINE_LIMITS.windowsTotal
      : words.some((word) => utf8Length(word) > COMMAND_LINE_LIMITS.posixArgument) ||
        words.reduce((sum, word) => sum + utf8Length(word) + 1, 0) > COMMAND_LINE_LIMITS.posixTotal;
  if (!tooLong) return;
  throw badInput(
    'command-too-long',
    {
      id: 'Perintah FFmpeg untuk proyek ini terlalu panjang untuk sistem operasi (terlalu banyak klip, atau jalur folder klip sangat panjang). Bagi proyek menjadi beberapa bagian, atau pindahkan klip ke folder dengan jalur lebih pendek.',
      en: 'The FFmpeg command for this project is too long for the operating system (too many clips, or very long folder paths). Split the project into parts, or move the clips to a folder with a shorter path.',
    },
    `${words.length} arguments`,
  );
}
