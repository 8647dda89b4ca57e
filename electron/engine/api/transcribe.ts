/**
 * The auto-caption channels (core/api/transcribe.ts): start a transcription
 * of an imported clip (the model is checked first, so "no model" is the
 * call's own answer, with what to get and where to put it), report its
 * progress and end as events, cancel it; and the model's state for Settings.
 */
import { randomUUID } from 'node:crypto';
import type { ApiResponse } from '@core/api/contract.js';
import type { WhisperModelState } from '@core/api/transcribe.js';
import { resolveCaptionStyle } from '@core/captions/style.js';
import { DEFAULT_CAPTION_LIMITS, type CaptionLineLimits } from '@core/captions/from-speech.js';
import { badInput, isKlipError } from '@core/errors.js';
import type { Emit } from '../queue/export-jobs.js';
import { checkWhisperModel, type ModelVerdict } from '../captions/model-file.js';
import { chooseWhisperModel, modelNotSet, transcribeClip, usableModel, type ModelSource } from '../captions/transcribe.js';
import { errorData, type ApiContext, type Implementations } from './context.js';

type Channels = 'captions.transcribe' | 'captions.transcribeCancel' | 'captions.modelStatus';

function stateOf(verdict: ModelVerdict, source: ModelSource | undefined): WhisperModelState {
  return {
    set: true,
    path: verdict.path,
    ...(source ? { source } : {}),
    ok: verdict.ok,
    ...(verdict.label ? { label: verdict.label } : {}),
    ...(verdict.published ? { published: verdict.published } : {}),
    warnings: verdict.warnings,
    ...(verdict.problem ? { problem: { code: verdict.problem.code, text: verdict.problem.text } } : {}),
  };
}

async function modelStatus(context: ApiContext): Promise<WhisperModelState> {
  const choice = await chooseWhisperModel({ home: context.home });
  if (!choice) {
    const notSet = modelNotSet();
    return { set: false, ok: false, warnings: [], problem: { code: notSet.code, text: notSet.text } };
  }
  return stateOf(await checkWhisperModel({ path: choice.path, home: context.home }), choice.source);
}

function notImported(file: string) {
  return badInput('media-not-allowed', {
    id: `${file} belum diimpor ke proyek ini. Impor klipnya dulu, lalu buat teks otomatis.`,
    en: `${file} has not been imported into this project. Import the clip first, then make auto-captions.`,
  });
}

async function lineLimits(context: ApiContext, packId: string | undefined): Promise<CaptionLineLimits> {
  if (!packId) return DEFAULT_CAPTION_LIMITS;
  const packs = await context.engine.listPacks({ home: context.home });
  const pack = packs.find((entry) => entry.pack.manifest.id === packId)?.pack;
  if (!pack) return DEFAULT_CAPTION_LIMITS;
  const style = resolveCaptionStyle({ pack });
  return { maxLines: style.maxLines, maxCharsPerLine: style.maxCharsPerLine };
}

export function transcribeHandlers(context: ApiContext, emit: Emit): Implementations<Channels> {
  const running = new Map<string, AbortController>();
  return {
    'captions.transcribe': async (request): Promise<ApiResponse<'captions.transcribe'>> => {
      if (!context.access.isAllowed(request.path)) throw notImported(request.path);
      // refused here, before any job exists: the button's answer says what to get and where to put it
      const model = await usableModel({ home: context.home });
      const choice = await chooseWhisperModel({ home: context.home });
      const limits = await lineLimits(context, request.pack);
      const jobId = randomUUID();
      const controller = new AbortController();
      running.set(jobId, controller);
      void transcribeClip({
        clip: request.path,
        modelPath: model.path,
        home: context.home,
        limits,
        signal: controller.signal,
        onProgress: (progress) => emit('captions.transcribeProgress', { jobId, stage: progress.stage, percent: progress.percent }),
      })
        .then((result) => {
          const toFrame = (seconds: number) => Math.round(seconds * request.fps);
          const captions = result.captions
            .map((caption, index) => ({ id: `caption-${index + 1}`, start: toFrame(caption.startSeconds), duration: toFrame(caption.endSeconds) - toFrame(caption.startSeconds), text: caption.text.replace(/\n/g, ' ') }))
            .filter((caption) => caption.duration > 0);
          emit('captions.transcribeDone', { jobId, captions, segments: result.segments.length });
        })
        .catch((error: unknown) => {
          if (isKlipError(error) && error.kind === 'cancelled') emit('captions.transcribeCancelled', { jobId });
          else emit('captions.transcribeFailed', { jobId, error: errorData(error, context.language()) });
        })
        .finally(() => running.delete(jobId));
      return { jobId, model: stateOf(model, choice?.source) };
    },
    'captions.transcribeCancel': async (request) => {
      const controller = running.get(request.jobId);
      if (!controller) return { cancelled: false };
      controller.abort();
      return { cancelled: true };
    },
    'captions.modelStatus': () => modelStatus(context),
  };
}
