/**
 * The caption editor as an admin uses it, in Chromium through the harness with
 * the real engine: open a project, import an .srt (Indonesian text, a BOM,
 * CRLF line ends) by its path, edit a line, see it on the preview (the stage's
 * pixels change exactly in the caption's box, and the box's words are the
 * edited ones), undo and redo it, nudge, split and merge (each one undo step),
 * pick a caption block on the timeline, save the sidecar .srt, export TikTok
 * and YouTube, and import a .vtt through the browser's file picker.
 * WYSIWYG, in 9:16 and 16:9: the caption box found in the preview's pixels agrees within 2 px
 * with the box the rasterizer reports and, when the export burns captions in,
 * with the box found in the exported frame's pixels (and the box's SSIM is at
 * least 0.95, as for lower thirds). The figures are printed.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Box } from '@core/geometry.js';
import { ProjectSchema } from '@core/model/project.js';
import { makeSampleClip } from '../../electron/engine/media/samples.js';
import { startHarness, type Harness } from '../../electron/harness/server.js';
import { launchBrowser, screenshot, type TestBrowser } from './browser.js';
import { differenceBox, exportedFrame, previewFrame, regionSsim, seekPreview, type RgbFrame } from './frames.js';
import { openProjectFile, tempDir } from './helpers.js';

const FPS = 30;
/** the export burns captions in once the captions compiler (core/plan/captions.ts) is in this tree */
const BURN_IN = existsSync(path.resolve('core/plan/captions.ts'));
const EDITED = 'Kerja bakti Minggu pagi di balai RW 05, ayo ikut!';
// a BOM, CRLF line ends, Indonesian words
const SRT = `\uFEFF${[
  '1',
  '00:00:00,500 --> 00:00:01,500',
  'Selamat pagi, warga Oro-Oro Dowo',
  '',
  '2',
  '00:00:02,000 --> 00:00:03,200',
  'Kerja bakti hari Minggu',
  'di balai RW',
  '',
  '3',
  '00:00:03,300 --> 00:00:03,900',
  'Terima kasih, sampai jumpa',
  '',
].join('\r\n')}`;
/** output frames: inside caption 2, and between captions 1 and 2 */
const DURING = 75;
const BETWEEN = 52;

let root: string;
let harness: Harness;
let browser: TestBrowser;

beforeAll(async () => {
  root = await tempDir('captions');
  await mkdir(path.join(root, 'media'), { recursive: true });
  const clip = path.join(root, 'media', 'warga.mp4');
  // a light picture: the pack's dark caption box differs from it plainly (on a dark one the box hides from the pixel search)
  await makeSampleClip({ path: clip, seconds: 4, width: 360, height: 640, pattern: 'color', color: '0xC8C8C8' });
  const project = ProjectSchema.parse({
    kind: 'klipkota.project',
    version: 3,
    name: 'Uji Subtitle',
    pack: 'kelurahan-oro-oro-dowo',
    intro: false,
    outro: false,
    logo: false,
    timeline: { tracks: { video: [{ kind: 'clip', id: 'clip-1', media: { path: clip }, sourceRange: { start: 0, duration: 4 * FPS } }] } },
  });
  await writeFile(path.join(root, 'uji.klipkota.json'), JSON.stringify(project, null, 2));
  await writeFile(path.join(root, 'warga.srt'), SRT, 'utf8');
  harness = await startHarness({ home: path.join(root, 'home') });
  browser = await launchBrowser({ viewport: { width: 1366, height: 768 } });
});

afterAll(async () => {
  await browser?.close();
  await harness?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

function edges(a: Box, b: Box): number[] {
  return [a.x - b.x, a.y - b.y, a.x + a.width - (b.x + b.width), a.y + a.height - (b.y + b.height)];
}

async function rowTexts(): Promise<string[]> {
  return browser.page.getByTestId('caption-text').evaluateAll((fields) => fields.map((field) => (field as HTMLTextAreaElement).value));
}

/** The caption box the stage reports (the rasterizer's text box, pixels of the 1080x1920 frame) and its words. */
async function stageCaption(): Promise<{ box: Box; text: string }> {
  const mark = browser.page.getByTestId('stage-caption');
  await expect.poll(() => mark.count(), { timeout: 30_000 }).toBe(1);
  const [x, y, width, height] = (await mark.getAttribute('data-box'))!.split(',').map(Number) as [number, number, number, number];
  return { box: { x, y, width, height }, text: (await mark.textContent()) ?? '' };
}

/** Where two frames differ around the caption area (the lower half of a 9:16 frame). */
function captionPixels(a: RgbFrame, b: RgbFrame): Box | undefined {
  return differenceBox({ a, b, within: { x: 0, y: a.height / 2, width: a.width, height: a.height / 2 } });
}

describe('the caption editor', () => {
  it('imports an SRT, edits a line, shows it on the preview, undoes, saves the .srt and exports', async () => {
    const { page } = browser;
    await page.goto(harness.url);
    await openProjectFile(page, path.join(root, 'uji.klipkota.json'));
    await expect.poll(() => page.getByTestId('clip').count(), { timeout: 60_000 }).toBe(1);

    // import by path (the harness has no native dialog)
    await page.getByTestId('side-tab-captions').click();
    await page.getByTestId('captions-paths').locator('summary').click();
    await page.getByTestId('captions-import-path').locator('input').fill(path.join(root, 'warga.srt'));
    await page.getByTestId('captions-import-path').locator('button').click();
    await expect.poll(() => page.getByTestId('caption-row').count(), { timeout: 30_000 }).toBe(3);
    expect(await rowTexts()).toEqual(['Selamat pagi, warga Oro-Oro Dowo', 'Kerja bakti hari Minggu di balai RW', 'Terima kasih, sampai jumpa']);
    expect(await page.getByTestId('caption-start').allTextContents()).toEqual(['00:00:00:15', '00:00:02:00', '00:00:03:09']);
    expect(await page.getByTestId('timeline-caption').count()).toBe(3);
    await page.getByTestId('captions-paths').locator('summary').click();
    await screenshot(page, 'captions-imported-1366x768');

    // edit line 2 in place; the preview shows the new words in the caption box
    const second = page.getByTestId('caption-text').nth(1);
    await second.fill(EDITED);
    await second.press('Enter');
    expect((await rowTexts())[1]).toBe(EDITED);
    await seekPreview(page, DURING);
    expect((await stageCaption()).text).toBe(EDITED);
    await screenshot(page, 'captions-editor-1366x768');
    await seekPreview(page, BETWEEN);
    await expect.poll(() => page.getByTestId('stage-caption').count()).toBe(0);

    // undo and redo the edit: one step each
    await page.getByTestId('timecode').press('Escape');
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await rowTexts())[1]).toBe('Kerja bakti hari Minggu di balai RW');
    await seekPreview(page, DURING);
    expect((await stageCaption()).text).toBe('Kerja bakti hari Minggu di balai RW');
    // the timecode field keeps its keys to itself: leave it first
    await page.getByTestId('timecode').press('Escape');
    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(async () => (await rowTexts())[1]).toBe(EDITED);
    await expect.poll(async () => (await stageCaption()).text).toBe(EDITED);

    // the third caption picked on the timeline: selected in the list, the playhead on its first frame
    await page.locator('[data-testid="timeline-caption"][data-caption-id="caption-3"]').click();
    await expect.poll(() => page.locator('[data-testid="caption-row"][data-selected="true"]').getAttribute('data-caption-id')).toBe('caption-3');
    await expect.poll(() => page.getByTestId('timecode').inputValue()).toBe('00:00:03:09');
    // nudge it one frame later, then undo (one step)
    await page.getByTestId('caption-nudge-forward-frame').click();
    await expect.poll(async () => (await page.getByTestId('caption-start').allTextContents())[2]).toBe('00:00:03:10');
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await page.getByTestId('caption-start').allTextContents())[2]).toBe('00:00:03:09');
    // split at the playhead and merge back: one step each
    await seekPreview(page, 110);
    await page.getByTestId('caption-split').click();
    await expect.poll(() => page.getByTestId('caption-row').count()).toBe(4);
    await page.getByTestId('caption-merge').click();
    await expect.poll(() => page.getByTestId('caption-row').count()).toBe(3);
    expect((await rowTexts())[2]).toBe('Terima kasih, sampai jumpa');
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('caption-row').count()).toBe(4);
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('caption-row').count()).toBe(3);

    // the sidecar .srt: the edited words at the imported times
    const sidecar = path.join(root, 'out', 'warga-edit.srt');
    await mkdir(path.dirname(sidecar), { recursive: true });
    await page.getByTestId('captions-paths').locator('summary').click();
    await page.getByTestId('captions-export-path').locator('input').fill(sidecar);
    await page.getByTestId('captions-export-path').locator('button').click();
    await expect.poll(() => existsSync(sidecar), { timeout: 30_000 }).toBe(true);
    const written = (await readFile(sidecar, 'utf8')).replace(/\r\n/g, '\n');
    expect(written).toMatch(/00:00:02,000 --> 00:00:03,200\n(.+\n)*.*Kerja bakti Minggu pagi/);
    expect(written.replace(/\n/g, ' ')).toContain('balai RW 05, ayo ikut!');
    expect(written).toContain('Selamat pagi, warga Oro-Oro Dowo');

    // the caption box in the preview of each aspect: found in the stage's pixels, and the box the rasterizer reports
    const measured: Array<{ preset: 'tiktok' | 'youtube'; box: Box; inPreview: Box; size: [number, number] }> = [];
    for (const [preset, aspect] of [['tiktok', '9x16'], ['youtube', '16x9']] as const) {
      await page.getByTestId(`aspect-${aspect}`).click();
      await seekPreview(page, BETWEEN);
      const before = await previewFrame(page, path.join(root, `preview-${preset}-between.png`));
      await seekPreview(page, DURING);
      const box = (await stageCaption()).box;
      const after = await previewFrame(page, path.join(root, `preview-${preset}-during.png`));
      const found = captionPixels(before, after);
      if (!found) throw new Error(`${preset}: the caption was not found in the preview`);
      measured.push({ preset, box, inPreview: found, size: [after.width, after.height] });
    }
    await page.getByTestId('aspect-9x16').click();

    // export TikTok and YouTube
    const outDir = path.join(root, 'out');
    for (const id of ['tiktok', 'youtube']) if (!(await page.getByTestId(`preset-${id}`).isChecked())) await page.locator('label', { has: page.getByTestId(`preset-${id}`) }).click();
    await page.getByTestId('export-folder-path').locator('input').fill(outDir);
    await page.getByTestId('export-folder-path').locator('button').click();
    // with captions in the project, the export offers the .srt next to each video
    await page.getByTestId('export-sidecar').check();
    await page.getByTestId('export-start').click();
    // one job writes both presets
    await page.waitForSelector('[data-testid="job"][data-state="done"]', { timeout: 280_000 });
    expect(await page.getByTestId('job-output-sidecar').allTextContents()).toEqual([' · + uji-subtitle-tiktok.srt', ' · + uji-subtitle-youtube.srt']);
    for (const preset of ['tiktok', 'youtube']) {
      const beside = (await readFile(path.join(outDir, `uji-subtitle-${preset}.srt`), 'utf8')).replace(/\r\n/g, '\n');
      expect(beside.replace(/\n/g, ' ')).toContain('balai RW 05, ayo ikut!');
    }
    await screenshot(page, 'captions-export-sidecar-1366x768');

    const figures: string[] = [];
    const worst: number[] = [];
    for (const { preset, box, inPreview, size } of measured) {
      const video = path.join(outDir, `uji-subtitle-${preset}.mp4`);
      expect(existsSync(video)).toBe(true);
      worst.push(...edges(inPreview, box));
      figures.push(`${preset.padEnd(8)} preview pixels ${JSON.stringify(inPreview)} | rasterizer's text box ${JSON.stringify(box)} | edges ${edges(inPreview, box).join(', ')} px`);
      if (!BURN_IN) continue;
      const exportDuring = await exportedFrame(video, DURING / FPS, path.join(root, `export-${preset}-during.png`));
      const exportBetween = await exportedFrame(video, BETWEEN / FPS, path.join(root, `export-${preset}-between.png`));
      expect([exportDuring.width, exportDuring.height]).toEqual(size);
      const inExport = captionPixels(exportBetween, exportDuring);
      if (!inExport) throw new Error(`${preset}: the caption was not found in the exported frame`);
      const ssim = await regionSsim({ a: path.join(root, `preview-${preset}-during.png`), b: path.join(root, `export-${preset}-during.png`), box });
      figures.push(`${''.padEnd(8)} export pixels ${JSON.stringify(inExport)} | preview vs export edges ${edges(inPreview, inExport).join(', ')} px, SSIM of the caption box ${ssim.toFixed(4)}`);
      worst.push(...edges(inPreview, inExport));
      expect(ssim, preset).toBeGreaterThanOrEqual(0.95);
    }
    if (!BURN_IN) console.log('captions e2e: the export has no burn-in yet (core/plan/captions.ts is not in this tree), so the exported frames are not compared; the sidecar .srt is checked instead');
    console.log(`captions WYSIWYG (frame ${DURING}):\n${figures.join('\n')}`);
    expect(Math.max(...worst.map(Math.abs))).toBeLessThanOrEqual(2);

    // a .vtt chosen in the browser's file picker replaces the captions (one undo step)
    const vtt = path.join(root, 'rapat.vtt');
    await writeFile(vtt, 'WEBVTT\r\n\r\n00:00:01.000 --> 00:00:02.500\r\nRapat warga dimulai\r\n', 'utf8');
    await page.getByTestId('captions-import-file').setInputFiles(vtt);
    await expect.poll(() => page.getByTestId('caption-row').count(), { timeout: 30_000 }).toBe(1);
    expect(await rowTexts()).toEqual(['Rapat warga dimulai']);
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('caption-row').count()).toBe(3);
    // Delete on a caption block picked on the timeline removes it (one step)
    await page.locator('[data-testid="timeline-caption"][data-caption-id="caption-1"]').click();
    await page.keyboard.press('Delete');
    await expect.poll(() => page.getByTestId('caption-row').count()).toBe(2);
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('caption-row').count()).toBe(3);
    expect(browser.pageErrors).toEqual([]);
  });
});
