/** Shared pieces of the e2e tests: temp folders, polling a condition, the page's progress values. */
import { mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `klipkota-e2e-${prefix}-`));
}

/** Poll `check` until it returns a value (not undefined/false) or `timeoutMs` passes. */
export async function waitFor<T>(check: () => Promise<T | undefined | false> | T | undefined | false, options: { timeoutMs?: number; what: string }): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${options.what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Open a project file by typing its path (the harness has no open dialog). */
export async function openProjectFile(page: Page, file: string): Promise<void> {
  const field = page.getByTestId('project-open-path');
  await field.locator('input').fill(file);
  await field.locator('button').click();
}

export async function listFiles(folder: string): Promise<string[]> {
  return (await readdir(folder).catch(() => [] as string[])).sort();
}

/**
 * Record every value the export progress bars take, from now on, into
 * `window.__progressSeen` (job id -> values), through a MutationObserver.
 */
export async function recordProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: Record<string, number[]> = {};
    (window as unknown as { __progressSeen: typeof seen }).__progressSeen = seen;
    const sample = () => {
      for (const job of document.querySelectorAll<HTMLElement>('[data-testid="job"]')) {
        const bar = job.querySelector<HTMLProgressElement>('progress');
        const id = job.dataset.jobId ?? '?';
        if (!bar) continue;
        const values = (seen[id] ??= []);
        if (values[values.length - 1] !== bar.value) values.push(bar.value);
      }
    };
    new MutationObserver(sample).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    sample();
  });
}

export async function progressSeen(page: Page, jobId: string): Promise<number[]> {
  return page.evaluate((id) => (window as unknown as { __progressSeen: Record<string, number[]> }).__progressSeen[id] ?? [], jobId);
}
