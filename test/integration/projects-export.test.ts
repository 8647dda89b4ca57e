/**
 * Export jobs through the API with the real render engine: progress events up
 * to 100 and a done event with the file; a cancelled job emits `cancelled` and
 * leaves no file (partial or whole) in the output folder.
 */
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../core/api/contract.js';
import type { Project } from '../../core/model/project.js';
import { createApi } from '../../electron/engine/api.js';
import { makeSampleClip } from '../../electron/engine/samples.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'klipkota-export-api-'));
const clip = path.join(work, 'klip.mp4');

beforeAll(async () => {
  await makeSampleClip({ path: clip, seconds: 2, width: 320, height: 180, fps: 30 });
});

const project: Project = {
  kind: 'klipkota.project',
  version: 1,
  name: 'Ekspor uji',
  fps: 30,
  pack: 'pemkot-malang',
  fields: {},
  intro: false,
  outro: false,
  logo: false,
  timeline: {
    name: 'Timeline',
    tracks: {
      video: [{ kind: 'clip', id: 'clip-1', media: { path: clip }, sourceRange: { start: 0, duration: 60 }, reframe: { mode: 'blur' }, volume: 1, muted: false }],
      overlay: [],
      audio: [],
    },
  },
};

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
