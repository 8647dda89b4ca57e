/**
 * A caption style as it is drawn: the pack's `captionStyle` with its defaults,
 * under the project's overrides. Packs without a caption style get the
 * house style in their first font.
 */
import type { CaptionStyleOverrides } from '../model/project.js';
import { CaptionStyle, type PackManifest } from '../pack/manifest.js';
import type { Aspect } from '../platforms.js';

export interface ResolvedCaptionStyle {
  /** font family, one of the pack's fonts */
  font: string;
  weight: number;
  /** font size as a fraction of the frame's shorter side */
  size: number;
  color: string;
  /** the box behind the words (#RRGGBB), or none */
  box: string | null;
  boxOpacity: number;
  /** the bottom of the caption block, 0..1 of the frame height */
  position: Record<Aspect, number>;
  /** the block's width as a fraction of the safe zone's width */
  width: number;
  maxLines: number;
  maxCharsPerLine: number;
  lineHeight: number;
}

/** The part of a pack the caption style needs. */
export type CaptionStylePack = { manifest: Pick<PackManifest, 'captionStyle' | 'fonts'> };

const FALLBACK_FONT = 'Plus Jakarta Sans';

/** The pack's caption style (defaults filled in; a house style when the pack has none) under the project's overrides. */
export function resolveCaptionStyle(options: { pack: CaptionStylePack; overrides?: CaptionStyleOverrides }): ResolvedCaptionStyle {
  const manifest = options.pack.manifest;
  const base = CaptionStyle.parse(manifest.captionStyle ?? { font: manifest.fonts[0]?.family ?? FALLBACK_FONT, box: '#000000' });
  const overrides = options.overrides ?? {};
  const box = overrides.box === undefined ? (base.box ?? null) : overrides.box;
  return {
    font: base.font,
    weight: overrides.weight ?? base.weight,
    size: overrides.size ?? base.size,
    color: overrides.color ?? base.color,
    box,
    boxOpacity: overrides.boxOpacity ?? base.boxOpacity,
    position: {
      '9:16': overrides.position?.['9:16'] ?? base.position['9:16'],
      '16:9': overrides.position?.['16:9'] ?? base.position['16:9'],
    },
    width: base.width,
    maxLines: overrides.maxLines ?? base.maxLines,
    maxCharsPerLine: overrides.maxCharsPerLine ?? base.maxCharsPerLine,
    lineHeight: base.lineHeight,
  };
}
