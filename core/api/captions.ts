/**
 * The captions channels: a subtitle file read into captions (the renderer
 * applies them with core/model/captions.ts's replaceCaptions through dispatch,
 * one undo step), the sidecar .srt written from the captions track, and one
 * caption drawn by the export's rasterizer for the preview, with its boxes
 * (core/captions/layout.ts), so the preview and the export agree.
 */
import { z } from 'zod';
import { CaptionSegmentSchema, CaptionStyleOverridesSchema, ProjectSchema } from '../model/project.js';
import { PLATFORMS } from '../platforms.js';

/** A local path (no network or device path: the contract's FilePathSchema rule, with its issue text). */
const localPath = z
  .string()
  .min(1)
  .max(4096)
  .refine((value) => !value.includes('\0'), 'path must not contain NUL')
  .refine((value) => !/^[\\/]{2}/.test(value) && !/^\\\?\?\\/.test(value), 'network or device path refused');

const BoxSchema = z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() });
const presetIds = Object.keys(PLATFORMS) as [keyof typeof PLATFORMS, ...(keyof typeof PLATFORMS)[]];

export const captionChannels = {
  /**
   * Read an .srt or .vtt file (UTF-8, with or without BOM, any line ends) into
   * captions at the project's frame rate (ids caption-1... in time order). A
   * broken file is refused with code 'subtitle-invalid', naming the line.
   */
  'captions.import': {
    request: z.strictObject({ path: localPath, fps: z.number().int().min(12).max(60) }),
    response: z.object({ captions: z.array(CaptionSegmentSchema), format: z.enum(['srt', 'vtt']) }),
  },
  /**
   * Write the captions track as an .srt file. With `preset`, times are those of
   * that export (after the intro card, cut at the outro), for a sidecar next to
   * the video; without, they count from the first clip. An existing file is
   * refused with code 'file-exists' unless `overwrite`.
   */
  'captions.exportSidecar': {
    request: z.strictObject({
      project: ProjectSchema,
      path: localPath.refine((value) => /\.srt$/i.test(value), 'the file name must end in .srt'),
      preset: z.enum(presetIds).optional(),
      overwrite: z.boolean().optional(),
    }),
    response: z.object({ path: z.string(), count: z.number().int().min(0) }),
  },
  /**
   * One caption drawn as the export draws it in a 1080x1920 or 1920x1080 frame:
   * the PNG fills `area` (every caption of the aspect has this box); `textBox`
   * is the box behind the words, `lines` the words as cut.
   */
  'captions.graphic': {
    request: z.strictObject({
      pack: z.string().min(1),
      text: z.string().max(500),
      aspect: z.enum(['9:16', '16:9']),
      style: CaptionStyleOverridesSchema.default({}),
    }),
    response: z.object({
      dataUrl: z.string().startsWith('data:'),
      frame: z.object({ width: z.number().int(), height: z.number().int() }),
      area: BoxSchema,
      textBox: BoxSchema.nullable(),
      lines: z.array(z.string()),
      fontSize: z.number().positive(),
    }),
  },
} as const;
