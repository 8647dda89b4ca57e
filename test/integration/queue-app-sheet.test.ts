/**
 * A batch spreadsheet queued from the app (the queue panel's API) with the real
 * engine and FFmpeg: the check reports the bad row by row and column in
 * Indonesian and queues nothing; the accepted rows become jobs the app itself
 * runs, with progress events and the home's bumper cache, to files of the
 * right size, length and sound;
 * a job `klipkota batch` queued in the same home stays the CLI's (the app does
 * not run it, so `--resume` still finds it).
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../core/api/contract.js';
import { createApi } from '../../electron/engine/api/index.js';
import { probeMedia } from '../../electron/engine/ffmpeg/probe.js';
import { makeSampleClip } from '../../electron/engine/media/samples.js';
import { openExportQueue } from '../../electron/engine/queue/queue.js';
import { oneClipProject } from '../helpers/project.js';
import { makeTempDir, type TempDir } from '../helpers/media.js';

let temp: TempDir;

beforeAll(async () => {
  temp = await makeTempDir('klipkota-queue-sheet-');
  await mkdir(temp.file('lembar/klip'), { recursive: true });
  await makeSampleClip({ path: temp.file('lembar/klip/posyandu.mp4'), seconds: 1.5, width: 320, height: 180, fps: 30 });
  await makeSampleClip({ path: temp.file('lembar/klip/kerja-bakti.mp4'), seconds: 2, width: 320, height: 180, fps: 30 });
}, 120_000);

afterAll(async () => {
  await temp?.remove();
});

describe('a sheet queued from the app', () => {
  it('checks, queues only the accepted rows, and runs them in the app with progress to finished files', { timeout: 600_000 }, async () => {
    const csv = [
      'Klip;Judul;Nama Narasumber;Jabatan',
      'klip/posyandu.mp4;Posyandu Balita;Siti Aminah;Kader Posyandu Bareng',
      'klip/tidak-ada.mp4;Klip Hilang;Budi Santoso;Camat Klojen',
      'klip/kerja-bakti.mp4;Kerja Bakti RW 05;Ni Luh Putu Ayu;Ketua RW 05 Samaan',
    ].join('\r\n');
    const sheet = temp.file('lembar/kegiatan.csv');
    await writeFile(sheet, `\uFEFF${csv}\r\n`, 'utf8');
    const home = temp.file('home');
    const out = temp.file('hasil');
    await mkdir(out, { recursive: true });

    // a job the CLI queued earlier in the same home: not the app's to run
    await mkdir(home, { recursive: true });
    const cliQueue = openExportQueue({ home });
    const cliJob = cliQueue.add({ source: { kind: 'file', path: temp.file('lembar/lain.klipkota.json') }, projectName: 'lain', presets: ['tiktok'], outDir: out });
    expect(cliJob.queuedBy).toBe('cli');

    const seen: Array<{ event: EventName; payload: { jobId?: string; percent?: number } }> = [];
    const api = createApi({ home, emit: (event, payload) => void seen.push({ event, payload: payload as never }), language: 'id' });

    const checked = await api['queue.checkSheet']({ path: sheet, presets: ['tiktok'] });
    if (!checked.ok) throw new Error(checked.error.message);
    const report = checked.value;
    expect(report.accepted.map((row) => [row.row, row.title])).toEqual([
      [2, 'Posyandu Balita'],
      [4, 'Kerja Bakti RW 05'],
    ]);
    expect(report.issues).toHaveLength(1);
    expect(report.issues[0]).toMatchObject({ row: 3, column: 'clip', columnLabel: 'klip' });
    expect(report.issues[0]!.message).toMatch(/tidak-ada\.mp4/);
    // nothing queued by the check
    expect((await api['queue.list']({})).ok && (await api['queue.list']({}))).toMatchObject({ value: { jobs: [{ jobId: cliJob.id, state: 'queued', queuedBy: 'cli' }] } });

    const added = await api['queue.addSheet']({ path: sheet, presets: ['tiktok'], outDir: out, skipRows: [] });
    if (!added.ok) throw new Error(added.error.message);
    expect(added.value.rows).toEqual([2, 4]);
    await Promise.all(added.value.jobIds.map((jobId) => api.jobs.settled(jobId)));

    const listed = await api['queue.list']({});
    if (!listed.ok) throw new Error(listed.error.message);
    const jobs = listed.value.jobs;
    expect(jobs.find((job) => job.jobId === cliJob.id)).toMatchObject({ state: 'queued', queuedBy: 'cli' });
    for (const [index, jobId] of added.value.jobIds.entries()) {
      const job = jobs.find((entry) => entry.jobId === jobId)!;
      expect(job, JSON.stringify(job.error)).toMatchObject({ state: 'done', queuedBy: 'app', source: 'sheet', sheetRow: added.value.rows[index] });
      // queue.* progress events for every sheet job, ending in done (export.* are the editor's exports)
      const percents = seen.filter((entry) => entry.event === 'queue.progress' && entry.payload.jobId === jobId).map((entry) => entry.payload.percent!);
      expect(percents.length).toBeGreaterThan(0);
      expect(seen.some((entry) => entry.event === 'queue.done' && entry.payload.jobId === jobId)).toBe(true);

      const expectedName = report.accepted[index]!.outputs.tiktok!;
      expect(job.outputs.map((output) => path.basename(output.path))).toEqual([expectedName]);
      const file = path.join(out, expectedName);
      expect(existsSync(file)).toBe(true);
      expect(api.mediaAccess.isAllowed(file)).toBe(true);
      const info = await probeMedia(file);
      expect(info.video).toMatchObject({ width: 1080, height: 1920 });
      expect(info.audio).toBeDefined();
      // intro 3 s + the row's clip + outro 3 s
      expect(info.durationSeconds).toBeCloseTo(6 + (index === 0 ? 1.5 : 2), 1);
    }
    // the sheet jobs used the home's bumper cache (cards encoded once)
    const cached = (await readdir(path.join(home, 'cache', 'bumpers'))).filter((file) => /^[0-9a-f]{40}\.ts$/.test(file));
    // an intro per row (each carries its title) and one outro for both
    expect(cached).toHaveLength(3);
    // the export panel's list holds the editor's exports only
    expect((await api['export.list']({})).ok && (await api['export.list']({}))).toMatchObject({ value: { jobs: [] } });
    // the CLI's job never ran here: no file of it, still waiting for `klipkota batch --resume`
    expect(seen.some((entry) => entry.payload.jobId === cliJob.id)).toBe(false);
    api.shutdown();
  });

  it('a retried CLI job becomes the app\'s and runs here', { timeout: 300_000 }, async () => {
    const home = temp.file('home-retry');
    const out = temp.file('hasil-retry');
    await mkdir(out, { recursive: true });
    await mkdir(home, { recursive: true });
    const cliQueue = openExportQueue({ home });
    const project = oneClipProject({ name: 'Dari batch', clip: temp.file('lembar/klip/posyandu.mp4'), frames: 30 });
    const job = cliQueue.add({ source: { kind: 'sheet', project, projectDir: temp.file('lembar'), sheet: temp.file('lembar/kegiatan.csv'), row: 2 }, projectName: 'Dari batch', presets: ['youtube'], outDir: out });
    cliQueue.update(job.id, { state: 'failed', error: { code: 'render-failed', message: 'FFmpeg berhenti.' } });
    const api = createApi({ home, emit: () => undefined, language: 'id' });
    const retried = await api['queue.retry']({ jobId: job.id });
    expect(retried).toEqual({ ok: true, value: { retried: true } });
    await api.jobs.settled(job.id);
    const listed = await api['queue.list']({});
    if (!listed.ok) throw new Error(listed.error.message);
    const entry = listed.value.jobs[0]!;
    expect(entry, JSON.stringify(entry.error)).toMatchObject({ state: 'done', queuedBy: 'app' });
    expect(entry.error).toBeUndefined();
    const info = await probeMedia(entry.outputs[0]!.path);
    expect(info.video).toMatchObject({ width: 1920, height: 1080 });
    api.shutdown();
  });
});
