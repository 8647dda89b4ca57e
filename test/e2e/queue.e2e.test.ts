/**
 * The queue panel end to end, in Chromium through the harness with the real
 * engine and FFmpeg, at 1366x768 in Indonesian: a CSV with one bad row is
 * dropped on the panel, the row-by-row report names the bad row and column,
 * the good rows are queued (paused first, reordered with the up button by its
 * accessible name), run to done with the overall bar and one notification,
 * shown in their folder, and cleared from the list.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../electron/harness/server.js';
import { probeMedia } from '../../electron/engine/ffmpeg/probe.js';
import { makeSampleClip } from '../../electron/engine/media/samples.js';
import { launchBrowser, SCREENSHOT_DIR, type TestBrowser } from './browser.js';
import { listFiles, tempDir, waitFor } from './helpers.js';

let root: string;
let harness: Harness;
let browser: TestBrowser;
const openedFolders: string[] = [];

beforeAll(async () => {
  root = await tempDir('queue');
  await mkdir(path.join(root, 'klip'), { recursive: true });
  await makeSampleClip({ path: path.join(root, 'klip', 'posyandu.mp4'), seconds: 1, width: 320, height: 180, fps: 25 });
  await makeSampleClip({ path: path.join(root, 'klip', 'kerja-bakti.mp4'), seconds: 1, width: 320, height: 180, fps: 25 });
  harness = await startHarness({
    home: path.join(root, 'home'),
    openFolder: async (folder) => {
      openedFolders.push(folder);
      return true;
    },
  });
  browser = await launchBrowser({ viewport: { width: 1366, height: 768 } });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await harness?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

async function shot(name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await browser.page.screenshot({ path: file });
  return file;
}

describe('the queue panel', () => {
  it('checks a dropped sheet row by row, queues the good rows, runs them to done and clears them', { timeout: 600_000 }, async () => {
    const { page } = browser;
    const out = path.join(root, 'hasil');
    await mkdir(out, { recursive: true });
    // absolute clip paths: in the harness a dropped file is uploaded into the home, away from its folder
    const csv = [
      'Klip,Judul,Nama Narasumber,Jabatan',
      `${path.join(root, 'klip', 'posyandu.mp4')},Posyandu Balita,Siti Aminah,Kader Posyandu`,
      `${path.join(root, 'klip', 'hilang.mp4')},Klip Hilang,Budi Santoso,Camat Klojen`,
      `${path.join(root, 'klip', 'kerja-bakti.mp4')},Kerja Bakti,Ni Luh Putu Ayu,Ketua RW 05`,
    ].join('\r\n');

    // the harness has no main process: the panel falls back to the web Notification API, recorded here
    await page.addInitScript(() => {
      const shown: Array<{ title: string; body?: string }> = [];
      (window as unknown as { __notifications: typeof shown }).__notifications = shown;
      class RecordingNotification {
        static permission = 'granted';
        static requestPermission = async () => 'granted';
        constructor(title: string, options?: { body?: string }) {
          shown.push({ title, body: options?.body });
        }
      }
      (window as unknown as { Notification: unknown }).Notification = RecordingNotification;
    });
    await page.goto(harness.url);
    await page.getByTestId('queue-empty').waitFor();
    // paused first, so the rows wait once queued and can be reordered
    await page.getByRole('button', { name: 'Jeda antrean' }).click();
    await page.getByTestId('queue-paused').waitFor();
    const dataTransfer = await page.evaluateHandle((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([`\uFEFF${text}\r\n`], 'kegiatan.csv', { type: 'text/csv' }));
      return transfer;
    }, csv);
    const zone = page.getByTestId('sheet-drop');
    await zone.dispatchEvent('dragenter', { dataTransfer });
    await zone.dispatchEvent('dragover', { dataTransfer });
    await zone.dispatchEvent('drop', { dataTransfer });

    // the report, in a dialog: one problem on row 3, column "klip"; two rows to render; nothing queued yet
    await page.getByTestId('sheet-report').waitFor();
    expect(await page.getByRole('dialog', { name: 'Batch dari lembar kerja' }).isVisible()).toBe(true);
    expect(await page.getByTestId('sheet-summary').textContent()).toBe('kegiatan.csv: 2 baris siap, 1 baris bermasalah.');
    const issue = page.getByTestId('sheet-issue');
    expect(await issue.count()).toBe(1);
    expect(await issue.getAttribute('data-row')).toBe('3');
    expect(await issue.locator('td').nth(1).textContent()).toBe('klip');
    expect(await issue.locator('td').nth(2).textContent()).toContain('hilang.mp4');
    expect(await page.getByTestId('sheet-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-row')))).toEqual(['2', '4']);
    expect(await page.getByRole('checkbox', { name: 'Render baris 2' }).isChecked()).toBe(true);
    expect(await page.getByTestId('queue-empty').isVisible()).toBe(true);

    await page.getByTestId('sheet-folder-path').locator('input').fill(out);
    await page.getByTestId('sheet-folder-path').locator('button').click();
    await shot('queue-report-id-1366x768');

    await page.getByTestId('sheet-queue').click();
    await page.getByTestId('sheet-dialog').waitFor({ state: 'hidden' });
    await page.getByTestId('sheet-queued').waitFor();
    const jobs = page.getByTestId('queue-job');
    await waitFor(async () => (await jobs.count()) === 2, { what: 'two queued jobs' });
    const names = () => jobs.evaluateAll((items) => items.map((item) => item.querySelector('strong')?.textContent));
    expect(await names()).toEqual(['kegiatan.csv #2: Posyandu Balita', 'kegiatan.csv #4: Kerja Bakti']);
    expect(await jobs.evaluateAll((items) => items.map((item) => item.getAttribute('data-queue-state')))).toEqual(['queued', 'queued']);
    await page.getByRole('button', { name: 'Naikkan kegiatan.csv #4: Kerja Bakti dalam antrean' }).click();
    await waitFor(async () => (await names())[0] === 'kegiatan.csv #4: Kerja Bakti', { what: 'the reordered queue' });
    // keyboard focus is visible on the reorder buttons
    await page.getByRole('button', { name: 'Turunkan kegiatan.csv #4: Kerja Bakti dalam antrean' }).focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const active = document.activeElement as HTMLElement | null;
      return { name: active?.getAttribute('aria-label'), visible: active?.matches(':focus-visible'), outline: active ? getComputedStyle(active).outlineStyle : 'none' };
    });
    expect(focused).toEqual({ name: 'Turunkan kegiatan.csv #4: Kerja Bakti dalam antrean', visible: true, outline: 'solid' });
    await shot('queue-waiting-id-1366x768');
    // the export button stays on screen with the panel, and the two panels do not overlap
    expect(await page.getByTestId('export-start').isVisible()).toBe(true);
    const exportBox = (await page.getByTestId('export-panel').boundingBox())!;
    const queueBox = (await page.getByTestId('queue-panel').boundingBox())!;
    const startBox = (await page.getByTestId('export-start').boundingBox())!;
    expect(exportBox.x + exportBox.width).toBeLessThanOrEqual(queueBox.x);
    expect(startBox.x + startBox.width).toBeLessThanOrEqual(queueBox.x);
    expect(startBox.y + startBox.height).toBeLessThanOrEqual(768);

    await page.getByRole('button', { name: 'Lanjutkan antrean' }).click();
    await page.getByTestId('queue-overall').waitFor();
    await waitFor(async () => (await jobs.evaluateAll((items) => items.every((item) => item.getAttribute('data-queue-state') === 'done'))) || undefined, { what: 'both jobs done', timeoutMs: 400_000 });
    await page.getByTestId('queue-finished').waitFor();
    expect(await page.getByTestId('queue-finished').textContent()).toBe('2 video selesai, 0 gagal.');
    await shot('queue-done-id-1366x768');
    // one notification for the run of two jobs
    expect(await page.evaluate(() => (window as unknown as { __notifications: unknown[] }).__notifications)).toEqual([
      { title: 'Antrean KlipKota selesai', body: '2 video selesai, 0 gagal.' },
    ]);

    const files = (await listFiles(out)).filter((file) => file.endsWith('.mp4'));
    expect(files).toHaveLength(2);
    expect((await listFiles(out)).filter((file) => !file.endsWith('.mp4'))).toEqual([]);
    for (const file of files) {
      const info = await probeMedia(path.join(out, file));
      expect(info.video).toMatchObject({ width: 1080, height: 1920 });
      expect(info.durationSeconds).toBeCloseTo(7, 1);
    }

    await page.getByRole('button', { name: 'Tampilkan hasil kegiatan.csv #2: Posyandu Balita di folder' }).click();
    await waitFor(() => openedFolders.includes(out), { what: 'the output folder opened' });

    await page.getByTestId('queue-clear-finished').click();
    await page.getByTestId('queue-empty').waitFor();
    // the files stay
    expect(files.every((file) => existsSync(path.join(out, file)))).toBe(true);
    expect(browser.pageErrors).toEqual([]);
  });
});
