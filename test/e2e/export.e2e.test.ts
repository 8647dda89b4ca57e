/**
 * The app's skeleton end to end, in Chromium through the browser harness with
 * the real engine and FFmpeg: import a generated clip, export it to 9:16 and
 * watch the progress bar reach 100%, find the file; cancel a second export and
 * find nothing left behind.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../electron/harness/server.js';
import { probeMedia } from '../../electron/engine/ffmpeg/probe.js';
import { makeSampleClip } from '../../electron/engine/media/samples.js';
import { launchBrowser, screenshot, type TestBrowser } from './browser.js';
import { listFiles, progressSeen, recordProgress, tempDir, waitFor } from './helpers.js';

let root: string;
let harness: Harness;
let browser: TestBrowser;
const openedFolders: string[] = [];
let shortClip: string;
let longClip: string;

beforeAll(async () => {
  root = await tempDir('export');
  shortClip = path.join(root, 'media', 'warga-lowokwaru.mp4');
  longClip = path.join(root, 'media', 'rapat-panjang.mp4');
  await mkdir(path.dirname(shortClip), { recursive: true });
  await makeSampleClip({ path: shortClip, seconds: 3, width: 640, height: 360 });
  // long enough that its export is still running when the test cancels it
  await makeSampleClip({ path: longClip, seconds: 40, width: 320, height: 180, fps: 25 });
  harness = await startHarness({
    home: path.join(root, 'home'),
    openFolder: async (folder) => {
      openedFolders.push(folder);
      return true;
    },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await harness?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('export through the UI', () => {
  it('imports a generated clip, exports it to 9:16 with the progress bar reaching 100%, and finds the file', async () => {
    const { page } = browser;
    await page.goto(harness.url);
    await page.getByTestId('project-new').click();
    await expect.poll(() => page.getByTestId('project-name').textContent()).toBe('Video baru');

    await page.getByTestId('media-path').locator('input').fill(shortClip);
    await page.getByTestId('media-path').locator('button').click();
    const clip = page.getByTestId('clip');
    await clip.first().waitFor();
    expect(await clip.count()).toBe(1);
    expect(await clip.getByTestId('clip-duration').textContent()).toBe('0:03');
    expect(await clip.getByTestId('clip-resolution').textContent()).toContain('640×360');
    expect(await clip.getByTestId('clip-size').textContent()).toMatch(/\d+(,\d)? KB/);
    const thumbnail = clip.getByTestId('clip-thumbnail');
    expect(await thumbnail.getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/);
    // the thumbnail really decoded into a picture
    expect(await thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

    // the preview plays the clip from the harness's /media route (range requests)
    await clip.getByTestId('clip-open-preview').click();
    const preview = page.getByTestId('clip-preview').locator('video');
    expect(await preview.getAttribute('src')).toBe(`${harness.url}media/${encodeURIComponent(shortClip)}`);
    await page.waitForFunction(() => ((document.querySelector('[data-testid="clip-preview"] video') as HTMLVideoElement | null)?.readyState ?? 0) >= 1);
    expect(await preview.evaluate((element: HTMLVideoElement) => Math.round(element.duration))).toBe(3);
    expect(await preview.evaluate((element: HTMLVideoElement) => element.videoWidth)).toBe(640);
    await screenshot(page, 'clip-preview');

    const outDir = path.join(root, 'out-first');
    await expect.poll(() => page.getByTestId('preset-tiktok').isChecked()).toBe(true);
    // the settings' default presets are TikTok and YouTube; this export is 9:16 only
    await expect.poll(() => page.getByTestId('preset-youtube').isChecked()).toBe(true);
    await page.locator('label', { has: page.getByTestId('preset-youtube') }).click();
    await expect.poll(() => page.getByTestId('preset-youtube').isChecked()).toBe(false);
    await page.getByTestId('export-folder-path').locator('input').fill(outDir);
    await page.getByTestId('export-folder-path').locator('button').click();
    expect(await page.getByTestId('export-folder').textContent()).toBe(outDir);
    // a new project's intro title is empty: the export asks for it instead of printing "Video baru"
    expect(await page.getByTestId('export-start').isDisabled()).toBe(true);
    expect(await page.getByTestId('export-blocker').textContent()).toContain('judul kartu pembuka');
    await page.getByTestId('intro-title').fill('Warga Lowokwaru');
    expect(await page.getByTestId('export-start').isDisabled()).toBe(false);

    await recordProgress(page);
    await page.getByTestId('export-start').click();
    const job = page.getByTestId('job').first();
    await job.waitFor();
    const jobId = (await job.getAttribute('data-job-id')) ?? '';
    await page.waitForSelector('[data-testid="job"][data-state="done"]', { timeout: 240_000 });

    expect(await job.getByTestId('job-progress').evaluate((bar: HTMLProgressElement) => bar.value)).toBe(100);
    expect(await job.getByTestId('job-percent').textContent()).toBe('100%');
    const seen = await progressSeen(page, jobId);
    expect(seen[seen.length - 1]).toBe(100);
    expect(seen.some((value) => value > 0 && value < 100)).toBe(true);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));

    const shownPath = await job.getByTestId('job-output-path').textContent();
    expect(path.dirname(shownPath ?? '')).toBe(outDir);
    const files = await listFiles(outDir);
    expect(files).toEqual([path.basename(shownPath ?? '')]);
    const info = await probeMedia(path.join(outDir, files[0] ?? ''));
    expect(info.video?.displayWidth).toBe(1080);
    expect(info.video?.displayHeight).toBe(1920);
    expect(info.audio).toBeDefined();
    expect(info.durationSeconds).toBeGreaterThanOrEqual(3);

    await job.getByTestId('job-open-folder').click();
    await expect.poll(() => openedFolders).toEqual([outDir]);
    await screenshot(page, 'export-done');
    expect(browser.pageErrors).toEqual([]);
  });

  it('cancels a second export and leaves no partial file', async () => {
    const { page } = browser;
    await page.getByTestId('media-path').locator('input').fill(longClip);
    await page.getByTestId('media-path').locator('button').click();
    await expect.poll(() => page.getByTestId('clip').count()).toBe(2);

    const outDir = path.join(root, 'out-cancelled');
    await page.getByTestId('export-folder-path').locator('input').fill(outDir);
    await page.getByTestId('export-folder-path').locator('button').click();
    await page.getByTestId('export-start').click();
    const job = page.locator('[data-testid="job"][data-state="running"]');
    await job.waitFor();
    const jobId = (await job.getAttribute('data-job-id')) ?? '';

    // cancel while FFmpeg is writing the output's partial file
    await waitFor(async () => (await listFiles(outDir)).some((file) => file.endsWith('.part')), { what: 'the partial output file' });
    await screenshot(page, 'export-running');
    await job.getByTestId('job-cancel').click();
    await page.waitForSelector(`[data-testid="job"][data-job-id="${jobId}"][data-state="cancelled"]`);
    await harness.api.jobs.settled(jobId);

    expect(await page.locator(`[data-job-id="${jobId}"]`).getByTestId('job-state').textContent()).toBe('Dibatalkan');
    expect(await listFiles(outDir)).toEqual([]);
    expect(existsSync(path.join(root, 'out-first'))).toBe(true);
    await screenshot(page, 'export-cancelled');
    expect(browser.pageErrors).toEqual([]);

    // a reloaded window catches up with the engine's jobs
    await page.reload();
    await page.locator(`[data-job-id="${jobId}"][data-state="cancelled"]`).waitFor();
    expect(await page.locator('[data-testid="job"][data-state="done"]').getByTestId('job-percent').textContent()).toBe('100%');
  });
});
