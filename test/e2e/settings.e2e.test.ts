/**
 * The Settings screen in Chromium through the harness: the auto-caption model
 * field. Without a model it says what to get and where to put it; a file that
 * is not a whisper model is refused with the same advice; a whole ggml model
 * is accepted (with the warning that its checksum is not a published one).
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../electron/harness/server.js';
import { writeRandomWhisperModel } from '../helpers/whisper-fixture.js';
import { launchBrowser, screenshot, type TestBrowser } from './browser.js';
import { tempDir, waitFor } from './helpers.js';

let root: string;
let browser: TestBrowser;
let harness: Harness;
let model: string;
const savedModelVariable = process.env.KLIPKOTA_WHISPER_MODEL;

beforeAll(async () => {
  delete process.env.KLIPKOTA_WHISPER_MODEL;
  root = await tempDir('settings');
  model = path.join(root, 'ggml-random.bin');
  await writeRandomWhisperModel(model);
  harness = await startHarness({ home: path.join(root, 'home') });
  browser = await launchBrowser();
});

afterAll(async () => {
  if (savedModelVariable !== undefined) process.env.KLIPKOTA_WHISPER_MODEL = savedModelVariable;
  await browser?.close();
  await harness?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('Settings: the auto-caption model', () => {
  it('explains what to get, refuses a wrong file, accepts a whole model', async () => {
    const { page } = browser;
    await page.goto(harness.url);
    await page.getByTestId('settings-open').click();
    const status = page.getByTestId('whisper-model-status');
    await waitFor(async () => (await status.textContent())?.includes('ggml-small.bin'), { what: 'the no-model advice' });
    expect(await status.textContent()).toContain('KLIPKOTA_WHISPER_MODEL');
    expect(await page.getByTestId('whisper-model-path').textContent()).toContain('Belum dipilih');

    const field = page.getByTestId('whisper-model-field');
    await field.locator('input').fill(path.join(root, 'bukan-model.bin'));
    await field.locator('button[type="submit"]').click();
    await waitFor(async () => (await status.getAttribute('data-ok')) === 'false' && (await status.textContent())?.includes('tidak ditemukan'), { what: 'the missing-file refusal' });
    expect(await status.textContent()).toContain('ggml-small.bin');

    await field.locator('input').fill(model);
    await field.locator('button[type="submit"]').click();
    await waitFor(async () => (await status.getAttribute('data-ok')) === 'true', { what: 'the model accepted' });
    expect(await status.textContent()).toContain('Dapat dipakai');
    expect(await page.getByTestId('whisper-model-path').textContent()).toBe(model);
    await screenshot(page, 'settings-whisper-model');
  });
});
