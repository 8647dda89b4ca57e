/**
 * Packs through the API with the real built-in pack: the list the editor
 * shows, and an overlay preview drawn at the size and place the export uses.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApi } from '../../electron/engine/api/index.js';
import { generateKeyPair, signPack } from '../../electron/engine/pack/sign.js';
import { addTrustedIssuer } from '../../electron/engine/pack/trust.js';
import { KELURAHAN } from './pack-fixtures.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

function pngSize(dataUrl: string): { width: number; height: number } {
  const bytes = Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64');
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('packs through the API', () => {
  const api = createApi({ home: mkdtempSync(path.join(os.tmpdir(), 'klipkota-packs-')), emit: vi.fn(), language: 'en' });

  it('lists the built-in Pemkot Malang pack with its overlay templates and fields', async () => {
    const result = await api['packs.list']({});
    if (!result.ok) throw new Error(result.error.message);
    const pemkot = result.value.packs.find((pack) => pack.id === 'pemkot-malang');
    expect(pemkot).toMatchObject({ builtIn: true, name: { id: expect.any(String), en: expect.any(String) } });
    expect(pemkot!.overlays.length).toBeGreaterThan(0);
    expect(pemkot!.overlays[0]!.fields.length).toBeGreaterThan(0);
  });

  it('draws an overlay preview sized and placed for 9:16 and 16:9', async () => {
    const list = await api['packs.list']({});
    if (!list.ok) throw new Error(list.error.message);
    const overlay = list.value.packs.find((pack) => pack.id === 'pemkot-malang')!.overlays[0]!;
    const fields = Object.fromEntries(overlay.fields.map((field) => [field.name, field.name === 'name' ? 'Drs. Wahyu Hidayat' : 'Wali Kota Malang']));
    for (const aspect of ['9:16', '16:9'] as const) {
      const result = await api['overlay.preview']({ pack: 'pemkot-malang', template: overlay.id, fields, aspect });
      if (!result.ok) throw new Error(result.error.message);
      const { box, frame, dataUrl } = result.value;
      expect(frame).toEqual(aspect === '9:16' ? { width: 1080, height: 1920 } : { width: 1920, height: 1080 });
      expect(pngSize(dataUrl)).toEqual({ width: box.width, height: box.height });
      expect(box.x + box.width).toBeLessThanOrEqual(frame.width);
      expect(box.y + box.height).toBeLessThanOrEqual(frame.height);
    }
    const missing = await api['overlay.preview']({ template: 'no-such-overlay', fields: {}, aspect: '9:16' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'overlay-not-found' } });
  });
});

describe('packs under the API home', () => {
  it('reads an installed pack and its trust from <home>/packs and <home>/trust.json, not from KLIPKOTA_HOME', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'klipkota-packs-home-'));
    // the environment names another, empty home: the API must not look there
    vi.stubEnv('KLIPKOTA_HOME', mkdtempSync(path.join(os.tmpdir(), 'klipkota-packs-env-')));
    // an office's own pack (a built-in id would not be allowed to replace the official copy)
    const installed = path.join(home, 'packs', 'kelurahan-contoh');
    cpSync(KELURAHAN, installed, { recursive: true });
    const manifest = JSON.parse(readFileSync(path.join(installed, 'pack.json'), 'utf8'));
    writeFileSync(path.join(installed, 'pack.json'), JSON.stringify({ ...manifest, id: 'kelurahan-contoh', version: '9.0.0' }, null, 2));
    const keys = generateKeyPair();
    await signPack({ dir: installed, privateKeyPem: keys.privateKeyPem, issuer: 'Kelurahan Oro-oro Dowo', probe: false });
    await addTrustedIssuer({ file: path.join(home, 'trust.json'), name: 'Kelurahan Oro-oro Dowo', publicKey: keys.publicKeyPem });

    const api = createApi({ home, emit: vi.fn(), language: 'en' });
    const result = await api['packs.list']({});
    if (!result.ok) throw new Error(result.error.message);
    const pack = result.value.packs.find((candidate) => candidate.id === 'kelurahan-contoh');
    expect(pack).toMatchObject({ version: '9.0.0', builtIn: false, trust: 'verified' });
  });

  it('hands export jobs the API home\'s pack library', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'klipkota-packs-home-'));
    const renderProject = vi.fn(async () => []);
    const api = createApi({ home, emit: vi.fn(), language: 'en', engine: { renderProject, listPacks: async () => [] } });
    const project = { kind: 'klipkota.project', version: 3, name: 'x', timeline: { tracks: { video: [] } } } as const;
    const started = await api['export.start']({ project, presets: ['tiktok'], outDir: home });
    if (!started.ok) throw new Error(started.error.message);
    await api.jobs.settled(started.value.jobId);
    expect(renderProject).toHaveBeenCalledWith(expect.objectContaining({ libraryDir: path.join(home, 'packs') }));
  });
});
