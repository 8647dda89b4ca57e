import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { fitSvgText, fitText, lineBaselines, wrapLines, type FitRequest, type MeasureText, type TextStyle } from '@core/pack/fit.js';
import { measureWithFonts } from '../../electron/engine/raster/fonts.js';

const fontsDir = path.resolve(import.meta.dirname, '../../templates/pemkot-malang/fonts');
const fontFiles = ['400Regular', '600SemiBold', '700Bold', '800ExtraBold'].map((weight) =>
  path.join(fontsDir, `PlusJakartaSans_${weight}.ttf`),
);
const realMeasure = measureWithFonts(fontFiles);
/** every character 0.6 em wide: easy to reason about */
const mono: MeasureText = (text, style) => [...text].length * style.fontSize * 0.6 + [...text].length * style.letterSpacing;

const style: TextStyle = { fontFamily: 'Plus Jakarta Sans', fontWeight: 800, fontStyle: 'normal', fontSize: 56, letterSpacing: 0 };
const LONG_NAME = 'Prof. Dr. Ir. Hj. Siti Nurhaliza Kusumawardhani, M.Sc.';

function request(overrides: Partial<FitRequest>): FitRequest {
  return { text: '', mode: 'shrink', style, boxWidth: 784, maxLines: 2, minSize: 34, lineHeight: 1.1, measure: mono, ...overrides };
}

function widest(fit: { fontSize: number; lines: string[] }, measure: MeasureText, base = style): number {
  return Math.max(...fit.lines.map((line) => measure(line, { ...base, fontSize: fit.fontSize })));
}

describe('fitText', () => {
  it('keeps short text at its full size on one line', () => {
    const fit = fitText(request({ text: 'Wahyu Hidayat' }));
    expect(fit).toEqual({ fontSize: 56, lines: ['Wahyu Hidayat'], truncated: false });
  });

  it('shrinks a line that is a little too long before it wraps', () => {
    // 26 characters at 0.6 em: 873.6 at 56, fits 784 at about 50
    const fit = fitText(request({ text: 'Abcdefghij Klmnopqrs Tuvwx' }));
    expect(fit.lines).toHaveLength(1);
    expect(fit.fontSize).toBeLessThan(56);
    expect(fit.fontSize).toBeGreaterThanOrEqual(48);
    expect(widest(fit, mono)).toBeLessThanOrEqual(784);
  });

  it('wraps at the full size in wrap mode instead of shrinking', () => {
    const fit = fitText(request({ text: 'Abcdefghij Klmnopqrs Tuvwx', mode: 'wrap' }));
    expect(fit).toEqual({ fontSize: 56, lines: ['Abcdefghij Klmnopqrs', 'Tuvwx'], truncated: false });
  });

  it('fits a long Indonesian name with the real font: shrunk or wrapped, never wider than the box', () => {
    for (const mode of ['shrink', 'wrap'] as const) {
      const fit = fitText(request({ text: LONG_NAME, mode, measure: realMeasure }));
      expect(fit.truncated).toBe(false);
      expect(fit.lines.length).toBeLessThanOrEqual(2);
      expect(fit.lines.join(' ')).toBe(LONG_NAME);
      expect(fit.fontSize).toBeGreaterThanOrEqual(34);
      expect(widest(fit, realMeasure)).toBeLessThanOrEqual(784);
    }
    // the same name on one line at full size is far wider than the box
    expect(realMeasure(LONG_NAME, style)).toBeGreaterThan(784 * 1.5);
  });

  it('shrinks a long name to one line when only one line is allowed, with an ellipsis as the last resort', () => {
    const fit = fitText(request({ text: LONG_NAME, maxLines: 1, measure: realMeasure }));
    expect(fit.lines).toHaveLength(1);
    expect(fit.fontSize).toBe(34);
    expect(fit.truncated).toBe(true);
    expect(fit.lines[0]?.endsWith('\u2026')).toBe(true);
    expect(widest(fit, realMeasure)).toBeLessThanOrEqual(784);
  });

  it('respects the box height: two lines only when they fit', () => {
    const text = 'Abcdefghij Klmnopqrs Tuvwxyzabcd Efghijklmnop Qrstu';
    const tall = fitText(request({ text, boxHeight: 200 }));
    expect(tall.lines).toHaveLength(2);
    // 34 + 34 * 1.1 = 71.4 > 70: two lines never fit, so one line with an ellipsis
    const short = fitText(request({ text, boxHeight: 70 }));
    expect(short.lines).toHaveLength(1);
    expect(short.truncated).toBe(true);
  });

  it('breaks a word wider than the box (a long URL) into pieces', () => {
    const lines = wrapLines(request({ text: 'x'.repeat(60), mode: 'wrap' }), 20);
    // 60 characters at 12 units each = 720 < 784: one line
    expect(lines).toHaveLength(1);
    const broken = wrapLines(request({ text: 'y'.repeat(100) }), 20);
    expect(broken.map((line) => line.length)).toEqual([65, 35]);
  });

  it('collapses whitespace and returns no lines for empty text', () => {
    expect(fitText(request({ text: '  a \n\t b  ' })).lines).toEqual(['a b']);
    expect(fitText(request({ text: '   ' })).lines).toEqual([]);
  });
});

describe('lineBaselines', () => {
  it('keeps the first baseline for top, the last for bottom, and centres for middle', () => {
    const common = { y: 100, lines: 2, fontSize: 40, fullSize: 40, lineHeight: 1.25 };
    expect(lineBaselines({ ...common, valign: 'top' })).toEqual([100, 150]);
    expect(lineBaselines({ ...common, valign: 'bottom' })).toEqual([50, 100]);
    expect(lineBaselines({ ...common, valign: 'middle' })).toEqual([75, 125]);
    expect(lineBaselines({ ...common, lines: 1, valign: 'middle' })).toEqual([100]);
  });
});

describe('fitSvgText', () => {
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 864 216">' +
    '<text x="46" y="95" font-family="Plus Jakarta Sans" font-weight="800" font-size="56" fill="#fff" ' +
    'data-fit="shrink" data-box-width="784" data-max-lines="2" data-min-size="34" data-line-height="1.1" data-valign="middle">NAME</text>' +
    '<text x="10" y="20" font-size="12">static &amp; untouched</text></svg>';

  it('rewrites a fitted text element into one tspan per line and drops the data attributes', () => {
    const out = fitSvgText({ svg: svg.replace('NAME', 'Prof. Dr. Ir. Hj. Siti Nurhaliza Kusumawardhani, M.Sc. &amp; &lt;script&gt;'), measure: realMeasure });
    expect(out).not.toContain('data-');
    const tspans = [...out.matchAll(/<tspan x="46" y="([\d.]+)">([^<]*)<\/tspan>/g)];
    expect(tspans).toHaveLength(2);
    expect(out).toContain('&amp; &lt;script&gt;');
    expect(out).not.toContain('<script');
    expect(out).toContain('<text x="10" y="20" font-size="12">static &amp; untouched</text>');
  });

  it('leaves an empty field as an empty text element', () => {
    const out = fitSvgText({ svg: svg.replace('NAME', ''), measure: realMeasure });
    expect(out).toMatch(/<text [^>]*font-size="56"><\/text>/);
  });
});
