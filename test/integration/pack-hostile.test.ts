/**
 * A corpus of hostile and broken packs, built by the test: every one is refused
 * with its own code and a message naming the file or field, and a refused import
 * leaves the library (and the folder around it) exactly as it was.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isKlipError, type KlipError } from '../../core/errors.js';
import { exportPack } from '../../electron/engine/pack/archive.js';
import { importPack, listPacks } from '../../electron/engine/pack/library.js';
import { validatePackFolder } from '../../electron/engine/pack/validate.js';
import { KELURAHAN, NO_BUILT_INS, listTree, patchDeclaredSize, pngHeader, readPackFiles, text, withManifest, zipFiles, type FileMap } from './pack-fixtures.js';

let sandbox: string;
let library: string;
let base: FileMap;

const svg = (body: string, head = '') => text(`${head}<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 1600 220">${body}</svg>`);

beforeAll(async () => {
  sandbox = await mkdtemp(path.join(os.tmpdir(), 'klipkota-hostile-'));
  library = path.join(sandbox, 'home', 'packs');
  await mkdir(path.join(sandbox, 'victim'), { recursive: true });
  await mkdir(path.join(sandbox, 'incoming'), { recursive: true });
  // version 1.0.0 is installed; every hostile pack claims to be 2.0.0 of the same id
  const v1 = path.join(sandbox, 'incoming', 'v1.klippack');
  await exportPack({ dir: KELURAHAN, out: v1 });
  await importPack({ builtInDir: NO_BUILT_INS, file: v1, libraryDir: library });
  base = withManifest(await readPackFiles(KELURAHAN), (m) => {
    m.version = '2.0.0';
  });
});

afterAll(async () => {
  await rm(sandbox, { recursive: true, force: true });
});

async function refusal(name: string, zip: Uint8Array): Promise<KlipError> {
  const file = path.join(sandbox, 'incoming', `${name}.klippack`);
  await writeFile(file, zip);
  const before = await listTree(sandbox);
  let error: unknown;
  try {
    await importPack({ builtInDir: NO_BUILT_INS, file, libraryDir: library });
  } catch (caught) {
    error = caught;
  }
  expect(await listTree(sandbox), `${name} left files behind`).toEqual(before);
  expect(isKlipError(error), `${name} was not refused with a KlipError: ${String(error)}`).toBe(true);
  const klip = error as KlipError;
  expect(klip.kind).toBe('bad-input');
  expect(klip.text.id.length).toBeGreaterThan(20);
  expect(klip.text.en.length).toBeGreaterThan(20);
  return klip;
}

const ZEROS = new Uint8Array(70 * 1024 * 1024);

const CASES: Array<{ name: string; zip: () => Uint8Array; code: string; mentions: string[] }> = [
  { name: 'zip-slip', zip: () => zipFiles({ ...base, '../victim/evil.txt': text('x') }), code: 'pack-unsafe-path', mentions: ['../victim/evil.txt', '..'] },
  { name: 'zip-slip-deep', zip: () => zipFiles({ ...base, 'graphics/../../victim/evil.txt': text('x') }), code: 'pack-unsafe-path', mentions: ['graphics/../../victim/evil.txt'] },
  { name: 'absolute', zip: () => zipFiles({ ...base, '/tmp/klipkota-evil.txt': text('x') }), code: 'pack-unsafe-path', mentions: ['/tmp/klipkota-evil.txt', 'absolute'] },
  { name: 'drive-letter', zip: () => zipFiles({ ...base, 'C:/Windows/evil.txt': text('x') }), code: 'pack-unsafe-path', mentions: ['C:/Windows/evil.txt', 'drive letter'] },
  { name: 'backslash', zip: () => zipFiles({ ...base, '..\\victim\\evil.txt': text('x') }), code: 'pack-unsafe-path', mentions: ['backslash'] },
  {
    name: 'symlink-entry',
    zip: () => zipFiles({ ...base, 'graphics/link.svg': text('/etc/passwd') }, { 'graphics/link.svg': { os: 3, attrs: (0o120777 << 16) >>> 0 } }),
    code: 'pack-symlink',
    mentions: ['graphics/link.svg', 'symbolic link'],
  },
  { name: 'case-duplicate', zip: () => zipFiles({ ...base, 'LOGO.svg': base['logo.svg']! }), code: 'pack-duplicate-entry', mentions: ['logo.svg'] },
  { name: 'zip-bomb-declared', zip: () => zipFiles({ ...base, 'bomb.txt': ZEROS }), code: 'pack-too-large', mentions: ['bomb.txt', '70 MiB'] },
  { name: 'zip-bomb-lying', zip: () => patchDeclaredSize(zipFiles({ ...base, 'bomb.txt': ZEROS }), 'bomb.txt', 1000), code: 'pack-zip-bomb', mentions: ['bomb.txt', 'zip bomb'] },
  { name: 'huge-declared-size', zip: () => patchDeclaredSize(zipFiles(base), 'logo.svg', 3_000_000_000), code: 'pack-too-large', mentions: ['logo.svg'] },
  {
    name: 'too-many-entries',
    zip: () => zipFiles({ ...base, ...Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`notes/n${i}.txt`, text('x')])) }),
    code: 'pack-too-large',
    mentions: ['entries'],
  },
  { name: 'not-a-zip', zip: () => text('this is not a zip file at all, just text pretending'), code: 'pack-archive-broken', mentions: ['not a zip'] },
  {
    name: 'png-20000',
    zip: () => zipFiles({ ...withManifest(base, (m) => (m.logo.file = 'logo.png')), 'logo.png': pngHeader(20000, 20000) }),
    code: 'pack-image-too-large',
    mentions: ['logo.png', '20000x20000', '8192'],
  },
  { name: 'svg-script', zip: () => zipFiles({ ...base, 'graphics/judul.svg': svg('<script>alert(1)</script><text>{{headline}}</text>') }), code: 'pack-svg-script', mentions: ['graphics/judul.svg', '<script>'] },
  { name: 'svg-onload', zip: () => zipFiles({ ...base, 'graphics/judul.svg': svg('<rect width="10" height="10" onload="fetch(\'x\')"/>') }), code: 'pack-svg-event-handler', mentions: ['graphics/judul.svg', 'onload'] },
  { name: 'svg-javascript-link', zip: () => zipFiles({ ...base, 'graphics/judul.svg': svg('<a href="javascript:alert(1)"><rect width="9" height="9"/></a>') }), code: 'pack-svg-script', mentions: ['graphics/judul.svg', 'javascript:'] },
  {
    name: 'svg-external-href',
    zip: () => zipFiles({ ...base, 'graphics/judul.svg': svg('<image href="https://evil.example/track.png" width="10" height="10"/>') }),
    code: 'pack-svg-external-ref',
    mentions: ['graphics/judul.svg', 'https://evil.example/track.png'],
  },
  {
    name: 'svg-file-xlink',
    zip: () => zipFiles({ ...base, 'graphics/judul.svg': svg('<image xlink:href="file:///etc/passwd" width="10" height="10"/>') }),
    code: 'pack-svg-external-ref',
    mentions: ['file:///etc/passwd'],
  },
  {
    name: 'svg-css-url',
    zip: () => zipFiles({ ...base, 'graphics/judul.svg': svg('<style>rect { fill: url("http://evil.example/x.svg#g") }</style><rect width="9" height="9"/>') }),
    code: 'pack-svg-external-ref',
    mentions: ['http://evil.example/x.svg#g'],
  },
  { name: 'svg-css-import', zip: () => zipFiles({ ...base, 'graphics/judul.svg': svg('<style>@import "http://evil.example/a.css";</style>') }), code: 'pack-svg-external-ref', mentions: ['@import'] },
  {
    name: 'svg-xxe',
    zip: () => zipFiles({ ...base, 'graphics/judul.svg': svg('<text>&xxe;</text>', '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>') }),
    code: 'pack-svg-entity',
    mentions: ['graphics/judul.svg', 'DOCTYPE'],
  },
  {
    name: 'svg-billion-laughs',
    zip: () =>
      zipFiles({
        ...base,
        'graphics/judul.svg': svg('<text>&lol3;</text>', '<!DOCTYPE svg [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;">]>'),
      }),
    code: 'pack-svg-entity',
    mentions: ['ENTITY'],
  },
  {
    name: 'svg-foreign-object',
    zip: () => zipFiles({ ...base, 'graphics/judul.svg': svg('<foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject>') }),
    code: 'pack-svg-foreign-object',
    mentions: ['graphics/judul.svg', 'foreignObject'],
  },
  { name: 'svg-unknown-colour', zip: () => zipFiles({ ...base, 'graphics/judul.svg': svg('<rect width="9" height="9" fill="{{color.purple}}"/>') }), code: 'pack-unknown-color', mentions: ['graphics/judul.svg', 'purple'] },
  { name: 'malformed-json', zip: () => zipFiles({ ...base, 'pack.json': text('{\n  "kind": "klipkota.pack",\n  "format": 1,,\n}') }), code: 'pack-json-malformed', mentions: ['pack.json', 'line 3'] },
  { name: 'wrong-type-version', zip: () => zipFiles(withManifest(base, (m) => (m.version = 2))), code: 'pack-schema', mentions: ['"version"', 'must be text'] },
  {
    name: 'wrong-type-placement',
    zip: () => zipFiles(withManifest(base, (m) => (m.overlays[0].placement.x = 'kanan'))),
    code: 'pack-schema',
    mentions: ['overlays[0].placement.x', 'must be a number'],
  },
  { name: 'bad-colour', zip: () => zipFiles(withManifest(base, (m) => (m.colors.accent = 'orange'))), code: 'pack-schema', mentions: ['colors.accent', '#RRGGBB'] },
  {
    name: 'manifest-path-outside',
    zip: () => zipFiles(withManifest(base, (m) => (m.logo.file = '../victim/logo.svg'))),
    code: 'pack-unsafe-path',
    mentions: ['../victim/logo.svg'],
  },
  {
    name: 'missing-asset',
    zip: () => {
      const files = { ...base };
      delete files['graphics/judul.svg'];
      return zipFiles(files);
    },
    code: 'pack-missing-file',
    mentions: ['graphics/judul.svg', 'overlays[1].file'],
  },
  {
    name: 'no-manifest',
    zip: () => {
      const files = { ...base };
      delete files['pack.json'];
      return zipFiles(files);
    },
    code: 'pack-manifest-missing',
    mentions: ['pack.json'],
  },
  { name: 'newer-format', zip: () => zipFiles(withManifest(base, (m) => (m.format = 7))), code: 'pack-too-new', mentions: ['format 7', 'Update KlipKota'] },
  { name: 'broken-font', zip: () => zipFiles({ ...base, 'fonts/PlusJakartaSans_700Bold.ttf': new Uint8Array(4000).fill(0x41) }), code: 'pack-font-invalid', mentions: ['fonts/PlusJakartaSans_700Bold.ttf'] },
  { name: 'executable', zip: () => zipFiles({ ...base, 'tools/setup.exe': text('MZ') }), code: 'pack-file-type', mentions: ['tools/setup.exe'] },
  { name: 'javascript-file', zip: () => zipFiles({ ...base, 'graphics/anim.js': text('alert(1)') }), code: 'pack-file-type', mentions: ['graphics/anim.js'] },
  {
    name: 'video-bumper-not-video',
    zip: () => zipFiles({ ...withManifest(base, (m) => (m.intro = { type: 'video', file: 'video/intro.mp4' })), 'video/intro.mp4': text('not really a video') }),
    code: 'pack-video-invalid',
    mentions: ['video/intro.mp4', 'intro.file'],
  },
];

describe('hostile and broken .klippack files are refused', () => {
  for (const testCase of CASES) {
    it(testCase.name, async () => {
      const error = await refusal(testCase.name, testCase.zip());
      expect(error.code, error.text.en).toBe(testCase.code);
      for (const mention of testCase.mentions) expect(error.text.en, testCase.name).toContain(mention);
    });
  }

  it('kept the installed version through every refused upgrade, and the honest 2.0.0 then installs', async () => {
    const before = await listPacks({ libraryDir: library });
    expect(before.map((pack) => [pack.id, pack.version])).toEqual([['kelurahan-oro-oro-dowo', '1.0.0']]);
    const file = path.join(sandbox, 'incoming', 'honest.klippack');
    await writeFile(file, zipFiles(base));
    const result = await importPack({ builtInDir: NO_BUILT_INS, file, libraryDir: library });
    expect(result).toMatchObject({ id: 'kelurahan-oro-oro-dowo', version: '2.0.0', replaced: '1.0.0' });
    expect((await listPacks({ libraryDir: library })).map((pack) => pack.version)).toEqual(['2.0.0']);
    expect(await listTree(path.join(sandbox, 'victim'))).toEqual([]);
  });
});

describe('a pack folder is checked the same way', () => {
  it('refuses a symlink anywhere in the folder, even one pointing inside', async () => {
    const dir = path.join(sandbox, 'folder-with-link');
    await mkdir(path.join(dir, 'graphics'), { recursive: true });
    for (const [name, bytes] of Object.entries(base)) {
      await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
      await writeFile(path.join(dir, name), bytes);
    }
    await validatePackFolder({ dir, probe: false });
    await symlink(path.join(dir, 'logo.svg'), path.join(dir, 'graphics', 'again.svg'));
    await expect(validatePackFolder({ dir, probe: false })).rejects.toMatchObject({ code: 'pack-symlink', detail: 'graphics/again.svg' });
  });
});
