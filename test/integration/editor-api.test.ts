/**
 * The engine side of the editor, through the API with real FFmpeg: preview
 * proxies (HEVC 10-bit and a rotated phone clip become small upright H.264,
 * with progress, cached by content), pack graphics at the export's size, the
 * pack's layout numbers, and the check before an export replaces a file.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { overlayBox } from '../../core/layout.js';
import { createApi } from '../../electron/engine/api/index.js';
import { probeMedia } from '../../electron/engine/ffmpeg/probe.js';
import { availableEncoders, runFfmpeg } from '../../electron/engine/ffmpeg/runner.js';
import { pathFromMediaUrl } from '../../electron/engine/media/access.js';
import { makeSampleClip } from '../../electron/engine/media/samples.js';
import { loadBuiltInPack } from '../../electron/engine/pack/load.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'klipkota-editor-api-'));
const home = path.join(root, 'home');
const emit = vi.fn();
const api = createApi({ home, emit, language: 'en' });
const hevc = path.join(root, 'hevc.mp4');
const phone = path.join(root, 'phone.mp4');

function pngSize(dataUrl: string): { width: number; height: number } {
  const bytes = Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64');
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

beforeAll(async () => {
  const encoders = await availableEncoders();
  const codec = encoders.has('libx265') ? ['-c:v', 'libx265', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p10le', '-tag:v', 'hvc1'] : ['-c:v', 'prores_ks', '-pix_fmt', 'yuv422p10le', '-f', 'mov'];
  await runFfmpeg({ args: ['-y', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=30:duration=2', '-f', 'lavfi', '-i', 'sine=duration=2', ...codec, '-c:a', 'aac', '-t', '2', hevc] });
  await makeSampleClip({ path: phone, seconds: 2, width: 640, height: 360, rotation: 90 });
});

describe('preview proxies', () => {
  it('makes an H.264 proxy of HEVC 10-bit and of a rotated clip, upright and as long, with progress', async () => {
    for (const [file, size] of [[hevc, [640, 360]], [phone, [304, 540]]] as const) {
      emit.mockClear();
      const result = await api['media.proxy']({ path: file });
      if (!result.ok) throw new Error(result.error.message);
      const proxy = pathFromMediaUrl(result.value.url);
      expect(proxy && path.dirname(proxy)).toBe(path.join(home, 'proxies'));
      expect(api.mediaAccess.isAllowed(proxy!)).toBe(true);
      const original = await probeMedia(file);
      const made = await probeMedia(proxy!);
      expect(made.video).toMatchObject({ codec: 'h264', pixelFormat: 'yuv420p', rotation: 0, displayWidth: size[0], displayHeight: size[1] });
      expect(Math.abs(made.durationSeconds - original.durationSeconds)).toBeLessThan(0.1);
      const progress = emit.mock.calls.filter(([event]) => event === 'media.proxyProgress').map(([, payload]) => (payload as { percent: number }).percent);
      expect(progress.at(-1)).toBe(100);
    }
  });

  it('finds a proxy again by content, wherever the file is, and never makes two', async () => {
    const copy = path.join(root, 'copy of hevc.mp4');
    copyFileSync(hevc, copy);
    const first = await api['media.proxy']({ path: hevc });
    const second = await api['media.proxy']({ path: copy });
    if (!first.ok || !second.ok) throw new Error('proxy failed');
    expect(second.value.url).toBe(first.value.url);
    expect(readdirSync(path.join(home, 'proxies')).filter((name) => name.endsWith('.mp4'))).toHaveLength(2);
  });

  it('refuses a file that is not media, and a network path', async () => {
    const text = path.join(root, 'notes.txt');
    writeFileSync(text, 'bukan video');
    expect((await api['media.proxy']({ path: text })).ok).toBe(false);
    expect(await api['media.proxy']({ path: '\\\\server\\share\\a.mp4' })).toMatchObject({ ok: false, error: { code: 'network-path' } });
  });
});

describe('pack graphics and layout for the preview', () => {
  it('draws the lower third at its box size and the cards at the frame size, and lists the layout numbers', async () => {
    const pack = await loadBuiltInPack('kelurahan-oro-oro-dowo');
    for (const [aspect, frame] of [['9:16', { width: 1080, height: 1920 }], ['16:9', { width: 1920, height: 1080 }]] as const) {
      const overlay = await api['pack.graphic']({ pack: 'kelurahan-oro-oro-dowo', graphic: { kind: 'overlay', template: 'nama-jabatan' }, fields: { name: 'Rina' }, aspect });
      if (!overlay.ok) throw new Error(overlay.error.message);
      const box = overlayBox({ pack, template: 'nama-jabatan', frame })!;
      expect(pngSize(overlay.value.dataUrl)).toEqual({ width: box.width, height: box.height });
      const intro = await api['pack.graphic']({ pack: 'kelurahan-oro-oro-dowo', graphic: { kind: 'intro' }, fields: { title: 'Kerja Bakti' }, aspect });
      if (!intro.ok) throw new Error(intro.error.message);
      expect(pngSize(intro.value.dataUrl)).toEqual(frame);
    }
    const list = await api['packs.list']({});
    if (!list.ok) throw new Error(list.error.message);
    const summary = list.value.packs.find((entry) => entry.id === 'kelurahan-oro-oro-dowo')!;
    expect(summary.layout.graphicSizes).toEqual(pack.graphicSizes);
    expect(summary.layout.manifest.overlays.map((overlay) => overlay.placement)).toEqual(pack.manifest.overlays.map((overlay) => overlay.placement));
    expect(summary.preview).toMatch(/^data:image\/png;base64,/);
    expect((await api['pack.graphic']({ pack: 'kelurahan-oro-oro-dowo', graphic: { kind: 'overlay', template: 'tidak-ada' }, fields: {}, aspect: '9:16' })).ok).toBe(false);
  });
});

describe('before an export', () => {
  it('names the outputs already in the folder and a numbered project name that is free', async () => {
    const out = path.join(root, 'out');
    const empty = await api['export.check']({ projectName: 'Kerja Bakti', presets: ['tiktok', 'youtube'], outDir: out });
    expect(empty).toEqual({ ok: true, value: { existing: [], keepBothName: 'Kerja Bakti (2)' } });
    const { mkdirSync } = await import('node:fs');
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'kerja-bakti-tiktok.mp4'), '');
    writeFileSync(path.join(out, 'kerja-bakti-2-youtube.mp4'), '');
    const taken = await api['export.check']({ projectName: 'Kerja Bakti', presets: ['tiktok', 'youtube'], outDir: out });
    expect(taken).toEqual({ ok: true, value: { existing: ['kerja-bakti-tiktok.mp4'], keepBothName: 'Kerja Bakti (3)' } });
    expect(existsSync(path.join(out, 'kerja-bakti-youtube.mp4'))).toBe(false);
  });
});
