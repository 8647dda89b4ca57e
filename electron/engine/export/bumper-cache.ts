/**
 * Encoded intro and outro cards kept between exports (a batch of videos with
 * the same pack, card fields and preset encodes each card once). An entry is
 * named by a content hash of everything its pixels depend on: the card's
 * graphic with its fields, colours and fonts (or the bumper video), the logo
 * when it is drawn over cards, the size, frame rate and length, the encoder
 * settings and the FFmpeg binary. It is written under a temporary name and
 * renamed into place only when FFmpeg finished, so a crash never leaves a
 * half-written entry under a real name; the folder is kept under a size bound,
 * least recently used first out.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import type { PlanPart } from '../../../core/plan/parts.js';
import { videoEncoderArguments } from '../../../core/plan/args.js';
import type { RenderPlan } from '../../../core/plan/types.js';
import { fileForAspect } from '../../../core/pack/manifest.js';
import type { ResolvedPack } from '../../../core/pack/resolved.js';
import { aspectOf, type Preset } from '../../../core/presets.js';
import { resolveFfmpeg } from '../ffmpeg/binaries.js';
import { rasterCacheKey } from '../raster/rasterize.js';
import { processExists } from './leftovers.js';

const CACHE_VERSION = 1;
/** About 60 encoded cards of 3 s at 1080p. */
export const BUMPER_CACHE_MAX_BYTES = 512 * 1024 * 1024;
const ENTRY = /^[0-9a-f]{40}\.ts$/;

async function fileIdentity(file: string): Promise<[string, number, number]> {
  const info = await stat(file).catch(() => undefined);
  return [file, info?.size ?? -1, info?.mtimeMs ?? -1];
}

/** What a card's pixels depend on in the plan's inputs: its own graphic or video, and the logo when it is drawn over cards. */
async function cardInputs(options: { plan: RenderPlan; pack: ResolvedPack; preset: Preset; kind: 'intro' | 'outro' }): Promise<unknown[]> {
  const { plan, pack, preset, kind } = options;
  const bumper = pack.manifest[kind];
  if (!bumper) return [];
  const own = pack.files[fileForAspect(bumper.file, aspectOf(preset))];
  const logo = pack.manifest.logo?.onBumpers ? pack.files[pack.manifest.logo.file] : undefined;
  const wanted = new Set([own, logo].filter((file): file is string => file !== undefined));
  const keys: unknown[] = [];
  for (const input of plan.inputs) {
    if (input.kind === 'raster' && wanted.has(input.request.svgPath)) keys.push(['raster', await rasterCacheKey(input.request), input.before]);
    if (input.kind === 'file' && wanted.has(input.path)) keys.push(['file', await fileIdentity(input.path), input.before]);
  }
  return keys;
}

/** The content hash that names a card's entry. */
export async function bumperKey(options: { plan: RenderPlan; pack: ResolvedPack; preset: Preset; part: PlanPart & { kind: 'intro' | 'outro' } }): Promise<string> {
  const { plan, pack, preset, part } = options;
  const description = {
    version: CACHE_VERSION,
    kind: part.kind,
    frames: part.end - part.start,
    size: [plan.width, plan.height],
    fps: plan.fps,
    pack: [pack.manifest.id, pack.manifest.version, pack.manifest[part.kind], pack.manifest.logo?.onBumpers ? pack.manifest.logo : null],
    inputs: await cardInputs({ plan, pack, preset, kind: part.kind }),
    encoder: videoEncoderArguments(preset, plan.fps),
    ffmpeg: await fileIdentity(resolveFfmpeg().path),
  };
  return createHash('sha1').update(JSON.stringify(description)).digest('hex');
}

/** The entry's file when it is there (and marks it as used). */
export async function cachedBumper(options: { dir: string; key: string }): Promise<string | undefined> {
  const file = path.join(options.dir, `${options.key}.ts`);
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile() || info.size === 0) return undefined;
  const now = new Date();
  await utimes(file, now, now).catch(() => undefined);
  return file;
}

/** A temporary name in the cache folder for an entry being encoded (renamed by storeBumper). */
export function pendingBumperPath(options: { dir: string; key: string }): string {
  return path.join(options.dir, `${options.key}.ts.${process.pid}-${randomUUID().slice(0, 8)}.part`);
}

/** Put a finished encode in place under its key, then keep the folder under its bound. */
export async function storeBumper(options: { dir: string; key: string; pending: string; maxBytes?: number }): Promise<string> {
  const file = path.join(options.dir, `${options.key}.ts`);
  await rename(options.pending, file);
  await pruneBumperCache({ dir: options.dir, maxBytes: options.maxBytes ?? BUMPER_CACHE_MAX_BYTES, keep: file });
  return file;
}

/** Remove least recently used entries until the folder is within `maxBytes` (never `keep`). */
export async function pruneBumperCache(options: { dir: string; maxBytes: number; keep?: string }): Promise<void> {
  const names = await readdir(options.dir).catch(() => [] as string[]);
  const entries = (
    await Promise.all(
      names
        .filter((name) => ENTRY.test(name))
        .map(async (name) => {
          const file = path.join(options.dir, name);
          const info = await stat(file).catch(() => undefined);
          return info ? { file, bytes: info.size, used: info.mtimeMs } : undefined;
        }),
    )
  ).filter((entry): entry is { file: string; bytes: number; used: number } => entry !== undefined);
  // an entry whose encoder was killed with its process never got its real name: its owner is gone, so is it
  for (const name of names) {
    const owner = /\.ts\.(\d+)-[0-9a-f]{8}\.part$/.exec(name)?.[1];
    if (owner && Number(owner) !== process.pid && !processExists(Number(owner))) await rm(path.join(options.dir, name), { force: true });
  }
  let total = entries.reduce((sum, entry) => sum + entry.bytes, 0);
  for (const entry of entries.sort((a, b) => a.used - b.used)) {
    if (total <= options.maxBytes) break;
    if (entry.file === options.keep) continue;
    await rm(entry.file, { force: true });
    total -= entry.bytes;
  }
}
