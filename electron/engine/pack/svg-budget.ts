/**
 * What an SVG costs to draw, checked before anything draws it: how many
 * pictures it embeds and how many pixels they decode to (each data: URL is
 * decoded whole and its header read with `image-size`, wherever the header
 * sits), and the filter primitives whose cost grows without limit
 * (feTurbulence octaves, blur deviation, morphology radius, convolution order,
 * the number of primitives). The rasterizer's memory cap and time limit
 * (raster/bounded.ts) catch what gets past these.
 */
import { imageSize } from 'image-size';
import { badInput, type KlipError } from '../../../core/errors.js';
import type { PackLimits } from './limits.js';

type Text = { id: string; en: string };

export interface SvgBudgetLimits {
  /** data:image pictures in one SVG */
  maxPictures: number;
  /** decoded pixels of all embedded pictures of one SVG together */
  maxPicturePixels: number;
  /** width and height of one embedded picture */
  maxPictureSide: number;
  /** filter primitives (fe*) in one SVG */
  maxFilterPrimitives: number;
  maxTurbulenceOctaves: number;
  /** feGaussianBlur / feDropShadow stdDeviation, user units */
  maxBlurDeviation: number;
  maxMorphologyRadius: number;
  /** feConvolveMatrix order (n x n kernel) */
  maxConvolveOrder: number;
  /** <use> elements in one SVG (each may copy a whole group again) */
  maxUses: number;
  /** text elements fitted to their box (data-fit), each measured several times when drawn */
  maxFittedTexts: number;
}

export const SVG_BUDGET: Omit<SvgBudgetLimits, 'maxPictureSide'> = {
  maxPictures: 16,
  maxPicturePixels: 40_000_000,
  maxFilterPrimitives: 32,
  maxTurbulenceOctaves: 4,
  maxBlurDeviation: 100,
  maxMorphologyRadius: 25,
  maxConvolveOrder: 5,
  maxUses: 500,
  maxFittedTexts: 32,
};

const PICTURE_TYPES = new Set(['png', 'jpg', 'webp']);

function tooCostly(options: { code: string; file: string; what: Text; fix: Text }): KlipError {
  return badInput(
    options.code,
    {
      id: `Paket ditolak: grafis "${options.file}" ${options.what.id}. ${options.fix.id}`,
      en: `Pack refused: graphic "${options.file}" ${options.what.en}. ${options.fix.en}`,
    },
    options.file,
  );
}

const SHRINK: Text = { id: 'Perkecil atau kurangi gambar tertanamnya, lalu ekspor ulang paket.', en: 'Make its embedded pictures smaller or fewer, then export the pack again.' };
const SIMPLIFY: Text = {
  id: 'Sederhanakan efek filternya (atau ganti dengan gambar PNG), lalu ekspor ulang paket.',
  en: 'Simplify its filter effects (or replace them with a PNG picture), then export the pack again.',
};

/** Counts the pictures of one SVG as they are met and refuses the first that breaks a limit. */
export function createSvgBudget(options: { file: string; limits: PackLimits; budget?: Partial<SvgBudgetLimits> }) {
  const limits: SvgBudgetLimits = { ...SVG_BUDGET, maxPictureSide: options.limits.maxImageSide, ...options.budget };
  const { file } = options;
  let pictures = 0;
  let pixels = 0;
  return {
    limits,
    /** one `data:image/...;base64,` URL */
    picture(dataUrl: string): void {
      pictures += 1;
      if (pictures > limits.maxPictures)
        throw tooCostly({
          code: 'pack-svg-too-many-pictures',
          file,
          what: { id: `memuat lebih dari ${limits.maxPictures} gambar tertanam`, en: `embeds more than ${limits.maxPictures} pictures` },
          fix: SHRINK,
        });
      const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1).replace(/\s+/g, '');
      let size: { width: number; height: number; type?: string } | undefined;
      try {
        size = imageSize(Buffer.from(base64, 'base64'));
      } catch {
        size = undefined;
      }
      if (!size || !PICTURE_TYPES.has(size.type ?? '') || !(size.width > 0) || !(size.height > 0))
        throw tooCostly({
          code: 'pack-image-invalid',
          file,
          what: { id: `memuat gambar tertanam ke-${pictures} yang bukan PNG/JPEG/WebP terbaca`, en: `embeds a picture (number ${pictures}) that is not a readable PNG/JPEG/WebP` },
          fix: { id: 'Simpan ulang gambar itu sebagai PNG atau JPEG, lalu ekspor ulang paket.', en: 'Save that picture again as PNG or JPEG, then export the pack again.' },
        });
      if (size.width > limits.maxPictureSide || size.height > limits.maxPictureSide)
        throw tooCostly({
          code: 'pack-image-too-large',
          file,
          what: {
            id: `memuat gambar tertanam berukuran ${size.width}x${size.height} piksel (batas ${limits.maxPictureSide} piksel per sisi)`,
            en: `embeds a ${size.width}x${size.height} pixel picture (limit ${limits.maxPictureSide} pixels per side)`,
          },
          fix: { id: 'Perkecil gambar itu lalu ekspor ulang paket.', en: 'Make that picture smaller and export the pack again.' },
        });
      pixels += size.width * size.height;
      if (pixels > limits.maxPicturePixels)
        throw tooCostly({
          code: 'pack-svg-too-many-pixels',
          file,
          what: {
            id: `memuat gambar tertanam yang bersama-sama lebih dari ${Math.round(limits.maxPicturePixels / 1e6)} megapiksel`,
            en: `embeds pictures that together hold more than ${Math.round(limits.maxPicturePixels / 1e6)} megapixels`,
          },
          fix: SHRINK,
        });
    },
  };
}

interface ScannedTag {
  name: string;
  attributes: Array<{ name: string; value: string }>;
}

function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1).toLowerCase();
}

function numbers(value: string | undefined): number[] {
  return (value ?? '')
    .trim()
    .split(/[\s,]+/)
    .filter((part) => part !== '')
    .map(Number);
}

function attribute(tag: ScannedTag, name: string): string | undefined {
  return tag.attributes.find((entry) => localName(entry.name) === name.toLowerCase())?.value;
}

/** The largest of an attribute's numbers (NaN counts as over any limit). */
function largest(tag: ScannedTag, name: string): number {
  const values = numbers(attribute(tag, name));
  return values.reduce((max, value) => (Number.isFinite(value) ? Math.max(max, Math.abs(value)) : Number.POSITIVE_INFINITY), 0);
}

/** children of primitives (transfer functions, merge inputs, light sources), not primitives themselves */
const NOT_PRIMITIVES = /^fe(func[rgba]|mergenode|distantlight|pointlight|spotlight)$/;

/** Refuse filter primitives and <use> counts whose drawing cost grows without limit. */
export function checkSvgCost(options: { file: string; tags: readonly ScannedTag[]; limits: SvgBudgetLimits }): void {
  const { file, tags, limits } = options;
  const over = (what: Text) => tooCostly({ code: 'pack-svg-too-costly', file, what, fix: SIMPLIFY });
  let primitives = 0;
  let uses = 0;
  let fitted = 0;
  for (const tag of tags) {
    const element = localName(tag.name);
    if (attribute(tag, 'data-fit') !== undefined && ++fitted > limits.maxFittedTexts)
      throw over({ id: `memuat lebih dari ${limits.maxFittedTexts} teks data-fit`, en: `has more than ${limits.maxFittedTexts} data-fit texts` });
    if (element === 'use' && ++uses > limits.maxUses)
      throw over({ id: `memakai lebih dari ${limits.maxUses} elemen <use>`, en: `has more than ${limits.maxUses} <use> elements` });
    if (!element.startsWith('fe') || NOT_PRIMITIVES.test(element)) continue;
    if (++primitives > limits.maxFilterPrimitives)
      throw over({ id: `memakai lebih dari ${limits.maxFilterPrimitives} primitif filter`, en: `uses more than ${limits.maxFilterPrimitives} filter primitives` });
    if (element === 'feturbulence' && largest(tag, 'numOctaves') > limits.maxTurbulenceOctaves)
      throw over({ id: `memakai feTurbulence dengan numOctaves di atas ${limits.maxTurbulenceOctaves}`, en: `uses feTurbulence with numOctaves over ${limits.maxTurbulenceOctaves}` });
    if ((element === 'fegaussianblur' || element === 'fedropshadow') && largest(tag, 'stdDeviation') > limits.maxBlurDeviation)
      throw over({ id: `memakai blur dengan stdDeviation di atas ${limits.maxBlurDeviation}`, en: `uses a blur with stdDeviation over ${limits.maxBlurDeviation}` });
    if (element === 'femorphology' && largest(tag, 'radius') > limits.maxMorphologyRadius)
      throw over({ id: `memakai feMorphology dengan radius di atas ${limits.maxMorphologyRadius}`, en: `uses feMorphology with a radius over ${limits.maxMorphologyRadius}` });
    if (element === 'feconvolvematrix' && largest(tag, 'order') > limits.maxConvolveOrder)
      throw over({ id: `memakai feConvolveMatrix dengan order di atas ${limits.maxConvolveOrder}`, en: `uses feConvolveMatrix with an order over ${limits.maxConvolveOrder}` });
  }
}
