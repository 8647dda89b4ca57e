/**
 * Auto-captions as an admin meets them, in Chromium through the harness with
 * the real engine and whisper.cpp: without a model the button's answer says
 * what to get and where to put it; with a model chosen in Settings (the
 * random-weight fixture: whisper.cpp runs for real and hears noise as its own
 * words) the progress shows and the captions land under the clip on the list
 * and the timeline, as one undo step; a cancelled run leaves them as they were.
 */
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_VERSION, ProjectSchema } from '@core/model/project.js';
import { makeSampleClip } from '../../electron/engine/media/samples.js';
import { startHarness, type Harness } from '../../electron/harness/server.js';
import { writeRandomWhisperModel } from '../helpers/whisper-fixture.js';
import { launchBrowser, screenshot, type TestBrowser } from './browser.js';
import { openProjectFile, tempDir } from './helpers.js';

const FPS = 30;
const SECONDS = 4;

let root: string;
let model: string;
let harness: Harness;
let browser: TestBrowser;
const savedModelVariable = process.env.KLIPKOTA_WHISPER_MODEL;

beforeAll(async () => {
  delete process.env.KLIPKOTA_WHISPER_MODEL;
  root = await tempDir('autocaptions');
  model = path.join(root, 'ggml-acak.bin');
  await writeRandomWhisperModel(model);
  const clip = path.join(root, 'sambutan.mp4');
  await makeSampleClip({ path: clip, seconds: SECONDS, width: 360, height: 640 });
  const project = ProjectSchema.parse({
    kind: 'klipkota.project',
    version: PROJECT_VERSION,
    name: 'Uji Teks Otomatis',
    intro: false,
    outro: false,
    logo: false,
    timeline: { tracks: { video: [{ kind: 'clip', id: 'clip-1', media: { path: clip }, sourceRange: { start: 0, duration: SECONDS * FPS } }] } },
  });
  await writeFile(path.join(root, 'uji.klipkota.json'), JSON.stringify(project, null, 2));
  harness = await startHarness({ home: path.join(root, 'home') });
  browser = await launchBrowser({ viewport: { width: 1366, height: 768 } });
}, 120_000);

afterAll(async () => {
  if (savedModelVariable !== undefined) process.env.KLIPKOTA_WHISPER_MODEL = savedModelVariable;
  await browser?.close();
  await harness?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

async function rowTexts(): Promise<string[]> {
  return browser.page.getByTestId('caption-text').evaluateAll((fields) => fields.map((field) => (field as HTMLTextAreaElement).value));
}

describe('auto-captions from the captions panel', () => {
  it('explains the missing model, then transcribes with progress into one undo step, and a cancelled run changes nothing', { timeout: 300_000 }, async () => {
    const { page } = browser;
    await page.goto(harness.url);
    await openProjectFile(page, path.join(root, 'uji.klipkota.json'));
    await expect.poll(() => page.getByTestId('clip').count(), { timeout: 60_000 }).toBe(1);
    await page.getByTestId('side-tab-captions').click();

    // no model: the banner says what to get and where to put it, and nothing is started
    await page.getByTestId('captions-auto').click();
    const banner = page.locator('.errors .error').first();
    await banner.waitFor({ timeout: 30_000 });
    const advice = (await banner.textContent()) ?? '';
    expect(advice).toContain('ggml-small.bin');
    expect(advice).toContain('Pengaturan');
    expect(await page.getByTestId('captions-auto-progress').count()).toBe(0);
    expect(await page.getByTestId('caption-row').count()).toBe(0);
    await expect.poll(() => page.getByTestId('captions-auto').isEnabled()).toBe(true);

    // the office's model chosen in Settings
    await page.getByTestId('settings-open').click();
    const field = page.getByTestId('whisper-model-field');
    await field.locator('input').fill(model);
    await field.locator('button[type="submit"]').click();
    await expect.poll(() => page.getByTestId('whisper-model-status').getAttribute('data-ok'), { timeout: 60_000 }).toBe('true');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('whisper-model-field').count()).toBe(0);

    // a run to the end: progress, then the captions under the clip, on the list and the timeline
    await page.getByTestId('captions-auto').click();
    await page.getByTestId('captions-auto-progress').waitFor({ timeout: 30_000 });
    // the no-model advice was followed: its banner goes
    await expect.poll(() => page.locator('.errors .error').count()).toBe(0);
    expect(await page.getByTestId('captions-auto').isDisabled()).toBe(true);
    await screenshot(page, 'autocaptions-progress-1366x768');
    await expect.poll(() => page.getByTestId('captions-auto-progress').count(), { timeout: 240_000 }).toBe(0);
    const rows = await page.getByTestId('caption-row').count();
    expect(rows).toBeGreaterThan(0);
    expect(await page.getByTestId('timeline-caption').count()).toBe(rows);
    expect(await page.getByTestId('captions-notice').textContent()).toContain(`${rows} subtitle otomatis`);
    const starts = await page.getByTestId('caption-start').allTextContents();
    for (const start of starts) {
      // hh:mm:ss:ff, inside the 4-second clip
      const [hours, minutes, seconds] = start.split(':').map(Number) as [number, number, number];
      expect(hours * 3600 + minutes * 60 + seconds).toBeLessThan(SECONDS);
    }
    const made = await rowTexts();
    expect(made.every((text) => text.trim().length > 0)).toBe(true);
    await screenshot(page, 'autocaptions-done-1366x768');

    // the whole run is one undo step, and redo brings it back
    await page.getByTestId('caption-text').first().blur();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('caption-row').count()).toBe(0);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => page.getByTestId('caption-row').count()).toBe(rows);
    expect(await rowTexts()).toEqual(made);

    // a second run, cancelled: the captions stay as they were, and no error is shown
    const errorsBefore = await page.locator('.errors .error').count();
    await page.getByTestId('captions-auto').click();
    await page.getByTestId('captions-auto-cancel').click({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('captions-auto-progress').count(), { timeout: 30_000 }).toBe(0);
    expect(await page.getByTestId('captions-notice').textContent()).toContain('dihentikan');
    expect(await rowTexts()).toEqual(made);
    expect(await page.locator('.errors .error').count()).toBe(errorsBefore);
  });
});
