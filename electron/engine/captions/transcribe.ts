/**
 * Auto-captions for one clip, offline: check the model (model-file.ts), cut the
 * clip's sound to 16 kHz mono PCM with FFmpeg (core/plan/speech-args.ts, run by
 * the project's runner), let whisper.cpp hear it in Indonesian in a child
 * process (whisper-runtime.ts), and turn what it heard into captions within
 * the style's line limits (core/captions/from-speech.ts). Progress and cancel
 * cover every stage: cancel stops FFmpeg or kills the whisper process, and the
 * temporary audio is always removed.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { captionsFromSpeech, DEFAULT_CAPTION_LIMITS, type CaptionLineLimits, type SpeechSegment } from '@core/captions/from-speech.js';
import { modelAdviceText } from '@core/captions/whisper-model.js';
import { KlipError, badInput, type LocalizedText } from '@core/errors.js';
import { speechAudioCommand } from '@core/plan/speech-args.js';
import { probeMedia } from '../ffmpeg/probe.js';
import { runFfmpeg } from '../ffmpeg/runner.js';
import { loadSettings } from '../settings/settings.js';
import { checkWhisperModel, modelRefusal, type ModelVerdict } from './model-file.js';
import { runWhisperChild } from './whisper-runtime.js';

/** Captions are made in Bahasa Indonesia: whisper's language detection is never asked. */
export const TRANSCRIBE_LANGUAGE = 'id';

export type TranscribeStage = 'model' | 'audio' | 'loading' | 'speech';

export interface TranscribeProgress {
  stage: TranscribeStage;
  /** the whole job, 0..100 */
  percent: number;
}

/** Where each stage's share of the bar starts (the model check is mostly a hash, the speech the long part). */
const STAGE_START: Record<TranscribeStage, number> = { model: 0, audio: 5, loading: 15, speech: 20 };
const STAGE_END: Record<TranscribeStage, number> = { model: 5, audio: 15, loading: 20, speech: 100 };

function overall(stage: TranscribeStage, percent: number): TranscribeProgress {
  const clamped = Math.min(100, Math.max(0, percent));
  return { stage, percent: STAGE_START[stage] + ((STAGE_END[stage] - STAGE_START[stage]) * clamped) / 100 };
}

export type ModelSource = 'option' | 'env' | 'setting';

/** The model to use: the caller's (--model), else KLIPKOTA_WHISPER_MODEL, else the Settings field. */
export async function chooseWhisperModel(options: { explicit?: string; env?: NodeJS.ProcessEnv; home?: string }): Promise<{ path: string; source: ModelSource } | undefined> {
  if (options.explicit && options.explicit.trim() !== '') return { path: path.resolve(options.explicit), source: 'option' };
  const fromEnv = (options.env ?? process.env).KLIPKOTA_WHISPER_MODEL;
  if (fromEnv && fromEnv.trim() !== '') return { path: path.resolve(fromEnv.trim()), source: 'env' };
  if (!options.home) return undefined;
  const { settings } = await loadSettings({ home: options.home }).catch(() => ({ settings: undefined }));
  return settings?.whisperModelPath ? { path: settings.whisperModelPath, source: 'setting' } : undefined;
}

/** No model chosen anywhere: what to get and where to put it. */
export function modelNotSet(): KlipError {
  const text: LocalizedText = modelAdviceText({ id: 'Belum ada model whisper untuk teks otomatis.', en: 'No whisper model is set for auto-captions.' });
  return new KlipError({ code: 'whisper-model-not-set', kind: 'bad-input', text });
}

export interface TranscribeOptions {
  clip: string;
  /** --model, or a path the caller already chose; else the environment and the settings */
  modelPath?: string;
  home?: string;
  env?: NodeJS.ProcessEnv;
  limits?: CaptionLineLimits;
  signal?: AbortSignal;
  onProgress?: (progress: TranscribeProgress) => void;
  /** the whisper process's id once it runs (tests check it is gone after cancel) */
  onWhisperStart?: (pid: number) => void;
  /** threads for whisper (default: the cores, one left free from four up) */
  threads?: number;
}

export interface TranscribeResult {
  captions: SpeechSegment[];
  /** what whisper heard, before the line limits */
  segments: SpeechSegment[];
  model: ModelVerdict;
  audioSeconds: number;
  /** the clip's frame rate (captions are written on its frames), undefined for a sound file */
  fps?: number;
  wallSeconds: number;
}

function defaultThreads(): number {
  const cores = os.availableParallelism();
  return Math.max(1, Math.min(8, cores >= 4 ? cores - 1 : cores));
}

/** The model, checked; refused files throw the message that says what to get and where to put it. */
export async function usableModel(options: Pick<TranscribeOptions, 'modelPath' | 'home' | 'env' | 'signal'>): Promise<ModelVerdict> {
  const choice = await chooseWhisperModel({ ...(options.modelPath ? { explicit: options.modelPath } : {}), ...(options.env ? { env: options.env } : {}), ...(options.home ? { home: options.home } : {}) });
  if (!choice) throw modelNotSet();
  const verdict = await checkWhisperModel({ path: choice.path, ...(options.home ? { home: options.home } : {}), ...(options.signal ? { signal: options.signal } : {}) });
  if (!verdict.ok) throw modelRefusal(verdict);
  return verdict;
}

function noSound(clip: string): KlipError {
  return badInput('clip-has-no-sound', {
    id: `Klip ${clip} tidak bersuara, jadi tidak ada ucapan untuk dijadikan teks. Pilih klip yang ada suaranya.`,
    en: `The clip ${clip} has no sound, so there is no speech to caption. Choose a clip with sound.`,
  });
}

/** Transcribe one clip's speech in Indonesian and cut it into captions. */
export async function transcribeClip(options: TranscribeOptions): Promise<TranscribeResult> {
  const started = Date.now();
  const report = options.onProgress ?? (() => undefined);
  report(overall('model', 0));
  const model = await usableModel(options);
  const info = await probeMedia(options.clip, options.signal ? { signal: options.signal } : undefined);
  if (!info.audio) throw noSound(options.clip);
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'klipkota-speech-'));
  try {
    const audio = path.join(folder, 'speech.pcm');
    const command = speechAudioCommand({ clip: path.resolve(options.clip), output: audio, durationSeconds: info.durationSeconds });
    report(overall('audio', 0));
    await runFfmpeg({
      args: command.args,
      complete: true,
      expectedSeconds: command.expectedSeconds,
      onProgress: (progress) => report(overall('audio', progress.percent)),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    report(overall('loading', 0));
    const done = await runWhisperChild({
      mode: 'transcribe',
      job: { model: model.path, audio, language: TRANSCRIBE_LANGUAGE, threads: options.threads ?? defaultThreads() },
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onWhisperStart ? { onStart: options.onWhisperStart } : {}),
      onMessage: (message) => {
        if (message.type === 'model-loaded') report(overall('speech', 0));
        if (message.type === 'progress') report(overall('speech', message.percent));
      },
    });
    const heard = done.type === 'done' ? done.segments : [];
    // whisper.node gives times in milliseconds
    const segments = heard.map((segment) => ({ startSeconds: segment.t0 / 1000, endSeconds: segment.t1 / 1000, text: segment.text }));
    const captions = captionsFromSpeech({ segments, limits: options.limits ?? DEFAULT_CAPTION_LIMITS, durationSeconds: info.durationSeconds });
    report(overall('speech', 100));
    const fps = info.video && !info.video.still ? info.video.fps : undefined;
    return { captions, segments, model, audioSeconds: info.durationSeconds, ...(fps ? { fps } : {}), wallSeconds: (Date.now() - started) / 1000 };
  } finally {
    await fs.rm(folder, { recursive: true, force: true });
  }
}
