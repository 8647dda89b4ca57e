/**
 * WYSIWYG, measured: one project (Kelurahan pack, a lower third over each clip,
 * clips reframed by blur, crop and pad into the other aspect) shown by the
 * editor's preview stage in Chromium and exported by the real engine. For each
 * aspect and reframe mode, at the same frame: the lower third's box in the
 * preview and in the exported frame (found as the pixels that differ from a
 * frame without it) agree within 2 px, and the SSIM of the overlay region is at
 * least 0.95, both for the stage's own canvas (drawn at the export's size) and
 * for a screenshot of the stage scaled to the export's size. The figures are printed.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Box } from '@core/geometry.js';
import { frameLayout, overlayBox } from '@core/layout.js';
import type { MediaInfo } from '@core/media.js';
import { ProjectSchema, type Project } from '@core/model/project.js';
import type { ResolvedPack } from '@core/pack/resolved.js';
import { getPreset } from '@core/presets.js';
import { probeMedia } from '../../electron/engine/ffmpeg/probe.js';
import { makeSampleClip } from '../../electron/engine/media/samples.js';
import { loadBuiltInPack } from '../../electron/engine/pack/load.js';
import { startHarness, type Harness } from '../../electron/harness/server.js';
import { launchBrowser, type TestBrowser } from './browser.js';
import { differenceBox, exportedFrame, previewFrame, regionSsim, seekPreview, stageScreenshot } from './frames.js';
import { openProjectFile, tempDir } from './helpers.js';

let root: string;
let harness: Harness;
let browser: TestBrowser;
let pack: ResolvedPack;
let project: Project;
const media: Record<string, MediaInfo> = {};
const FPS = 30;
const CLIP_FRAMES = 60;
const modes = ['blur', 'crop', 'pad'] as const;

beforeAll(async () => {
  root = await tempDir('wysiwyg');
  await mkdir(path.join(root, 'media'), { recursive: true });
  const wide = path.join(root, 'media', 'lebar.mp4');
  const tall = path.join(root, 'media', 'tegak.mp4');
  await makeSampleClip({ path: wide, seconds: 3, width: 640, height: 360, pattern: 'smpte' });
  await makeSampleClip({ path: tall, seconds: 3, width: 360, height: 640, pattern: 'smpte' });
  for (const file of [wide, tall]) media[file] = await probeMedia(file);
  pack = await loadBuiltInPack('kelurahan-oro-oro-dowo');
  // clips 1-3: 16:9 source (reframed in 9:16), clips 4-6: 9:16 source (reframed in 16:9)
  const sources = [wide, wide, wide, tall, tall, tall];
  project = ProjectSchema.parse({
    kind: 'klipkota.project',
    version: 3,
    name: 'Uji WYSIWYG',
    pack: 'kelurahan-oro-oro-dowo',
    intro: false,
    outro: false,
    logo: true,
    timeline: {
      tracks: {
        video: sources.map((file, index) => ({
          kind: 'clip',
          id: `clip-${index + 1}`,
          media: { path: file },
          sourceRange: { start: 0, duration: CLIP_FRAMES },
          reframe: modes[index % 3] === 'crop' ? { mode: 'crop', focusX: 0.3, focusY: 0.5 } : modes[index % 3] === 'pad' ? { mode: 'pad', color: 'primary' } : { mode: 'blur' },
        })),
        overlay: sources.map((_, index) => ({
          kind: 'overlay',
          id: `overlay-${index + 1}`,
          template: 'nama-jabatan',
          fields: { name: 'Rina Kusumawardani', role: 'Ketua RT 05 Oro-Oro Dowo' },
          start: index * CLIP_FRAMES + 10,
          duration: 40,
        })),
      },
    },
  });
  await writeFile(path.join(root, 'uji.klipkota.json'), JSON.stringify(project, null, 2));
  harness = await startHarness({ home: path.join(root, 'home') });
  // a high pixel ratio: the stage's screenshot has about as many pixels as the exported frame
  browser = await launchBrowser({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 5 });
});

afterAll(async () => {
  await browser?.close();
  await harness?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

const frameSize = (preset: { width: number; height: number }) => ({ width: preset.width, height: preset.height });

/** left, top, right and bottom edge of one box minus the other's, px */
function edgeDifferences(a: Box, b: Box): number[] {
  return [a.x - b.x, a.y - b.y, a.x + a.width - (b.x + b.width), a.y + a.height - (b.y + b.height)];
}

describe('the preview shows what the export writes', () => {
  it('agrees on the lower third box (within 2 px) and its region (SSIM >= 0.95), both aspects, every reframe mode', async () => {
    const { page } = browser;
    await page.goto(harness.url);
    // the timeline folded away: the stage gets the room it has without it (its screenshot is measured at about the export's size)
    await page.getByTestId('timeline-collapse').click();
    await openProjectFile(page, path.join(root, 'uji.klipkota.json'));
    await expect.poll(() => page.getByTestId('clip').count(), { timeout: 60_000 }).toBe(6);

    const outDir = path.join(root, 'out');
    // TikTok and YouTube: the settings' default presets
    for (const id of ['tiktok', 'youtube']) if (!(await page.getByTestId(`preset-${id}`).isChecked())) await page.locator('label', { has: page.getByTestId(`preset-${id}`) }).click();
    await page.getByTestId('export-folder-path').locator('input').fill(outDir);
    await page.getByTestId('export-folder-path').locator('button').click();
    await page.getByTestId('export-start').click();
    await page.waitForSelector('[data-testid="job"][data-state="done"]', { timeout: 280_000 });

    const figures: string[] = [];
    const results: Array<{ name: string; edges: number[]; ssims: number[] }> = [];
    for (const [presetId, aspect, clips] of [['tiktok', '9:16', [0, 1, 2]], ['youtube', '16:9', [3, 4, 5]]] as const) {
      await page.getByTestId(`aspect-${aspect.replace(':', 'x')}`).click();
      const preset = getPreset(presetId);
      const video = path.join(outDir, `uji-wysiwyg-${presetId}.mp4`);
      const expected = overlayBox({ pack, template: 'nama-jabatan', frame: preset });
      if (!expected) throw new Error('no box for the lower third');
      for (const index of clips) {
        const mode = modes[index % 3]!;
        const before = index * CLIP_FRAMES + 3;
        const during = index * CLIP_FRAMES + 30;
        const layout = frameLayout({ project, pack, preset, media, frame: during });
        expect(layout.clip?.picture.mode).toBe(mode);
        expect(layout.overlays[0]?.opacity).toBe(1);
        const name = `${presetId}-${mode}`;
        await seekPreview(page, before);
        const previewBefore = await previewFrame(page, path.join(root, `preview-${name}-before.png`));
        const screenBefore = await stageScreenshot(page, { file: path.join(root, `screen-${name}-before.png`), ...frameSize(preset) });
        await seekPreview(page, during);
        const previewDuring = await previewFrame(page, path.join(root, `preview-${name}.png`));
        const screenDuring = await stageScreenshot(page, { file: path.join(root, `screen-${name}.png`), ...frameSize(preset) });
        const exportBefore = await exportedFrame(video, before / FPS, path.join(root, `export-${name}-before.png`));
        const exportDuring = await exportedFrame(video, during / FPS, path.join(root, `export-${name}.png`));
        expect([previewDuring.width, previewDuring.height]).toEqual([exportDuring.width, exportDuring.height]);

        const search = { x: expected.x - 40, y: expected.y - 40, width: expected.width + 80, height: expected.height + 80 };
        const inPreview = differenceBox({ a: previewBefore, b: previewDuring, within: search });
        const inExport = differenceBox({ a: exportBefore, b: exportDuring, within: search });
        if (!inPreview || !inExport) throw new Error(`${name}: the lower third was not found (preview ${JSON.stringify(inPreview)}, export ${JSON.stringify(inExport)})`);
        const edges = edgeDifferences(inPreview, inExport);
        const ssim = await regionSsim({ a: path.join(root, `preview-${name}.png`), b: path.join(root, `export-${name}.png`), box: expected });
        // the same from the screen: a screenshot of the stage, scaled to the export's size
        const onScreen = differenceBox({ a: screenBefore, b: screenDuring, within: search });
        if (!onScreen) throw new Error(`${name}: the lower third was not found on the screen`);
        const screenEdges = edgeDifferences(onScreen, inExport);
        const screenSsim = await regionSsim({ a: path.join(root, `screen-${name}.png`), b: path.join(root, `export-${name}.png`), box: expected });
        figures.push(
          `${name.padEnd(13)} layout box ${JSON.stringify(expected)} | export ${JSON.stringify(inExport)}\n` +
            `${''.padEnd(13)} stage canvas ${JSON.stringify(inPreview)} edges ${edges.join(', ')} px, SSIM ${ssim.toFixed(4)} | stage screenshot ${JSON.stringify(onScreen)} edges ${screenEdges.join(', ')} px, SSIM ${screenSsim.toFixed(4)}`,
        );
        results.push({ name, edges: [...edges, ...screenEdges], ssims: [ssim, screenSsim] });
      }
    }
    console.log(`WYSIWYG figures (preview stage vs exported frame):\n${figures.join('\n')}`);
    for (const result of results) {
      expect(Math.max(...result.edges.map(Math.abs)), result.name).toBeLessThanOrEqual(2);
      expect(Math.min(...result.ssims), result.name).toBeGreaterThanOrEqual(0.95);
    }
    expect(browser.pageErrors).toEqual([]);
  });
});
