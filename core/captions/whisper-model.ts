/**
 * whisper.cpp's ggml model files: which model a file is, whether it is one of
 * the models whisper.cpp publishes (by the SHA-1 its models/README lists), and
 * what to tell the admin. Pure: the engine reads the bytes (model-file.ts)
 * and hashes the file; this decides.
 *
 * The ggml file: the magic 0x67676d6c ("ggml", little-endian uint32), eleven
 * int32 hyper-parameters, the mel filters, the vocabulary, then the tensors,
 * each a header (dimensions, name length, type, sizes, name) and its data.
 */
import type { LocalizedText } from '../errors.js';

export const GGML_MAGIC = 0x67676d6c;

/** Bytes of the magic and the eleven hyper-parameters. */
export const WHISPER_HEADER_BYTES = 4 + 11 * 4;

export interface WhisperHyperParameters {
  nVocab: number;
  nAudioCtx: number;
  nAudioState: number;
  nAudioHead: number;
  nAudioLayer: number;
  nTextCtx: number;
  nTextState: number;
  nTextHead: number;
  nTextLayer: number;
  nMels: number;
  /** the weights' type; quantized files add 1000 × the quantization version */
  ftype: number;
}

/**
 * The models whisper.cpp lists with their SHA-1 in its models/README.md
 * ("Available models"). Files of the same family that are not in this list
 * (other quantizations, fine-tuned models) have no published checksum.
 */
export const PUBLISHED_WHISPER_MODELS: ReadonlyArray<{ name: string; sha1: string }> = [
  { name: 'tiny', sha1: 'bd577a113a864445d4c299885e0cb97d4ba92b5f' },
  { name: 'tiny.en', sha1: 'c78c86eb1a8faa21b369bcd33207cc90d64ae9df' },
  { name: 'base', sha1: '465707469ff3a37a2b9b8d8f89f2f99de7299dac' },
  { name: 'base.en', sha1: '137c40403d78fd54d454da0f9bd998f78703390c' },
  { name: 'small', sha1: '55356645c2b361a969dfd0ef2c5a50d530afd8d5' },
  { name: 'small.en', sha1: 'db8a495a91d927739e50b3fc1cc4c6b8f6c2d022' },
  { name: 'small.en-tdrz', sha1: 'b6c6e7e89af1a35c08e6de56b66ca6a02a2fdfa1' },
  { name: 'medium', sha1: 'fd9727b6e1217c2f614f9b698455c4ffd82463b4' },
  { name: 'medium.en', sha1: '8c30f0e44ce9560643ebd10bbe50cd20eafd3723' },
  { name: 'large-v1', sha1: 'b1caaf735c4cc1429223d5a74f0f4d0b9b59a299' },
  { name: 'large-v2', sha1: '0f4c8e34f21cf1a914c59d8b3ce882345ad349d6' },
  { name: 'large-v2-q5_0', sha1: '00e39f2196344e901b3a2bd5814807a769bd1630' },
  { name: 'large-v3', sha1: 'ad82bf6a9043ceed055076d0fd39f5f186ff8062' },
  { name: 'large-v3-q5_0', sha1: 'e6e2ed78495d403bef4b7cff42ef4aaadcfea8de' },
  { name: 'large-v3-turbo', sha1: '4af2b29d7ec73d781377bfd1758ca957a807e941' },
  { name: 'large-v3-turbo-q5_0', sha1: 'e050f7970618a659205450ad97eb95a18d69c9ee' },
];

export function publishedModelBySha1(sha1: string): string | undefined {
  const wanted = sha1.toLowerCase();
  return PUBLISHED_WHISPER_MODELS.find((model) => model.sha1 === wanted)?.name;
}

/** The magic and hyper-parameters from the first bytes of a file, or undefined when it is not a whisper ggml file. */
export function parseWhisperHeader(bytes: Uint8Array): WhisperHyperParameters | undefined {
  if (bytes.length < WHISPER_HEADER_BYTES) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== GGML_MAGIC) return undefined;
  const [nVocab, nAudioCtx, nAudioState, nAudioHead, nAudioLayer, nTextCtx, nTextState, nTextHead, nTextLayer, nMels, ftype] = Array.from({ length: 11 }, (_, i) =>
    view.getInt32(4 + i * 4, true),
  ) as [number, number, number, number, number, number, number, number, number, number, number];
  const params = { nVocab, nAudioCtx, nAudioState, nAudioHead, nAudioLayer, nTextCtx, nTextState, nTextHead, nTextLayer, nMels, ftype };
  // whisper's own ranges: a file with other numbers is not a whisper model, whatever its magic says
  const sane =
    nVocab >= 50_000 && nVocab <= 60_000 && nAudioState > 0 && nAudioState <= 4096 && nTextState > 0 && nTextState <= 4096 &&
    nAudioLayer > 0 && nAudioLayer <= 64 && nTextLayer > 0 && nTextLayer <= 64 && (nMels === 80 || nMels === 128) && ftype >= 0;
  return sane ? params : undefined;
}

export type WhisperSize = 'tiny' | 'base' | 'small' | 'medium' | 'large' | 'large-v3-turbo';

export interface WhisperModelKind {
  size: WhisperSize | undefined;
  /** false for the English-only (.en) models, which cannot write Indonesian */
  multilingual: boolean;
  /** 'f16', 'f32', 'q5_0', ... */
  weights: string;
  /** the name as whisper.cpp would call it, e.g. "small", "large-v3-turbo-q5_0" */
  label: string;
}

const SIZE_BY_AUDIO_STATE: Record<number, WhisperSize> = { 384: 'tiny', 512: 'base', 768: 'small', 1024: 'medium', 1280: 'large' };
/** ggml's file types (ggml_ftype) as whisper.cpp's quantize tool names them */
const WEIGHTS: Record<number, string> = { 0: 'f32', 1: 'f16', 2: 'q4_0', 3: 'q4_1', 7: 'q8_0', 8: 'q5_0', 9: 'q5_1' };

/** Which model a header describes: its size, whether it is multilingual, and its weights' type. */
export function whisperModelKind(params: WhisperHyperParameters): WhisperModelKind {
  let size: WhisperSize | undefined = SIZE_BY_AUDIO_STATE[params.nAudioState];
  if (size === 'large' && params.nTextLayer === 4) size = 'large-v3-turbo';
  const multilingual = params.nVocab >= 51_865;
  const weights = WEIGHTS[params.ftype % 1000] ?? `type ${params.ftype % 1000}`;
  const base = size === 'large' && params.nMels === 128 ? 'large-v3' : (size ?? `unknown (${params.nAudioState})`);
  const label = `${base}${multilingual ? '' : '.en'}${weights === 'f16' ? '' : `-${weights}`}`;
  return { size, multilingual, weights, label };
}

/** tiny and base know too little Indonesian for captions worth keeping: small or larger is recommended. */
export function isTooSmallForIndonesian(size: WhisperSize | undefined): boolean {
  return size === 'tiny' || size === 'base';
}

/** The file the office should get, said the same way in every message. */
const WHAT_TO_GET: LocalizedText = {
  id: 'Salin berkas model ggml-small.bin (atau ggml-medium.bin / ggml-large-v3-turbo.bin yang lebih akurat) dari model ggml whisper.cpp, misalnya dari flashdisk atau folder bersama kantor',
  en: "Copy the model file ggml-small.bin (or the more accurate ggml-medium.bin / ggml-large-v3-turbo.bin) from whisper.cpp's ggml models, for example from the office's USB stick or shared folder",
};
const WHERE_TO_PUT: LocalizedText = {
  id: 'lalu pilih berkas itu di Pengaturan > Model teks otomatis, atau isi variabel lingkungan KLIPKOTA_WHISPER_MODEL dengan lokasi lengkapnya.',
  en: 'then choose that file in Settings > Auto-caption model, or set the environment variable KLIPKOTA_WHISPER_MODEL to its full path.',
};

/** "what happened" followed by exactly what to get and where to put it. */
export function modelAdviceText(what: LocalizedText): LocalizedText {
  return { id: `${what.id} ${WHAT_TO_GET.id}, ${WHERE_TO_PUT.id}`, en: `${what.en} ${WHAT_TO_GET.en}, ${WHERE_TO_PUT.en}` };
}

/** The warning for a model that works but is too small for Indonesian. */
export function tooSmallWarning(label: string): LocalizedText {
  return {
    id: `Model "${label}" terlalu kecil untuk bahasa Indonesia: hasilnya akan banyak salah. Disarankan model small atau lebih besar (ggml-small.bin, ggml-medium.bin, ggml-large-v3-turbo.bin).`,
    en: `The model "${label}" is too small for Indonesian: expect many mistakes. A small or larger model is recommended (ggml-small.bin, ggml-medium.bin, ggml-large-v3-turbo.bin).`,
  };
}

/** The warning for a whole, well-formed model whose checksum whisper.cpp does not publish (another quantization, a fine-tuned model). */
export function unpublishedWarning(label: string): LocalizedText {
  return {
    id: `Model "${label}" utuh, tetapi bukan salah satu model yang checksum-nya diterbitkan whisper.cpp, jadi keasliannya tidak dapat dipastikan.`,
    en: `The model "${label}" is complete, but it is not one of the models whose checksum whisper.cpp publishes, so it cannot be confirmed as genuine.`,
  };
}

/** ggml tensor types in whisper files: elements per block and bytes per block. */
const TENSOR_TYPES: Record<number, { block: number; bytes: number }> = {
  0: { block: 1, bytes: 4 }, // f32
  1: { block: 1, bytes: 2 }, // f16
  2: { block: 32, bytes: 18 }, // q4_0
  3: { block: 32, bytes: 20 }, // q4_1
  6: { block: 32, bytes: 22 }, // q5_0
  7: { block: 32, bytes: 24 }, // q5_1
  8: { block: 32, bytes: 34 }, // q8_0
};

/** Bytes of a tensor's data in the file, or undefined for a type whisper files do not use (or a size that is not whole blocks). */
export function tensorDataBytes(options: { type: number; elements: number }): number | undefined {
  const type = TENSOR_TYPES[options.type];
  if (!type || options.elements <= 0 || options.elements % type.block !== 0) return undefined;
  return (options.elements / type.block) * type.bytes;
}
