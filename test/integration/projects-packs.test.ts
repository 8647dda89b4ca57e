/**
 * Packs through the API with the real built-in pack: the list the editor
 * shows, and an overlay preview drawn at the size and place the export uses.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createApi } from '../../electron/engine/api.js';

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
