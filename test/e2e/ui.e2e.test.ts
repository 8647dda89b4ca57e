/**
 * The skeleton's other paths, in Chromium through the harness: a clip dropped on
 * the window (uploaded, probed, listed), a friendly error in Indonesian and then
 * in English after the language toggle, and crash recovery: the harness process
 * is killed after an edit, a new one starts on the same home, and the edit is
 * offered back and restored.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECOVERY_FILE } from '../../electron/engine/project/projects.js';
import { makeSampleClip } from '../../electron/engine/media/samples.js';
import { startHarness, type Harness } from '../../electron/harness/server.js';
import { launchBrowser, screenshot, type TestBrowser } from './browser.js';
import { listFiles, tempDir, waitFor } from './helpers.js';

let root: string;
let clip: string;
let browser: TestBrowser;
const children: ChildProcess[] = [];

beforeAll(async () => {
  root = await tempDir('ui');
  clip = path.join(root, 'media', 'posyandu.mp4');
  await mkdir(path.dirname(clip), { recursive: true });
  await makeSampleClip({ path: clip, seconds: 2, width: 320, height: 180 });
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await browser?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('importing by drag and drop', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ home: path.join(root, 'home-drop') });
  });
  afterAll(() => harness?.close());

  it('uploads a dropped file into the home, probes it and lists it with its thumbnail', async () => {
    const { page } = browser;
    await page.goto(harness.url);
    const bytes = (await readFile(clip)).toString('base64');
    const dataTransfer = await page.evaluateHandle((base64) => {
      const binary = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([binary], 'kegiatan posyandu.mp4', { type: 'video/mp4' }));
      return transfer;
    }, bytes);
    const zone = page.getByTestId('dropzone');
    await zone.dispatchEvent('dragenter', { dataTransfer });
    await zone.dispatchEvent('dragover', { dataTransfer });
    await zone.dispatchEvent('drop', { dataTransfer });

    const row = page.getByTestId('clip');
    await row.first().waitFor();
    expect(await row.locator('.clip__name').textContent()).toBe('kegiatan posyandu.mp4');
    expect(await row.getByTestId('clip-resolution').textContent()).toContain('320×180');
    expect(await row.getByTestId('clip-duration').textContent()).toBe('0:02');
    expect(await row.getByTestId('clip-thumbnail').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    // the upload landed in the harness home, byte for byte
    const uploads = await listFiles(path.join(root, 'home-drop', 'imports'));
    expect(uploads).toHaveLength(1);
    const stored = path.join(root, 'home-drop', 'imports', uploads[0] ?? '', 'kegiatan posyandu.mp4');
    expect((await readFile(stored)).equals(await readFile(clip))).toBe(true);
    expect(browser.pageErrors).toEqual([]);
  });

  it('shows a failed import as a friendly message, in Indonesian and then in English', async () => {
    const { page } = browser;
    const missing = path.join(root, 'tidak-ada.mp4');
    await page.getByTestId('media-path').locator('input').fill(missing);
    await page.getByTestId('media-path').locator('button').click();
    const banner = page.getByRole('alert').locator('.error');
    await banner.first().waitFor();
    const indonesian = (await banner.first().textContent()) ?? '';
    expect(indonesian).toContain('Ada masalah');
    expect(indonesian).not.toMatch(/\bat .*:\d+:\d+|Error:|node:/);
    await screenshot(page, 'error-id');
    await banner.first().getByRole('button').click();
    expect(await banner.count()).toBe(0);

    await page.getByTestId('language-toggle').click();
    await expect.poll(() => page.locator('#media-title').textContent()).toBe('Clips');
    await expect.poll(async () => (await harness.api['settings.get']({})).ok && (await harness.api['settings.get']({}))).toMatchObject({ value: { language: 'en' } });
    await page.getByTestId('media-path').locator('input').fill(missing);
    await page.getByTestId('media-path').locator('button').click();
    await banner.first().waitFor();
    const english = (await banner.first().textContent()) ?? '';
    expect(english).toContain('Something went wrong');
    expect(english).not.toEqual(indonesian);
    expect(english).not.toMatch(/\bat .*:\d+:\d+|Error:|node:/);
    await screenshot(page, 'error-en');
    // back to Indonesian for the next tests
    await page.getByTestId('language-toggle').click();
    await expect.poll(() => page.locator('#media-title').textContent()).toBe('Klip');
  });
});

/** `npm run harness` as a child process, resolved with its printed URL. */
async function spawnHarness(home: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['bin/tsx-run.mjs', 'electron/harness/server.ts', '--port', '0', '--home', home], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await waitFor(() => /KlipKota harness: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)?.[1] ?? (child.exitCode !== null ? Promise.reject(new Error(output)) : undefined), {
    what: 'the harness URL',
    timeoutMs: 60_000,
  });
  return { child, url };
}

describe('crash recovery', () => {
  it('offers the edit back after the harness process was killed, and restores it', async () => {
    const home = path.join(root, 'home-crash');
    const first = await spawnHarness(home);
    const { page } = browser;
    await page.goto(first.url);
    await page.getByTestId('project-new').click();
    await page.getByTestId('project-name').click();
    await page.getByRole('textbox', { name: 'Nama proyek' }).fill('Senam Pagi Balai Kota');
    await page.getByRole('textbox', { name: 'Nama proyek' }).press('Enter');
    await page.getByTestId('media-path').locator('input').fill(clip);
    await page.getByTestId('media-path').locator('button').click();
    await page.getByTestId('clip').first().waitFor();

    // the renderer's autosave writes the recovery copy with the edit in it
    const recoveryFile = path.join(home, RECOVERY_FILE);
    await waitFor(async () => existsSync(recoveryFile) && (await readFile(recoveryFile, 'utf8')).includes(clip), { what: 'the autosaved edit' });
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));

    const second = await spawnHarness(home);
    await page.goto(second.url);
    const offer = page.getByTestId('recovery');
    await offer.waitFor();
    expect(await offer.textContent()).toContain('Senam Pagi Balai Kota');
    await screenshot(page, 'recovery-offer');
    await offer.getByTestId('recovery-restore').click();
    await expect.poll(() => page.getByTestId('project-name').textContent()).toBe('Senam Pagi Balai Kota');
    const row = page.getByTestId('clip');
    expect(await row.count()).toBe(1);
    expect(await row.locator('.clip__name').textContent()).toBe('posyandu.mp4');
    await row.getByTestId('clip-thumbnail').waitFor();
    expect(await offer.count()).toBe(0);
    second.child.kill('SIGTERM');
    await new Promise((resolve) => second.child.once('exit', resolve));
  });
});
