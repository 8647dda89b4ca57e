/**
 * whisper.cpp through @fugood/whisper.node, always in a child process: a
 * plain Node (`ELECTRON_RUN_AS_NODE=1` under Electron) running a few lines
 * given with `-e`, like the rasterizer (raster/bounded.ts). Loading a model
 * blocks the thread that does it for seconds, and the binding's own stop()
 * only skips work that has not started (whisper_full runs on to the end of
 * the clip), so the child is what keeps the main process responsive, and
 * killing it is what really stops a transcription and frees the model's
 * memory at once. The package is resolved only here, when transcribing or
 * checking, so the CLI starts without it and a missing package is a clear
 * error. The child never touches the network: the model is a local file
 * (the binding's modelUrl is never passed) and the audio a local PCM file.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { KlipError } from '@core/errors.js';
import { guardChild, ownGroupOptions, releaseChild, signalTree } from '../ffmpeg/lifetime.js';

/** The exact version package.json pins (1.1.3 points at a platform package that was never published). */
export const WHISPER_PACKAGE = '@fugood/whisper.node';

/** The platform package with the prebuilt CPU binary for this system. */
export function whisperPlatformPackage(platform: string = process.platform, arch: string = process.arch): string {
  return `@fugood/node-whisper-${platform}-${arch}`;
}

export function whisperMissing(detail: string): KlipError {
  return new KlipError({
    code: 'whisper-not-installed',
    kind: 'failed',
    text: {
      id: `Mesin teks otomatis (whisper.cpp, paket ${WHISPER_PACKAGE} untuk ${process.platform}-${process.arch}) tidak terpasang atau tidak dapat dimuat di komputer ini. Pasang ulang KlipKota (atau jalankan "npm ci" di folder sumbernya).`,
      en: `The auto-caption engine (whisper.cpp, package ${WHISPER_PACKAGE} for ${process.platform}-${process.arch}) is not installed or cannot load on this computer. Reinstall KlipKota (or run "npm ci" in its source folder).`,
    },
    detail,
  });
}

/** Where the binding and this system's binary are; throws whisper-not-installed when either is absent. */
export function resolveWhisperModule(): { modulePath: string; platformPackage: string } {
  const require = createRequire(import.meta.url);
  let modulePath: string;
  try {
    modulePath = require.resolve(WHISPER_PACKAGE);
  } catch (error) {
    throw whisperMissing((error as Error).message.split('\n')[0] ?? String(error));
  }
  const platformPackage = whisperPlatformPackage();
  try {
    createRequire(modulePath).resolve(platformPackage);
  } catch (error) {
    throw whisperMissing((error as Error).message.split('\n')[0] ?? String(error));
  }
  return { modulePath, platformPackage };
}

/**
 * The child. argv: the binding's path and the mode ("check" or "transcribe");
 * the job comes as JSON on stdin; every message is one line on stdout starting
 * with MARK (whisper's own log goes to stderr).
 */
const CHILD_CODE = `
const MARK = '@klipkota ';
const send = (message, then) => process.stdout.write(MARK + JSON.stringify(message) + '\\n', then);
// exit only once the message is out (a pipe is asynchronous on Windows)
const fail = (error) => send({ type: 'error', message: String((error && error.message) || error).split('\\n')[0] }, () => process.exit(3));
const [modulePath, mode] = process.argv.slice(1);
const readStdin = () => new Promise((resolve) => { const chunks = []; process.stdin.on('data', (c) => chunks.push(c)); process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8'))); });
// When whisper_full fails (or throws) in the binding's worker, its promise never settles (the
// binding's OnError passes one argument, its callback waits for two) and the process idles: a
// transcription that used no CPU for IDLE_SECONDS in a row has stopped, and says so.
const IDLE_SECONDS = 8;
const stalled = () => new Promise((_, reject) => {
  let idle = 0;
  let last = process.cpuUsage();
  const timer = setInterval(() => {
    const used = process.cpuUsage(last);
    last = process.cpuUsage();
    idle = used.user + used.system < 20000 ? idle + 1 : 0;
    if (idle >= IDLE_SECONDS) { clearInterval(timer); reject(new Error('whisper.cpp stopped without a result (the model may not be a working whisper model)')); }
  }, 1000);
  timer.unref();
});
// the binding's worker does not keep Node's event loop alive by itself
const alive = setInterval(() => undefined, 1 << 30);
(async () => {
  const whisper = require(modulePath);
  const native = await whisper.loadWhisperModule('default');
  if (typeof native.WhisperContext !== 'function') throw new Error('the native module has no WhisperContext');
  if (mode === 'check') return send({ type: 'loaded' });
  const job = JSON.parse(await readStdin());
  const context = await whisper.initWhisper({ filePath: job.model, useGpu: false });
  send({ type: 'model-loaded' });
  const pcm = require('node:fs').readFileSync(job.audio);
  const audio = pcm.buffer.slice(pcm.byteOffset, pcm.byteOffset + pcm.byteLength);
  const { promise } = context.transcribeData(audio, {
    language: job.language, translate: false, maxThreads: job.threads, temperature: 0,
    onProgress: (percent) => send({ type: 'progress', percent }),
    onNewSegments: (found) => send({ type: 'segments', count: found.totalNNew }),
  });
  const result = await Promise.race([promise, stalled()]);
  send({ type: 'done', language: result.language, segments: result.segments });
  await context.release();
})().catch(fail).finally(() => clearInterval(alive));
`;

export type ChildMessage =
  | { type: 'loaded' }
  | { type: 'model-loaded' }
  | { type: 'progress'; percent: number }
  | { type: 'segments'; count: number }
  | { type: 'done'; language?: string; segments: Array<{ text: string; t0: number; t1: number }> }
  | { type: 'error'; message: string };

const MARK = '@klipkota ';

export interface WhisperJob {
  model: string;
  /** raw 16 kHz mono s16le PCM */
  audio: string;
  language: string;
  threads: number;
}

function cancelledError(): KlipError {
  return new KlipError({ code: 'cancelled', kind: 'cancelled', text: { id: 'Pembuatan teks otomatis dibatalkan.', en: 'Auto-captioning was cancelled.' } });
}

function whisperFailed(detail: string): KlipError {
  return new KlipError({
    code: 'whisper-failed',
    kind: 'failed',
    text: {
      id: 'whisper.cpp gagal membuat teks dari suara klip. Periksa berkas modelnya ("klipkota doctor") lalu coba lagi.',
      en: "whisper.cpp failed to turn the clip's speech into text. Check the model file (\"klipkota doctor\") and try again.",
    },
    detail,
  });
}

/** Split stdout into marked messages as they come. */
function messageReader(onMessage: (message: ChildMessage) => void): (chunk: string) => void {
  let buffer = '';
  return (chunk) => {
    buffer += chunk;
    for (let at = buffer.indexOf('\n'); at >= 0; at = buffer.indexOf('\n')) {
      const line = buffer.slice(0, at);
      buffer = buffer.slice(at + 1);
      if (!line.startsWith(MARK)) continue;
      try {
        onMessage(JSON.parse(line.slice(MARK.length)) as ChildMessage);
      } catch {
        // a line that is not whole JSON is not one of ours
      }
    }
  };
}

/**
 * Run the child in `mode`; resolves with the last message ('loaded' or 'done'),
 * rejects with whisper-failed, or 'cancelled' when the signal aborts (the child
 * and its threads are killed at once).
 */
export function runWhisperChild(options: {
  mode: 'check' | 'transcribe';
  job?: WhisperJob;
  signal?: AbortSignal;
  onMessage?: (message: ChildMessage) => void;
  onStart?: (pid: number) => void;
}): Promise<ChildMessage> {
  if (options.signal?.aborted) return Promise.reject(cancelledError());
  const { modulePath } = resolveWhisperModule();
  const child = spawn(process.execPath, ['-e', CHILD_CODE, modulePath, options.mode], {
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
    windowsHide: true,
    ...ownGroupOptions(),
  });
  const pid = child.pid;
  if (pid !== undefined) guardChild(pid);
  return new Promise<ChildMessage>((resolve, reject) => {
    let last: ChildMessage | undefined;
    let stderr = '';
    let cancelled = false;
    const cancel = () => {
      cancelled = true;
      if (child.exitCode === null && child.signalCode === null) signalTree(child, 'SIGKILL');
    };
    options.signal?.addEventListener('abort', cancel, { once: true });
    child.stdout.setEncoding('utf8');
    child.stdout.on(
      'data',
      messageReader((message) => {
        last = message;
        options.onMessage?.(message);
      }),
    );
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-16 * 1024);
    });
    child.stdin.on('error', () => undefined); // a child killed early closes its stdin
    const finish = () => {
      options.signal?.removeEventListener('abort', cancel);
      if (pid !== undefined) releaseChild(pid);
    };
    child.once('error', (error) => {
      finish();
      reject(whisperMissing(`cannot start the whisper process: ${error.message}`));
    });
    child.once('close', (code, signal) => {
      finish();
      if (cancelled) return reject(cancelledError());
      if (code === 0 && last && (last.type === 'loaded' || last.type === 'done')) return resolve(last);
      const said = last?.type === 'error' ? last.message : `exit ${signal ? `by ${signal}` : `code ${code}`}`;
      const tail = stderr.trim().split('\n').slice(-4).join('\n');
      const detail = `${said}${tail ? `\n${tail}` : ''}`;
      // a check that fails means the binary does not load here; a transcription that fails is whisper's own failure
      reject(options.mode === 'check' ? whisperMissing(detail) : whisperFailed(detail));
    });
    if (pid !== undefined) options.onStart?.(pid);
    child.stdin.end(options.job ? JSON.stringify(options.job) : '');
  });
}

/** Whether the native binary loads on this system (doctor, tests): in a child, never in this process. */
export async function checkWhisperRuntime(options?: { signal?: AbortSignal }): Promise<{ platformPackage: string }> {
  const { platformPackage } = resolveWhisperModule();
  await runWhisperChild({ mode: 'check', ...(options?.signal ? { signal: options.signal } : {}) });
  return { platformPackage };
}
