/**
 * A first-time admin in the browser at 1366x768, no manual: clips chosen with
 * the browser's own file picker, and work that survives a reload.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSampleClip } from '../../electron/engine/media/samples.js';
import { RECOVERY_FILE } from '../../electron/engine/project/projects.js';
import { startHarness, type Harness } from '../../electron/harness/server.js';
import { launchBrowser, screenshot, type TestBrowser } from './browser.js';
import { tempDir, waitFor } from './helpers.js';

let root: string;
let harness: Harness;
let browser: TestBrowser;
let wide: string;
let second: string;
/** the renderer's autosave interval (AUTOSAVE_MS in renderer/src/features/project/recovery.ts) */
const AUTOSAVE_MS = 3000;

beforeAll(async () => {
  root = await tempDir('firstuse');
  await mkdir(path.join(root, 'media'), { recursive: true });
  wide = path.join(root, 'media', 'wawancara-lurah.mp4');
  second = path.join(root, 'media', 'kerja-bakti.mp4');
  await makeSampleClip({ path: wide, seconds: 4, width: 640, height: 360 });
  await makeSampleClip({ path: second, seconds: 3, width: 640, height: 360, pattern: 'smpte' });
  harness = await startHarness({ home: path.join(root, 'home') });
  browser = await launchBrowser({ viewport: { width: 1366, height: 768 } });
});

afterAll(async () => {
  await browser?.close();
  await harness?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('a first-time admin in the browser', () => {
  it('imports clips with the browser\'s file picker (no path to type)', async () => {
    const { page } = browser;
    await page.goto(harness.url);
    const choose = page.getByRole('button', { name: 'Impor klip…' });
    expect(await choose.isVisible()).toBe(true);
    const [picker] = await Promise.all([page.waitForEvent('filechooser'), choose.click()]);
    expect(picker.isMultiple()).toBe(true);
    await picker.setFiles([wide, second]);
    await expect.poll(() => page.getByTestId('clip').count(), { timeout: 60_000 }).toBe(2);
    expect(await page.locator('[data-testid="clip"] .clip__name').allTextContents()).toEqual(['wawancara-lurah.mp4', 'kerja-bakti.mp4']);
    await screenshot(page, 'firstuse-picker');
    expect(browser.pageErrors).toEqual([]);
  });

  it('keeps the last words typed through a reload, and the offered edit while new work starts', async () => {
    const { page } = browser;
    // typed and reloaded at once: well inside the autosave's interval
    await page.getByTestId('intro-title').fill('Kerja Bakti RW 05');
    await page.reload();
    // the copy sent as the page went away lands in the recovery file (the new page's first look may
    // come before it is written: open it once more, as an admin would after a crash)
    const recoveryFile = path.join(root, 'home', RECOVERY_FILE);
    await waitFor(async () => existsSync(recoveryFile) && (await readFile(recoveryFile, 'utf8')).includes('Kerja Bakti RW 05'), { what: 'the title in the recovery copy' });
    await page.reload();
    const offer = page.getByTestId('recovery');
    await offer.waitFor();
    // the admin starts on something else before answering: a clip dropped into a new project
    const [picker] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Impor klip…' }).click()]);
    await picker.setFiles([second]);
    await expect.poll(() => page.getByTestId('clip').count(), { timeout: 60_000 }).toBe(1);
    await offer.getByTestId('recovery-paused').waitFor();
    // two autosave intervals pass: the offered edit must still be the one restored
    await new Promise((resolve) => setTimeout(resolve, 2 * AUTOSAVE_MS + 500));
    await offer.getByTestId('recovery-restore').click();
    await expect.poll(() => page.getByTestId('clip').count(), { timeout: 60_000 }).toBe(2);
    expect(await page.getByTestId('intro-title').inputValue()).toBe('Kerja Bakti RW 05');
    expect(await page.locator('[data-testid="clip"] .clip__name').allTextContents()).toEqual(['wawancara-lurah.mp4', 'kerja-bakti.mp4']);
  });

  it('gives the preview room at 1366x768 and 1280x720 with the timeline open and the export band in one row', async () => {
    const { page } = browser;
    type Rect = { x: number; y: number; width: number; height: number };
    const rect = async (selector: string): Promise<Rect> => (await page.locator(selector).first().boundingBox())!;
    const apart = (a: Rect, b: Rect) => a.x + a.width <= b.x + 0.5 || b.x + b.width <= a.x + 0.5 || a.y + a.height <= b.y + 0.5 || b.y + b.height <= a.y + 0.5;
    // before: a 9:16 frame 197 px tall at 1366x768 and 149 px at 1280x720
    // (and at 1280x860, the other tests' window: taller than the compact band's breakpoint)
    for (const [size, least] of [[{ width: 1366, height: 768 }, 280], [{ width: 1280, height: 720 }, 220], [{ width: 1280, height: 860 }, 280]] as const) {
      await page.setViewportSize(size);
      await page.getByRole('radio', { name: '9:16' }).click();
      await expect.poll(async () => (await rect('.stage__frame')).height).toBeGreaterThanOrEqual(least);
      expect(await page.locator('.timeline__body').isVisible()).toBe(true);
      const start = await rect('[data-testid="export-start"]');
      expect(start.y + start.height).toBeLessThanOrEqual(size.height);
      // the format choices, the folder, the button and the queue sit side by side, none over another
      const parts = [await rect('.panel--export .presets'), await rect('.panel--export .folder'), start, await rect('[data-testid="queue-panel"]')];
      for (const [index, part] of parts.entries()) for (const other of parts.slice(index + 1)) expect(apart(part, other)).toBe(true);
      const labels = await page.locator('.panel--export .preset').all();
      for (const label of labels) expect(await label.evaluate((element) => element.scrollWidth <= element.clientWidth + 1)).toBe(true);
      await screenshot(page, `firstuse-layout-${size.width}x${size.height}`);
    }
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it('counts one clock: the timeline ruler, its readout and the preview agree, and the playhead runs through the intro and outro cards', async () => {
    const { page } = browser;
    const box = async (selector: string) => (await page.locator(selector).first().boundingBox())!;
    const playheadX = async () => (await box('[data-testid="timeline-playhead"]')).x + 1;
    const seekTo = async (seconds: string) => {
      await page.getByTestId('timecode').fill(seconds);
      await page.getByTestId('timecode').press('Enter');
      await page.getByTestId('timeline').click({ position: { x: 4, y: 4 } });
    };
    // the Pemkot Malang intro lasts 3 s: 1.5 s is inside it, and the line is inside its block
    await seekTo('1.5');
    await expect.poll(() => page.getByTestId('timecode').inputValue()).toBe('00:00:01:15');
    expect(await page.getByTestId('timeline-timecode').locator('strong').textContent()).toBe('00:00:01:15');
    const intro = await box('[data-testid="timeline-intro"]');
    await expect.poll(playheadX).toBeGreaterThan(intro.x);
    expect(await playheadX()).toBeLessThan(intro.x + intro.width);
    // a time on the ruler: the preview shows that time with the playhead under the ruler's tick
    const labels = await page.locator('.tl-ruler__tc').allTextContents();
    const label = labels[Math.floor(labels.length / 2)]!;
    await seekTo(label);
    expect(await page.getByTestId('timecode').inputValue()).toBe(label);
    expect(await page.getByTestId('timeline-timecode').locator('strong').textContent()).toBe(label);
    const tick = page.locator('.tl-ruler__tick', { hasText: label });
    await expect.poll(async () => Math.abs((await tick.boundingBox())!.x - (await playheadX()))).toBeLessThanOrEqual(2);
    // the outro: the line is inside the outro's block, not past it
    const total = (await page.locator('.transport__total').textContent())!.replace('/ ', '').trim();
    await seekTo(total);
    const outro = await box('[data-testid="timeline-outro"]');
    await expect.poll(playheadX).toBeGreaterThan(outro.x);
    expect(await playheadX()).toBeLessThanOrEqual(outro.x + outro.width + 1);
    await screenshot(page, 'firstuse-clock-outro');
  });

  it('says why the preview is black where the intro card fades in from black (as the export is)', async () => {
    const { page } = browser;
    await page.getByTestId('timecode').fill('0');
    await page.getByTestId('timecode').press('Enter');
    const notice = page.getByTestId('stage-card-fade');
    // the test before left the playhead on the outro, whose fade notice is on screen until the seek lands
    await expect.poll(() => notice.textContent()).toContain('Kartu pembuka muncul perlahan dari layar hitam');
    await screenshot(page, 'firstuse-frame-0');
    await page.getByTestId('timecode').fill('1,5');
    await page.getByTestId('timecode').press('Enter');
    await notice.waitFor({ state: 'detached' });
    // what was typed shows as the timecode it went to, while the field still has the focus
    expect(await page.getByTestId('timecode').evaluate((field) => field === document.activeElement)).toBe(true);
    expect(await page.getByTestId('timecode').inputValue()).toBe('00:00:01:15');
  });

  it('shows a lower third just added: the preview moves to where it has faded or slid in', async () => {
    const { page } = browser;
    await page.getByTestId('timecode').fill('00:00:04:00');
    await page.getByTestId('timecode').press('Enter');
    const form = page.getByRole('form', { name: 'Tambah lower third' });
    expect(await form.textContent()).toContain('nama & jabatan');
    await form.getByTestId('lower-third-name').fill('Bu Siti Aminah');
    await form.getByTestId('lower-third-role').fill('Lurah Oro-Oro Dowo');
    await form.getByRole('button', { name: 'Tambah lower third' }).click();
    await page.getByTestId('overlay-inspector').waitFor();
    // added at 4 s, where its 0.5 s entrance begins (nothing of it shows yet): the preview shows 4.5 s
    expect(await page.getByTestId('overlay-start').inputValue()).toBe('4');
    await expect.poll(() => page.getByTestId('timecode').inputValue()).toBe('00:00:04:15');
    await page.waitForSelector('[data-testid="preview-stage"][data-ready="true"]');
    await screenshot(page, 'firstuse-lower-third');
  });

  it('reorders clips from the bin with the keyboard, one undo step each', async () => {
    const { page } = browser;
    const binOrder = () => page.locator('[data-testid="clip"] .clip__name').allTextContents();
    const timelineOrder = () =>
      page.getByTestId('timeline-clip').evaluateAll((blocks) =>
        blocks
          .map((block) => ({ left: block.getBoundingClientRect().left, name: (block.getAttribute('aria-label') ?? '').split(',')[0]!.replace(/^Klip /, '') }))
          .sort((a, b) => a.left - b.left)
          .map((block) => block.name),
      );
    expect(await binOrder()).toEqual(['wawancara-lurah.mp4', 'kerja-bakti.mp4']);
    // the first clip cannot go earlier, the last not later
    expect(await page.getByRole('button', { name: 'Pindahkan wawancara-lurah.mp4 lebih awal di video' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Pindahkan kerja-bakti.mp4 lebih awal di video' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(binOrder).toEqual(['kerja-bakti.mp4', 'wawancara-lurah.mp4']);
    await expect.poll(timelineOrder).toEqual(['kerja-bakti.mp4', 'wawancara-lurah.mp4']);
    await page.getByTestId('timeline').click({ position: { x: 4, y: 4 } });
    await page.keyboard.press('Control+z');
    await expect.poll(binOrder).toEqual(['wawancara-lurah.mp4', 'kerja-bakti.mp4']);
  });

  it('offers the remembered export folder for a spreadsheet batch', async () => {
    const { page } = browser;
    const out = path.join(root, 'hasil-video');
    // the folder the last export used, remembered in the settings
    await page.evaluate((folder) => (window as unknown as { klipkota: { invoke(channel: string, request: unknown): Promise<unknown> } }).klipkota.invoke('settings.set', { outputFolder: folder }), out);
    await page.reload();
    const discard = page.getByTestId('recovery-discard');
    if (await discard.isVisible().catch(() => false)) await discard.click();
    const sheet = path.join(root, 'kegiatan.csv');
    await writeFile(sheet, `klip,judul\r\n${wide},Kerja Bakti RW 05\r\n`);
    await page.getByTestId('sheet-path').locator('input').fill(sheet);
    await page.getByTestId('sheet-path').locator('button').click();
    await page.getByTestId('sheet-report').waitFor();
    expect(await page.getByTestId('sheet-folder').getAttribute('title')).toBe(out);
    expect(await page.getByTestId('sheet-queue').isDisabled()).toBe(false);
    await page.getByTestId('sheet-discard').click();
  });
});
