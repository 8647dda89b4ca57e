/**
 * pack.json checks without a disk: migration of format 0, the too-new refusal,
 * schema messages that name the field, cross-references, and safe names.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACK_FORMAT, PackId } from '@core/pack/manifest.js';
import { declaredFormat, migrateManifest } from '@core/pack/migrate.js';
import { readImageSize } from '../../electron/engine/raster/graphicSize.js';
import { parseManifestText, referencedFiles } from '../../electron/engine/pack/manifest-check.js';
import { unsafeNameReason } from '../../electron/engine/pack/paths.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const kelurahan = JSON.parse(readFileSync(path.join(REPO, 'templates/kelurahan-oro-oro-dowo/pack.json'), 'utf8'));

function problem(edit: (m: any) => void): { code: string; en: string; id: string } {
  const manifest = structuredClone(kelurahan);
  edit(manifest);
  try {
    parseManifestText(JSON.stringify(manifest));
  } catch (error: any) {
    return { code: error.code, en: error.text.en, id: error.text.id };
  }
  throw new Error('no problem found');
}

describe('migrateManifest', () => {
  it('upgrades a format-0 draft (no kind, brand, lowerThirds) to the current format', () => {
    const draft = { id: 'x-pack', brand: { primary: '#112233' }, lowerThirds: [] };
    expect(declaredFormat(draft)).toBe(0);
    expect(migrateManifest(draft)).toEqual({ kind: 'klipkota.pack', id: 'x-pack', format: 1, colors: { primary: '#112233' }, overlays: [] });
    expect(draft).toEqual({ id: 'x-pack', brand: { primary: '#112233' }, lowerThirds: [] });
  });

  it('leaves a current manifest alone and refuses a newer format with a message to update', () => {
    expect(migrateManifest(kelurahan)).toBe(kelurahan);
    expect(() => migrateManifest({ ...kelurahan, format: PACK_FORMAT + 1 })).toThrow(
      expect.objectContaining({ code: 'pack-too-new', kind: 'bad-input', text: expect.objectContaining({ en: expect.stringContaining('Update KlipKota') }) }),
    );
  });

  it('leaves shapes it cannot read to the schema', () => {
    expect(migrateManifest('text')).toBe('text');
    expect(migrateManifest({ kind: 'klipkota.pack', format: 'one' })).toEqual({ kind: 'klipkota.pack', format: 'one' });
  });
});

describe('parseManifestText', () => {
  it('accepts both sample packs and lists every file they name with its field', () => {
    const manifest = parseManifestText(JSON.stringify(kelurahan));
    const refs = referencedFiles(manifest);
    expect(refs).toContainEqual({ path: 'graphics/judul.svg', field: 'overlays[1].file', role: 'svg' });
    expect(refs).toContainEqual({ path: 'graphics/intro-9x16.svg', field: 'intro.file.9:16', role: 'svg' });
    expect(refs).toContainEqual({ path: 'fonts/PlusJakartaSans_800ExtraBold.ttf', field: 'fonts[2].file', role: 'font' });
    parseManifestText(readFileSync(path.join(REPO, 'templates/pemkot-malang/pack.json'), 'utf8'));
  });

  it('names the field and what is wrong, in both languages', () => {
    const wrongType = problem((m) => (m.overlays[2].placement.width = '40%'));
    expect(wrongType.code).toBe('pack-schema');
    expect(wrongType.en).toContain('"overlays[2].placement.width" must be a number');
    expect(wrongType.id).toContain('"overlays[2].placement.width" harus angka');
    expect(problem((m) => delete m.issuer).en).toContain('"issuer" is required but missing');
    expect(problem((m) => (m.overlays[0].animation.in = 'spin')).en).toContain('must be one of "none", "fade"');
    expect(problem((m) => (m.overlays[0].placement.x = 1.5)).en).toContain('"overlays[0].placement.x" is too large (at most 1)');
    expect(problem((m) => (m.intro.type = 'gif')).en).toContain('"intro.type"');
  });

  it('checks what the schema cannot: unique ids, declared caption font, file types, safe paths', () => {
    expect(problem((m) => (m.overlays[1].id = 'nama-jabatan'))).toMatchObject({ code: 'pack-duplicate-id', en: expect.stringContaining('overlays[1].id') });
    expect(problem((m) => m.overlays[0].fields.push({ name: 'name', label: { id: 'a', en: 'a' } })).code).toBe('pack-duplicate-id');
    expect(problem((m) => (m.captionStyle.font = 'Comic Sans'))).toMatchObject({ code: 'pack-unknown-font', en: expect.stringContaining('captionStyle.font') });
    expect(problem((m) => (m.overlays[0].file = 'graphics/nama.png'))).toMatchObject({ code: 'pack-file-type', en: expect.stringContaining('overlays[0].file') });
    expect(problem((m) => (m.fonts[0].file = 'fonts/a.woff2')).code).toBe('pack-file-type');
    expect(problem((m) => (m.logo.file = '../../etc/logo.svg'))).toMatchObject({ code: 'pack-unsafe-path', en: expect.stringContaining('logo.file') });
    expect(problem((m) => (m.logo.file = 'D:/logo.svg')).code).toBe('pack-unsafe-path');
  });

  it('points at the line of a JSON syntax error', () => {
    try {
      parseManifestText('{\n  "kind": "klipkota.pack",\n  "id": x\n}');
      throw new Error('accepted');
    } catch (error: any) {
      expect(error.code).toBe('pack-json-malformed');
      expect(error.text.en).toContain('line 3');
    }
  });
});

describe('names and image headers', () => {
  it('refuses names that leave the pack or break on Windows', () => {
    for (const name of ['../a', 'a/../../b', '/etc/passwd', 'C:/x', 'c:x', 'a\\b', 'a//b', './a', 'con.txt', 'a/NUL', 'x?.svg', 'dot.', 'a\u0000b', '']) {
      expect(unsafeNameReason(name), JSON.stringify(name)).toBeDefined();
    }
    for (const name of ['pack.json', 'graphics/intro-9x16.svg', 'fonts/OFL.txt', 'a..b/c.svg', 'folder/']) expect(unsafeNameReason(name), name).toBeUndefined();
  });

  it('refuses a pack id that is a Windows device name (it becomes the folder name), in both languages', () => {
    for (const id of ['con', 'prn', 'aux', 'nul', 'com1', 'com9', 'lpt1', 'lpt9']) {
      const found = problem((m) => (m.id = id));
      expect(found.code, id).toBe('pack-schema');
      expect(found.en, id).toContain('Windows device name');
      expect(found.id, id).toContain('nama perangkat Windows');
    }
    for (const id of ['console', 'com10', 'auxiliary', 'lpt-pack', 'nul1a', 'pemkot-malang']) {
      expect(PackId.safeParse(id).success, id).toBe(true);
    }
    expect(PackId.safeParse('Con').success).toBe(false);
  });

  it('reads PNG and JPEG sizes from headers', () => {
    const png = readFileSync(path.join(REPO, 'templates/kelurahan-oro-oro-dowo/preview.png'));
    expect(readImageSize(png)).toEqual({ width: 640, height: 360, format: 'png' });
    // SOI, APP0 (length 16), SOF0 with height 300 and width 500
    const jpeg = Buffer.from('ffd8ffe000104a46494600010100000100010000ffc0001108012c01f403012200021101031101ffd9', 'hex');
    expect(readImageSize(jpeg)).toEqual({ width: 500, height: 300, format: 'jpeg' });
    expect(readImageSize(Buffer.from('GIF89a'))).toBeUndefined();
  });
});
