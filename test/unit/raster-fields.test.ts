import { describe, expect, it } from 'vitest';
import { isKlipError } from '@core/errors.js';
import {
  checkFieldValues,
  escapeXml,
  fieldValuesWithDefaults,
  fillPlaceholders,
  placeholdersIn,
  unescapeXml,
} from '@core/pack/fields.js';
import { FieldDefinition } from '@core/pack/manifest.js';
import { graphicKind, graphicSize, svgSize } from '../../electron/engine/raster/graphicSize.js';

describe('escapeXml', () => {
  it('escapes markup so user text stays text', () => {
    expect(escapeXml('<script>alert("x")</script> & Co\'s')).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co&apos;s',
    );
    expect(unescapeXml(escapeXml('a < b & "c"'))).toBe('a < b & "c"');
    expect(unescapeXml('&#65;&#x42;&unknown;')).toBe('AB&unknown;');
  });

  it('drops control characters XML cannot hold', () => {
    expect(escapeXml('a\u0000b\u0007c\td')).toBe('abc\td');
  });
});

describe('fillPlaceholders', () => {
  const svg = '<svg><rect fill="{{color.primary}}"/><text>{{ name }}</text><text>{{role}}</text></svg>';

  it('fills fields escaped, colours from the pack, missing fields empty', () => {
    const out = fillPlaceholders({ svg, fields: { name: 'Budi <b>& Sari</b>' }, colors: { primary: '#0B4EA2' } });
    expect(out).toBe('<svg><rect fill="#0B4EA2"/><text>Budi &lt;b&gt;&amp; Sari&lt;/b&gt;</text><text></text></svg>');
  });

  it('keeps a quote in a value from closing an attribute', () => {
    const out = fillPlaceholders({ svg: '<a title="{{name}}"/>', fields: { name: '" onload="x' }, colors: {} });
    expect(out).toBe('<a title="&quot; onload=&quot;x"/>');
  });

  it('refuses a colour the pack does not define, naming it', () => {
    let caught: unknown;
    try {
      fillPlaceholders({ svg, fields: {}, colors: {} });
    } catch (error) {
      caught = error;
    }
    expect(isKlipError(caught) && caught.code).toBe('pack-invalid');
    expect(isKlipError(caught) && caught.detail).toBe('color.primary');
  });

  it('lists the placeholders a template uses', () => {
    expect(placeholdersIn(svg)).toEqual({ fields: ['name', 'role'], colors: ['primary'] });
  });
});

describe('field values', () => {
  const definitions = [
    FieldDefinition.parse({ name: 'name', label: { id: 'Nama', en: 'Name' }, maxLength: 10, required: true }),
    FieldDefinition.parse({ name: 'website', label: { id: 'Situs', en: 'Website' }, default: 'malangkota.go.id' }),
  ];

  it('fills defaults for missing or blank values only', () => {
    expect(fieldValuesWithDefaults(definitions, { name: 'Sari', website: ' ' })).toEqual({
      name: 'Sari',
      website: 'malangkota.go.id',
    });
    expect(fieldValuesWithDefaults(definitions, { website: 'a.go.id' }).website).toBe('a.go.id');
  });

  it('reports a missing required field and a value that is too long', () => {
    expect(checkFieldValues(definitions, {}).map((problem) => [problem.field, problem.problem])).toEqual([
      ['name', 'required'],
    ]);
    const tooLong = checkFieldValues(definitions, { name: 'Kusumawardhani' });
    expect(tooLong[0]?.problem).toBe('too-long');
    expect(tooLong[0]?.message.id).toContain('10');
    expect(checkFieldValues(definitions, { name: 'Sari' })).toEqual([]);
  });
});

describe('graphicSize', () => {
  it('reads an SVG viewBox, else its width and height', () => {
    expect(svgSize('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 864 216">')).toEqual({ width: 864, height: 216 });
    expect(svgSize('<svg width="40px" height="30">')).toEqual({ width: 40, height: 30 });
    expect(svgSize('<svg>')).toBeUndefined();
  });

  it('reads PNG and JPEG sizes from their headers', () => {
    const png = Buffer.alloc(24);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png, 0);
    png.writeUInt32BE(13, 8);
    png.write('IHDR', 12, 'ascii');
    png.writeUInt32BE(640, 16);
    png.writeUInt32BE(360, 20);
    expect(graphicKind(png)).toBe('png');
    expect(graphicSize(png)).toEqual({ width: 640, height: 360 });

    // SOI, APP0 (length 4), SOF0: length 17, precision 8, height 120, width 200
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x78, 0x00, 0xc8, 0x03]);
    expect(graphicKind(jpeg)).toBe('jpeg');
    expect(graphicSize(jpeg)).toEqual({ width: 200, height: 120 });
    expect(graphicSize(Buffer.from('hello'))).toBeUndefined();
  });
});
