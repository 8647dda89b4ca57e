/**
 * `klipkota captions transcribe CLIP --out FILE.srt [--model PATH] [--pack DIR] [--overwrite] [--json]`:
 * draft captions from a clip's Indonesian speech, offline (whisper.cpp), cut to
 * the pack's caption line limits, written as an .srt. Exit 0 written, 1 failed
 * or cancelled, 2 bad usage or a missing/refused model or clip.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { EXIT, badInput, type LocalizedText } from '@core/errors.js';
import { resolveCaptionStyle } from '@core/captions/style.js';
import { writeSrtFile } from '../engine/captions/subtitles.js';
import { transcribeClip, type TranscribeResult } from '../engine/captions/transcribe.js';
import { probeMedia } from '../engine/ffmpeg/probe.js';
import { choosePack } from '../engine/pack/find.js';
import { klipkotaHome, packLibraryDir } from '../engine/pack/home.js';
import { BUILT_IN_PACK_ID } from '../engine/pack/load.js';
import { parseCommandArgs, usageError, type CliCommand, type CliContext } from './context.js';
import { COMMAND_HELP } from './help.js';

const USAGE = COMMAND_HELP.captions.usage;

/** Captions are written on the clip's own frames; a sound file's on milliseconds. */
const SOUND_FILE_RATE = 1000;

function modelLine(result: TranscribeResult, language: CliContext['language']): string {
  const id = language === 'id';
  const { model } = result;
  const what = model.published
    ? id ? `ggml-${model.published}.bin, cocok dengan checksum whisper.cpp` : `ggml-${model.published}.bin, matches whisper.cpp's checksum`
    : id ? `${model.label}, checksum tidak diterbitkan` : `${model.label}, checksum not published`;
  return `${id ? 'Model' : 'Model'}: ${model.path} (${what})`;
}

function summary(options: { result: TranscribeResult; out: string; language: CliContext['language'] }): string {
  const { result, out, language } = options;
  const id = language === 'id';
  const lines = [
    modelLine(result, language),
    ...result.model.warnings.map((warning: LocalizedText) => `${id ? 'Peringatan' : 'Warning'}: ${warning[language]}`),
    id
      ? `${result.captions.length} teks dari ${result.audioSeconds.toFixed(1)} s suara dalam ${result.wallSeconds.toFixed(1)} s: ${out}`
      : `${result.captions.length} captions from ${result.audioSeconds.toFixed(1)} s of sound in ${result.wallSeconds.toFixed(1)} s: ${out}`,
  ];
  if (result.captions.length === 0) lines.push(id ? 'Tidak ada ucapan yang terdengar di klip ini.' : 'No speech was heard in this clip.');
  return lines.join('\n');
}

async function refuseExisting(out: string): Promise<void> {
  if (await fs.stat(out).then(() => true, () => false)) {
    throw badInput('file-exists', {
      id: `Berkas ${out} sudah ada. KlipKota tidak menimpanya tanpa izin: pilih nama lain atau tambahkan --overwrite.`,
      en: `The file ${out} already exists. KlipKota does not replace it unasked: choose another name or add --overwrite.`,
    });
  }
}

export const captionsCommand: CliCommand = async (args, context) => {
  const parsed = parseCommandArgs({
    args,
    context,
    usage: USAGE,
    spec: { out: { type: 'string' }, model: { type: 'string' }, pack: { type: 'string' }, overwrite: { type: 'boolean' }, json: { type: 'boolean' } },
  });
  if (typeof parsed === 'number') return parsed;
  const [sub, clip, ...extra] = parsed.positionals;
  const { values } = parsed;
  if (sub !== 'transcribe' || !clip || extra.length > 0 || !values.out) {
    return usageError(context, { id: `Sebutkan satu klip dan --out. Pemakaian: ${USAGE}`, en: `Name one clip and --out. Usage: ${USAGE}` });
  }
  const json = context.json || values.json === true;
  const out = path.resolve(values.out);
  if (!values.overwrite) await refuseExisting(out);
  await probeMedia(clip, { signal: context.signal });
  const pack = await choosePack({ ...(values.pack ? { dir: path.resolve(values.pack) } : {}), id: BUILT_IN_PACK_ID, libraryDir: packLibraryDir() });
  const style = resolveCaptionStyle({ pack });
  let shown = -1;
  const result = await transcribeClip({
    clip,
    ...(values.model ? { modelPath: values.model } : {}),
    home: klipkotaHome(),
    limits: { maxLines: style.maxLines, maxCharsPerLine: style.maxCharsPerLine },
    signal: context.signal,
    onProgress: (progress) => {
      const percent = Math.floor(progress.percent);
      if (json || percent === shown) return;
      shown = percent;
      context.err(`${context.language === 'id' ? 'Membuat teks otomatis' : 'Auto-captioning'}: ${percent}%`);
    },
  });
  const fps = result.fps ?? SOUND_FILE_RATE;
  await writeSrtFile({
    path: out,
    fps,
    captions: result.captions.map((caption) => ({ text: caption.text, startFrame: Math.round(caption.startSeconds * fps), endFrame: Math.round(caption.endSeconds * fps) })),
  });
  if (json) {
    context.out(JSON.stringify({
      output: out,
      captions: result.captions,
      model: { path: result.model.path, label: result.model.label, published: result.model.published ?? null, sha1: result.model.sha1 },
      warnings: result.model.warnings.map((warning) => warning[context.language]),
      audioSeconds: result.audioSeconds,
      wallSeconds: result.wallSeconds,
    }, null, 2));
  } else context.out(summary({ result, out, language: context.language }));
  return EXIT.ok;
};
