/**
 * The template pack manifest (`pack.json` at the root of a pack folder or
 * `.klippack` zip). Layers are keyed on `type`; positions are relative to the
 * frame (0..1, with an anchor) with optional per-aspect overrides, so one pack
 * serves 9:16 and 16:9. A pack is data, never code.
 */
import { z } from 'zod';

/** The newest pack format this app reads. */
export const PACK_FORMAT = 1;

export const HexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'warna harus #RRGGBB / colour must be #RRGGBB');

/** A path inside the pack: relative, forward slashes, no `..`, no drive letter. */
export const PackPath = z
  .string()
  .min(1)
  .max(200)
  .regex(/^(?![a-zA-Z]:)(?!\/)(?!.*\\)(?!.*(^|\/)\.\.(\/|$))[^\0]+$/, 'jalur harus di dalam paket / path must stay inside the pack');

export const Localized = z.object({ id: z.string().min(1), en: z.string().min(1) });

export const Anchor = z.enum([
  'top-left',
  'top',
  'top-right',
  'left',
  'center',
  'right',
  'bottom-left',
  'bottom',
  'bottom-right',
]);
export type Anchor = z.infer<typeof Anchor>;

const PlacementBase = z.object({
  /** where the anchor point sits, 0..1 of the frame */
  x: z.number().min(0).max(1),
  y: z.number().min(0).max(1),
  /** width as a fraction of the frame width; the height follows the graphic's own aspect */
  width: z.number().gt(0).max(1),
  anchor: Anchor.default('top-left'),
});
/** An override changes only what it names: no defaults here (a default anchor would replace the base's anchor). */
const PlacementOverride = PlacementBase.extend({ anchor: Anchor.optional() }).partial();
export const Placement = PlacementBase.extend({
  overrides: z
    .object({ '9:16': PlacementOverride.optional(), '16:9': PlacementOverride.optional() })
    .optional(),
});
export type Placement = z.infer<typeof Placement>;

export const Animation = z.object({
  in: z.enum(['none', 'fade', 'slide-left', 'slide-up']).default('fade'),
  out: z.enum(['none', 'fade', 'slide-left', 'slide-down']).default('fade'),
  /** length of each of the in and out movements, seconds */
  seconds: z.number().min(0).max(3).default(0.5),
});
export type Animation = z.infer<typeof Animation>;

export const FieldDefinition = z.object({
  name: z.string().regex(/^[a-z][a-zA-Z0-9_]{0,31}$/),
  label: Localized,
  maxLength: z.number().int().min(1).max(500).default(80),
  required: z.boolean().default(false),
  default: z.string().optional(),
});
export type FieldDefinition = z.infer<typeof FieldDefinition>;

/** An SVG file, or one per aspect. */
export const AspectFile = z.union([PackPath, z.object({ '9:16': PackPath, '16:9': PackPath })]);
export type AspectFile = z.infer<typeof AspectFile>;

export const SvgCard = z.object({
  type: z.literal('svg'),
  /** a full-frame SVG card (its viewBox has the frame's aspect) */
  file: AspectFile,
  seconds: z.number().min(0.5).max(15).default(3),
  fields: z.array(FieldDefinition).default([]),
  animation: Animation.default({ in: 'fade', out: 'fade', seconds: 0.5 }),
});
export const VideoBumper = z.object({
  type: z.literal('video'),
  file: AspectFile,
});
export const Bumper = z.discriminatedUnion('type', [SvgCard, VideoBumper]);
export type Bumper = z.infer<typeof Bumper>;

export const OverlayTemplate = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/),
  type: z.literal('svg'),
  label: Localized,
  file: AspectFile,
  placement: Placement,
  fields: z.array(FieldDefinition).default([]),
  animation: Animation.default({ in: 'fade', out: 'fade', seconds: 0.5 }),
  /** default length when an admin adds it, seconds */
  defaultSeconds: z.number().min(0.5).max(60).default(5),
});
export type OverlayTemplate = z.infer<typeof OverlayTemplate>;

export const Logo = z.object({
  file: PackPath,
  placement: Placement,
  opacity: z.number().min(0).max(1).default(0.9),
  /** show the logo over the intro and outro cards too */
  onBumpers: z.boolean().default(false),
});
export type Logo = z.infer<typeof Logo>;

export const FontFile = z.object({
  family: z.string().min(1).max(80),
  file: PackPath,
  weight: z.number().int().min(100).max(900).default(400),
  style: z.enum(['normal', 'italic']).default('normal'),
});

/**
 * How captions look (core/captions/layout.ts draws them). Every field but the
 * font has a default, so a format-1 pack that names only font, size, colours
 * and box keeps working.
 */
export const CaptionStyle = z.object({
  font: z.string().min(1),
  /** font weight picked from the pack's fonts */
  weight: z.number().int().min(100).max(900).default(700),
  /** font size as a fraction of the frame's shorter side (1080 px in 9:16 and 16:9 at full HD) */
  size: z.number().min(0.01).max(0.2).default(0.045),
  color: HexColor.default('#FFFFFF'),
  box: HexColor.optional(),
  boxOpacity: z.number().min(0).max(1).default(0.6),
  /** where the bottom of the caption block sits, 0..1 of the frame height, per aspect (kept inside every platform's safe zone) */
  position: z.object({ '9:16': z.number().min(0).max(1).default(0.64), '16:9': z.number().min(0).max(1).default(0.9) }).default({ '9:16': 0.64, '16:9': 0.9 }),
  /** the caption block's width as a fraction of the safe zone's width */
  width: z.number().min(0.3).max(1).default(0.9),
  maxLines: z.number().int().min(1).max(4).default(2),
  maxCharsPerLine: z.number().int().min(10).max(80).default(42),
  /** line pitch as a multiple of the font size */
  lineHeight: z.number().min(1).max(2).default(1.25),
});
export type CaptionStyle = z.infer<typeof CaptionStyle>;

/** Names Windows reserves for devices: a folder named so cannot be created or opened there. */
export const WINDOWS_RESERVED_NAMES = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;

/**
 * A pack id: also the name of its folder in the library, so lower-case, short,
 * and never a Windows device name (one regex, so the message is the "id / en"
 * pair the manifest check shows).
 */
export const PackId = z
  .string()
  .regex(
    /^(?!(?:con|prn|aux|nul|com[1-9]|lpt[1-9])$)[a-z0-9][a-z0-9-]{1,63}$/,
    '2-64 huruf kecil, angka atau tanda hubung, dan bukan nama perangkat Windows (con, prn, aux, nul, com1-9, lpt1-9) / 2-64 lower-case letters, digits or hyphens, and not a Windows device name (con, prn, aux, nul, com1-9, lpt1-9)',
  );

export const PackManifest = z.object({
  kind: z.literal('klipkota.pack'),
  /** the pack format this file is written in */
  format: z.number().int().min(1),
  id: PackId,
  name: Localized,
  version: z.string().regex(/^\d+\.\d+\.\d+$/),
  issuer: z.object({ name: z.string().min(1).max(120), contact: z.string().max(200).optional() }),
  description: Localized.optional(),
  /** brand colours, used by templates as {{color.NAME}} */
  colors: z.record(z.string().regex(/^[a-z][a-zA-Z0-9]*$/), HexColor),
  fonts: z.array(FontFile).default([]),
  intro: Bumper.optional(),
  outro: Bumper.optional(),
  logo: Logo.optional(),
  overlays: z.array(OverlayTemplate).default([]),
  captionStyle: CaptionStyle.optional(),
  preview: PackPath.optional(),
});
export type PackManifest = z.infer<typeof PackManifest>;

export function fileForAspect(file: AspectFile, aspect: '9:16' | '16:9'): string {
  return typeof file === 'string' ? file : file[aspect];
}
