/**
 * Export jobs through the API with the real render engine: progress events up
 * to 100 and a done event with the file; a cancelled job emits `cancelled` and
 * leaves no file (partial or whole) in the output folder.
 */
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventName, ExportOutput } from '@core/api/contract.js';
import type { Project } from '@core/model/project.js';
import { createApi } from '../../electron/engine/api/index.js';
import type { RenderRequest } from '../../electron/engine/queue/export-jobs.js';
import { makeSampleClip } from '../../electron/engine/media/samples.js';
import { oneClipProject } from '../helpers/project.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'klipkota-export-api-'));
const clip = path.join(work, 'klip.mp4');

beforeAll(async () => {
  await makeSampleClip({ path: clip, seconds: 2, width: 320, height: 180, fps: 30 });
});

const project: Project = oneClipProject({ name: 'Ekspor uji', clip });

function recorder() {
  const seen: Array<{ event: EventName; payload: Record<string, unknown> }> = [];
  return { seen, emit: (event: EventName, payload: unknown) => void seen.push({ event, payload: payload as Record<string, unknown> }) };
}

describe('export jobs through the API', () => {
  it('reports progress to 100% and finishes with the file', async () => {
    const events = recorder();
    const api = createApi({ home: mkdtempSync(path.join(work, 'home-')), emit: events.emit, language: 'en' });
    const outDir = mkdtempSync(path.join(work, 'out-'));
    const started = await api['export.start']({ project, presets: ['tiktok'], outDir });
    if (!started.ok) throw new Error(started.error.message);
    const { jobId } = started.value;
    await api.jobs.settled(jobId);

    const done = events.seen.find((entry) => entry.event === 'export.done');
    expect(done?.payload.jobId).toBe(jobId);
    const outputs = done?.payload.outputs as Array<{ path: string; width: number; height: number; bytes: number }>;
    expect(outputs).toHaveLength(1);
    expect(outputs[0]).toMatchObject({ width: 1080, height: 1920 });
    expect(statSync(outputs[0]!.path).size).toBe(outputs[0]!.bytes);
    expect(readdirSync(outDir)).toEqual([path.basename(outputs[0]!.path)]);
    const percents = events.seen.filter((entry) => entry.event === 'export.progress').map((entry) => entry.payload.percent as number);
    expect(percents.length).toBeGreaterThan(0);
    expect(percents.at(-1)).toBe(100);
    expect([...percents].sort((a, b) => a - b)).toEqual(percents);

    const list = await api['export.list']({});
    expect(list.ok && list.value.jobs).toEqual([expect.objectContaining({ jobId, state: 'done', presets: ['tiktok'] })]);
    // the output may be played back in the app
    expect(api.mediaAccess.isAllowed(outputs[0]!.path)).toBe(true);
  });

  it('cancels a running export and leaves no file behind', async () => {
    const events = recorder();
    let firstProgress!: () => void;
    const encoding = new Promise<void>((resolve) => (firstProgress = resolve));
    const emit = (event: EventName, payload: unknown) => {
      events.emit(event, payload);
      if (event === 'export.progress') firstProgress();
    };
    const api = createApi({ home: mkdtempSync(path.join(work, 'home-')), emit, language: 'en' });
    const outDir = mkdtempSync(path.join(work, 'out-'));
    const started = await api['export.start']({ project, presets: ['tiktok', 'youtube'], outDir });
    if (!started.ok) throw new Error(started.error.message);
    const { jobId } = started.value;
    await encoding; // FFmpeg is running
    const cancel = await api['export.cancel']({ jobId });
    expect(cancel).toEqual({ ok: true, value: { cancelled: true } });
    await api.jobs.settled(jobId);

    expect(events.seen.map((entry) => entry.event)).toContain('export.cancelled');
    expect(events.seen.map((entry) => entry.event)).not.toContain('export.done');
    expect(readdirSync(outDir)).toEqual([]);
    const again = await api['export.cancel']({ jobId });
    expect(again).toEqual({ ok: true, value: { cancelled: false } });
    const list = await api['export.list']({});
    expect(list.ok && list.value.jobs[0]?.state).toBe('cancelled');
  });
});

/** A render the test finishes by hand: each call waits until the test resolves it. */
function manualRender() {
  const calls: Array<{ request: RenderRequest; finish: (outputs?: ExportOutput[]) => void; fail: (error: Error) => void }> = [];
  const render = vi.fn(
    (request: RenderRequest) =>
      new Promise<ExportOutput[]>((resolve, reject) => {
        request.signal?.addEventListener('abort', () => reject(new Error('aborted')));
        calls.push({ request, finish: (outputs = []) => resolve(outputs), fail: reject });
      }),
  );
  return { render, calls };
}

const output = (file: string): ExportOutput => ({ preset: 'tiktok', path: file, width: 1080, height: 1920, durationSeconds: 2, bytes: 10, warnings: [] });

describe('the export queue', () => {
  const start = async (api: ReturnType<typeof createApi>, name: string) => {
    const started = await api['export.start']({ project: { ...project, name }, presets: ['tiktok'], outDir: work });
    if (!started.ok) throw new Error(started.error.message);
    return started.value.jobId;
  };

  it('runs two exports at once by default, the next when one ends, in the order they were started', async () => {
    const { render, calls } = manualRender();
    const api = createApi({ home: mkdtempSync(path.join(work, 'home-')), emit: recorder().emit, language: 'en', engine: { renderProject: render, listPacks: async () => [] } });
    const ids = [await start(api, 'Satu'), await start(api, 'Dua'), await start(api, 'Tiga')];
    expect(calls.map((call) => call.request.project.name)).toEqual(['Satu', 'Dua']);
    calls[1]!.finish([]);
    await api.jobs.settled(ids[1]!);
    await vi.waitFor(() => expect(render).toHaveBeenCalledTimes(3));
    expect(calls[2]!.request.project.name).toBe('Tiga');
    calls[0]!.finish([]);
    calls[2]!.finish([]);
    await Promise.all(ids.map((id) => api.jobs.settled(id)));
  });

  it('with one at a time, runs them in the order they were started', async () => {
    const events = recorder();
    const { render, calls } = manualRender();
    const api = createApi({ home: mkdtempSync(path.join(work, 'home-')), emit: events.emit, language: 'en', engine: { renderProject: render, listPacks: async () => [] }, queueJobs: 1 });
    const first = await start(api, 'Pertama');
    const second = await start(api, 'Kedua');
    expect(render).toHaveBeenCalledTimes(1);
    expect(calls[0]!.request.project.name).toBe('Pertama');
    const listed = await api['export.list']({});
    expect(listed.ok && listed.value.jobs.find((job) => job.jobId === second)).toMatchObject({ state: 'running', queued: true });
    expect(listed.ok && listed.value.jobs.find((job) => job.jobId === first)?.queued).toBeUndefined();

    calls[0]!.request.onProgress?.({ preset: 'tiktok', percent: 50 });
    calls[0]!.finish([output(path.join(work, 'pertama.mp4'))]);
    await api.jobs.settled(first);
    await vi.waitFor(() => expect(render).toHaveBeenCalledTimes(2));
    expect(calls[1]!.request.project.name).toBe('Kedua');
    calls[1]!.finish([]);
    await api.jobs.settled(second);
    expect(events.seen.map((entry) => `${entry.event}:${entry.payload.jobId === first ? 1 : 2}`)).toEqual([
      'export.progress:1',
      'export.done:1',
      'export.done:2',
    ]);
  });

  it('cancels a queued export before it starts: it never renders', async () => {
    const events = recorder();
    const { render, calls } = manualRender();
    const api = createApi({ home: mkdtempSync(path.join(work, 'home-')), emit: events.emit, language: 'en', engine: { renderProject: render, listPacks: async () => [] } });
    // two run at once: the third waits
    const running = [await start(api, 'Pertama'), await start(api, 'Kedua')];
    const waiting = await start(api, 'Ketiga');
    expect(await api['export.cancel']({ jobId: waiting })).toEqual({ ok: true, value: { cancelled: true } });
    await api.jobs.settled(waiting);
    expect(events.seen).toEqual([{ event: 'export.cancelled', payload: { jobId: waiting } }]);
    const listed = await api['export.list']({});
    expect(listed.ok && listed.value.jobs.find((job) => job.jobId === waiting)).toMatchObject({ state: 'cancelled' });
    expect(listed.ok && listed.value.jobs.find((job) => job.jobId === waiting)?.queued).toBeUndefined();
    calls[0]!.finish([]);
    calls[1]!.finish([]);
    await Promise.all(running.map((id) => api.jobs.settled(id)));
    expect(render).toHaveBeenCalledTimes(2);
    expect(await api['export.cancel']({ jobId: waiting })).toEqual({ ok: true, value: { cancelled: false } });
  });

  it('reports a job done when a cancel came after its files were already in place', async () => {
    const events = recorder();
    let finishLate!: () => void;
    const render = vi.fn(
      (request: RenderRequest) =>
        new Promise<ExportOutput[]>((resolve) => {
          // the files are renamed into place; the cancel arrives before the promise settles
          finishLate = () => resolve([output(path.join(request.outDir, 'selesai.mp4'))]);
        }),
    );
    const api = createApi({ home: mkdtempSync(path.join(work, 'home-')), emit: events.emit, language: 'en', engine: { renderProject: render, listPacks: async () => [] } });
    const jobId = await start(api, 'Selesai');
    await api['export.cancel']({ jobId });
    finishLate();
    await api.jobs.settled(jobId);
    expect(events.seen.map((entry) => entry.event)).toEqual(['export.done']);
    const listed = await api['export.list']({});
    expect(listed.ok && listed.value.jobs[0]).toMatchObject({ state: 'done', outputs: [expect.objectContaining({ path: path.join(work, 'selesai.mp4') })] });
  });

  it('shutdown cancels the running exports and every queued one', async () => {
    const events = recorder();
    const { render } = manualRender();
    const api = createApi({ home: mkdtempSync(path.join(work, 'home-')), emit: events.emit, language: 'en', engine: { renderProject: render, listPacks: async () => [] } });
    const ids = [await start(api, 'A'), await start(api, 'B'), await start(api, 'C')];
    api.shutdown();
    await Promise.all(ids.map((id) => api.jobs.settled(id)));
    expect(render).toHaveBeenCalledTimes(2);
    expect(events.seen.filter((entry) => entry.event === 'export.cancelled').map((entry) => entry.payload.jobId).sort()).toEqual([...ids].sort());
  });
});
