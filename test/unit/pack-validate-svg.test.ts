/**
 * The SVG check on its own: real pack graphics pass; every way of running code,
 * reaching outside or expanding entities is refused with its own code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isKlipError } from '@core/errors.js';
import { PACK_LIMITS } from '../../electron/engine/pack/limits.js';
import { validateSvg } from '../../electron/engine/pack/validate-svg.js';

const REPO = path.resolve(import.meta.dirname, '../..');

function check(svg: string, limits = PACK_LIMITS): string | undefined {
  try {
    validateSvg({ file: 'graphics/t.svg', bytes: new TextEncoder().encode(svg), limits });
    return undefined;
  } catch (error) {
    if (!isKlipError(error)) throw error;
    expect(error.text.en).toContain('graphics/t.svg');
    expect(error.text.id).toContain('graphics/t.svg');
    return error.code;
  }
}

const wrap = (body: string) => `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">${body}</svg>`;
const TINY_PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex').toString('base64');
const HUGE_PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200004e2000004e200806000000', 'hex').toString('base64');

describe('validateSvg', () => {
  it('accepts every SVG of both sample packs', () => {
    for (const pack of ['pemkot-malang', 'kelurahan-oro-oro-dowo']) {
      const dir = path.join(REPO, 'templates', pack);
      const files = ['logo.svg', ...readdirSync(path.join(dir, 'graphics')).map((name) => `graphics/${name}`)].filter((f) => f.endsWith('.svg'));
      expect(files.length).toBeGreaterThan(4);
      for (const file of files) validateSvg({ file, bytes: readFileSync(path.join(dir, file)), limits: PACK_LIMITS });
    }
  });

  it('accepts fragments, gradients, embedded pictures, comments, CDATA styles and the XML declaration', () => {
    expect(
      check(
        `<?xml version="1.0" encoding="UTF-8"?>\n<!-- made by hand -->` +
          wrap(
            `<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>` +
              `<style><![CDATA[ .a { fill: url(#g); } ]]></style>` +
              `<rect class="a" width="10" height="10" style="fill:url('#g')"/>` +
              `<use href="#g"/><use xlink:href="#g"/>` +
              `<image width="1" height="1" href="data:image/png;base64,${TINY_PNG}"/>` +
              `<text>Tom &amp; Jerry &#169; &#x41; {{name}} on time</text>`,
          ),
      ),
    ).toBeUndefined();
  });

  const refused: Array<[string, string, string]> = [
    ['script element', wrap('<script>alert(1)</script>'), 'pack-svg-script'],
    ['namespaced script', wrap('<svg:script xmlns:svg="http://www.w3.org/2000/svg">x</svg:script>'), 'pack-svg-script'],
    ['SCRIPT upper case', wrap('<SCRIPT>alert(1)</SCRIPT>'), 'pack-svg-script'],
    ['onload on root', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', 'pack-svg-event-handler'],
    ['onclick unquoted', wrap('<rect onclick=alert(1) width="1"/>'), 'pack-svg-event-handler'],
    ['onmouseover single quotes', wrap("<g onmouseover='x()'/>"), 'pack-svg-event-handler'],
    ['javascript href', wrap('<a href="javascript:alert(1)"/>'), 'pack-svg-script'],
    ['javascript split by whitespace', wrap('<a xlink:href="java\nscript:alert(1)"/>'), 'pack-svg-script'],
    ['entity-encoded href', wrap('<a href="&#106;avascript:alert(1)"/>'), 'pack-svg-external-ref'],
    ['http image', wrap('<image href="http://example.com/a.png"/>'), 'pack-svg-external-ref'],
    ['https xlink', wrap('<image xlink:href="https://example.com/a.png"/>'), 'pack-svg-external-ref'],
    ['file reference', wrap('<image href="file:///C:/Windows/win.ini"/>'), 'pack-svg-external-ref'],
    ['relative file', wrap('<image href="photo.png"/>'), 'pack-svg-external-ref'],
    ['use of another file', wrap('<use href="other.svg#icon"/>'), 'pack-svg-external-ref'],
    ['data svg', wrap('<image href="data:image/svg+xml;base64,PHN2Zz4="/>'), 'pack-svg-external-ref'],
    ['data html', wrap('<image href="data:text/html,<script>alert(1)</script>"/>'), 'pack-svg-external-ref'],
    ['css url http', wrap('<rect style="fill:url(http://example.com/x#a)"/>'), 'pack-svg-external-ref'],
    ['css url in style element', wrap('<style>.a{background:url( "//example.com/x.png" )}</style>'), 'pack-svg-external-ref'],
    ['css import', wrap('<style>@import url(#x);</style>'), 'pack-svg-external-ref'],
    ['fill url file', wrap('<rect fill="url(file:///etc/passwd#a)"/>'), 'pack-svg-external-ref'],
    ['xml-stylesheet', `<?xml-stylesheet href="http://example.com/a.css"?>${wrap('')}`, 'pack-svg-external-ref'],
    ['xml:base', wrap('<g xml:base="http://example.com/"/>'), 'pack-svg-external-ref'],
    ['doctype', `<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">${wrap('')}`, 'pack-svg-entity'],
    ['xxe', `<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${wrap('<text>&xxe;</text>')}`, 'pack-svg-entity'],
    ['stray entity', wrap('<text>&lol;</text>'), 'pack-svg-entity'],
    ['foreignObject', wrap('<foreignObject><iframe src="x"/></foreignObject>'), 'pack-svg-foreign-object'],
    ['iframe', wrap('<iframe/>'), 'pack-svg-element'],
    ['embed', wrap('<embed src="x"/>'), 'pack-svg-element'],
    ['animate to javascript', wrap('<a><animate attributeName="href" to="javascript:alert(1)"/></a>'), 'pack-svg-animation'],
    ['set', wrap('<set attributeName="href" to="http://x"/>'), 'pack-svg-animation'],
    ['huge embedded png', wrap(`<image href="data:image/png;base64,${HUGE_PNG}"/>`), 'pack-image-too-large'],
    ['not svg root', '<html><body/></html>', 'pack-svg-invalid'],
    ['unterminated tag', '<svg xmlns="http://www.w3.org/2000/svg"', 'pack-svg-invalid'],
    ['unterminated comment', `${wrap('')}<!-- open`, 'pack-svg-invalid'],
  ];
  for (const [label, svg, code] of refused) {
    it(`refuses ${label}`, () => {
      expect(check(svg)).toBe(code);
    });
  }

  it('refuses a file that is not UTF-8 and one over the size limit', () => {
    expect(() => validateSvg({ file: 'graphics/t.svg', bytes: new Uint8Array([0x3c, 0x73, 0xff, 0xfe]), limits: PACK_LIMITS })).toThrow(expect.objectContaining({ code: 'pack-svg-invalid' }));
    expect(check(wrap(''), { ...PACK_LIMITS, maxSvgBytes: 20 })).toBe('pack-too-large');
  });
});
