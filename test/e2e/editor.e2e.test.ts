/**
 * The editor as an admin uses it, in Chromium through the harness with the real
 * engine: import three generated clips (16:9 with sound, a rotated phone clip,
 * an HEVC 10-bit clip that needs a preview proxy), choose the Kelurahan pack,
 * type the intro title, add a lower third with a name and role, crop one clip
 * with a dragged focus point, switch to 16:9 and back, undo and redo a removal,
 * export TikTok and YouTube. The files' durations, clip order, crop and the
 * lower third's window match the project (ffprobe and pixels).
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layoutSegments, overlayBox } from '../../core/layout.js';
import type { MediaInfo } from '../../core/media.js';
import { ProjectSchema, type Project } from '../../core/model/project.js';
import { getPreset } from '../../core/presets.js';
import { probeMedia } from '../../electron/engine/ffmpeg/probe.js';
import { availableEncoders, runFfmpeg } from '../../electron/engine/ffmpeg/runner.js';
import { makeSampleClip } from '../../electron/engine/media/samples.js';
import { loadBuiltInPack } from '../../electron/engine/pack/load.js';
import { startHarness, type Harness } from '../../electron/harness/server.js';
import { launchBrowser, screenshot, type TestBrowser } from './browser.js';
import { listFiles, tempDir } from './helpers.js';
import { frameAt, pixel, type Rgb } from '../helpers/video.js';
import type { Box } from '../../core/geometry.js';

let root: string;
let harness: Harness;
let browser: TestBrowser;
let wide: string;
let phone: string;
let hevc: string;
let hevcCodec: string;

beforeAll(async () => {
  root = await tempDir('editor');
  await mkdir(path.join(root, 'media'), { recursive: true });
  wide = path.join(root, 'media', 'kerja-bakti.mp4');
  phone = path.join(root, 'media', 'ponsel.mp4');
  await makeSampleClip({ path: wide, seconds: 4, width: 640, height: 360, pattern: 'color', color: '0x00A000' });
  // a phone clip: coded 640x360 with 90° display rotation (shown 360x640)
  await makeSampleClip({ path: phone, seconds: 3, width: 640, height: 360, pattern: 'color', color: '0xE00000', rotation: 90, audio: { channels: 1 } });
  // HEVC 10-bit when this FFmpeg has libx265, else ProRes: both are codecs the browser cannot play
  const encoders = await availableEncoders();
  hevcCodec = encoders.has('libx265') ? 'hevc' : 'prores';
  hevc = path.join(root, 'media', hevcCodec === 'hevc' ? 'hevc-10bit.mp4' : 'prores.mov');
  await runFfmpeg({
    args: [
      '-y', '-f', 'lavfi', '-i', 'color=c=0x0000E0:size=640x360:rate=30:duration=3', '-f', 'lavfi', '-i', 'sine=frequency=660:sample_rate=48000:duration=3',
      ...(hevcCodec === 'hevc' ? ['-c:v', 'libx265', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p10le', '-tag:v', 'hvc1'] : ['-c:v', 'prores_ks', '-pix_fmt', 'yuv422p10le']),
      '-c:a', 'aac', '-t', '3', hevc,
    ],
  });
  harness = await startHarness({ home: path.join(root, 'home') });
  browser = await launchBrowser({ viewport: { width: 1366, height: 768 } });
});

afterAll(async () => {
  await browser?.close();
  await harness?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

function clipNames(): Promise<string[]> {
  return browser.page.locator('[data-testid="clip"] .clip__name').allTextContents();
}

function regionMean(frame: { width: number; rgb: Buffer }, box: Box): Rgb {
  const sum: [number, number, number] = [0, 0, 0];
  let count = 0;
  for (let y = box.y + 4; y < box.y + box.height - 4; y += 3) {
    for (let x = box.x + 4; x < box.x + box.width - 4; x += 3) {
      const [r, g, b] = pixel(frame, x, y);
      sum[0] += r;
      sum[1] += g;
      sum[2] += b;
      count += 1;
    }
  }
  return sum.map((value) => value / count) as Rgb;
}

const distance = (a: Rgb, b: Rgb) => Math.max(...a.map((value, index) => Math.abs(value - b[index]!)));

describe('the editor, end to end', () => {
  it('brands a video without touching JSON and exports what the preview shows', async () => {
    const { page } = browser;
    await page.goto(harness.url);
    await page.getByTestId('project-new').click();
    // a new project's intro title starts empty
    await page.getByTestId('intro-title').waitFor();
    expect(await page.getByTestId('intro-title').inputValue()).toBe('');

    for (const [index, file] of [wide, phone, hevc].entries()) {
      await page.getByTestId('media-path').locator('input').fill(file);
      await page.getByTestId('media-path').locator('button').click();
      await expect.poll(() => page.getByTestId('clip').count(), { timeout: 60_000 }).toBe(index + 1);
    }
    expect(await clipNames()).toEqual(['kerja-bakti.mp4', 'ponsel.mp4', path.basename(hevc)]);
    // the phone clip and the HEVC clip get preview proxies, made in the background
    await expect.poll(() => page.locator('[data-testid="clip-proxy"]').count()).toBe(2);
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="clip-proxy"]')].every((tag) => tag.getAttribute('data-state') === 'ready'), undefined, { timeout: 120_000 });

    // the Kelurahan pack restyles the preview
    await page.getByTestId('pack-kelurahan-oro-oro-dowo').click();
    await expect.poll(() => page.getByTestId('pack-kelurahan-oro-oro-dowo').getAttribute('aria-checked')).toBe('true');
    expect(await page.getByRole('radiogroup', { name: 'Paket templat' }).count()).toBe(1);

    // export asks for the intro title before it runs
    const outDir = path.join(root, 'hasil');
    // TikTok and YouTube: the settings' default presets
    for (const id of ['tiktok', 'youtube']) if (!(await page.getByTestId(`preset-${id}`).isChecked())) await page.locator('label', { has: page.getByTestId(`preset-${id}`) }).click();
    await page.getByTestId('export-folder-path').locator('input').fill(`"${outDir}"`);
    await page.getByTestId('export-folder-path').locator('button').click();
    expect(await page.getByTestId('export-folder').textContent()).toBe(outDir);
    expect([await page.getByTestId('preset-tiktok').isChecked(), await page.getByTestId('preset-youtube').isChecked()]).toEqual([true, true]);
    expect(await page.getByTestId('export-start').isDisabled()).toBe(true);
    expect(await page.getByTestId('export-blocker').textContent()).toContain('judul');
    await page.getByTestId('intro-title').fill('Kerja Bakti Oro-Oro Dowo');
    expect(await page.getByTestId('intro-title-count').textContent()).toBe('24/100');

    // a lower third at 00:00:04:00 (one second into the first clip), then two seconds long
    await page.getByTestId('timecode').fill('00:00:04:00');
    await page.getByTestId('timecode').press('Enter');
    await page.getByTestId('lower-third-add').click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Isi dulu: Nama' }).count()).toBe(1);
    const form = page.getByRole('form', { name: 'Tambah lower third' });
    await form.getByTestId('lower-third-name').fill('Rina Kusumawardani');
    await form.getByTestId('lower-third-role').fill('Ketua RT 05');
    await form.getByRole('button', { name: 'Tambah lower third' }).click();
    await page.getByTestId('overlay-inspector').waitFor();
    await page.getByTestId('overlay-length').fill('2');
    await page.getByTestId('overlay-length').blur();

    // crop the first clip and drag its focus point to the right
    await page.getByTestId('clip-select').first().click();
    await page.getByTestId('reframe-crop').click();
    await page.getByTestId('timecode').fill('5,5');
    await page.getByTestId('timecode').press('Enter');
    const handle = page.getByTestId('focus-point');
    await handle.waitFor();
    const start = (await handle.boundingBox())!;
    await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
    await page.mouse.down();
    for (let step = 1; step <= 5; step += 1) await page.mouse.move(start.x + start.width / 2 + step * 12, start.y + start.height / 2);
    await page.mouse.up();
    await expect.poll(async () => Number(await page.getByTestId('focus-x').inputValue())).toBeGreaterThan(55);

    // the TikTok safe-zone guide: the lower third (and the logo) stay inside it
    await page.getByTestId('guide').selectOption('tiktok');
    await page.getByTestId('timecode').fill('5');
    await page.getByTestId('timecode').press('Enter');
    await page.getByTestId('safe-zone').waitFor();
    expect(await page.getByTestId('outside-safe-zone').count()).toBe(0);

    // Space plays (the playhead moves on) and pauses; the right arrow steps one frame
    await page.getByTestId('preview-stage').click({ position: { x: 8, y: 8 } });
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('timecode').inputValue(), { timeout: 20_000 }).not.toBe('00:00:05:00');
    await page.keyboard.press('Space');
    await page.waitForSelector('[data-testid="preview-stage"][data-ready="true"]');
    const paused = await page.getByTestId('timecode').inputValue();
    const frameOf = (code: string) => code.split(':').map(Number).reduce((total, part, index) => (index < 3 ? (total + part) * (index < 2 ? 60 : 30) : total + part), 0);
    expect(frameOf(paused)).toBeGreaterThan(150);
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => frameOf(await page.getByTestId('timecode').inputValue())).toBe(frameOf(paused) + 1);

    // 16:9 and back; screenshots of both at 1366x768 in Indonesian
    await page.getByRole('radio', { name: '16:9' }).click();
    await expect.poll(() => page.getByTestId('preview-stage').getAttribute('width')).toBe('1920');
    await page.waitForSelector('[data-testid="preview-stage"][data-ready="true"]');
    await screenshot(page, 'editor-16x9-id');
    await page.getByRole('radio', { name: '9:16' }).click();
    await expect.poll(() => page.getByTestId('preview-stage').getAttribute('width')).toBe('1080');
    await page.waitForSelector('[data-testid="preview-stage"][data-ready="true"]');
    await screenshot(page, 'editor-9x16-id');
    const button = (await page.getByTestId('export-start').boundingBox())!;
    expect(button.y + button.height).toBeLessThanOrEqual(768);

    // remove the phone clip, undo, redo, undo again (Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y)
    const all = ['kerja-bakti.mp4', 'ponsel.mp4', path.basename(hevc)];
    const without = ['kerja-bakti.mp4', path.basename(hevc)];
    await page.getByTestId('clip').nth(1).getByTestId('clip-remove').click();
    await expect.poll(clipNames).toEqual(without);
    await page.keyboard.press('Control+z');
    await expect.poll(clipNames).toEqual(all);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(clipNames).toEqual(without);
    await page.keyboard.press('Control+z');
    await expect.poll(clipNames).toEqual(all);
    await page.keyboard.press('Control+y');
    await expect.poll(clipNames).toEqual(without);
    await page.keyboard.press('Control+z');
    await expect.poll(clipNames).toEqual(all);
    expect(await page.getByTestId('overlay-row').count()).toBe(1);

    // the project as saved: what the export must show
    const file = path.join(root, 'kerja-bakti.klipkota.json');
    await page.getByTestId('project-save-path').locator('input').fill(file);
    await page.getByTestId('project-save-path').locator('button').click();
    await expect.poll(() => listFiles(root)).toContain('kerja-bakti.klipkota.json');
    const saved: Project = ProjectSchema.parse(JSON.parse(await readFile(file, 'utf8')));
    expect(saved.pack).toBe('kelurahan-oro-oro-dowo');
    expect(saved.fields.title).toBe('Kerja Bakti Oro-Oro Dowo');
    const [overlay] = saved.timeline.tracks.overlay;
    expect(overlay).toMatchObject({ template: 'nama-jabatan', fields: { name: 'Rina Kusumawardani', role: 'Ketua RT 05' }, start: 30, duration: 60 });
    const first = saved.timeline.tracks.video[0];
    expect(first?.kind === 'clip' && first.reframe.mode === 'crop' && first.reframe.focusX).toBeGreaterThan(0.55);

    await page.getByTestId('export-start').click();
    await page.waitForSelector('[data-testid="job"][data-state="done"]', { timeout: 280_000 });
    expect(await page.getByTestId('job-label').first().textContent()).toContain('Video baru');
    await screenshot(page, 'editor-exported-id');

    const pack = await loadBuiltInPack('kelurahan-oro-oro-dowo');
    const media: Record<string, MediaInfo> = {};
    const project = { ...saved, timeline: { ...saved.timeline, tracks: { ...saved.timeline.tracks, video: saved.timeline.tracks.video.map((item) => (item.kind === 'clip' ? { ...item, media: { path: path.resolve(root, item.media.path) } } : item)) } } };
    for (const item of project.timeline.tracks.video) if (item.kind === 'clip') media[item.media.path] = await probeMedia(item.media.path);
    const files = await listFiles(outDir);
    expect(files).toEqual(['video-baru-tiktok.mp4', 'video-baru-youtube.mp4']);
    for (const presetId of ['tiktok', 'youtube'] as const) {
      const preset = getPreset(presetId);
      const output = path.join(outDir, `video-baru-${presetId}.mp4`);
      const info = await probeMedia(output);
      const timing = layoutSegments({ project, pack, preset, media });
      expect([info.video?.displayWidth, info.video?.displayHeight]).toEqual([preset.width, preset.height]);
      expect(info.audio).toBeDefined();
      expect(Math.abs(info.durationSeconds - timing.totalFrames / 30)).toBeLessThan(0.05);
      // clips in order: green, red (the phone clip, upright), blue
      const clips = timing.segments.filter((segment) => segment.kind === 'clip');
      const colours = [];
      for (const segment of clips) colours.push(pixel(await frameAt(output, (segment.startFrame + segment.frames / 2) / 30), preset.width / 2, preset.height / 2));
      expect(distance(colours[0]!, [0, 160, 0])).toBeLessThan(40);
      expect(distance(colours[1]!, [224, 0, 0])).toBeLessThan(40);
      expect(distance(colours[2]!, [0, 0, 224])).toBeLessThan(40);
      // the lower third shows from 4 s to 6 s and not outside it
      const box = overlayBox({ pack, template: 'nama-jabatan', frame: preset })!;
      const before = regionMean(await frameAt(output, 3.6), box);
      const during = regionMean(await frameAt(output, 5.0), box);
      const after = regionMean(await frameAt(output, 6.6), box);
      expect(distance(before, during)).toBeGreaterThan(30);
      expect(distance(before, after)).toBeLessThan(6);
      if (presetId === 'tiktok') {
        // the first clip is cropped (green to the top), not blur-filled
        expect(distance(pixel(await frameAt(output, 3.6), preset.width / 2, 120), [0, 160, 0])).toBeLessThan(40);
      }
    }

    // exporting again asks what to do with the files already there; cancel starts nothing
    await page.getByTestId('export-start').click();
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('video-baru-tiktok.mp4');
    expect(await dialog.getByTestId('export-keep-both').textContent()).toContain('Video baru (2)');
    await dialog.getByRole('button', { name: 'Batal' }).click();
    expect(await page.getByTestId('job').count()).toBe(1);
    expect(await listFiles(outDir)).toEqual(['video-baru-tiktok.mp4', 'video-baru-youtube.mp4']);
    // finished jobs can be cleared; folder and presets are remembered after a reload
    await page.getByTestId('jobs-clear').click();
    expect(await page.getByTestId('job').count()).toBe(0);
    await page.reload();
    await expect.poll(() => page.getByTestId('export-folder').textContent()).toBe(outDir);
    expect([await page.getByTestId('preset-tiktok').isChecked(), await page.getByTestId('preset-youtube').isChecked()]).toEqual([true, true]);
    expect(await page.getByTestId('job').count()).toBe(0);
    expect(browser.pageErrors).toEqual([]);
  });
});
