/**
 * A runner killed between renaming an output into place and recording it in
 * the queue: recovery finds the finished file (its `.part` is gone, the final
 * name was written after the job started), and the next run adopts it instead
 * of rendering it again (or failing on "file exists").
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ExportOutput } from '../../core/api/contract.js';
import type { RenderRequest } from '../../electron/engine/export/render.js';
import { makeSampleClip } from '../../electron/engine/media/samples.js';
import { openExportQueue, QUEUE_FILE, runQueueJob } from '../../electron/engine/queue/queue.js';
import { makeTempDir, type TempDir } from '../helpers/media.js';
import { oneClipProject } from '../helpers/project.js';

let temp: TempDir;
beforeAll(async () => {
  temp = await makeTempDir('klipkota-landed-');
});
afterAll(async () => {
  await temp?.remove();
});

describe('an output renamed into place just before a crash', () => {
  it('is adopted on the next run, not rendered again', async () => {
    const home = temp.file('home');
    const out = temp.file('out');
    mkdirSync(home, { recursive: true });
    mkdirSync(out, { recursive: true });
    const started = new Date(Date.now() - 5000).toISOString();
    const landed = path.join(out, '07-posyandu-tiktok.mp4');
    await makeSampleClip({ path: landed, seconds: 1, width: 320, height: 180, fps: 30 });
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    // an old file of the same kind, written before the job started, is never adopted
    const older = path.join(out, 'lama-youtube.mp4');
    const job = {
      id: 'killed',
      source: { kind: 'inline', project: oneClipProject({ name: 'Posyandu', clip: 'klip.mp4', frames: 2 }), projectDir: temp.dir },
      projectName: 'Posyandu',
      presets: ['tiktok', 'youtube'],
      outputNames: { tiktok: '07-posyandu-tiktok.mp4', youtube: '07-posyandu-youtube.mp4' },
      outDir: out,
      overwrite: false,
      state: 'running',
      runnerPid: gone,
      outputs: [],
      partials: [`${landed}.${gone}-0a1b2c3d.part`, `${path.join(out, '07-posyandu-youtube.mp4')}.${gone}-4e5f6a7b.part`, `${older}.${gone}-11111111.part`],
      createdAt: started,
      startedAt: started,
      updatedAt: new Date().toISOString(),
    };
    writeFileSync(older, 'old');
    const { utimesSync } = await import('node:fs');
    utimesSync(older, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
    writeFileSync(path.join(home, QUEUE_FILE), JSON.stringify({ kind: 'klipkota.queue', version: 1, jobs: [job] }));

    const queue = openExportQueue({ home });
    expect(queue.get('killed')).toMatchObject({ state: 'queued', landed: [landed] });
    const calls: RenderRequest[] = [];
    const render = vi.fn(async (request: RenderRequest): Promise<ExportOutput[]> => {
      calls.push(request);
      return [];
    });
    const ended = await runQueueJob({ queue, job: queue.claimNext()!, render, signal: new AbortController().signal, language: 'en' });
    expect(calls.map((call) => call.presets)).toEqual([['youtube']]);
    expect(ended.state).toBe('done');
    expect(ended.outputs[0]).toMatchObject({ preset: 'tiktok', path: landed, width: 320, height: 180 });
    expect(existsSync(landed)).toBe(true);
    const stored = JSON.parse(readFileSync(path.join(home, QUEUE_FILE), 'utf8')) as { jobs: Array<Record<string, unknown>> };
    expect(stored.jobs[0]!.landed).toBeUndefined();
  });
});
