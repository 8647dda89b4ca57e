/**
 * The captions channels through the API, against the engine: a subtitle file
 * read into captions, the sidecar .srt written (on a preset's time line: after
 * the intro card), one caption drawn for the preview with its boxes.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { captionSafeBox } from '@core/captions/layout.js';
import { boxInside } from '@core/layout.js';
import { replaceCaptions } from '@core/model/captions.js';
import { ProjectSchema } from '@core/model/project.js';
import { createApi } from '../../electron/engine/api/index.js';
import { loadBuiltInPack } from '../../electron/engine/pack/load.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'klipkota-captions-api-'));
const api = createApi({ home: path.join(root, 'home'), emit: vi.fn(), language: 'en' });
const srt = path.join(root, 'sambutan.srt');
writeFileSync(srt, '\uFEFF2\r\n00:00:03,000 --> 00:00:04,000\r\nkedua\r\n\r\n1\r\n00:00:01,000 --> 00:00:02,500\r\nSambutan Wali Kota Malang\r\n');

function project() {
  return ProjectSchema.parse({
    kind: 'klipkota.project',
    version: 3,
    name: 'Sambutan',
    fps: 30,
    timeline: { tracks: { video: [{ kind: 'clip', id: 'clip-1', media: { path: 'a.mp4' }, sourceRange: { start: 0, duration: 150 } }] } },
  });
}

describe('captions API', () => {
  it('imports an .srt into captions at the project rate, in time order', async () => {
    const result = await api['captions.import']({ path: srt, fps: 30 });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toEqual({
      format: 'srt',
      captions: [
        { id: 'caption-1', start: 30, duration: 45, text: 'Sambutan Wali Kota Malang' },
        { id: 'caption-2', start: 90, duration: 30, text: 'kedua' },
      ],
    });
  });

  it('refuses a broken file naming the line, and a network path', async () => {
    const broken = path.join(root, 'rusak.srt');
    writeFileSync(broken, '1\r\n00:00:01,000 -> 00:00:02,000\r\nx\r\n');
    const result = await api['captions.import']({ path: broken, fps: 30 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ code: 'subtitle-invalid', message: expect.stringContaining('line 1') });
    const network = await api['captions.import']({ path: '\\\\server\\share\\a.srt', fps: 30 });
    expect(!network.ok && network.error.code).toBe('network-path');
  });

  it('writes the sidecar on the preset time line (after the intro card), and refuses to replace a file', async () => {
    const imported = await api['captions.import']({ path: srt, fps: 30 });
    if (!imported.ok) throw new Error(imported.error.message);
    const withCaptions = replaceCaptions({ project: project(), captions: imported.value.captions });
    const pack = await loadBuiltInPack('pemkot-malang');
    const intro = pack.manifest.intro?.type === 'svg' ? pack.manifest.intro.seconds : 0;
    expect(intro).toBeGreaterThan(0);
    const out = path.join(root, 'sambutan-tiktok.srt');
    const written = await api['captions.exportSidecar']({ project: withCaptions, path: out, preset: 'tiktok' });
    if (!written.ok) throw new Error(written.error.message);
    expect(written.value.count).toBe(2);
    const text = await readFile(out, 'utf8');
    const ms = (seconds: number) => {
      const whole = Math.floor(seconds);
      return `00:00:${String(whole).padStart(2, '0')},${String(Math.round((seconds - whole) * 1000)).padStart(3, '0')}`;
    };
    expect(text).toBe(`1\r\n${ms(intro + 1)} --> ${ms(intro + 2.5)}\r\nSambutan Wali Kota Malang\r\n\r\n2\r\n${ms(intro + 3)} --> ${ms(intro + 4)}\r\nkedua\r\n\r\n`);
    const again = await api['captions.exportSidecar']({ project: withCaptions, path: out, preset: 'tiktok' });
    expect(!again.ok && again.error.code).toBe('file-exists');
    const own = await api['captions.exportSidecar']({ project: withCaptions, path: out, overwrite: true });
    if (!own.ok) throw new Error(own.error.message);
    expect(await readFile(out, 'utf8')).toContain('00:00:01,000 --> 00:00:02,500');
    const notSrt = await api['captions.exportSidecar']({ project: withCaptions, path: path.join(root, 'x.txt') });
    expect(!notSrt.ok && notSrt.error.code).toBe('invalid-payload');
  });

  it('draws a caption for the preview: a PNG of the area, inside every 9:16 platform safe zone', async () => {
    const result = await api['captions.graphic']({ pack: 'pemkot-malang', text: 'Posyandu Kelurahan Kauman dibuka setiap Sabtu pagi untuk semua warga', aspect: '9:16' });
    if (!result.ok) throw new Error(result.error.message);
    const { area, textBox, lines, dataUrl, frame } = result.value;
    const bytes = Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64');
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([area.width, area.height]);
    expect(lines.length).toBe(2);
    expect(boxInside(area, captionSafeBox(frame))).toBe(true);
    expect(textBox && boxInside(textBox, area)).toBe(true);
  });
});
