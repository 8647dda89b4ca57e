/**
 * Packs that would pass a plain SVG check but cost the PC too much: many or
 * huge embedded pictures (also with the size header far into the data URL),
 * heavy filters, and drawings that only the rasterizer's memory cap and time
 * limit can stop. A real lower third with an embedded photo of a few hundred
 * kilobytes still passes, and its drawing's peak memory is measured.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isKlipError } from '@core/errors.js';
import { resolveFfmpeg } from '../../electron/engine/ffmpeg/binaries.js';
import { PACK_LIMITS } from '../../electron/engine/pack/limits.js';
import { validateSvg } from '../../electron/engine/pack/validate-svg.js';
import { RASTER_BOUNDS } from '../../electron/engine/raster/bounded.js';
import { decodePng, pixelAt } from '../../electron/engine/raster/png.js';
import { rasterizeToBuffer, renderSvgBounded } from '../../electron/engine/raster/rasterize.js';
import { makeTempDir, type TempDir } from '../helpers/media.js';

let temp: TempDir;
const MiB = 1024 * 1024;

function ffmpegImage(options: { out: string; size: string; codec?: string; extra?: string[] }): Buffer {
  execFileSync(resolveFfmpeg().path, [
    '-v', 'error', '-f', 'lavfi', '-i', `testsrc2=s=${options.size},noise=alls=60:allf=t`,
    '-frames:v', '1', ...(options.extra ?? []), '-y', options.out,
  ]);
  return readFileSync(options.out);
}

function svgWith(pictures: Array<{ mime: string; bytes: Buffer }>, extra = ''): string {
  const images = pictures
    .map((picture, index) => `<image x="${index}" width="600" height="340" href="data:${picture.mime};base64,${picture.bytes.toString('base64')}"/>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 340"><rect width="600" height="340" fill="#0F766E"/>${images}${extra}</svg>`;
}

function refusal(svg: string): string | undefined {
  try {
    validateSvg({ file: 'graphics/lower-third.svg', bytes: Buffer.from(svg), limits: PACK_LIMITS });
    return undefined;
  } catch (error) {
    if (!isKlipError(error)) throw error;
    expect(error.text.id).toContain('graphics/lower-third.svg');
    expect(error.text.en).toContain('graphics/lower-third.svg');
    return error.code;
  }
}

/** A real JPEG whose frame header claims width x height and sits after `padding` bytes of comment segments. */
function jpegWithLateHeader(options: { jpeg: Buffer; width: number; height: number; padding: number }): Buffer {
  const segments: Buffer[] = [];
  for (let left = options.padding; left > 0; left -= 60_000) {
    const body = Buffer.alloc(Math.min(60_000, left), 0x41);
    const head = Buffer.from([0xff, 0xfe, 0, 0]);
    head.writeUInt16BE(body.length + 2, 2);
    segments.push(head, body);
  }
  const patched = Buffer.from(options.jpeg);
  for (let at = 2; at + 9 < patched.length; ) {
    const marker = patched[at + 1]!;
    if (marker >= 0xc0 && marker <= 0xc2) {
      patched.writeUInt16BE(options.height, at + 5);
      patched.writeUInt16BE(options.width, at + 7);
      break;
    }
    at += 2 + patched.readUInt16BE(at + 2);
  }
  return Buffer.concat([patched.subarray(0, 2), ...segments, patched.subarray(2)]);
}

beforeAll(async () => {
  temp = await makeTempDir();
});
afterAll(async () => {
  await temp.remove();
});

describe('embedded pictures', () => {
  it('a lower third with a real photo of a few hundred kilobytes passes and draws within the memory cap', async () => {
    const photo = ffmpegImage({ out: temp.file('photo.jpg'), size: '1600x1200', extra: ['-q:v', '3'] });
    expect(photo.length).toBeGreaterThan(200 * 1024);
    const svg = svgWith([{ mime: 'image/jpeg', bytes: photo }]);
    expect(refusal(svg)).toBeUndefined();
    const file = temp.file('photo-card.svg');
    writeFileSync(file, svg);
    const png = decodePng(await rasterizeToBuffer({ svgPath: file, fields: {}, colors: {}, fontFiles: [], width: 1080, height: 612 }));
    expect(png.width).toBe(1080);
    expect(pixelAt(png, 540, 306)[3]).toBe(255);
    const drawn = await renderSvgBounded({ svg, width: 1080, height: 612, fontFiles: [] });
    expect(drawn.peakRssBytes).toBeGreaterThan(0);
    expect(drawn.peakRssBytes!).toBeLessThan(RASTER_BOUNDS.maxRssBytes);
    console.log(`photo lower third: peak RSS ${(drawn.peakRssBytes! / MiB).toFixed(0)} MiB, ${drawn.wallMs} ms`);
  });

  it('refuses more pictures than the limit, and pictures that together decode to too many pixels', () => {
    const small = ffmpegImage({ out: temp.file('small.png'), size: '64x36' });
    expect(refusal(svgWith(Array.from({ length: 17 }, () => ({ mime: 'image/png', bytes: small }))))).toBe('pack-svg-too-many-pictures');
    // 4000x3000 of one colour is a few kilobytes of PNG, 48 MB once decoded
    execFileSync(resolveFfmpeg().path, ['-v', 'error', '-f', 'lavfi', '-i', 'color=c=red:s=4000x3000', '-frames:v', '1', '-y', temp.file('flat.png')]);
    const flat = readFileSync(temp.file('flat.png'));
    expect(flat.length).toBeLessThan(400 * 1024);
    const many = svgWith(Array.from({ length: 6 }, () => ({ mime: 'image/png', bytes: flat })));
    expect(Buffer.byteLength(many)).toBeLessThan(PACK_LIMITS.maxSvgBytes);
    expect(refusal(many)).toBe('pack-svg-too-many-pixels');
  });

  it('reads the size header wherever it sits in the data URL', () => {
    const jpeg = ffmpegImage({ out: temp.file('tiny.jpg'), size: '64x48' });
    const late = jpegWithLateHeader({ jpeg, width: 30_000, height: 30_000, padding: 180_000 });
    expect(refusal(svgWith([{ mime: 'image/jpeg', bytes: late }]))).toBe('pack-image-too-large');
    const lateButSmall = jpegWithLateHeader({ jpeg, width: 64, height: 48, padding: 180_000 });
    expect(refusal(svgWith([{ mime: 'image/jpeg', bytes: lateButSmall }]))).toBeUndefined();
  });

  it('refuses a picture whose bytes are not a readable PNG, JPEG or WebP', () => {
    expect(refusal(svgWith([{ mime: 'image/png', bytes: Buffer.from('GIF89a'.padEnd(64, '\0')) }]))).toBe('pack-image-invalid');
  });
});

describe('filters and repeated drawing', () => {
  const card = (body: string) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 340">${body}<rect width="600" height="340" filter="url(#f)"/></svg>`;

  it('refuses filter primitives whose cost grows without limit', () => {
    expect(refusal(card('<filter id="f"><feTurbulence baseFrequency="0.9" numOctaves="40"/></filter>'))).toBe('pack-svg-too-costly');
    expect(refusal(card('<filter id="f"><feGaussianBlur stdDeviation="5 100000"/></filter>'))).toBe('pack-svg-too-costly');
    expect(refusal(card('<filter id="f"><feMorphology radius="900"/></filter>'))).toBe('pack-svg-too-costly');
    expect(refusal(card('<filter id="f"><feConvolveMatrix order="40" kernelMatrix="1"/></filter>'))).toBe('pack-svg-too-costly');
    const chain = Array.from({ length: 40 }, () => '<feOffset dx="1"/>').join('');
    expect(refusal(card(`<filter id="f">${chain}</filter>`))).toBe('pack-svg-too-costly');
  });

  it('keeps the modest filters real designs use', () => {
    expect(refusal(card('<filter id="f"><feGaussianBlur stdDeviation="8"/><feOffset dx="2" dy="3"/><feMerge><feMergeNode/><feMergeNode in="SourceGraphic"/></feMerge></filter>'))).toBeUndefined();
    expect(refusal(card('<filter id="f"><feTurbulence baseFrequency="0.8" numOctaves="2"/></filter>'))).toBeUndefined();
  });
});

describe('validation itself stays linear on 2 MB of hostile text', () => {
  const big = (body: string) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">${body}</svg>`;

  it('reads files full of unclosed url(, comment starts, attributes and entities in one pass', () => {
    // each of these took minutes with a backtracking regex or a per-attribute list scan
    expect(refusal(big(`<text>${'url('.repeat(480_000)}</text>`))).toBe('pack-svg-external-ref');
    expect(refusal(big(`<text>${'url("'.repeat(380_000)}</text>`))).toBe('pack-svg-external-ref');
    expect(refusal(big(`<rect fill="${'<!--'.repeat(450_000)}"/>`))).toBeUndefined();
    expect(refusal(big(`<rect ${Array.from({ length: 150_000 }, (_, i) => `a${i}=""`).join(' ')}/>`))).toBeUndefined();
    expect(refusal(big(`<text ${'data-fit="" '.repeat(150_000)}>x</text>`))).toBe('pack-svg-invalid');
  });

  it('refuses more fitted texts than the text fitter should measure', () => {
    const texts = Array.from({ length: 40 }, (_, i) => `<text id="t${i}" data-fit="shrink" data-box="0 0 10 10">x</text>`).join('');
    expect(refusal(big(texts))).toBe('pack-svg-too-costly');
  });
});

describe('the bounded rasterizer', () => {
  it('kills a drawing past its memory cap and reports it as too costly', async () => {
    // 7000x5000 passes validation (35 MP) but needs far more than 96 MiB to decode
    execFileSync(resolveFfmpeg().path, ['-v', 'error', '-f', 'lavfi', '-i', 'color=c=blue:s=7000x5000', '-frames:v', '1', '-y', temp.file('big.png')]);
    const svg = svgWith([{ mime: 'image/png', bytes: readFileSync(temp.file('big.png')) }]);
    expect(refusal(svg)).toBeUndefined();
    const error = await renderSvgBounded({ svg, width: 1080, height: 612, fontFiles: [], bounds: { maxRssBytes: 96 * MiB } }).catch((caught: unknown) => caught);
    expect(isKlipError(error) && error.code).toBe('raster-too-costly');
    // with the real cap the same graphic draws, and its measured peak stays under the cap
    const drawn = await renderSvgBounded({ svg, width: 1080, height: 612, fontFiles: [] });
    expect(drawn.peakRssBytes!).toBeLessThan(RASTER_BOUNDS.maxRssBytes);
    console.log(`35 MP embedded picture: peak RSS ${(drawn.peakRssBytes! / MiB).toFixed(0)} MiB, ${drawn.wallMs} ms`);
  });

  it('stops a drawing that runs past its time limit', async () => {
    // five levels of ten <use>: 50 elements in the file, 100 000 large blurred circles to draw (under resvg's own
    // node limit); over a minute of drawing even on a quiet machine, so the 3 s limit always has to stop it
    let defs = '<g id="l0"><circle r="20" cx="30" cy="30" fill="red" filter="url(#b)"/></g>';
    for (let level = 1; level <= 4; level++) {
      defs += `<g id="l${level}">${Array.from({ length: 10 }, (_, i) => `<use href="#l${level - 1}" x="${i}"/>`).join('')}</g>`;
    }
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 340"><defs><filter id="b"><feGaussianBlur stdDeviation="20"/></filter>${defs}</defs>${Array.from({ length: 10 }, (_, i) => `<use href="#l4" y="${i}"/>`).join('')}</svg>`;
    expect(refusal(svg)).toBeUndefined();
    const error = await renderSvgBounded({ svg, width: 1080, height: 612, fontFiles: [], bounds: { timeoutMs: 3000 } }).catch((caught: unknown) => caught);
    expect(isKlipError(error) && error.code).toBe('raster-too-costly');
    expect(isKlipError(error) && error.detail).toMatch(/time limit|memory/);
  });
});
