/**
 * The timeline end to end, in Chromium through the harness with real FFmpeg:
 * three solid-colour clips (red, green, blue) are imported; the blue one is
 * dragged to the front, the red one trimmed by its end edge, the green one
 * split at the playhead and its second half deleted with ripple, a lower third
 * moved; each edit is undone and redone; the project is saved, reopened and
 * exported to TikTok. The file's duration and the colour at chosen times show
 * the timeline's order and lengths; the saved file shows the lower third moved.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeMedia } from '../../electron/engine/ffmpeg/probe.js';
import { makeSampleClip } from '../../electron/engine/media/samples.js';
import { startHarness, type Harness } from '../../electron/harness/server.js';
import { colorDistance, frameAt, pixel, type Rgb } from '../helpers/video.js';
import { launchBrowser, screenshot, type TestBrowser } from './browser.js';
import { listFiles, openProjectFile, tempDir, waitFor } from './helpers.js';
import { PROJECT_VERSION } from '../../core/model/project.js';

const COLOURS: Record<string, Rgb> = { red: [255, 0, 0], green: [0, 128, 0], blue: [0, 0, 255] };
let root: string;
let harness: Harness;
let browser: TestBrowser;
const clips: Record<string, string> = {};

/** the clip names on the video track, left to right */
async function order(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid="timeline-clip"]', (blocks) =>
    blocks
      .map((block) => ({ left: (block as HTMLElement).getBoundingClientRect().left, name: (block.getAttribute('aria-label') ?? '').split(',')[0]!.replace(/^Klip /, '') }))
      .sort((a, b) => a.left - b.left)
      .map((entry) => entry.name.replace(/\.mp4$/, '')),
  );
}

async function seconds(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid="timeline-clip"]', (blocks) =>
    blocks
      .sort((a, b) => a.getBoundingClientRect().left - b.getBoundingClientRect().left)
      .map((block) => (block.getAttribute('aria-label') ?? '').split(', ')[1] ?? ''),
  );
}

async function box(page: Page, selector: string) {
  const found = await page.locator(selector).boundingBox();
  if (!found) throw new Error(`${selector} is not on screen`);
  return found;
}

async function drag(page: Page, options: { from: { x: number; y: number }; to: { x: number; y: number }; alt?: boolean }): Promise<void> {
  if (options.alt) await page.keyboard.down('Alt');
  await page.mouse.move(options.from.x, options.from.y);
  await page.mouse.down();
  await page.mouse.move(options.to.x, options.to.y, { steps: 12 });
  await page.mouse.up();
  if (options.alt) await page.keyboard.up('Alt');
}

/** take the keyboard focus out of the field last used, without scrolling */
async function unfocus(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

async function undoRedo(page: Page, check: () => Promise<unknown>, before: unknown, after: unknown): Promise<void> {
  await page.keyboard.press('Control+Z');
  await expect.poll(check).toEqual(before);
  await page.keyboard.press('Control+Shift+Z');
  await expect.poll(check).toEqual(after);
}

beforeAll(async () => {
  root = await tempDir('timeline');
  await mkdir(path.join(root, 'media'), { recursive: true });
  for (const colour of Object.keys(COLOURS)) {
    clips[colour] = path.join(root, 'media', `${colour}.mp4`);
    await makeSampleClip({ path: clips[colour]!, seconds: 3, width: 320, height: 180, pattern: 'color', color: colour });
  }
  // a project with the pack's lower third waiting for its clips (the templates panel is issue 9's)
  await writeFile(
    path.join(root, 'start.klipkota.json'),
    JSON.stringify({
      kind: 'klipkota.project',
      version: 3,
      name: 'Kerja bakti RW 05',
      fields: { title: 'Kerja bakti RW 05', date: '2 Desember 2026' },
      timeline: {
        tracks: {
          video: [],
          overlay: [{ kind: 'overlay', id: 'overlay-1', template: 'lower-third', fields: { name: 'Bu Rina', role: 'Ketua RW 05' }, start: 0, duration: 60 }],
        },
      },
    }),
  );
  harness = await startHarness({ home: path.join(root, 'home') });
  browser = await launchBrowser({ viewport: { width: 1366, height: 768 } });
});

afterAll(async () => {
  await browser?.close();
  await harness?.close();
  if (root && !process.env.KEEP_E2E) await rm(root, { recursive: true, force: true });
});

describe('the timeline', () => {
  it('reorders, trims, splits, ripple-deletes and moves a lower third, each undoable, and exports what it shows', async () => {
    const { page } = browser;
    await page.goto(harness.url);
    await openProjectFile(page, path.join(root, 'start.klipkota.json'));
    await expect.poll(() => page.getByTestId('project-name').textContent()).toBe('Kerja bakti RW 05');
    for (const colour of ['red', 'green', 'blue']) {
      await page.getByTestId('media-path').locator('input').fill(clips[colour]!);
      await page.getByTestId('media-path').locator('button').click();
      await expect.poll(() => order(page)).toContain(colour);
    }
    expect(await order(page)).toEqual(['red', 'green', 'blue']);
    await page.getByTestId('timeline').scrollIntoViewIfNeeded();
    // the thumbnails came from FFmpeg and decoded
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('[data-testid="timeline-clip"] img')].some((img) => img.naturalWidth > 0));
    await screenshot(page, 'timeline-3-clips');

    // 1. drag the blue clip before the red one
    const red = await box(page, '[data-clip-id="clip-1"]');
    const blue = await box(page, '[data-clip-id="clip-3"]');
    await drag(page, { from: { x: blue.x + blue.width / 2, y: blue.y + 20 }, to: { x: red.x + 10, y: red.y + 20 } });
    await expect.poll(() => order(page)).toEqual(['blue', 'red', 'green']);
    await undoRedo(page, () => order(page), ['red', 'green', 'blue'], ['blue', 'red', 'green']);

    // 2. trim the red clip's end by 30 frames (Alt: no snapping)
    const zoom = (await box(page, '[data-clip-id="clip-1"]')).width / 90;
    const redEnd = await box(page, '[data-clip-id="clip-1"] [data-testid="trim-end"]');
    await drag(page, { from: { x: redEnd.x + redEnd.width / 2, y: redEnd.y + 20 }, to: { x: redEnd.x + redEnd.width / 2 - 30 * zoom, y: redEnd.y + 20 }, alt: true });
    await expect.poll(() => seconds(page)).toEqual(['3.0 s', '2.0 s', '3.0 s']);
    await undoRedo(page, () => seconds(page), ['3.0 s', '3.0 s', '3.0 s'], ['3.0 s', '2.0 s', '3.0 s']);

    // 3. split the green clip at the playhead (6 s 15 frames = frame 195: green runs 150..240)
    await unfocus(page);
    await page.keyboard.press('Home');
    for (let n = 0; n < 6; n += 1) await page.keyboard.press('Shift+ArrowRight');
    for (let n = 0; n < 15; n += 1) await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByTestId('timeline-playhead').getAttribute('data-frame')).toBe('195');
    await page.keyboard.press('Escape');
    await page.keyboard.press('s');
    await expect.poll(() => seconds(page)).toEqual(['3.0 s', '2.0 s', '1.5 s', '1.5 s']);
    await undoRedo(page, () => seconds(page), ['3.0 s', '2.0 s', '3.0 s'], ['3.0 s', '2.0 s', '1.5 s', '1.5 s']);

    // 4. select the second half and delete it with ripple
    await page.locator('[data-testid="timeline-clip"]').nth(3).click();
    await expect.poll(() => page.locator('[data-testid="timeline-clip"]').nth(3).getAttribute('data-selected')).toBe('true');
    await page.keyboard.press('Delete');
    await expect.poll(() => seconds(page)).toEqual(['3.0 s', '2.0 s', '1.5 s']);
    await undoRedo(page, () => seconds(page), ['3.0 s', '2.0 s', '1.5 s', '1.5 s'], ['3.0 s', '2.0 s', '1.5 s']);
    expect(await order(page)).toEqual(['blue', 'red', 'green']);

    // 4b. Shift selects several: lift blue and green (Shift+Delete) leaves a gap where blue was, then undo
    await page.locator('[data-testid="timeline-clip"]').nth(0).click();
    await page.locator('[data-testid="timeline-clip"]').nth(2).click({ modifiers: ['Shift'] });
    await expect.poll(() => page.locator('[data-testid="timeline-clip"][data-selected="true"]').count()).toBe(2);
    await page.keyboard.press('Shift+Delete');
    await expect.poll(() => order(page)).toEqual(['red']);
    expect(await page.getByTestId('timeline-gap').count()).toBe(1);
    await page.keyboard.press('Control+Z');
    await expect.poll(() => order(page)).toEqual(['blue', 'red', 'green']);
    expect(await page.getByTestId('timeline-gap').count()).toBe(0);

    // 5. move the lower third 30 frames later (Alt: no snapping)
    const overlay = await box(page, '[data-testid="timeline-overlay"]');
    const overlayLeft = () => page.locator('[data-testid="timeline-overlay"]').evaluate((element) => Math.round(parseFloat((element as HTMLElement).style.left)));
    const before = await overlayLeft();
    await drag(page, { from: { x: overlay.x + overlay.width / 2, y: overlay.y + 10 }, to: { x: overlay.x + overlay.width / 2 + 30 * zoom, y: overlay.y + 10 }, alt: true });
    await expect.poll(overlayLeft).toBe(Math.round(before + 30 * zoom));
    await undoRedo(page, overlayLeft, before, Math.round(before + 30 * zoom));
    await screenshot(page, 'timeline-3-clips-edited');

    // 6. a marker with a note at the playhead (M), and the shortcuts sheet in both languages (?)
    await unfocus(page);
    await page.keyboard.press('Home');
    for (let n = 0; n < 45; n += 1) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('m');
    await page.getByTestId('marker-note').fill('ganti ke klip merah');
    // typing "s", "m" or a space in the note must not split, mark or play
    await expect.poll(() => seconds(page)).toEqual(['3.0 s', '2.0 s', '1.5 s']);
    await page.getByTestId('marker-note').press('Enter');
    await expect.poll(() => page.getByTestId('timeline-marker').getAttribute('data-frame')).toBe('45');
    await unfocus(page);
    await page.keyboard.press('?');
    await expect.poll(() => page.getByTestId('shortcuts-sheet').textContent()).toContain('Potong di garis putar');
    await screenshot(page, 'timeline-shortcuts-id');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Ganti bahasa' }).click();
    await unfocus(page);
    await page.keyboard.press('?');
    await expect.poll(() => page.getByTestId('shortcuts-sheet').textContent()).toContain('Split at the playhead');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('shortcuts-sheet').count()).toBe(0);
    await page.getByRole('button', { name: 'Change language' }).click();

    // the timeline folds away to give the preview room, and comes back
    await page.getByTestId('timeline-collapse').click();
    await expect.poll(() => page.getByTestId('timeline-viewport').isVisible()).toBe(false);
    await page.getByTestId('timeline-collapse').click();
    await expect.poll(() => page.getByTestId('timeline-viewport').isVisible()).toBe(true);
    expect(await order(page)).toEqual(['blue', 'red', 'green']);

    // save, reload the window, reopen
    const saved = path.join(root, 'kerja-bakti.klipkota.json');
    await page.getByTestId('project-save-path').locator('input').fill(saved);
    await page.getByTestId('project-save-path').locator('button').click();
    const file = JSON.parse(await waitFor(() => readFile(saved, 'utf8').catch(() => undefined), { what: 'the saved project' }));
    expect(file.version).toBe(PROJECT_VERSION);
    expect(file.timeline.tracks.video.map((item: { sourceRange: { start: number; duration: number } }) => item.sourceRange)).toEqual([
      { start: 0, duration: 90 },
      { start: 0, duration: 60 },
      { start: 0, duration: 45 },
    ]);
    expect(file.timeline.tracks.overlay[0]).toMatchObject({ start: 30, duration: 60 });
    expect(file.timeline.markers).toEqual([{ id: 'marker-1', frame: 45, note: 'ganti ke klip merah' }]);
    await page.reload();
    await openProjectFile(page, saved);
    await expect.poll(() => order(page)).toEqual(['blue', 'red', 'green']);
    expect(await seconds(page)).toEqual(['3.0 s', '2.0 s', '1.5 s']);

    // export TikTok with Ctrl+E
    const outDir = path.join(root, 'out');
    await page.getByTestId('export-folder-path').locator('input').fill(outDir);
    await page.getByTestId('export-folder-path').locator('button').click();
    await unfocus(page);
    await page.keyboard.press('Control+E');
    await page.waitForSelector('[data-testid="job"][data-state="done"]', { timeout: 240_000 });
    const [output] = await listFiles(outDir);
    const exported = path.join(outDir, output ?? '');
    const info = await probeMedia(exported);
    // intro 3 s + 6.5 s of clips + outro 3 s
    expect(info.durationSeconds).toBeGreaterThan(12.5 - 0.05);
    expect(info.durationSeconds).toBeLessThan(12.5 + 0.1);
    expect(info.video?.displayWidth).toBe(1080);
    const colourAt = async (time: number) => pixel(await frameAt(exported, time), 540, 700);
    for (const [time, colour] of [[4.5, 'blue'], [6.6, 'red'], [7.9, 'red'], [8.5, 'green'], [9.3, 'green']] as const) {
      expect(colorDistance(await colourAt(time), COLOURS[colour]!), `${colour} at ${time} s`).toBeLessThan(60);
    }
    // just after the green clip's 1.5 s the outro card is on screen, not more green
    expect(colorDistance(await colourAt(10.0), COLOURS.green!)).toBeGreaterThan(60);
    // the lower third was moved from 0..2 s to 1..3 s of the clips (4..6 s of the file): its dark band sits over the picture then only
    const bandAt = async (time: number) => pixel(await frameAt(exported, time), 400, 1212);
    expect(colorDistance(await bandAt(3.5), COLOURS.blue!), 'no lower third at 3.5 s').toBeLessThan(60);
    expect(colorDistance(await bandAt(5.0), COLOURS.blue!), 'lower third at 5.0 s').toBeGreaterThan(100);
    expect(colorDistance(await bandAt(5.5), COLOURS.blue!), 'lower third at 5.5 s').toBeGreaterThan(100);
    expect(colorDistance(await bandAt(7.5), COLOURS.red!), 'no lower third at 7.5 s').toBeLessThan(60);
    expect(browser.pageErrors).toEqual([]);
  });
});
