/**
 * Is this file a whisper.cpp model KlipKota can trust? The header says which
 * model it is; a walk over every tensor header says the file is whole (a
 * copy cut short on a USB stick is refused at once, without hashing); the
 * SHA-1 says whether it is byte for byte a model whisper.cpp publishes. The
 * verdict is kept by path, size and modification time (in memory, and in
 * `<home>/cache/whisper-models.json`), so a 500 MB file is hashed once.
 */
import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { KlipError, type LocalizedText } from '@core/errors.js';
import {
  isTooSmallForIndonesian,
  modelAdviceText,
  parseWhisperHeader,
  publishedModelBySha1,
  tensorDataBytes,
  tooSmallWarning,
  unpublishedWarning,
  whisperModelKind,
  WHISPER_HEADER_BYTES,
  type WhisperSize,
} from '@core/captions/whisper-model.js';
import { readJsonFile, writeFileAtomic } from '../files/atomic.js';

export interface ModelVerdict {
  path: string;
  sizeBytes: number;
  mtimeMs: number;
  ok: boolean;
  /** the model as whisper.cpp names it ("small", "large-v3-turbo-q5_0"), when the header could be read */
  label?: string;
  size?: WhisperSize;
  /** the published model whose SHA-1 the file has */
  published?: string;
  sha1?: string;
  /** a usable model that is too small for Indonesian, or whose checksum is not published */
  warnings: LocalizedText[];
  /** why the file is refused */
  problem?: { code: string; text: LocalizedText; detail?: string };
}

const CACHE_FILE = path.join('cache', 'whisper-models.json');
const memoryCache = new Map<string, ModelVerdict>();

/** Reads a file at any offset through a window, so thousands of small fields cost a few reads. */
class WindowReader {
  private start = 0;
  private bytes = Buffer.alloc(0);
  constructor(private readonly handle: fs.FileHandle) {}

  /** `length` bytes at `position`, fewer when the file ends first */
  async at(position: number, length: number): Promise<Buffer> {
    if (position < this.start || position + length > this.start + this.bytes.length) {
      // small windows: a tensor header is a few dozen bytes followed by megabytes of weights that are skipped
      const size = Math.max(length, 64 * 1024);
      const buffer = Buffer.alloc(size);
      const { bytesRead } = await this.handle.read(buffer, 0, size, position);
      this.start = position;
      this.bytes = buffer.subarray(0, bytesRead);
    }
    return this.bytes.subarray(position - this.start, position - this.start + length);
  }

  async int32(position: number): Promise<number | undefined> {
    const bytes = await this.at(position, 4);
    return bytes.length === 4 ? bytes.readInt32LE(0) : undefined;
  }
}

/** Walk the mel filters, the vocabulary and every tensor; undefined when the file is whole, else what is wrong. */
async function structureProblem(options: { reader: WindowReader; fileSize: number }): Promise<string | undefined> {
  const { reader, fileSize } = options;
  let at = WHISPER_HEADER_BYTES;
  const nMel = await reader.int32(at);
  const nFft = await reader.int32(at + 4);
  if (nMel === undefined || nFft === undefined || nMel <= 0 || nFft <= 0 || nMel > 256 || nFft > 1024) return `bad mel filter header at byte ${at}`;
  at += 8 + nMel * nFft * 4;
  const nVocab = await reader.int32(at);
  if (nVocab === undefined || nVocab < 0 || nVocab > 100_000) return `bad vocabulary header at byte ${at}`;
  at += 4;
  for (let token = 0; token < nVocab; token += 1) {
    const length = await reader.int32(at);
    if (length === undefined || length < 0 || length > 1024) return `bad vocabulary entry ${token} at byte ${at}`;
    at += 4 + length;
  }
  let tensors = 0;
  while (at < fileSize) {
    const problem = await tensorProblem({ reader, at, fileSize });
    if (typeof problem === 'string') return problem;
    at = problem;
    tensors += 1;
  }
  if (at > fileSize) return `the file ends ${at - fileSize} bytes too early`;
  return tensors === 0 ? 'the file has no weights (an empty test model)' : undefined;
}

/** One tensor's header at `at`: the offset after its data, or what is wrong with it. */
async function tensorProblem(options: { reader: WindowReader; at: number; fileSize: number }): Promise<number | string> {
  const { reader, at, fileSize } = options;
  const head = await reader.at(at, 12);
  if (head.length < 12) return `the file ends inside a tensor header at byte ${at}`;
  const nDims = head.readInt32LE(0);
  const nameLength = head.readInt32LE(4);
  const type = head.readInt32LE(8);
  if (nDims < 1 || nDims > 4 || nameLength < 1 || nameLength > 256) return `bad tensor header at byte ${at}`;
  const rest = await reader.at(at + 12, nDims * 4 + nameLength);
  if (rest.length < nDims * 4 + nameLength) return `the file ends inside a tensor header at byte ${at}`;
  let elements = 1;
  for (let d = 0; d < nDims; d += 1) elements *= rest.readInt32LE(d * 4);
  const name = rest.subarray(nDims * 4).toString('latin1');
  const dataBytes = tensorDataBytes({ type, elements });
  if (dataBytes === undefined) return `tensor ${name} has an unknown type ${type} or size ${elements}`;
  const end = at + 12 + nDims * 4 + nameLength + dataBytes;
  if (end > fileSize) return `the file ends ${end - fileSize} bytes too early (inside tensor ${name})`;
  return end;
}

async function sha1Of(options: { path: string; signal?: AbortSignal }): Promise<string> {
  const hash = createHash('sha1');
  const stream = createReadStream(options.path, { highWaterMark: 4 * 1024 * 1024, ...(options.signal ? { signal: options.signal } : {}) });
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function refused(options: { verdict: ModelVerdict; code: string; what: LocalizedText; detail?: string }): ModelVerdict {
  return { ...options.verdict, ok: false, problem: { code: options.code, text: modelAdviceText(options.what), ...(options.detail ? { detail: options.detail } : {}) } };
}

/** The verdict without the caches: header, structure, checksum. */
async function examine(options: { path: string; sizeBytes: number; mtimeMs: number; signal?: AbortSignal }): Promise<ModelVerdict> {
  const base: ModelVerdict = { path: options.path, sizeBytes: options.sizeBytes, mtimeMs: options.mtimeMs, ok: false, warnings: [] };
  const handle = await fs.open(options.path, 'r');
  let verdict: ModelVerdict;
  try {
    const reader = new WindowReader(handle);
    const params = parseWhisperHeader(await reader.at(0, WHISPER_HEADER_BYTES));
    if (!params) {
      return refused({
        verdict: base,
        code: 'whisper-model-not-whisper',
        what: { id: `Berkas ${options.path} bukan model whisper.cpp (ggml).`, en: `The file ${options.path} is not a whisper.cpp (ggml) model.` },
      });
    }
    const kind = whisperModelKind(params);
    verdict = { ...base, label: kind.label, ...(kind.size ? { size: kind.size } : {}) };
    if (!kind.multilingual) {
      return refused({
        verdict,
        code: 'whisper-model-english-only',
        what: { id: `Model "${kind.label}" hanya mengenal bahasa Inggris dan tidak dapat menulis teks bahasa Indonesia.`, en: `The model "${kind.label}" knows only English and cannot write Indonesian captions.` },
      });
    }
    const problem = await structureProblem({ reader, fileSize: options.sizeBytes });
    if (problem) {
      return refused({
        verdict,
        code: 'whisper-model-damaged',
        what: { id: `Berkas model ${options.path} rusak atau tidak lengkap (mungkin salinannya terputus).`, en: `The model file ${options.path} is damaged or incomplete (perhaps its copy was cut short).` },
        detail: problem,
      });
    }
  } finally {
    await handle.close();
  }
  const sha1 = await sha1Of({ path: options.path, ...(options.signal ? { signal: options.signal } : {}) });
  const published = publishedModelBySha1(sha1);
  const warnings = [...(published ? [] : [unpublishedWarning(verdict.label!)]), ...(isTooSmallForIndonesian(verdict.size) ? [tooSmallWarning(verdict.label!)] : [])];
  return { ...verdict, ok: true, sha1, ...(published ? { published } : {}), warnings };
}

type CacheFile = { version: 1; verdicts: ModelVerdict[] };

async function readCache(home: string): Promise<ModelVerdict[]> {
  const read = await readJsonFile(path.join(home, CACHE_FILE)).catch(() => undefined);
  const value = read?.found && read.parseError === undefined ? (read.value as Partial<CacheFile>) : undefined;
  return value?.version === 1 && Array.isArray(value.verdicts) ? value.verdicts : [];
}

async function writeCache(options: { home: string; verdict: ModelVerdict }): Promise<void> {
  const others = (await readCache(options.home)).filter((entry) => entry.path !== options.verdict.path).slice(-19);
  const data: CacheFile = { version: 1, verdicts: [...others, options.verdict] };
  await writeFileAtomic({ path: path.join(options.home, CACHE_FILE), data: `${JSON.stringify(data, null, 2)}\n` }).catch(() => undefined);
}

/**
 * Check a model file: missing, not a whisper model, English-only, damaged or
 * incomplete files are refused (`ok: false`, with the message that says what
 * to get and where to put it); a usable model may carry warnings.
 */
export async function checkWhisperModel(options: { path: string; home?: string; signal?: AbortSignal }): Promise<ModelVerdict> {
  const file = path.resolve(options.path);
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat?.isFile()) {
    const what = { id: `Berkas model whisper tidak ditemukan: ${file}.`, en: `The whisper model file was not found: ${file}.` };
    return refused({ verdict: { path: file, sizeBytes: 0, mtimeMs: 0, ok: false, warnings: [] }, code: 'whisper-model-missing', what });
  }
  const same = (entry: ModelVerdict) => entry.path === file && entry.sizeBytes === stat.size && entry.mtimeMs === stat.mtimeMs;
  const remembered = memoryCache.get(file);
  if (remembered && same(remembered)) return remembered;
  const cached = options.home ? (await readCache(options.home)).find(same) : undefined;
  if (cached) {
    memoryCache.set(file, cached);
    return cached;
  }
  const verdict = await examine({ path: file, sizeBytes: stat.size, mtimeMs: stat.mtimeMs, ...(options.signal ? { signal: options.signal } : {}) });
  memoryCache.set(file, verdict);
  if (options.home) await writeCache({ home: options.home, verdict });
  return verdict;
}

/** The verdict's refusal as an error an admin reads (bad input: exit 2 in the CLI). */
export function modelRefusal(verdict: ModelVerdict): KlipError {
  const problem = verdict.problem ?? { code: 'whisper-model-refused', text: modelAdviceText({ id: 'Model whisper ditolak.', en: 'The whisper model was refused.' }) };
  return new KlipError({ code: problem.code, text: problem.text, kind: 'bad-input', ...(problem.detail ? { detail: problem.detail } : {}) });
}

/** Forget remembered verdicts (tests that rewrite a file within the same millisecond). */
export function forgetModelVerdicts(): void {
  memoryCache.clear();
}
