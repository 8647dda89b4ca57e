/**
 * The API pieces the editor's preview needs: what a pack looks like to the
 * layout (placements, animations, graphic sizes: the same numbers the export
 * uses, so core/layout.ts gives the same boxes in both), and pack graphics
 * drawn by the export's own rasterizer at the export's size; and the check an
 * export makes before it starts (which files would be replaced).
 */
import { z } from 'zod';
import { Bumper, CaptionStyle, Logo, OverlayTemplate } from '../pack/manifest.js';

/** A local path (no network or device path: the contract's FilePathSchema rule, with its issue text). */
const localPath = z
  .string()
  .min(1)
  .max(4096)
  .refine((value) => !value.includes('\0'), 'path must not contain NUL')
  .refine((value) => !/^[\\/]{2}/.test(value) && !/^\\\?\?\\/.test(value), 'network or device path refused');

const SizeSchema = z.object({ width: z.number().positive(), height: z.number().positive() });

/** A pack as core/layout.ts reads it (a LayoutPack). */
export const PackLayoutSchema = z.object({
  manifest: z.object({
    colors: z.record(z.string(), z.string()),
    intro: Bumper.optional(),
    outro: Bumper.optional(),
    logo: Logo.optional(),
    overlays: z.array(OverlayTemplate),
    /** the pack's caption style (core/captions/style.ts fills in a house style when absent) */
    captionStyle: CaptionStyle.optional(),
  }),
  graphicSizes: z.record(z.string(), SizeSchema),
  bumperMedia: z.record(z.string(), z.object({ durationSeconds: z.number().nonnegative() })),
});
export type PackLayout = z.infer<typeof PackLayoutSchema>;

export const PackGraphicSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('overlay'), template: z.string().min(1) }),
  z.strictObject({ kind: z.enum(['intro', 'outro', 'logo']) }),
]);

export const editorChannels = {
  /**
   * One pack graphic (a lower third, the intro or outro card, the logo) drawn by
   * the export's rasterizer at the size the export draws it for this aspect
   * (1080x1920 or 1920x1080 frames). Field values are filled as the export fills
   * them (defaults for blanks); nothing is checked, so a half-typed form still previews.
   */
  'pack.graphic': {
    request: z.strictObject({
      pack: z.string().min(1),
      graphic: PackGraphicSchema,
      fields: z.record(z.string(), z.string().max(500)).default({}),
      aspect: z.enum(['9:16', '16:9']),
    }),
    response: z.object({ dataUrl: z.string().startsWith('data:'), width: z.number().int().positive(), height: z.number().int().positive() }),
  },
  /**
   * A preview proxy of a file the browser cannot play (core/proxy.ts says
   * which): made by FFmpeg in the background (progress as `media.proxyProgress`
   * events), cached by content, never used by an export. Resolves when it is ready.
   */
  'media.proxy': {
    request: z.strictObject({ path: localPath }),
    response: z.object({ url: z.string().min(1) }),
  },
  /**
   * Before an export: which of its output files already exist in the folder,
   * and a project name whose outputs do not (for "keep both", numbered).
   */
  'export.check': {
    request: z.strictObject({ projectName: z.string().min(1).max(200), presets: z.array(z.string().min(1)).min(1), outDir: localPath }),
    response: z.object({ existing: z.array(z.string()), keepBothName: z.string() }),
  },
} as const;

export const editorEvents = {
  /** how far a preview proxy is (0..100) */
  'media.proxyProgress': z.object({ path: z.string(), percent: z.number().min(0).max(100) }),
} as const;
