/**
 * What the timeline draws on its tracks, made by FFmpeg in the background:
 * small thumbnails along a clip (one fast seek each: `-ss` before `-i`,
 * `-noaccurate_seek`, only key frames decoded (`-skip_frame nokey`, three
 * times faster here than decoding up to the exact frame), one small frame) and a music file's waveform (peaks per
 * 1/100 s from a low-rate mono PCM decode, made once per file). Both are
 * cached on disk per media file under a content key (path, size, mtime), so a
 * changed file gets new ones. Every FFmpeg run goes through one bounded pool.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { runFfmpeg } from '../ffmpeg/runner.js';
import { writeFileAtomic } from '../files/atomic.js';
import { createWorkPool, type WorkPool } from './pool.js';

/** height of a timeline thumbnail in pixels (the video track is a little taller) */
export const STRIP_THUMBNAIL_HEIGHT = 54;
/** waveform resolution: one peak per 1/100 s */
export const WAVEFORM_PEAKS_PER_SECOND = 100;
/** PCM rate of the waveform decode: 40 samples per peak is plenty for a picture */
const WAVEFORM_SAMPLE_RATE = 4000;
const SAMPLES_PER_PEAK = WAVEFORM_SAMPLE_RATE / WAVEFORM_PEAKS_PER_SECOND;

export interface Waveform {
  peaksPerSecond: number;
  /** one byte per peak, 0 (silence) .. 255 (full scale) */
  peaks: Uint8Array;
}

export interface MediaStrips {
  /** a JPEG thumbnail near `atSeconds` (to the nearest key frame), as a data: URL */
  thumbnail(options: { path: string; atSeconds: number; signal?: AbortSignal }): Promise<string>;
  waveform(options: { path: string; signal?: AbortSignal }): Promise<Waveform>;
  pool: WorkPool;
}

/** The cache folder of one media file: a hash of its absolute path, size and modification time. */
export async function mediaCacheKey(file: string): Promise<string> {
  const absolute = path.resolve(file);
  const stat = await fs.stat(absolute);
  return createHash('sha256').update(`${absolute}\0${stat.size}\0${Math.round(stat.mtimeMs)}`).digest('hex').slice(0, 32);
}

async function readIfThere(file: string): Promise<Buffer | undefined> {
  try {
    const bytes = await fs.readFile(file);
    return bytes.length > 0 ? bytes : undefined;
  } catch {
    return undefined;
  }
}

/** `keyFramesOnly`: decode nothing but the key frame at or before the time (the fast path; a stream without key frame flags gives no frame). */
function thumbnailArgs(options: { source: string; atSeconds: number; out: string; keyFramesOnly: boolean }): string[] {
  return [
    '-threads', '1',
    ...(options.keyFramesOnly ? ['-skip_frame', 'nokey'] : []),
    ...(options.atSeconds > 0 ? ['-ss', options.atSeconds.toFixed(3), '-noaccurate_seek'] : []),
    '-i', options.source,
    '-map', '0:v:0',
    '-frames:v', '1',
    '-vf', `scale=-2:${STRIP_THUMBNAIL_HEIGHT}:flags=fast_bilinear`,
    '-c:v', 'mjpeg',
    '-q:v', '6',
    '-f', 'image2',
    '-y', options.out,
  ];
}

function waveformArgs(options: { source: string; out: string }): string[] {
  return [
    '-i', options.source,
    '-map', '0:a:0',
    '-vn',
    '-ac', '1',
    '-ar', String(WAVEFORM_SAMPLE_RATE),
    '-c:a', 'pcm_s16le',
    '-f', 's16le',
    '-y', options.out,
  ];
}

/** Peaks (0..255) of 16-bit little-endian mono PCM, one per `SAMPLES_PER_PEAK` samples. */
export function peaksOfPcm(pcm: Uint8Array): Uint8Array {
  const view = new DataView(pcm.buffer, pcm.byteOffset, pcm.byteLength);
  const samples = Math.floor(pcm.byteLength / 2);
  const peaks = new Uint8Array(Math.ceil(samples / SAMPLES_PER_PEAK));
  for (let peak = 0; peak < peaks.length; peak += 1) {
    let max = 0;
    const end = Math.min(samples, (peak + 1) * SAMPLES_PER_PEAK);
    for (let sample = peak * SAMPLES_PER_PEAK; sample < end; sample += 1) {
      const value = Math.abs(view.getInt16(sample * 2, true));
      if (value > max) max = value;
    }
    peaks[peak] = Math.min(255, Math.round((max / 32768) * 255));
  }
  return peaks;
}

/**
 * The strips of one engine: `cacheDir` holds one folder per media file;
 * `concurrency` FFmpeg runs at most at a time (2 on the small office PCs).
 */
export function createMediaStrips(options: { cacheDir: string; concurrency?: number }): MediaStrips {
  const pool = createWorkPool(options.concurrency ?? 2);
  const folderFor = async (file: string) => {
    const folder = path.join(options.cacheDir, await mediaCacheKey(file));
    await fs.mkdir(folder, { recursive: true });
    return folder;
  };

  const thumbnail: MediaStrips['thumbnail'] = async ({ path: file, atSeconds, signal }) => {
    const source = path.resolve(file);
    const folder = await folderFor(source);
    const millis = Math.max(0, Math.round(atSeconds * 1000));
    const cached = path.join(folder, `thumb-${millis}.jpg`);
    const bytes =
      (await readIfThere(cached)) ??
      (await pool.run(cached, async () => {
        const part = `${cached}.${process.pid}.part`;
        try {
          // key frames only; then every frame (a stream without key frame flags); then the first frame (a seek past the end)
          const attempts = [
            { atSeconds: millis / 1000, keyFramesOnly: true },
            { atSeconds: millis / 1000, keyFramesOnly: false },
            ...(millis > 0 ? [{ atSeconds: 0, keyFramesOnly: false }] : []),
          ];
          let made: Buffer | undefined;
          for (const attempt of attempts) {
            await runFfmpeg({ args: thumbnailArgs({ source, out: part, ...attempt }), signal });
            made = await readIfThere(part);
            if (made) break;
          }
          if (!made) throw new Error(`ffmpeg wrote no thumbnail for ${source} at ${millis} ms`);
          await fs.rename(part, cached);
          return made;
        } finally {
          await fs.rm(part, { force: true });
        }
      }));
    return `data:image/jpeg;base64,${bytes.toString('base64')}`;
  };

  const waveform: MediaStrips['waveform'] = async ({ path: file, signal }) => {
    const source = path.resolve(file);
    const folder = await folderFor(source);
    const cached = path.join(folder, `waveform-${WAVEFORM_PEAKS_PER_SECOND}.u8`);
    const existing = await readIfThere(cached);
    if (existing) return { peaksPerSecond: WAVEFORM_PEAKS_PER_SECOND, peaks: new Uint8Array(existing) };
    const peaks = await pool.run(cached, async () => {
      const pcm = path.join(folder, `waveform.${process.pid}.pcm`);
      try {
        await runFfmpeg({ args: waveformArgs({ source, out: pcm }), signal });
        const made = peaksOfPcm(await fs.readFile(pcm));
        await writeFileAtomic({ path: cached, data: made });
        return made;
      } finally {
        await fs.rm(pcm, { force: true });
      }
    });
    return { peaksPerSecond: WAVEFORM_PEAKS_PER_SECOND, peaks };
  };

  return { thumbnail, waveform, pool };
}
