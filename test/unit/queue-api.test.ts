/**
 * The queue panel's API (electron/engine/api/queue.ts) with a render the test
 * finishes by hand: payloads checked before anything runs, network paths and
 * unchecked sheets refused, pause lets the running job finish and starts no
 * other, reorder / cancel / retry / clear finished change what runs and in
 * which order; a version-1 queue file is upgraded with each job's owner and
 * the app never runs the CLI's jobs.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { ExportOutput } from '@core/api/contract.js';
import { createApi } from '../../electron/engine/api/index.js';
import type { RenderRequest } from '../../electron/engine/queue/export-jobs.js';
import { moveWaiting } from '../../electron/engine/api/queue.js';
import { openExportQueue, QUEUE_FILE } from '../../electron/engine/queue/queue.js';
import type { QueueJob } from '@core/queue.js';
import { oneClipProject } from '../helpers/project.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'klipkota-queue-api-'));
const project = oneClipProject({ name: 'Uji antrean', clip: path.join(work, 'klip.mp4') });

function manualRender() {
  const calls: Array<{ request: RenderRequest; finish: (outputs?: ExportOutput[]) => void }> = [];
  const render = vi.fn(
    (request: RenderRequest) =>
      new Promise<ExportOutput[]>((resolve, reject) => {
        request.signal?.addEventListener('abort', () => reject(new Error('aborted')));
        calls.push({ request, finish: (outputs = []) => resolve(outputs) });
      }),
  );
  return { render, calls };
}

function setup(home = mkdtempSync(path.join(work, 'home-'))) {
  const { render, calls } = manualRender();
  const api = createApi({ home, emit: vi.fn(), language: 'en', engine: { renderProject: render, listPacks: async () => [] } });
  return { api, render, calls, home };
}

async function start(api: ReturnType<typeof createApi>, name: string): Promise<string> {
  const started = await api['export.start']({ project: { ...project, name }, presets: ['tiktok'], outDir: work });
  if (!started.ok) throw new Error(started.error.message);
  return started.value.jobId;
}

async function listed(api: ReturnType<typeof createApi>) {
  const result = await api['queue.list']({});
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('queue API: refusals', () => {
  it('refuses malformed payloads before anything runs', async () => {
    const { api, render } = setup();
    const bad: Array<[string, unknown]> = [
      ['queue.cancel', {}],
      ['queue.cancel', { jobId: '' }],
      ['queue.retry', { jobId: 5 }],
      ['queue.move', { jobId: 'x', direction: 'sideways' }],
      ['queue.pause', { extra: true }],
      ['queue.checkSheet', { path: '' }],
      ['queue.checkSheet', { path: path.join(work, 'daftar.txt') }],
      ['queue.checkSheet', { path: path.join(work, 'daftar.csv'), presets: ['vhs'] }],
      ['queue.addSheet', { path: path.join(work, 'daftar.csv'), presets: [], outDir: work }],
      ['queue.addSheet', { path: path.join(work, 'daftar.csv'), presets: ['tiktok'], outDir: work, skipRows: [1] }],
      ['queue.addSheet', { path: path.join(work, 'daftar.csv'), presets: ['tiktok'] }],
    ];
    for (const [channel, payload] of bad) {
      const result = await api.handle(channel, payload);
      expect(result.ok, `${channel} ${JSON.stringify(payload)}`).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid-payload');
    }
    expect(render).not.toHaveBeenCalled();
  });

  it('refuses a network sheet path and output folder with the network-path answer', async () => {
    const { api } = setup();
    const check = await api['queue.checkSheet']({ path: '\\\\server\\share\\daftar.csv' });
    expect(check.ok || check.error.code).toBe('network-path');
    const add = await api['queue.addSheet']({ path: path.join(work, 'daftar.csv'), presets: ['tiktok'], outDir: '//server/share/out' });
    expect(add.ok || add.error.code).toBe('network-path');
  });

  it('queues nothing from a sheet that was not checked in this session', async () => {
    const { api, render } = setup();
    const sheet = path.join(work, 'belum.csv');
    writeFileSync(sheet, 'klip,judul\nklip.mp4,Satu\n');
    const add = await api['queue.addSheet']({ path: sheet, presets: ['tiktok'], outDir: work });
    expect(add.ok || add.error.code).toBe('sheet-not-checked');
    expect(add.ok || add.error.message).toMatch(/has not been checked/);
    expect((await listed(api)).jobs).toEqual([]);
    expect(render).not.toHaveBeenCalled();
  });

  it('answers a sheet that does not exist in plain words', async () => {
    const { api } = setup();
    const check = await api['queue.checkSheet']({ path: path.join(work, 'tidak-ada.csv') });
    expect(check.ok || check.error.code).toBe('sheet-missing');
    expect(check.ok || check.error.message).toMatch(/was not found/);
  });
});

describe('queue API: controls', () => {
  it('runs two jobs at once (the measured default); pause lets the running ones finish and starts no other; resume goes on', async () => {
    const { api, render, calls } = setup();
    const first = await start(api, 'Satu');
    const second = await start(api, 'Dua');
    const third = await start(api, 'Tiga');
    expect(render).toHaveBeenCalledTimes(2);
    expect((await listed(api)).jobs.map((job) => job.state)).toEqual(['running', 'running', 'queued']);
    expect(await api['queue.pause']({})).toEqual({ ok: true, value: { paused: true } });
    calls[1]!.finish();
    calls[0]!.finish();
    await Promise.all([api.jobs.settled(first), api.jobs.settled(second)]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(render).toHaveBeenCalledTimes(2);
    const paused = await listed(api);
    expect(paused.paused).toBe(true);
    expect(paused.jobs.map((job) => [job.projectName, job.state, job.queuedBy, job.source])).toEqual([
      ['Satu', 'done', 'app', 'project'],
      ['Dua', 'done', 'app', 'project'],
      ['Tiga', 'queued', 'app', 'project'],
    ]);
    await api['queue.resume']({});
    await vi.waitFor(() => expect(render).toHaveBeenCalledTimes(3));
    calls[2]!.finish();
    await api.jobs.settled(third);
    expect((await listed(api)).jobs.map((job) => job.state)).toEqual(['done', 'done', 'done']);
  });

  it('keeps two running as jobs end: of four, the third starts when one ends and the fourth only after another', async () => {
    const { api, render, calls } = setup();
    const ids = [await start(api, 'Satu'), await start(api, 'Dua'), await start(api, 'Tiga'), await start(api, 'Empat')];
    expect(render).toHaveBeenCalledTimes(2);
    calls[0]!.finish();
    await api.jobs.settled(ids[0]!);
    await vi.waitFor(() => expect(render).toHaveBeenCalledTimes(3));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(render).toHaveBeenCalledTimes(3);
    calls[2]!.finish();
    await vi.waitFor(() => expect(render).toHaveBeenCalledTimes(4));
    expect(calls.map((call) => call.request.project.name)).toEqual(['Satu', 'Dua', 'Tiga', 'Empat']);
    calls[1]!.finish();
    calls[3]!.finish();
    await Promise.all(ids.map((id) => api.jobs.settled(id)));
  });

  it('never runs two jobs that write the same file at once: the second waits, and others pass it', async () => {
    const { api, render, calls } = setup();
    const first = await start(api, 'Sama');
    const again = await start(api, 'Sama');
    const other = await start(api, 'Lain');
    // the same project to the same folder waits for the first; the next job takes the free slot
    expect(calls.map((call) => call.request.project.name)).toEqual(['Sama', 'Lain']);
    calls[0]!.finish();
    await api.jobs.settled(first);
    await vi.waitFor(() => expect(render).toHaveBeenCalledTimes(3));
    expect(calls[2]!.request.project.name).toBe('Sama');
    calls[1]!.finish();
    calls[2]!.finish();
    await Promise.all([again, other].map((id) => api.jobs.settled(id)));
  });

  it('with one at a time, the next job starts only when the running one ends', async () => {
    const { render, calls } = manualRender();
    const api = createApi({ home: mkdtempSync(path.join(work, 'home-one-')), emit: vi.fn(), language: 'en', engine: { renderProject: render, listPacks: async () => [] }, queueJobs: 1 });
    const first = await start(api, 'Satu');
    const second = await start(api, 'Dua');
    expect(render).toHaveBeenCalledTimes(1);
    calls[0]!.finish();
    await api.jobs.settled(first);
    await vi.waitFor(() => expect(render).toHaveBeenCalledTimes(2));
    calls[1]!.finish();
    await api.jobs.settled(second);
    expect(calls.map((call) => call.request.project.name)).toEqual(['Satu', 'Dua']);
  });

  it('reorders waiting jobs, cancels one, retries it, and clears the finished ones', async () => {
    const { api, render, calls } = setup();
    await api['queue.pause']({});
    const a = await start(api, 'A');
    const b = await start(api, 'B');
    const c = await start(api, 'C');
    expect(render).not.toHaveBeenCalled();
    expect(await api['queue.move']({ jobId: c, direction: 'up' })).toEqual({ ok: true, value: { moved: true } });
    expect(await api['queue.move']({ jobId: a, direction: 'up' })).toEqual({ ok: true, value: { moved: false } });
    expect((await listed(api)).jobs.map((job) => job.projectName)).toEqual(['A', 'C', 'B']);
    expect(await api['queue.cancel']({ jobId: b })).toEqual({ ok: true, value: { cancelled: true } });
    expect(await api['queue.move']({ jobId: b, direction: 'up' })).toEqual({ ok: true, value: { moved: false } });
    expect(await api['queue.retry']({ jobId: a })).toEqual({ ok: true, value: { retried: false } });
    expect(await api['queue.retry']({ jobId: b })).toEqual({ ok: true, value: { retried: true } });
    await api['queue.resume']({});
    // two at a time: A and C start together, B when one of them ends
    await vi.waitFor(() => expect(render).toHaveBeenCalledTimes(2));
    calls[0]!.finish();
    await vi.waitFor(() => expect(render).toHaveBeenCalledTimes(3));
    calls[1]!.finish();
    calls[2]!.finish();
    await Promise.all([a, b, c].map((id) => api.jobs.settled(id)));
    expect(calls.map((call) => call.request.project.name)).toEqual(['A', 'C', 'B']);
    expect(await api['queue.clearFinished']({})).toEqual({ ok: true, value: { cleared: 3 } });
    expect((await listed(api)).jobs).toEqual([]);
  });

  it('cancel all drops the waiting jobs and stops the running ones', async () => {
    const { api, render } = setup();
    const ids = [await start(api, 'X'), await start(api, 'Y'), await start(api, 'Z')];
    expect(render).toHaveBeenCalledTimes(2);
    expect(await api['queue.cancelAll']({})).toEqual({ ok: true, value: { cancelled: 3 } });
    await Promise.all(ids.map((id) => api.jobs.settled(id)));
    expect(render).toHaveBeenCalledTimes(2);
    expect((await listed(api)).jobs.map((job) => job.state)).toEqual(['cancelled', 'cancelled', 'cancelled']);
  });

  it('cancel all leaves the jobs of a `klipkota batch` alone', async () => {
    const { api, render, home } = setup();
    await api['queue.pause']({});
    const mine = await start(api, 'Dari aplikasi');
    const cli = openExportQueue({ home }).add({ source: { kind: 'file', path: path.join(work, 'c.klipkota.json') }, projectName: 'Dari batch', presets: ['youtube'], outDir: work });
    expect(await api['queue.cancelAll']({})).toEqual({ ok: true, value: { cancelled: 1 } });
    await api.jobs.settled(mine);
    expect(render).not.toHaveBeenCalled();
    expect((await listed(api)).jobs.map((job) => [job.projectName, job.state, job.queuedBy])).toEqual([
      ['Dari aplikasi', 'cancelled', 'app'],
      ['Dari batch', 'queued', 'cli'],
    ]);
    expect(cli.queuedBy).toBe('cli');
  });

  it('moves a waiting job past running and finished ones to its waiting neighbour', () => {
    const job = (id: string, state: QueueJob['state']) => ({ id, state }) as QueueJob;
    const jobs = [job('a', 'queued'), job('b', 'running'), job('c', 'done'), job('d', 'queued')];
    expect(moveWaiting(jobs, { jobId: 'd', direction: 'up' })?.map((entry) => entry.id)).toEqual(['d', 'b', 'c', 'a']);
    expect(moveWaiting(jobs, { jobId: 'd', direction: 'down' })).toBeUndefined();
    expect(moveWaiting(jobs, { jobId: 'b', direction: 'up' })).toBeUndefined();
  });
});

describe('the queue-finished notification', () => {
  it('is written by the engine in the UI language from the counts alone', async () => {
    const notify = vi.fn(async () => true);
    const api = createApi({ home: mkdtempSync(path.join(work, 'home-n-')), emit: vi.fn(), language: 'id', platform: { notify } });
    expect(await api['shell.notifyQueueFinished']({ done: 9, failed: 1 })).toEqual({ ok: true, value: { shown: true } });
    expect(notify).toHaveBeenCalledWith({ title: 'Antrean KlipKota selesai', body: '9 video selesai, 1 gagal.' });
    for (const payload of [{ done: -1, failed: 0 }, { done: 1, failed: 0, title: '<b>x</b>' }, { body: 'teks bebas' }]) {
      const refused = await api.handle('shell.notifyQueueFinished', payload);
      expect(refused.ok || refused.error.code).toBe('invalid-payload');
    }
    expect(notify).toHaveBeenCalledTimes(1);
  });

  it('is not available without a host that can show one (the harness)', async () => {
    const { api } = setup();
    const result = await api['shell.notifyQueueFinished']({ done: 2, failed: 0 });
    expect(result.ok || result.error.code).toBe('not-available');
  });
});

describe('queue file version 2', () => {
  it('upgrades a version-1 file with each job owner; the app runs its own jobs only', async () => {
    const home = mkdtempSync(path.join(work, 'home-v1-'));
    const stamp = new Date().toISOString();
    const base = { presets: ['tiktok'], outDir: work, overwrite: false, state: 'queued', outputs: [], partials: [], createdAt: stamp, updatedAt: stamp };
    const jobs = [
      { ...base, id: 'app-lama', projectName: 'Dari aplikasi', source: { kind: 'inline', project, projectDir: work } },
      { ...base, id: 'cli-lama', projectName: 'Dari batch', source: { kind: 'file', path: path.join(work, 'a.klipkota.json') } },
    ];
    writeFileSync(path.join(home, QUEUE_FILE), JSON.stringify({ kind: 'klipkota.queue', version: 1, jobs }));
    const { api, render, calls } = setup(home);
    await vi.waitFor(() => expect(render).toHaveBeenCalledTimes(1));
    expect(calls[0]!.request.project.name).toBe('Uji antrean');
    const file = JSON.parse(readFileSync(path.join(home, QUEUE_FILE), 'utf8')) as { version: number; jobs: Array<{ id: string; queuedBy: string }> };
    expect(file.version).toBe(2);
    expect(file.jobs.map((job) => [job.id, job.queuedBy])).toEqual([
      ['app-lama', 'app'],
      ['cli-lama', 'cli'],
    ]);
    // a job another process (the CLI) adds shows in the next list
    const other = openExportQueue({ home });
    other.add({ source: { kind: 'file', path: path.join(work, 'b.klipkota.json') }, projectName: 'Batch lain', presets: ['youtube'], outDir: work });
    expect((await listed(api)).jobs.map((job) => job.projectName)).toEqual(['Dari aplikasi', 'Dari batch', 'Batch lain']);
    calls[0]!.finish();
    await api.jobs.settled('app-lama');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(render).toHaveBeenCalledTimes(1);
    expect((await listed(api)).jobs.find((job) => job.jobId === 'cli-lama')).toMatchObject({ state: 'queued', queuedBy: 'cli' });
  });
});
