/**
 * Fitting text into its box: "long text shrinks or wraps, never spills".
 * Measuring is a callback, so this file stays font-agnostic (the engine
 * measures with the pack's real fonts; a preview could use a canvas).
 *
 * The fit convention, on a `<text>` element that holds only text (no child
 * elements):
 *   data-fit="shrink"     prefer one line: shrink first, wrap only when the
 *                         smallest size still does not fit
 *   data-fit="wrap"       prefer the full size: wrap first, shrink only when
 *                         the lines do not fit
 *   data-box-width="W"    the box width in viewBox units (required)
 *   data-box-height="H"   optional: the lines' block may not be taller
 *   data-max-lines="N"    default 1 (shrink) or 2 (wrap)
 *   data-min-size="S"     smallest font-size, default half the font-size
 *   data-line-height="L"  line pitch as a multiple of the font size, default 1.2
 *   data-valign="top|middle|bottom"  how extra lines grow around `y`, default top:
 *                         top: `y` stays the first baseline; bottom: `y` stays the
 *                         last baseline; middle: the block stays centred where
 *                         a single line at the full size would be.
 * When nothing fits at the smallest size in the allowed lines, the last line
 * ends in an ellipsis.
 */
import { escapeXml, unescapeXml } from './fields.js';

export interface TextStyle {
  fontFamily: string;
  fontWeight: number;
  fontStyle: 'normal' | 'italic';
  fontSize: number;
  /** extra space after each character, viewBox units */
  letterSpacing: number;
}

/** The advance width of `text` in the style, in viewBox units. */
export type MeasureText = (text: string, style: TextStyle) => number;

export interface FitRequest {
  text: string;
  mode: 'shrink' | 'wrap';
  style: TextStyle;
  boxWidth: number;
  boxHeight?: number;
  maxLines: number;
  minSize: number;
  lineHeight: number;
  measure: MeasureText;
}

export interface FitResult {
  fontSize: number;
  lines: string[];
  /** an ellipsis was needed: the text did not fit even at the smallest size */
  truncated: boolean;
}

const ELLIPSIS = '\u2026';
/** cap height as a fraction of the font size, for vertical centring */
const CAP_HEIGHT = 0.7;

// ---------------------------------------------------------------- fitting

function widthAt(request: FitRequest, text: string, size: number): number {
  return request.measure(text, { ...request.style, fontSize: size });
}

/** Break one word into pieces no wider than the box (for very long words or URLs). */
function breakWord(request: FitRequest, word: string, size: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const char of word) {
    if (current !== '' && widthAt(request, current + char, size) > request.boxWidth) {
      pieces.push(current);
      current = char;
    } else current += char;
  }
  if (current !== '') pieces.push(current);
  return pieces;
}

/** Greedy word wrap at one size; every line fits the box width. */
export function wrapLines(request: FitRequest, size: number): string[] {
  const words = request.text.split(' ').filter((word) => word !== '');
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (widthAt(request, candidate, size) <= request.boxWidth) {
      current = candidate;
      continue;
    }
    if (current !== '') lines.push(current);
    if (widthAt(request, word, size) <= request.boxWidth) current = word;
    else {
      const pieces = breakWord(request, word, size);
      current = pieces.pop() ?? '';
      lines.push(...pieces);
    }
  }
  if (current !== '') lines.push(current);
  return lines;
}

function blockHeight(lines: number, size: number, lineHeight: number): number {
  return size + (lines - 1) * size * lineHeight;
}

function fitsAt(request: FitRequest, size: number, maxLines: number): string[] | undefined {
  if (request.boxHeight !== undefined && blockHeight(1, size, request.lineHeight) > request.boxHeight) return undefined;
  const lines = wrapLines(request, size);
  if (lines.length > maxLines) return undefined;
  if (request.boxHeight !== undefined && blockHeight(lines.length, size, request.lineHeight) > request.boxHeight) {
    return undefined;
  }
  return lines;
}

/** Sizes to try, from the full size down to the minimum, in small steps. */
function candidateSizes(request: FitRequest): number[] {
  const full = request.style.fontSize;
  const min = Math.min(request.minSize, full);
  const sizes: number[] = [];
  const step = Math.max(0.5, (full - min) / 40);
  for (let size = full; size > min; size -= step) sizes.push(Math.round(size * 100) / 100);
  sizes.push(min);
  return sizes;
}

/** Shorten the last line until it fits with an ellipsis. */
function ellipsize(request: FitRequest, line: string, size: number): string {
  let chars = [...line.trimEnd()];
  while (chars.length > 0 && widthAt(request, chars.join('').trimEnd() + ELLIPSIS, size) > request.boxWidth) {
    chars = chars.slice(0, -1);
  }
  return chars.join('').trimEnd() + ELLIPSIS;
}

/**
 * Fit text into its box: the largest size (down to the minimum) at which the
 * text fits in the allowed lines, in the order the mode prefers; an ellipsis
 * as the last resort.
 */
export function fitText(request: FitRequest): FitResult {
  const text = request.text.replace(/\s+/g, ' ').trim();
  const fit: FitRequest = { ...request, text, maxLines: Math.max(1, Math.floor(request.maxLines)) };
  const sizes = candidateSizes(fit);
  if (text === '') return { fontSize: fit.style.fontSize, lines: [], truncated: false };

  if (fit.mode === 'shrink') {
    for (let lines = 1; lines <= fit.maxLines; lines++) {
      for (const size of sizes) {
        const result = fitsAt(fit, size, lines);
        if (result) return { fontSize: size, lines: result, truncated: false };
      }
    }
  } else {
    for (const size of sizes) {
      const result = fitsAt(fit, size, fit.maxLines);
      if (result) return { fontSize: size, lines: result, truncated: false };
    }
  }

  const size = sizes[sizes.length - 1] ?? fit.style.fontSize;
  let allowed = fit.maxLines;
  while (fit.boxHeight !== undefined && allowed > 1 && blockHeight(allowed, size, fit.lineHeight) > fit.boxHeight) {
    allowed--;
  }
  const wrapped = wrapLines(fit, size);
  const kept = wrapped.slice(0, allowed);
  const rest = wrapped.slice(allowed - 1).join(' ');
  kept[allowed - 1] = ellipsize(fit, rest, size);
  return { fontSize: size, lines: kept, truncated: true };
}

/** The baseline of each line, for the vertical alignment convention above. */
export function lineBaselines(options: {
  y: number;
  lines: number;
  fontSize: number;
  fullSize: number;
  lineHeight: number;
  valign: 'top' | 'middle' | 'bottom';
}): number[] {
  const pitch = options.fontSize * options.lineHeight;
  const span = (options.lines - 1) * pitch;
  let first = options.y;
  if (options.valign === 'bottom') first = options.y - span;
  if (options.valign === 'middle') {
    const centre = options.y - (CAP_HEIGHT * options.fullSize) / 2;
    first = centre + (CAP_HEIGHT * options.fontSize) / 2 - span / 2;
  }
  return Array.from({ length: options.lines }, (_, index) => round2(first + index * pitch));
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

// ---------------------------------------------------------------- SVG

const FIT_TEXT = /<text\b([^>]*\bdata-fit\s*=\s*"[^"]*"[^>]*)>([^<]*)<\/text>/g;
const ATTRIBUTE = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*"([^"]*)"/g;

function attributesOf(source: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of source.matchAll(ATTRIBUTE)) attributes.set(match[1] ?? '', unescapeXml(match[2] ?? ''));
  return attributes;
}

function numberAttribute(attributes: Map<string, string>, name: string): number | undefined {
  const raw = attributes.get(name);
  if (raw === undefined) return undefined;
  const value = Number.parseFloat(raw);
  return Number.isFinite(value) ? value : undefined;
}

/** The text style a `<text>` element's attributes give (presentation attributes only). */
export function textStyleOf(attributes: Map<string, string>): TextStyle {
  const weight = attributes.get('font-weight') ?? '400';
  const fontWeight = weight === 'bold' ? 700 : weight === 'normal' ? 400 : Number.parseInt(weight, 10) || 400;
  return {
    fontFamily: (attributes.get('font-family') ?? '').replace(/['"]/g, '').split(',')[0]?.trim() ?? '',
    fontWeight,
    fontStyle: attributes.get('font-style') === 'italic' ? 'italic' : 'normal',
    fontSize: numberAttribute(attributes, 'font-size') ?? 16,
    letterSpacing: numberAttribute(attributes, 'letter-spacing') ?? 0,
  };
}

/**
 * Rewrite every `<text data-fit=...>` of a filled SVG: the fitted font-size and
 * one `<tspan>` per line, the data-* attributes removed. Other text is untouched.
 */
export function fitSvgText(options: { svg: string; measure: MeasureText }): string {
  return options.svg.replace(FIT_TEXT, (_, rawAttributes: string, rawText: string) => {
    const attributes = attributesOf(rawAttributes);
    const style = textStyleOf(attributes);
    const mode = attributes.get('data-fit') === 'wrap' ? 'wrap' : 'shrink';
    const boxWidth = numberAttribute(attributes, 'data-box-width') ?? Number.POSITIVE_INFINITY;
    const lineHeight = numberAttribute(attributes, 'data-line-height') ?? 1.2;
    const valignRaw = attributes.get('data-valign');
    const valign = valignRaw === 'middle' || valignRaw === 'bottom' ? valignRaw : 'top';
    const fit = fitText({
      text: unescapeXml(rawText),
      mode,
      style,
      boxWidth,
      boxHeight: numberAttribute(attributes, 'data-box-height'),
      maxLines: numberAttribute(attributes, 'data-max-lines') ?? (mode === 'wrap' ? 2 : 1),
      minSize: numberAttribute(attributes, 'data-min-size') ?? style.fontSize / 2,
      lineHeight,
      measure: options.measure,
    });
    const x = attributes.get('x') ?? '0';
    const baselines = lineBaselines({
      y: numberAttribute(attributes, 'y') ?? 0,
      lines: Math.max(1, fit.lines.length),
      fontSize: fit.fontSize,
      fullSize: style.fontSize,
      lineHeight,
      valign,
    });
    const kept = [...attributes].filter(([name]) => !name.startsWith('data-') && name !== 'font-size' && name !== 'y');
    const head = kept.map(([name, value]) => `${name}="${escapeXml(value)}"`).join(' ');
    const tspans = fit.lines
      .map((line, index) => `<tspan x="${escapeXml(x)}" y="${baselines[index]}">${escapeXml(line)}</tspan>`)
      .join('');
    return `<text ${head} y="${baselines[0]}" font-size="${fit.fontSize}">${tspans}</text>`;
  });
}
