/**
 * What `doctor` says about auto-captions: whether whisper.cpp's native binary
 * loads on this system, and whether a model is set (where from) and usable.
 * Auto-captions are optional: nothing here decides whether KlipKota can render.
 */
import type { LocalizedText } from '@core/errors.js';
import { isKlipError } from '@core/errors.js';
import { checkWhisperModel } from './model-file.js';
import { chooseWhisperModel, modelNotSet, type ModelSource } from './transcribe.js';
import { checkWhisperRuntime } from './whisper-runtime.js';

type Problem = { code: string; id: string; en: string; detail?: string };

export interface WhisperDoctorReport {
  /** the native binary loaded in a child process */
  runtime: { loaded: true; platformPackage: string } | { loaded: false; problem: Problem };
  model:
    | { set: false; problem: Problem }
    | {
        set: true;
        path: string;
        source: ModelSource;
        ok: boolean;
        label?: string;
        published?: string;
        warnings: LocalizedText[];
        problem?: Problem;
      };
  /** auto-captions can run: the binary loads and the model is usable */
  ready: boolean;
}

function problemOf(options: { code: string; text: LocalizedText; detail?: string }): Problem {
  return { code: options.code, id: options.text.id, en: options.text.en, ...(options.detail ? { detail: options.detail } : {}) };
}

export async function whisperDoctor(options: { home?: string; env?: NodeJS.ProcessEnv }): Promise<WhisperDoctorReport> {
  let runtime: WhisperDoctorReport['runtime'];
  try {
    runtime = { loaded: true, ...(await checkWhisperRuntime()) };
  } catch (error) {
    const text = isKlipError(error) ? error.text : { id: String(error), en: String(error) };
    runtime = { loaded: false, problem: problemOf({ code: isKlipError(error) ? error.code : 'internal', text, ...(isKlipError(error) && error.detail ? { detail: error.detail } : {}) }) };
  }
  const choice = await chooseWhisperModel({ ...(options.env ? { env: options.env } : {}), ...(options.home ? { home: options.home } : {}) });
  if (!choice) {
    const notSet = modelNotSet();
    return { runtime, model: { set: false, problem: problemOf({ code: notSet.code, text: notSet.text }) }, ready: false };
  }
  const verdict = await checkWhisperModel({ path: choice.path, ...(options.home ? { home: options.home } : {}) });
  const model: WhisperDoctorReport['model'] = {
    set: true,
    path: verdict.path,
    source: choice.source,
    ok: verdict.ok,
    ...(verdict.label ? { label: verdict.label } : {}),
    ...(verdict.published ? { published: verdict.published } : {}),
    warnings: verdict.warnings,
    ...(verdict.problem ? { problem: problemOf(verdict.problem) } : {}),
  };
  return { runtime, model, ready: runtime.loaded && verdict.ok };
}
