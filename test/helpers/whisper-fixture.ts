/**
 * A whisper.cpp ggml model with the real file layout and the real tensor set,
 * but tiny (one layer of 64 wide) and with random weights: whisper.cpp loads
 * it and runs its full encoder and decoder on it, so the transcription path
 * (audio, child process, progress, cancel, segments) runs for real in every
 * test run. What it "hears" is noise, never words: the tests that need words
 * need a real model (KLIPKOTA_WHISPER_MODEL). Its words are its own vocabulary ("w123"): noise.
 */
import { promises as fs } from 'node:fs';

const F32 = 0;
const F16 = 1;

interface Dims {
  vocab: number;
  audioCtx: number;
  state: number;
  heads: number;
  layers: number;
  textCtx: number;
  mels: number;
}

export const RANDOM_MODEL_DIMS: Dims = { vocab: 51_865, audioCtx: 1500, state: 64, heads: 2, layers: 1, textCtx: 448, mels: 80 };

/** A repeatable pseudo-random stream (mulberry32), so the file is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function int32s(values: number[]): Buffer {
  const buffer = Buffer.alloc(values.length * 4);
  values.forEach((value, i) => buffer.writeInt32LE(value, i * 4));
  return buffer;
}

/** One tensor: header and data; ne is ggml's order (fastest dimension first). */
function tensor(options: { name: string; ne: number[]; type: number; fill: 'one' | 'zero' | 'random'; next: () => number }): Buffer {
  const { name, ne, type, fill, next } = options;
  const count = ne.reduce((a, b) => a * b, 1);
  const data = Buffer.alloc(count * (type === F16 ? 2 : 4));
  for (let i = 0; i < count; i += 1) {
    const value = fill === 'one' ? 1 : fill === 'zero' ? 0 : (next() - 0.5) * 0.1;
    if (type === F16) data.writeUInt16LE(halfFloat(value), i * 2);
    else data.writeFloatLE(value, i * 4);
  }
  const nameBytes = Buffer.from(name, 'latin1');
  return Buffer.concat([int32s([ne.length, nameBytes.length, type, ...ne]), nameBytes, data]);
}

/** IEEE half precision of a small number (|x| < 65504), rounding toward zero: enough for random weights. */
function halfFloat(value: number): number {
  if (value === 0) return 0;
  const sign = value < 0 ? 0x8000 : 0;
  const abs = Math.abs(value);
  const exponent = Math.floor(Math.log2(abs));
  if (exponent < -14) return sign | Math.round(abs / 2 ** -24);
  const mantissa = Math.floor((abs / 2 ** exponent - 1) * 1024);
  return sign | ((exponent + 15) << 10) | mantissa;
}

function layerTensors(options: { prefix: string; state: number; cross: boolean }): Array<{ name: string; ne: number[]; type: number; fill: 'one' | 'zero' | 'random' }> {
  const { prefix, state } = options;
  const attention = (kind: string) => [
    { name: `${prefix}.${kind}_ln.weight`, ne: [state], type: F32, fill: 'one' as const },
    { name: `${prefix}.${kind}_ln.bias`, ne: [state], type: F32, fill: 'zero' as const },
    { name: `${prefix}.${kind}.query.weight`, ne: [state, state], type: F16, fill: 'random' as const },
    { name: `${prefix}.${kind}.query.bias`, ne: [state], type: F32, fill: 'random' as const },
    { name: `${prefix}.${kind}.key.weight`, ne: [state, state], type: F16, fill: 'random' as const },
    { name: `${prefix}.${kind}.value.weight`, ne: [state, state], type: F16, fill: 'random' as const },
    { name: `${prefix}.${kind}.value.bias`, ne: [state], type: F32, fill: 'random' as const },
    { name: `${prefix}.${kind}.out.weight`, ne: [state, state], type: F16, fill: 'random' as const },
    { name: `${prefix}.${kind}.out.bias`, ne: [state], type: F32, fill: 'random' as const },
  ];
  return [
    { name: `${prefix}.mlp_ln.weight`, ne: [state], type: F32, fill: 'one' },
    { name: `${prefix}.mlp_ln.bias`, ne: [state], type: F32, fill: 'zero' },
    { name: `${prefix}.mlp.0.weight`, ne: [state, 4 * state], type: F16, fill: 'random' },
    { name: `${prefix}.mlp.0.bias`, ne: [4 * state], type: F32, fill: 'random' },
    { name: `${prefix}.mlp.2.weight`, ne: [4 * state, state], type: F16, fill: 'random' },
    { name: `${prefix}.mlp.2.bias`, ne: [state], type: F32, fill: 'random' },
    ...attention('attn'),
    ...(options.cross ? attention('cross_attn') : []),
  ];
}

/**
 * Write the random model to `file`; returns its size in bytes. `lettersOnly` gives it a vocabulary
 * of letters alone, which whisper.cpp's tokenizer cannot use: whisper_full then throws inside the
 * binding's worker (std::out_of_range), a model that loads but cannot transcribe.
 */
export async function writeRandomWhisperModel(file: string, dims: Dims = RANDOM_MODEL_DIMS, options: { lettersOnly?: boolean } = {}): Promise<number> {
  const next = random(12);
  const { vocab, audioCtx, state, heads, layers, textCtx, mels } = dims;
  const header = int32s([0x67676d6c, vocab, audioCtx, state, heads, layers, textCtx, state, heads, layers, mels, F16]);
  const filters = Buffer.alloc(mels * 201 * 4);
  for (let i = 0; i < mels * 201; i += 1) filters.writeFloatLE(next() * 0.01, i * 4);
  // a GPT-2 sized vocabulary whose first 256 tokens are the single bytes (whisper.cpp's tokenizer needs every
  // byte to tokenize its own word lists), the rest short distinct words
  const tokens = Array.from({ length: 50_257 }, (_, i) =>
    options.lettersOnly ? Buffer.from(String.fromCharCode(97 + (i % 26)), 'latin1') : i < 256 ? Buffer.from([i]) : Buffer.from(`w${i}`, 'latin1'),
  );
  const vocabulary = Buffer.concat([int32s([tokens.length]), ...tokens.flatMap((token) => [int32s([token.length]), token])]);
  const specs = [
    { name: 'encoder.positional_embedding', ne: [state, audioCtx], type: F32, fill: 'random' as const },
    { name: 'encoder.conv1.weight', ne: [3, mels, state], type: F16, fill: 'random' as const },
    { name: 'encoder.conv1.bias', ne: [1, state], type: F32, fill: 'random' as const },
    { name: 'encoder.conv2.weight', ne: [3, state, state], type: F16, fill: 'random' as const },
    { name: 'encoder.conv2.bias', ne: [1, state], type: F32, fill: 'random' as const },
    { name: 'encoder.ln_post.weight', ne: [state], type: F32, fill: 'one' as const },
    { name: 'encoder.ln_post.bias', ne: [state], type: F32, fill: 'zero' as const },
    ...Array.from({ length: layers }, (_, i) => layerTensors({ prefix: `encoder.blocks.${i}`, state, cross: false })).flat(),
    { name: 'decoder.positional_embedding', ne: [state, textCtx], type: F32, fill: 'random' as const },
    { name: 'decoder.token_embedding.weight', ne: [state, vocab], type: F16, fill: 'random' as const },
    { name: 'decoder.ln.weight', ne: [state], type: F32, fill: 'one' as const },
    { name: 'decoder.ln.bias', ne: [state], type: F32, fill: 'zero' as const },
    ...Array.from({ length: layers }, (_, i) => layerTensors({ prefix: `decoder.blocks.${i}`, state, cross: true })).flat(),
  ];
  const body = Buffer.concat([header, int32s([mels, 201]), filters, vocabulary, ...specs.map((spec) => tensor({ ...spec, next }))]);
  await fs.writeFile(file, body);
  return body.length;
}
