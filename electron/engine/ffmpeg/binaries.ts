/**
 * Which ffmpeg and ffprobe binaries KlipKota runs. Order (DESIGN.md):
 * FFMPEG_PATH / FFPROBE_PATH, then the app setting, then the bundled
 * `ffmpeg-static` binary (optional dependency), then the binaries shipped in the
 * registry packages @ffmpeg-installer/ffmpeg and @ffprobe-installer/ffprobe, then
 * `ffmpeg` / `ffprobe` on the PATH.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { KlipError } from '@core/errors.js';

export type BinaryTool = 'ffmpeg' | 'ffprobe';

export interface BinaryChoice {
  path: string;
  source: 'env' | 'setting' | 'ffmpeg-static' | 'registry-package' | 'path';
}

const require = createRequire(import.meta.url);
const cache = new Map<string, BinaryChoice>();
let settings: { ffmpegPath?: string; ffprobePath?: string } = {};

/**
 * The app setting (paths the admin chose in the settings screen). Used by
 * resolveFfmpeg/resolveFfprobe when they are called without a settingPath.
 */
export function configureBinaries(options: { ffmpegPath?: string; ffprobePath?: string }): void {
  settings = { ...options };
  cache.clear();
}

function isExecutableFile(candidate: string): boolean {
  try {
    if (!statSync(candidate).isFile()) return false;
    if (process.platform !== 'win32') accessSync(candidate, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * In a packaged app, binaries from node_modules live in app.asar.unpacked
 * (a file inside the asar archive cannot be executed).
 */
export function unpackedPath(candidate: string): string {
  const resourcesPath = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (!resourcesPath) return candidate;
  const asar = `${path.sep}app.asar${path.sep}`;
  return candidate.includes(asar) ? candidate.replace(asar, `${path.sep}app.asar.unpacked${path.sep}`) : candidate;
}

function fromStatic(tool: BinaryTool): string | undefined {
  // ffmpeg-static ships only ffmpeg; its sibling for ffprobe is ffprobe-static, which we do not use.
  if (tool !== 'ffmpeg') return undefined;
  try {
    const found: unknown = require('ffmpeg-static');
    return typeof found === 'string' ? found : undefined;
  } catch {
    return undefined;
  }
}

function fromRegistryPackage(tool: BinaryTool): string | undefined {
  try {
    const found: unknown = require(tool === 'ffmpeg' ? '@ffmpeg-installer/ffmpeg' : '@ffprobe-installer/ffprobe');
    const value = (found as { path?: unknown } | undefined)?.path;
    return typeof value === 'string' ? value : undefined;
  } catch {
    // the package throws a string when its platform binary is missing
    return undefined;
  }
}

function fromPath(tool: BinaryTool, env: NodeJS.ProcessEnv): string | undefined {
  const names = process.platform === 'win32' ? [`${tool}.exe`] : [tool];
  for (const directory of (env.PATH ?? env.Path ?? '').split(path.delimiter)) {
    if (!directory) continue;
    for (const name of names) {
      const candidate = path.join(directory, name);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return undefined;
}

function missing(tool: BinaryTool, tried: string[]): KlipError {
  const variable = tool === 'ffmpeg' ? 'FFMPEG_PATH' : 'FFPROBE_PATH';
  return new KlipError({
    code: 'ffmpeg-missing',
    text: {
      id: `${tool} tidak ditemukan. Pasang FFmpeg (https://ffmpeg.org/download.html) lalu jalankan ulang KlipKota, atau isi variabel lingkungan ${variable} (atau pengaturan aplikasi) dengan lokasi file ${tool}.`,
      en: `${tool} was not found. Install FFmpeg (https://ffmpeg.org/download.html) and start KlipKota again, or set the ${variable} environment variable (or the app setting) to the location of the ${tool} binary.`,
    },
    detail: tried.length > 0 ? `tried: ${tried.join(', ')}` : undefined,
  });
}

/** Find a binary without the cache; `env` is injectable for tests. */
export function findBinary(options: { tool: BinaryTool; settingPath?: string; env?: NodeJS.ProcessEnv }): BinaryChoice {
  const env = options.env ?? process.env;
  const tried: string[] = [];
  const check = (candidate: string | undefined, source: BinaryChoice['source']): BinaryChoice | undefined => {
    if (!candidate) return undefined;
    const mapped = unpackedPath(candidate);
    if (isExecutableFile(mapped)) return { path: mapped, source };
    tried.push(`${source}: ${mapped}`);
    return undefined;
  };
  const envPath = env[options.tool === 'ffmpeg' ? 'FFMPEG_PATH' : 'FFPROBE_PATH'];
  if (envPath) {
    // A path the admin set on purpose that does not work is an error, not something to skip silently.
    const chosen = check(envPath, 'env');
    if (!chosen) throw missing(options.tool, tried);
    return chosen;
  }
  const chosen =
    check(options.settingPath, 'setting') ??
    check(fromStatic(options.tool), 'ffmpeg-static') ??
    check(fromRegistryPackage(options.tool), 'registry-package') ??
    check(fromPath(options.tool, env), 'path');
  if (!chosen) throw missing(options.tool, tried);
  return chosen;
}

function resolveCached(tool: BinaryTool, options?: { settingPath?: string }): BinaryChoice {
  const settingPath = options?.settingPath ?? (tool === 'ffmpeg' ? settings.ffmpegPath : settings.ffprobePath);
  const key = `${tool}\u0000${process.env[tool === 'ffmpeg' ? 'FFMPEG_PATH' : 'FFPROBE_PATH'] ?? ''}\u0000${settingPath ?? ''}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const chosen = findBinary({ tool, settingPath });
  cache.set(key, chosen);
  return chosen;
}

export function resolveFfmpeg(options?: { settingPath?: string }): BinaryChoice {
  return resolveCached('ffmpeg', options);
}

export function resolveFfprobe(options?: { settingPath?: string }): BinaryChoice {
  return resolveCached('ffprobe', options);
}
