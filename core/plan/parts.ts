/**
 * An export in parts, so a batch encodes each intro and outro card once: the
 * same plan is run once per part with its picture cut to the part's frames
 * (`trim` on the graph's output, so every part is drawn by the very graph a
 * single pass would use), each part encoded with the same H.264 settings into
 * MPEG-TS, and the parts joined by FFmpeg's concat demuxer with their exact
 * durations and the picture copied, not encoded again. The sound is the whole
 * export's sound from the audio pass, encoded once beside the parts and copied
 * in at the join, so picture and sound cannot drift at the joins. Pure: the engine decides which parts it has cached and runs these.
 */
import type { Preset } from '../presets.js';
import { ffSeconds, framesToSeconds, secondsToFrames } from '../time.js';
import { globalArguments, GRAPH_THREADS, graphArguments, graphNeedsScript, inputArguments, muxCommand, videoEncoderArguments, type PassCommand } from './args.js';
import type { RenderPlan } from './types.js';

export type PartKind = 'intro' | 'body' | 'outro';

export interface PlanPart {
  kind: PartKind;
  /** first frame of the part in the export, and the frame after its last */
  start: number;
  end: number;
}

/**
 * The parts of a plan that has an intro or an outro card; undefined when it has
 * neither (nothing to reuse) or when anything is drawn over a card (then the card
 * is not the same from one video to the next).
 */
export function planParts(plan: RenderPlan): PlanPart[] | undefined {
  const frameOf = (seconds: number) => secondsToFrames(seconds, plan.fps);
  const intro = plan.timeline.find((segment) => segment.kind === 'intro');
  const outro = plan.timeline.find((segment) => segment.kind === 'outro');
  if (!intro && !outro) return undefined;
  const bodyStart = intro ? frameOf(intro.endSeconds) : 0;
  const bodyEnd = outro ? frameOf(outro.startSeconds) : plan.durationFrames;
  if (bodyEnd <= bodyStart) return undefined;
  const overBumper = plan.timeline.some(
    (segment) => segment.kind === 'overlay' && (frameOf(segment.startSeconds) < bodyStart || frameOf(segment.endSeconds) > bodyEnd),
  );
  if (overBumper) return undefined;
  return [
    ...(intro ? [{ kind: 'intro' as const, start: 0, end: bodyStart }] : []),
    { kind: 'body' as const, start: bodyStart, end: bodyEnd },
    ...(outro ? [{ kind: 'outro' as const, start: bodyEnd, end: plan.durationFrames }] : []),
  ];
}

/** The label the plan's picture leaves the graph by (its first map). */
function pictureLabel(plan: RenderPlan): string {
  const label = plan.maps[0];
  if (!label?.startsWith('[')) throw new Error('the plan maps no picture label first');
  return label;
}

/** One part's picture: the whole graph, cut to the part's frames, encoded alone into MPEG-TS (no sound). */
export function partPassCommand(options: { plan: RenderPlan; preset: Preset; part: PlanPart; files: readonly string[]; output: string; scriptPath: string }): PassCommand {
  const { plan, part } = options;
  const label = pictureLabel(plan);
  const graph = `${plan.filterGraph};\n${label}trim=start_frame=${part.start}:end_frame=${part.end},setpts=PTS-STARTPTS[part]`;
  const frames = part.end - part.start;
  const graphArgs = graphArguments({ graph, script: plan.filterScript || graphNeedsScript(graph), scriptPath: options.scriptPath });
  return {
    args: [
      ...globalArguments({ tool: 'ffmpeg', progress: true }),
      ...GRAPH_THREADS,
      ...inputArguments(plan.inputs, options.files),
      ...graphArgs.args,
      '-map', '[part]',
      ...videoEncoderArguments(options.preset, plan.fps),
      '-frames:v', String(frames),
      '-an',
      '-f', 'mpegts',
      '-y', options.output,
    ],
    ...(graphArgs.script ? { script: graphArgs.script } : {}),
    expectedSeconds: framesToSeconds(frames, plan.fps),
  };
}

/** The concat demuxer's list: each part's file and its exact duration, so the joins fall on frame boundaries. */
export function concatList(parts: readonly { part: PlanPart; file: string }[], fps: number): string {
  // ffconcat quoting: inside single quotes, a quote is written '\''
  const quote = (file: string) => `'${file.replace(/'/g, "'\\''")}'`;
  const lines = parts.flatMap(({ part, file }) => [`file ${quote(file)}`, `duration ${ffSeconds(framesToSeconds(part.end - part.start, fps))}`]);
  return ['ffconcat version 1.0', ...lines, ''].join('\n');
}

/** The join: the parts' pictures copied in order, the export's whole sound (encoded, soundEncodeCommand) copied beside them, cut at exactly the plan's length. */
export function joinCommand(options: { plan: RenderPlan; list: string; sound: string; output: string }): PassCommand {
  return muxCommand({ plan: options.plan, picture: options.list, concat: true, sound: options.sound, output: options.output });
}
