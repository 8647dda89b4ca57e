/**
 * One preset's picture made in parts (core/plan/parts.ts): the intro and outro
 * cards come from the bumper cache when an earlier export encoded them with the
 * same content (else they are encoded and kept), the body is encoded, and the
 * parts are joined without encoding the picture again, with the export's whole
 * sound (encoded beside the parts; the join waits for it). Used for batches,
 * where the same cards open and close many videos.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { concatList, joinCommand, partPassCommand, type PlanPart } from '@core/plan/parts.js';
import type { RenderPlan } from '@core/plan/types.js';
import type { ResolvedPack } from '@core/pack/resolved.js';
import type { Preset } from '@core/presets.js';
import type { Progress } from '@core/progress.js';
import { bumperKey, cachedBumper, pendingBumperPath, storeBumper } from './bumper-cache.js';
import { runPass } from './pass.js';

export interface InPartsRequest {
  plan: RenderPlan;
  preset: Preset;
  pack: ResolvedPack;
  parts: PlanPart[];
  /** the plan's input files (clips, rasterized overlays) */
  files: string[];
  /** the export's encoded sound (an M4A), made beside the parts */
  sound: Promise<string>;
  workDir: string;
  cacheDir: string;
  output: string;
  signal?: AbortSignal;
  log?: (line: string) => void;
  /** awaited right before the join writes `output` */
  beforeJoin?: () => Promise<void>;
  /** 0..1 of this preset's picture and join */
  onProgress?: (fraction: number, etaSeconds?: number) => void;
}

/** Encode one part into `output` (MPEG-TS, picture only). */
async function encodePart(request: InPartsRequest, part: PlanPart, output: string, progress: (progress: Progress) => void): Promise<void> {
  await runPass({
    command: partPassCommand({ plan: request.plan, preset: request.preset, part, files: request.files, output, scriptPath: path.join(request.workDir, `${part.kind}-${path.basename(output)}.ffgraph`) }),
    ...(request.signal ? { signal: request.signal } : {}),
    ...(request.log ? { log: request.log } : {}),
    onProgress: progress,
  });
}

/** The part's file: a cached card, a card encoded now and kept, or the body encoded into the work folder. */
async function partFile(request: InPartsRequest, part: PlanPart, progress: (progress: Progress) => void): Promise<string> {
  if (part.kind === 'body') {
    const file = path.join(request.workDir, `body-${request.preset.id}.ts`);
    await encodePart(request, part, file, progress);
    return file;
  }
  const key = await bumperKey({ plan: request.plan, pack: request.pack, preset: request.preset, part: { ...part, kind: part.kind } });
  const cached = await cachedBumper({ dir: request.cacheDir, key });
  if (cached) {
    request.log?.(`klipkota: ${part.kind} card from the bumper cache (${path.basename(cached)})`);
    return cached;
  }
  const pending = pendingBumperPath({ dir: request.cacheDir, key });
  await encodePart(request, part, pending, progress);
  return storeBumper({ dir: request.cacheDir, key, pending });
}

export async function encodeInParts(request: InPartsRequest): Promise<void> {
  await mkdir(request.cacheDir, { recursive: true });
  const total = request.plan.durationFrames;
  let done = 0;
  const files: { part: PlanPart; file: string }[] = [];
  for (const part of request.parts) {
    const frames = part.end - part.start;
    const file = await partFile(request, part, (progress) => request.onProgress?.((0.95 * (done + (frames * progress.percent) / 100)) / total));
    done += frames;
    request.onProgress?.((0.95 * done) / total);
    files.push({ part, file });
  }
  const list = path.join(request.workDir, `join-${request.preset.id}.ffconcat`);
  await writeFile(list, concatList(files, request.plan.fps), 'utf8');
  const sound = await request.sound;
  await request.beforeJoin?.();
  await runPass({
    command: joinCommand({ plan: request.plan, list, sound, output: request.output }),
    ...(request.signal ? { signal: request.signal } : {}),
    ...(request.log ? { log: request.log } : {}),
    onProgress: (progress) => request.onProgress?.(0.95 + 0.05 * (progress.percent / 100)),
  });
}
