/**
 * Where a caption is drawn and how its words are cut into lines: the one
 * geometry the export's rasterizer and the editor's preview share.
 *
 * Every caption of a frame size is drawn into the same box, the caption AREA:
 * centred in the safe zone that every platform of the aspect shares (so one
 * export is safe on TikTok, Reels and Shorts alike), its bottom at the style's
 * position. The words are cut into lines by core/pack/fit.ts (wrap first,
 * shrink only when the lines do not fit, an ellipsis as the last resort), with
 * no line longer than the style's characters per line; the block sits at the
 * bottom of the area, centred, on its box. Measuring is a callback, as in
 * fit.ts: the engine measures with the pack's fonts.
 */
import { even, type Box, type Size } from '../geometry.js';
import { escapeXml } from '../pack/fields.js';
import { fitText, type MeasureText, type TextStyle } from '../pack/fit.js';
import { PLATFORMS, type Aspect, type SafeZone } from '../platforms.js';
import type { ResolvedCaptionStyle } from './style.js';

/** above and below a baseline, as fractions of the font size (room for accents and descenders) */
const ASCENT = 0.92;
const DESCENT = 0.28;
/** the box's padding around the words, as fractions of the font size */
const PAD_X = 0.45;
const PAD_Y = 0.22;
/** the smallest size the fitter may shrink to, as a fraction of the style's size */
const MIN_SIZE = 0.7;

function aspectOf(frame: Size): Aspect {
  return frame.height > frame.width ? '9:16' : '16:9';
}

/** The margins every platform of an aspect asks for (the largest of each side), in pixels of a 1080x1920 or 1920x1080 frame. */
export function sharedSafeZone(aspect: Aspect): SafeZone {
  const zones = Object.values(PLATFORMS).filter((platform) => platform.aspect === aspect).map((platform) => platform.safeZone);
  return {
    top: Math.max(...zones.map((zone) => zone.top)),
    bottom: Math.max(...zones.map((zone) => zone.bottom)),
    left: Math.max(...zones.map((zone) => zone.left)),
    right: Math.max(...zones.map((zone) => zone.right)),
  };
}

/** That shared safe zone as a box of this frame. */
export function captionSafeBox(frame: Size): Box {
  const aspect = aspectOf(frame);
  const zone = sharedSafeZone(aspect);
  const reference = aspect === '9:16' ? { width: 1080, height: 1920 } : { width: 1920, height: 1080 };
  const sx = frame.width / reference.width;
  const sy = frame.height / reference.height;
  const x = Math.ceil(zone.left * sx);
  const y = Math.ceil(zone.top * sy);
  return { x, y, width: Math.floor(frame.width - zone.right * sx) - x, height: Math.floor(frame.height - zone.bottom * sy) - y };
}

export interface CaptionArea {
  /** the box every caption of this frame is drawn into (the rasterized PNG's box), pixels of the frame */
  box: Box;
  /** the style's font size in pixels (the fitter may shrink a long caption below it) */
  fontSize: number;
  paddingX: number;
  paddingY: number;
}

/** The caption area of a frame for a style: inside the shared safe zone, its bottom at the style's position. */
export function captionArea(options: { style: ResolvedCaptionStyle; frame: Size }): CaptionArea {
  const { style, frame } = options;
  const safe = captionSafeBox(frame);
  const fontSize = Math.max(8, Math.round(style.size * Math.min(frame.width, frame.height)));
  const paddingX = Math.round(PAD_X * fontSize);
  const paddingY = Math.round(PAD_Y * fontSize);
  const block = fontSize * (ASCENT + DESCENT) + (style.maxLines - 1) * fontSize * style.lineHeight;
  const height = Math.min(Math.ceil((block + 2 * paddingY) / 2) * 2, safe.height - (safe.height % 2));
  const width = Math.min(even(safe.width * style.width), safe.width - (safe.width % 2));
  const x = Math.floor((safe.x + (safe.width - width) / 2) / 2) * 2;
  const bottom = Math.min(safe.y + safe.height, Math.round(style.position[aspectOf(frame)] * frame.height));
  const y = Math.max(safe.y, bottom - height);
  return { box: { x, y: y - (y % 2), width, height }, fontSize, paddingX, paddingY };
}

export interface CaptionLayout {
  area: CaptionArea;
  /** the lines as drawn, and their font size after fitting */
  lines: string[];
  fontSize: number;
  /** every line's baseline, pixels of the frame (centred on the area's middle) */
  baselines: number[];
  /** the box behind the words, pixels of the frame; undefined for no words */
  textBox: Box | undefined;
  /** the words did not fit even at the smallest size: the last line ends in an ellipsis */
  truncated: boolean;
}

function textStyle(style: ResolvedCaptionStyle, fontSize: number): TextStyle {
  return { fontFamily: style.font, fontWeight: style.weight, fontStyle: 'normal', fontSize, letterSpacing: 0 };
}

/** How one caption's words are drawn in the area of this frame. */
export function captionLayout(options: { text: string; style: ResolvedCaptionStyle; frame: Size; measure: MeasureText }): CaptionLayout {
  const { style, measure } = options;
  const area = captionArea(options);
  const { box, paddingX, paddingY } = area;
  const limit = style.maxCharsPerLine;
  // a line over the characters-per-line limit measures as too wide, so the fitter cuts it there
  const limited: MeasureText = (text, textStyleValue) => ([...text].length > limit ? Number.POSITIVE_INFINITY : measure(text, textStyleValue));
  const fit = fitText({
    text: options.text,
    mode: 'wrap',
    style: textStyle(style, area.fontSize),
    boxWidth: box.width - 2 * paddingX,
    boxHeight: box.height - 2 * paddingY - area.fontSize * (ASCENT + DESCENT - 1),
    maxLines: style.maxLines,
    minSize: Math.round(area.fontSize * MIN_SIZE),
    lineHeight: style.lineHeight,
    measure: limited,
  });
  if (fit.lines.length === 0) return { area, lines: [], fontSize: fit.fontSize, baselines: [], textBox: undefined, truncated: false };
  const pitch = fit.fontSize * style.lineHeight;
  const last = box.y + box.height - paddingY - DESCENT * fit.fontSize;
  const baselines = fit.lines.map((_, index) => round2(last - (fit.lines.length - 1 - index) * pitch));
  const widest = Math.max(...fit.lines.map((line) => measure(line, textStyle(style, fit.fontSize))));
  const width = Math.min(box.width, Math.ceil(widest + 2 * paddingX));
  const top = Math.floor(baselines[0]! - ASCENT * fit.fontSize - paddingY);
  const bottom = Math.ceil(last + DESCENT * fit.fontSize + paddingY);
  const textBox = { x: box.x + Math.round((box.width - width) / 2), y: Math.max(box.y, top), width, height: Math.min(box.y + box.height, bottom) - Math.max(box.y, top) };
  return { area, lines: fit.lines, fontSize: fit.fontSize, baselines, textBox, truncated: fit.truncated };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * The caption as an SVG of the area's size (its own coordinates: the area's
 * top-left is 0,0): the box, then the centred lines. Text is XML-escaped.
 */
export function captionSvg(options: { layout: CaptionLayout; style: ResolvedCaptionStyle }): string {
  const { layout, style } = options;
  const { box } = layout.area;
  const parts: string[] = [];
  if (layout.textBox && style.box) {
    const r = Math.round(layout.fontSize * 0.2);
    const t = layout.textBox;
    parts.push(`<rect x="${t.x - box.x}" y="${t.y - box.y}" width="${t.width}" height="${t.height}" rx="${r}" fill="${style.box}" fill-opacity="${style.boxOpacity}"/>`);
  }
  if (layout.lines.length > 0) {
    const centre = box.width / 2;
    const tspans = layout.lines
      .map((line, index) => `<tspan x="${centre}" y="${round2(layout.baselines[index]! - box.y)}">${escapeXml(line)}</tspan>`)
      .join('');
    parts.push(
      `<text font-family="${escapeXml(style.font)}" font-weight="${style.weight}" font-size="${layout.fontSize}" fill="${style.color}" text-anchor="middle">${tspans}</text>`,
    );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${box.width} ${box.height}" width="${box.width}" height="${box.height}">${parts.join('')}</svg>`;
}
