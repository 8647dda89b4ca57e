/**
 * `klipkota probe FILE [--json]`: what KlipKota sees in a media file.
 * Exit 2 when the file is missing, empty or not media.
 */
import { EXIT } from '@core/errors.js';
import type { MediaInfo } from '@core/media.js';
import { probeMedia } from '../engine/ffmpeg/probe.js';
import { usageError, type CliCommand, type CliContext, parseCommandArgs } from './context.js';
import { COMMAND_HELP } from './help.js';

const USAGE = COMMAND_HELP.probe.usage;

export function formatMediaInfo(info: MediaInfo, language: CliContext['language']): string {
  const id = language === 'id';
  const lines = [
    `${id ? 'Berkas' : 'File'}: ${info.path}`,
    `${id ? 'Format' : 'Format'}: ${info.format}`,
    `${id ? 'Durasi' : 'Duration'}: ${info.durationSeconds.toFixed(3)} s`,
    `${id ? 'Ukuran' : 'Size'}: ${info.sizeBytes} ${id ? 'bait' : 'bytes'}`,
  ];
  const video = info.video;
  if (video) {
    lines.push(
      `${id ? 'Video' : 'Video'}: ${video.codec} ${video.width}x${video.height}${video.pixelFormat ? ` ${video.pixelFormat}` : ''}`,
      `  ${id ? 'tampil' : 'shown as'}: ${video.displayWidth}x${video.displayHeight}${video.rotation ? `, ${id ? 'rotasi' : 'rotated'} ${video.rotation}°` : ''}${video.sampleAspect !== 1 ? `, SAR ${video.sampleAspect.toFixed(4)}` : ''}`,
      video.still
        ? `  ${id ? 'gambar diam' : 'still image'}`
        : `  ${Number(video.fps.toFixed(3))} fps${video.variableFrameRate ? (id ? ' (laju bingkai berubah-ubah)' : ' (variable frame rate)') : ''}`,
    );
  } else lines.push(`Video: ${id ? 'tidak ada' : 'none'}`);
  const audio = info.audio;
  lines.push(
    audio
      ? `Audio: ${audio.codec}, ${audio.sampleRate} Hz, ${audio.channels} ${id ? 'kanal' : audio.channels === 1 ? 'channel' : 'channels'}`
      : `Audio: ${id ? 'tidak ada' : 'none'}`,
  );
  return lines.join('\n');
}

export const probeCommand: CliCommand = async (args, context) => {
  const parsed = parseCommandArgs({ args, context, usage: USAGE, spec: { json: { type: 'boolean' } } });
  if (typeof parsed === 'number') return parsed;
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) {
    return usageError(context, {
      id: `Sebutkan tepat satu berkas. Pemakaian: ${USAGE}`,
      en: `Name exactly one file. Usage: ${USAGE}`,
    });
  }
  const info = await probeMedia(file, { signal: context.signal });
  if (context.json || parsed.values.json) context.out(JSON.stringify(info, null, 2));
  else context.out(formatMediaInfo(info, context.language));
  return EXIT.ok;
};
