/**
 * The queue panel's farm section end to end, in Chromium through the harness
 * at 1366x768 in Indonesian: hidden while this PC has joined no farm; once it
 * has (the join code remembered in its home), the counts, the worker PC and the
 * jobs of a real farm (embedded PostgreSQL, one `klipkota farm work` process)
 * are shown and follow the renders to the end.
 */
import { chmod, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../electron/harness/server.js';
import { rememberFarm } from '../../electron/engine/farm/joined.js';
import { joinCodeFor, makeShare, spawnWorker, startPostgresFarm, stopWorker, submit, type FarmDatabase, type SpawnedWorker } from '../integration/farm-fixture.js';
import type { TempDir } from '../helpers/media.js';
import { launchBrowser, SCREENSHOT_DIR, type TestBrowser } from './browser.js';
import { tempDir, waitFor } from './helpers.js';

let temp: TempDir;
let harness: Harness;
let browser: TestBrowser;
let database: FarmDatabase;
let worker: SpawnedWorker | undefined;

beforeAll(async () => {
  const root = await tempDir('farm');
  if (process.getuid?.() === 0) await chmod(root, 0o711);
  temp = { dir: root, file: (name) => path.join(root, name), remove: () => rm(root, { recursive: true, force: true }) };
  database = await startPostgresFarm(temp);
  harness = await startHarness({ home: temp.file('home') });
  browser = await launchBrowser({ viewport: { width: 1366, height: 768 } });
}, 120_000);

afterAll(async () => {
  if (worker) await stopWorker(worker);
  await browser?.close();
  await harness?.close();
  await database?.stop();
  await temp?.remove();
});

describe('the farm section of the queue panel', () => {
  it('appears once the PC joined a farm and shows its worker PCs and jobs until they are done', { timeout: 600_000 }, async () => {
    const { page } = browser;
    await page.goto(harness.url);
    await page.getByTestId('queue-panel').waitFor();
    await page.waitForTimeout(3500); // one farm poll: nothing to show on a PC that joined no farm
    expect(await page.getByTestId('farm-section').count()).toBe(0);

    const share = await makeShare(temp, 'e2e');
    const joinCode = joinCodeFor(database, share);
    const sent = await submit({ share, joinCode, wait: false, projects: share.projects.slice(0, 3) });
    expect(sent.code, sent.stderr).toBe(0);
    await rememberFarm({ home: temp.file('home'), joinCode });
    await page.getByTestId('farm-section').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('farm-counts').textContent()).toContain('3 antre');
    expect(await page.getByTestId('farm-workers').textContent()).toContain('Belum ada PC pekerja');

    worker = spawnWorker({ joinCode, home: temp.file('worker'), name: 'pc-lantai-2' });
    await waitFor(async () => (await page.getByTestId('farm-workers').textContent())?.includes('pc-lantai-2'), { what: 'the worker PC in the panel', timeoutMs: 60_000 });
    await waitFor(async () => (await page.getByTestId('farm-jobs').count()) > 0 && (await page.getByTestId('farm-jobs').textContent())?.includes('pc-lantai-2'), { what: 'a job rendering or rendered on the worker', timeoutMs: 120_000 });
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await page.getByTestId('farm-section').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'farm-section.png') });
    await waitFor(async () => (await page.getByTestId('farm-counts').textContent())?.includes('3 selesai'), { what: 'three jobs done', timeoutMs: 300_000 });
    expect(await page.getByTestId('farm-counts').textContent()).toContain('0 antre');
    // a job quicker than one poll still shows which PC made it
    expect(await page.getByTestId('farm-jobs').textContent()).toContain('selesai di pc-lantai-2');
  });
});
