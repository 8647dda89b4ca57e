/**
 * A reference rendering of an export's picture: the plan's own picture pass (same inputs,
 * same encoder arguments) with the blur fill of each clip written back the way
 * it was compiled before the export was tuned for speed (issue 15): the
 * background shrunk from the full-size source, blurred at a quarter size and
 * scaled up, and the picture laid over it with an alpha overlay. The tuned
 * export must look the same; tests compare the two frame by frame.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { pictureLayout } from '@core/layout.js';
import { picturePassCommand } from '@core/plan/args.js';
import type { RenderPlan } from '@core/plan/types.js';
import { resolveFfmpeg } from '../../electron/engine/ffmpeg/binaries.js';
import { runPass } from '../../electron/engine/export/pass.js';
import { planInputFiles } from '../../electron/engine/export/render.js';

const run = promisify(execFile);
const BT709 = 'out_color_matrix=bt709:out_range=tv';

/** The pre-issue-15 blur-fill chain, between the same labels as the compiled one (reading the picture with the same matrix and range). */
function plainBlurFill(options: { input: string; id: string; output: string; source: { width: number; height: number }; frame: { width: number; height: number }; from: string }): string {
  const { input, id, output, source, frame, from } = options;
  const BT709_FROM_SOURCE = `${from}${BT709}`;
  const picture = pictureLayout({ source, frame, reframe: { mode: 'blur' } });
  if (picture.mode !== 'blur') throw new Error('the reference is for blur-filled clips');
  const { small, smallCover } = picture.background;
  return [
    `[${input}]split=2[fg${id}][bg${id}]`,
    `[bg${id}]scale=${smallCover.width}:${smallCover.height}:flags=fast_bilinear:${BT709_FROM_SOURCE},crop=${small.width}:${small.height},boxblur=luma_radius=12:luma_power=2:chroma_radius=8:chroma_power=2,eq=brightness=-0.08,scale=${frame.width}:${frame.height}:flags=fast_bilinear:${from ? 'in_color_matrix=bt709:in_range=tv:' : ''}${BT709},setsar=1[bgs${id}]`,
    `[fg${id}]scale=${picture.fitted.width}:${picture.fitted.height}:flags=bicubic:${BT709_FROM_SOURCE},setsar=1[fgs${id}]`,
    `[bgs${id}][fgs${id}]overlay=${picture.box.x}:${picture.box.y}${output}`,
  ].join(';');
}

/** The plan's graph with every blur fill written the plain way (each chain runs from its `[IN]split=2[fgID][bgID]` to its `stack=inputs=3[OUT]`). */
export function plainGraph(plan: RenderPlan, source: { width: number; height: number }): string {
  let count = 0;
  const graph = plan.filterGraph.replace(/\[(\w+)\]split=2\[fg(\w+)\]\[bg\2\];.*?stack=inputs=3(\[\w+\])/gs, (chain: string, input: string, id: string, output: string) => {
    count += 1;
    // the source's matrix and range as the compiled chain reads them
    const from = /in_color_matrix=\w+:in_range=\w+:/.exec(chain)?.[0] ?? '';
    return plainBlurFill({ input, id, output, source, frame: { width: plan.width, height: plan.height }, from });
  });
  if (count === 0) throw new Error('no blur-fill chain found in the plan');
  return graph;
}

/** The graph cut after the joined picture (`[vcat]`): no lower thirds, no logo. */
function withoutGraphics(graph: string): string {
  const end = graph.indexOf('[vcat]') + '[vcat]'.length;
  if (end < '[vcat]'.length) throw new Error('no [vcat] in the graph');
  return `${graph.slice(0, end)};\n[vcat]format=yuv420p[vout]`;
}

/**
 * Render the plan's picture with the plain blur fill (no sound: only the picture
 * is compared); `graphics: false` leaves the lower thirds and the logo out.
 */
export async function renderReference(options: { plan: RenderPlan; source: { width: number; height: number }; workDir: string; output: string; graphics?: boolean }): Promise<void> {
  const { workDir } = options;
  const plain = plainGraph(options.plan, options.source);
  const plan = { ...options.plan, filterGraph: options.graphics === false ? withoutGraphics(plain) : plain, filterScript: true };
  const files = await planInputFiles({ plan, workDir });
  await runPass({ command: picturePassCommand({ plan, files, output: options.output, scriptPath: path.join(workDir, `${path.basename(options.output)}.ffgraph`) }) });
}

/** Chosen frames of a file (by frame number), decoded to RGB (BT.709 limited range in, full range out). */
export async function framesOf(file: string, numbers: number[], size: { width: number; height: number }): Promise<Map<number, Buffer>> {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const select = sorted.map((number) => `eq(n\\,${number})`).join('+');
  const { stdout } = await run(
    resolveFfmpeg().path,
    ['-v', 'error', '-nostdin', '-i', file, '-map', '0:v:0', '-vf', `select='${select}',scale=in_color_matrix=bt709:in_range=tv:out_range=pc,format=rgb24`, '-vsync', '0', '-f', 'rawvideo', '-'],
    { encoding: 'buffer', maxBuffer: 1024 * 1024 * 1024 },
  );
  const bytes = size.width * size.height * 3;
  if (stdout.length !== bytes * sorted.length) throw new Error(`${file}: ${stdout.length / bytes} of ${sorted.length} frames decoded`);
  return new Map(sorted.map((number, index) => [number, stdout.subarray(index * bytes, (index + 1) * bytes)]));
}

/** Mean absolute difference (0..255) of two RGB frames inside a box (the whole frame when no box). */
export function meanDifference(options: { a: Buffer; b: Buffer; width: number; box?: { x: number; y: number; width: number; height: number } }): number {
  const { a, b, width } = options;
  const box = options.box ?? { x: 0, y: 0, width, height: a.length / 3 / width };
  let sum = 0;
  for (let y = box.y; y < box.y + box.height; y++) {
    for (let x = box.x; x < box.x + box.width; x++) {
      const offset = (y * width + x) * 3;
      sum += Math.abs(a[offset]! - b[offset]!) + Math.abs(a[offset + 1]! - b[offset + 1]!) + Math.abs(a[offset + 2]! - b[offset + 2]!);
    }
  }
  return sum / (box.width * box.height * 3);
}

/** Sound level (dBFS, RMS of a mono mix) of a file between two times. */
export async function levelBetween(file: string, from: number, to: number): Promise<number> {
  const { stdout } = await run(
    resolveFfmpeg().path,
    ['-v', 'error', '-nostdin', '-i', file, '-map', '0:a:0', '-af', `atrim=start=${from}:end=${to}`, '-ac', '1', '-ar', '48000', '-f', 'f32le', '-'],
    { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
  );
  const samples = new Float32Array(stdout.buffer, stdout.byteOffset, Math.floor(stdout.length / 4));
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  return 10 * Math.log10(sum / Math.max(1, samples.length) + 1e-12);
}
