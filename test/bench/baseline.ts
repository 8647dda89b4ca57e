/**
 * The hand-written baseline: ONE ffmpeg command that a competent person would
 * type for the same output. Graphics are exported beforehand (here with the
 * engine's rasterizer, not timed, as a designer would export PNGs; the intro
 * and outro cards flattened on the brand colour), the same encoder settings,
 * the same blur approach (blur at a quarter size, then scale up), and loudness
 * done the way one does it by hand: one inline loudnorm in the same graph.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { PlanSegment, RasterRequest, RenderPlan } from '@core/plan/types.js';
import { runFfmpeg } from '../../electron/engine/ffmpeg/runner.js';
import { rasterizeCached } from '../../electron/engine/raster/rasterize.js';
import type { BenchJob } from './job.js';

export interface BaselineGraphics {
  intro: string;
  outro: string;
  lowerThird: string;
  logo: string;
}

function rasterRequests(job: BenchJob): RasterRequest[] {
  return job.plan.inputs.flatMap((input) => (input.kind === 'raster' ? [input.request] : []));
}

function find(requests: RasterRequest[], pattern: RegExp): RasterRequest {
  const found = requests.find((request) => pattern.test(path.basename(request.svgPath)));
  if (!found) throw new Error(`no graphic matching ${pattern} in the plan`);
  return found;
}

/** Export the PNGs once (cached in dir): cards flattened on the brand colour, lower third and logo with alpha. */
export async function exportGraphics(options: { job: BenchJob; dir: string }): Promise<BaselineGraphics> {
  const { job, dir } = options;
  await mkdir(dir, { recursive: true });
  const requests = rasterRequests(job);
  const primary = job.pack.manifest.colors.primary ?? '#000000';
  const flat = async (request: RasterRequest, name: string) => {
    const card = await rasterizeCached({ request, cacheDir: dir });
    const target = path.join(dir, `${name}-flat-${path.basename(card)}`);
    if (!existsSync(target)) {
      await runFfmpeg({
        args: [
          '-f', 'lavfi', '-i', `color=c=0x${primary.slice(1)}:s=${request.width}x${request.height}`,
          '-i', card,
          '-filter_complex', '[0:v][1:v]overlay=0:0,format=rgb24',
          '-frames:v', '1', '-y', target,
        ],
      });
    }
    return target;
  };
  return {
    intro: await flat(find(requests, /^intro/), 'intro'),
    outro: await flat(find(requests, /^outro/), 'outro'),
    lowerThird: await rasterizeCached({ request: find(requests, /^lower-third/), cacheDir: dir }),
    logo: await rasterizeCached({ request: find(requests, /^logo/), cacheDir: dir }),
  };
}

function segment(timeline: PlanSegment[], kind: PlanSegment['kind']): PlanSegment {
  const found = timeline.find((item) => item.kind === kind);
  if (!found) throw new Error(`no ${kind} in the plan's timeline`);
  return found;
}

/** Fixed-point seconds for a filter string. */
function s(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

/**
 * The baseline's arguments (after the binary). Positions and times are read from
 * the plan's timeline (what a designer would read off their layout).
 */
export function baselineArgs(options: { job: BenchJob; graphics: BaselineGraphics; output: string; extra?: { global?: string[]; output?: string[] } }): string[] {
  const { job, graphics, output } = options;
  const { plan } = job;
  const W = plan.width;
  const H = plan.height;
  const fps = plan.fps;
  const intro = segment(plan.timeline, 'intro');
  const outro = segment(plan.timeline, 'outro');
  const title = segment(plan.timeline, 'overlay');
  const logo = segment(plan.timeline, 'logo');
  const introSeconds = intro.endSeconds - intro.startSeconds;
  const outroSeconds = outro.endSeconds - outro.startSeconds;
  const titleSeconds = title.endSeconds - title.startSeconds;
  const logoSeconds = logo.endSeconds - logo.startSeconds;
  const lt = title.box!;
  const lg = logo.box!;
  const bt709 = 'out_color_matrix=bt709:out_range=tv';
  // the bench clips are untagged 1080p, which players (and the engine) read as BT.709 limited range:
  // said to the scaler, as a careful hand would write it (left to auto, swscale reads them as BT.601 and
  // converts; the background, already BT.709 after its first scale, is said to be so too)
  const fromClip = `in_color_matrix=bt709:in_range=tv:${bt709}`;
  // blur fill, as the engine does it: background from a quarter-size copy, blurred, scaled up
  const fg = { width: W, height: Math.round((W * 1080) / 1920 / 2) * 2 };
  const small = { width: W / 4, height: H / 4 };
  const smallCover = { width: Math.round((small.height * 1920) / 1080 / 2) * 2, height: small.height };
  // a 16:9 clip on a 16:9 frame (youtube) fills it: one scale, as anyone would write it
  const fills = fg.height >= H;
  const blurFill = (input: number) =>
    fills
      ? `[${input}:v]scale=${W}:${H}:${fromClip},setsar=1[v${input}]`
      : `[${input}:v]split[f${input}][b${input}];` +
    `[b${input}]scale=${smallCover.width}:${smallCover.height}:flags=fast_bilinear:${fromClip},crop=${small.width}:${small.height},` +
    `boxblur=luma_radius=12:luma_power=2:chroma_radius=8:chroma_power=2,eq=brightness=-0.08,` +
    `scale=${W}:${H}:flags=fast_bilinear:in_color_matrix=bt709:in_range=tv:${bt709}[bg${input}];` +
    `[f${input}]scale=${fg.width}:${fg.height}:${fromClip}[fg${input}];` +
    `[bg${input}][fg${input}]overlay=(W-w)/2:(H-h)/2,setsar=1[v${input}]`;
  const card = (input: number, seconds: number) =>
    `[${input}:v]scale=${W}:${H}:${bt709},format=yuv420p,fade=t=in:st=0:d=0.5,fade=t=out:st=${s(seconds - 0.5)}:d=0.5,setsar=1[v${input}]`;
  const fade = 0.5;
  const slideIn = `'${lt.x}-${lt.x + lt.width}*pow(max(0,1-(t-${s(title.startSeconds)})/${s(fade)}),3)'`;
  const graph = [
    card(0, introSeconds),
    blurFill(1),
    blurFill(2),
    blurFill(3),
    card(4, outroSeconds),
    `anullsrc=r=48000:cl=stereo,atrim=duration=${s(introSeconds)}[s0]`,
    `anullsrc=r=48000:cl=stereo,atrim=duration=${s(outroSeconds)}[s4]`,
    `[v0][s0][v1][1:a][v2][2:a][v3][3:a][v4][s4]concat=n=5:v=1:a=1[vcat][acat]`,
    `[5:v]format=rgba,fade=t=out:st=${s(titleSeconds - fade)}:d=${s(fade)}:alpha=1,scale=iw:ih:${bt709},format=yuva420p,setpts=PTS-STARTPTS+${s(title.startSeconds)}/TB[lt]`,
    `[vcat][lt]overlay=x=${slideIn}:y=${lt.y}:eof_action=pass:eval=frame[vlt]`,
    `[6:v]format=rgba,colorchannelmixer=aa=0.9,fade=t=in:st=0:d=0.4:alpha=1,fade=t=out:st=${s(logoSeconds - 0.4)}:d=0.4:alpha=1,scale=iw:ih:${bt709},format=yuva420p,setpts=PTS-STARTPTS+${s(logo.startSeconds)}/TB[logo]`,
    `[vlt][logo]overlay=${lg.x}:${lg.y}:eof_action=pass,format=yuv420p[vout]`,
    `[acat]loudnorm=I=-14:TP=-1.5:LRA=11,aresample=48000[aout]`,
  ].join(';');
  const still = (file: string, seconds: number) => ['-loop', '1', '-framerate', String(fps), '-t', s(seconds), '-i', file];
  return [
    ...(options.extra?.global ?? []),
    ...still(graphics.intro, introSeconds),
    '-i', job.clips[0]!,
    '-i', job.clips[1]!,
    '-i', job.clips[2]!,
    ...still(graphics.outro, outroSeconds),
    ...still(graphics.lowerThird, titleSeconds),
    ...still(graphics.logo, logoSeconds),
    '-filter_complex', graph,
    '-map', '[vout]', '-map', '[aout]',
    // the engine's own encoder settings and container (the preset's)
    ...exportSettings(plan),
    ...(options.extra?.output ?? []),
    '-y', output,
  ];
}

/**
 * The export file's settings as one command would write them: the picture pass's
 * encoder settings and cut (without its -an and -f mp4), the sound's encoder
 * settings, and the mux's index in front.
 */
export function exportSettings(plan: RenderPlan): string[] {
  const picture = plan.outputArgs.filter((arg, index, all) => !(arg === '-an' || arg === '-f' || all[index - 1] === '-f'));
  return [...picture, ...plan.soundArgs, '-movflags', '+faststart'];
}

/** The encoder settings of both commands must be the same: the engine's (exportSettings). */
export function encoderSettingsDiffer(job: BenchJob, args: string[]): string | undefined {
  const engine = exportSettings(job.plan);
  const joined = args.join(' ');
  return joined.includes(engine.join(' ')) ? undefined : `engine: ${engine.join(' ')}`;
}
