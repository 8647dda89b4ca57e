/**
 * What the engine's probe learns about a media file. The compiler decides
 * everything from this; it never looks at the file itself.
 */
import { z } from 'zod';

export const MediaInfoSchema = z.object({
  path: z.string(),
  /** container format names as ffprobe gives them (for example "mov,mp4,m4a,3gp,3g2,mj2") */
  format: z.string(),
  durationSeconds: z.number().nonnegative(),
  sizeBytes: z.number().int().nonnegative(),
  video: z
    .object({
      codec: z.string(),
      /** coded size, before rotation */
      width: z.number().int().positive(),
      height: z.number().int().positive(),
      /** display rotation in degrees, clockwise, one of 0, 90, 180, 270 */
      rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]),
      /** size as shown: after rotation and sample aspect ratio */
      displayWidth: z.number().int().positive(),
      displayHeight: z.number().int().positive(),
      /** sample (pixel) aspect ratio as a number; 1 for square pixels */
      sampleAspect: z.number().positive(),
      fps: z.number().positive(),
      /** the frame rate changes over the file (phone recordings) */
      variableFrameRate: z.boolean(),
      pixelFormat: z.string().optional(),
      /** the picture's YUV matrix as ffprobe names it (bt709, smpte170m, bt470bg, bt2020nc...), when the file says */
      colorSpace: z.string().optional(),
      /** tv (limited) or pc (full), when the file says */
      colorRange: z.string().optional(),
      /** a still image (png, jpg) rather than moving video */
      still: z.boolean(),
      /** the picture's own length when the container says (it can be shorter than the sound) */
      durationSeconds: z.number().nonnegative().optional(),
    })
    .optional(),
  audio: z
    .object({
      codec: z.string(),
      channels: z.number().int().positive(),
      sampleRate: z.number().int().positive(),
    })
    .optional(),
});
export type MediaInfo = z.infer<typeof MediaInfoSchema>;
