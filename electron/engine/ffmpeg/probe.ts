/**
 * What a media file holds, from ffprobe: duration, size, rotation, frame rate,
 * audio. The result is checked against core/media.ts's MediaInfoSchema.
 * Audio-only files are valid media (music); callers decide what they need.
 */
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { badInput, isKlipError, KlipError } from '@core/errors.js';
import { MediaInfoSchema, type MediaInfo } from '@core/media.js';
import { isoBmffDamage } from './container.js';
import { runFfmpeg } from './runner.js';

interface ProbeStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  sample_aspect_ratio?: string;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  pix_fmt?: string;
  color_space?: string;
  color_range?: string;
  nb_frames?: string;
  duration?: string;
  channels?: number;
  sample_rate?: string;
  disposition?: { attached_pic?: number };
  tags?: Record<string, string>;
  side_data_list?: Array<{ side_data_type?: string; rotation?: number | string }>;
}

interface ProbeOutput {
  streams?: ProbeStream[];
  format?: { format_name?: string; duration?: string; size?: string };
}

/** Formats ffprobe detects in almost any file; seeing them means "not media". */
const NOT_MEDIA_FORMATS = new Set(['tty']);
const STILL_CODECS = new Set(['png', 'mjpeg', 'jpeg2000', 'bmp', 'tiff', 'webp', 'gif', 'jpegls', 'ljpeg', 'pam', 'ppm']);

function ratio(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const match = /^(\d+(?:\.\d+)?)[/:](\d+(?:\.\d+)?)$/.exec(text.trim());
  const value = match ? Number(match[1]) / Number(match[2]) : Number(text);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

function positiveNumber(text: string | number | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/**
 * Clockwise display rotation, one of 0/90/180/270. The display matrix's
 * `rotation` is counter-clockwise (ffprobe reports -90 for a phone clip that
 * must be turned 90° clockwise); the old `rotate` tag is clockwise.
 */
export function clockwiseRotation(stream: Pick<ProbeStream, 'side_data_list' | 'tags'>): 0 | 90 | 180 | 270 {
  const matrix = stream.side_data_list?.find((entry) => entry.rotation !== undefined && Number.isFinite(Number(entry.rotation)));
  let degrees = 0;
  if (matrix) degrees = -Number(matrix.rotation);
  else if (stream.tags?.rotate !== undefined && Number.isFinite(Number(stream.tags.rotate))) degrees = Number(stream.tags.rotate);
  const quarter = ((Math.round(degrees / 90) % 4) + 4) % 4;
  return ([0, 90, 180, 270] as const)[quarter] ?? 0;
}

function unreadable(file: string, detail?: string): KlipError {
  const name = path.basename(file);
  return badInput(
    'media-unreadable',
    {
      id: `"${name}" tidak bisa dibaca sebagai video, gambar atau audio (berkas rusak, belum selesai disalin, atau bukan berkas media). Salin ulang berkasnya dari sumber aslinya atau pilih berkas lain.`,
      en: `"${name}" cannot be read as video, image or audio (the file is damaged, was not copied completely, or is not a media file). Copy the file again from its source or choose another file.`,
    },
    detail,
  );
}

function videoInfo(stream: ProbeStream, format: ProbeOutput['format'], durationSeconds: number): MediaInfo['video'] {
  const width = stream.width ?? 0;
  const height = stream.height ?? 0;
  if (width <= 0 || height <= 0) return undefined;
  const rotation = clockwiseRotation(stream);
  const sampleAspect = ratio(stream.sample_aspect_ratio) ?? 1;
  // Sample aspect stretches the coded width; rotation then swaps the axes.
  const shownWidth = Math.max(1, Math.round(width * sampleAspect));
  const swap = rotation === 90 || rotation === 270;
  const average = ratio(stream.avg_frame_rate);
  const real = ratio(stream.r_frame_rate);
  const sane = (value: number | undefined) => (value !== undefined && value < 1000 ? value : undefined);
  const fps = sane(average) ?? sane(real) ?? 25;
  const variableFrameRate = average !== undefined && real !== undefined && Math.abs(average - real) / real > 0.01;
  const codec = stream.codec_name ?? 'unknown';
  const formatName = format?.format_name ?? '';
  const frames = Number(stream.nb_frames);
  const still =
    /(^|,)image2($|,)|_pipe$/.test(formatName) ||
    (STILL_CODECS.has(codec) && codec !== 'gif' && (durationSeconds === 0 || frames === 1));
  return {
    codec,
    width,
    height,
    rotation,
    displayWidth: swap ? height : shownWidth,
    displayHeight: swap ? shownWidth : height,
    sampleAspect,
    fps,
    variableFrameRate: still ? false : variableFrameRate,
    ...(stream.pix_fmt ? { pixelFormat: stream.pix_fmt } : {}),
    ...(stream.color_space && stream.color_space !== 'unknown' ? { colorSpace: stream.color_space } : {}),
    ...(stream.color_range && stream.color_range !== 'unknown' ? { colorRange: stream.color_range } : {}),
    still,
    ...(!still && positiveNumber(stream.duration) !== undefined ? { durationSeconds: positiveNumber(stream.duration) } : {}),
  };
}

/** Build MediaInfo from ffprobe's JSON (exported for tests of odd files). */
export function mediaInfoFromProbe(options: { path: string; sizeBytes: number; output: ProbeOutput }): MediaInfo {
  const { output } = options;
  const streams = output.streams ?? [];
  const formatName = output.format?.format_name ?? '';
  const videoStream = streams.find((s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1);
  const audioStream = streams.find((s) => s.codec_type === 'audio');
  if (NOT_MEDIA_FORMATS.has(formatName) || (!videoStream && !audioStream)) {
    throw unreadable(options.path, `format ${formatName || 'unknown'}, ${streams.length} stream(s)`);
  }
  const streamDurations = streams.map((s) => positiveNumber(s.duration) ?? 0);
  let durationSeconds = positiveNumber(output.format?.duration) ?? Math.max(0, ...streamDurations);
  const video = videoStream ? videoInfo(videoStream, output.format, durationSeconds) : undefined;
  if (video?.still) durationSeconds = 0;
  const channels = audioStream?.channels ?? 0;
  const sampleRate = Math.round(Number(audioStream?.sample_rate ?? 0));
  const audio =
    audioStream && channels > 0 && sampleRate > 0 ? { codec: audioStream.codec_name ?? 'unknown', channels, sampleRate } : undefined;
  if (!video && !audio) throw unreadable(options.path, 'no decodable video or audio stream');
  const parsed = MediaInfoSchema.safeParse({
    path: options.path,
    format: formatName,
    durationSeconds,
    sizeBytes: options.sizeBytes,
    ...(video ? { video } : {}),
    ...(audio ? { audio } : {}),
  });
  if (!parsed.success) throw unreadable(options.path, parsed.error.message.split('\n')[0]);
  return parsed.data;
}

function probeCancelled(): KlipError {
  return new KlipError({ code: 'cancelled', kind: 'cancelled', text: { id: 'Pemeriksaan berkas dibatalkan.', en: 'Checking the files was cancelled.' } });
}

/**
 * Demuxers that read other files (or run something) named inside the file:
 * playlists, concat lists, manifests, scripts. A clip or bumper is one file;
 * one of these would make FFmpeg read whatever local file it names.
 */
export const REFERENCING_FORMATS = new Set(['hls', 'applehttp', 'concat', 'dash', 'webm_dash_manifest', 'imf', 'sdp', 'rtp', 'rtsp', 'lavfi', 'vapoursynth', 'avisynth', 'ffmetadata']);

/** What the first bytes say a referencing file is (checked before ffprobe opens it, so it never follows one). */
export function referencingKind(head: Buffer): string | undefined {
  const text = head.toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
  if (/^#EXTM3U/i.test(text)) return 'hls';
  if (/^ffconcat\s+version/i.test(text)) return 'concat';
  if (/<MPD[\s>]/.test(text)) return 'dash';
  if (/<CompositionPlaylist[\s>]/.test(text)) return 'imf';
  if (/^;FFMETADATA/.test(text)) return 'ffmetadata';
  if (/^v=0\s*$/m.test(text) && /^[cm]=/m.test(text)) return 'sdp';
  return undefined;
}

function referencingFile(file: string, kind: string): KlipError {
  const name = path.basename(file);
  return badInput(
    'media-playlist',
    {
      id: `"${name}" adalah daftar putar atau daftar berkas lain (${kind}), bukan satu berkas video. KlipKota hanya memakai berkas video, gambar atau audio biasa; pilih berkas videonya sendiri.`,
      en: `"${name}" is a playlist or a list of other files (${kind}), not one video file. KlipKota only uses plain video, image or audio files; choose the video file itself.`,
    },
    `${file}: ${kind}`,
  );
}

async function readHead(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const cache = new Map<string, MediaInfo>();
const CACHE_LIMIT = 500;

export async function probeMedia(file: string, options?: { signal?: AbortSignal }): Promise<MediaInfo> {
  if (options?.signal?.aborted) throw probeCancelled();
  const name = path.basename(file);
  let sizeBytes: number;
  let key: string;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw unreadable(file, 'not a regular file');
    sizeBytes = info.size;
    key = `${path.resolve(file)}\u0000${info.size}\u0000${info.mtimeMs}`;
  } catch (error) {
    if (isKlipError(error)) throw error;
    throw badInput(
      'media-missing',
      {
        id: `Berkas "${name}" tidak ditemukan (${file}). Periksa apakah berkas sudah dipindah, diganti nama atau dihapus, lalu pilih lagi.`,
        en: `The file "${name}" was not found (${file}). Check whether it was moved, renamed or deleted, then choose it again.`,
      },
      (error as Error).message,
    );
  }
  if (sizeBytes === 0) {
    throw badInput('media-empty', {
      id: `Berkas "${name}" kosong (0 bait). Salin ulang berkasnya dari kamera atau ponsel, lalu coba lagi.`,
      en: `The file "${name}" is empty (0 bytes). Copy it again from the camera or phone, then try again.`,
    });
  }
  const cached = cache.get(key);
  if (cached) return { ...cached, path: file };
  const sniffed = referencingKind(await readHead(file).catch(() => Buffer.alloc(0)));
  if (sniffed) throw referencingFile(file, sniffed);

  let stdout: string;
  try {
    ({ stdout } = await runFfmpeg({
      tool: 'ffprobe',
      args: ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file],
      signal: options?.signal,
    }));
  } catch (error) {
    if (isKlipError(error) && (error.code === 'cancelled' || error.code === 'ffmpeg-missing')) throw error;
    throw unreadable(file, isKlipError(error) ? error.detail : String(error));
  }
  let output: ProbeOutput;
  try {
    output = JSON.parse(stdout) as ProbeOutput;
  } catch {
    throw unreadable(file, 'ffprobe printed no JSON');
  }
  const formats = (output.format?.format_name ?? '').split(',');
  const referencing = formats.find((format) => REFERENCING_FORMATS.has(format));
  if (referencing) throw referencingFile(file, referencing);
  const result = mediaInfoFromProbe({ path: file, sizeBytes, output });
  if (/mp4|mov/.test(result.format)) {
    const damage = await isoBmffDamage(file);
    if (damage) throw unreadable(file, `truncated: ${damage}`);
  }
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, result);
  return result;
}

/**
 * Probe many files, two at a time, each distinct path once. The result is in
 * the order of `paths`; the first failure (in that order) is thrown.
 */
export async function probeMany(paths: string[], options?: { signal?: AbortSignal; concurrency?: number }): Promise<MediaInfo[]> {
  const unique = [...new Set(paths.map((p) => path.resolve(p)))];
  const results = new Map<string, MediaInfo | { error: unknown }>();
  const firstGiven = new Map<string, string>();
  for (const p of paths) if (!firstGiven.has(path.resolve(p))) firstGiven.set(path.resolve(p), p);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < unique.length) {
      const resolved = unique[next++] as string;
      try {
        results.set(resolved, await probeMedia(firstGiven.get(resolved) ?? resolved, options));
      } catch (error) {
        results.set(resolved, { error });
        if (isKlipError(error) && error.code === 'cancelled') failed = true;
      }
    }
  };
  const workers = Math.max(1, Math.min(options?.concurrency ?? 2, unique.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return paths.map((p) => {
    const result = results.get(path.resolve(p));
    if (!result) throw probeCancelled();
    if ('error' in result) throw result.error;
    return { ...result, path: p };
  });
}
