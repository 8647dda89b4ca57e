/**
 * The auto-caption channels ("Buat teks otomatis"): transcribe a clip's
 * Indonesian speech offline with whisper.cpp into captions within the pack's
 * line limits, with progress events and cancel; and the model's state for the
 * Settings screen. Times are frames at the request's rate from the start of
 * the clip file (the renderer places them on the timeline).
 */
import { z } from 'zod';
import { CaptionSegmentSchema } from '../model/project.js';

/** A local path (no network or device path: the contract's FilePathSchema rule, with its issue text). */
const localPath = z
  .string()
  .min(1)
  .max(4096)
  .refine((value) => !value.includes('\0'), 'path must not contain NUL')
  .refine((value) => !/^[\\/]{2}/.test(value) && !/^\\\?\?\\/.test(value), 'network or device path refused');

const LocalizedTextSchema = z.object({ id: z.string(), en: z.string() });

export const TranscribeStageSchema = z.enum(['model', 'audio', 'loading', 'speech']);

/** The model file as the engine judged it. */
export const WhisperModelStateSchema = z.object({
  /** false: no model chosen in Settings nor by KLIPKOTA_WHISPER_MODEL */
  set: z.boolean(),
  path: z.string().optional(),
  source: z.enum(['env', 'setting', 'option']).optional(),
  /** usable for transcription */
  ok: z.boolean(),
  /** the model as whisper.cpp names it ("small", "large-v3-turbo") */
  label: z.string().optional(),
  /** the published model whose checksum the file has */
  published: z.string().optional(),
  warnings: z.array(LocalizedTextSchema),
  /** why it cannot be used, saying what to get and where to put it (in both languages) */
  problem: z.object({ code: z.string(), text: LocalizedTextSchema }).optional(),
});
export type WhisperModelState = z.infer<typeof WhisperModelStateSchema>;

export const transcribeChannels = {
  /**
   * Start transcribing a clip (one already imported: on the media allow-list).
   * The model is checked first: without a usable one the call fails at once with
   * code 'whisper-model-not-set', 'whisper-model-missing', 'whisper-model-damaged'...
   * and a message saying exactly what to get and where to put it. Then progress
   * comes as 'captions.transcribeProgress' and the end as 'captions.transcribeDone',
   * 'captions.transcribeFailed' or 'captions.transcribeCancelled'.
   */
  'captions.transcribe': {
    request: z.strictObject({
      path: localPath,
      /** the project's frame rate: caption times are frames at it */
      fps: z.number().int().min(12).max(60),
      /** the pack whose caption style gives the line limits (default: the style's defaults) */
      pack: z.string().min(1).optional(),
    }),
    response: z.object({ jobId: z.string().min(1), model: WhisperModelStateSchema }),
  },
  /** stop a transcription: its whisper process is killed and the model's memory freed at once */
  'captions.transcribeCancel': {
    request: z.strictObject({ jobId: z.string().min(1) }),
    response: z.object({ cancelled: z.boolean() }),
  },
  /** the auto-caption model's state (Settings shows it beside the file chooser) */
  'captions.modelStatus': {
    request: z.strictObject({}),
    response: WhisperModelStateSchema,
  },
} as const;

export const transcribeEvents = {
  'captions.transcribeProgress': z.object({ jobId: z.string(), stage: TranscribeStageSchema, percent: z.number().min(0).max(100) }),
  'captions.transcribeDone': z.object({ jobId: z.string(), captions: z.array(CaptionSegmentSchema), segments: z.number().int().nonnegative() }),
  'captions.transcribeFailed': z.object({ jobId: z.string(), error: z.object({ code: z.string(), message: z.string(), detail: z.string().optional() }) }),
  'captions.transcribeCancelled': z.object({ jobId: z.string() }),
} as const;
