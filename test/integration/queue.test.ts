/**
 * The persisted export queue without FFmpeg (the renders here are stand-ins
 * that write real files): outputs are recorded as they land and a job run
 * again renders only what is missing; a bad job is set aside, not the whole
 * queue; a queue that cannot be written never makes a job throw; the app runs
 * only its own jobs and fills the default title and date; dead runners,
 * stale locks, pruning, and the harness's file streams.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventName, ExportOutput } from '@core/api/contract.js';
import type { Project } from '@core/model/project.js';
import type { QueueJob } from '@core/queue.js';
import { createExportJobs, type RenderRequest } from '../../electron/engine/queue/export-jobs.js';
import { HEARTBEAT_MS, KEEP_FINISHED, openExportQueue, QUEUE_FILE, runQueueJob, type ExportQueue } from '../../electron/engine/queue/queue.js';
import { lockSnapshot, removeLockIfUnchanged, renameWithRetry, STALE_LOCK_MS, writeAtomicSync } from '../../electron/engine/queue/queue-file.js';
import { streamFile } from '../../electron/harness/media.js';
import { makeTempDir, type TempDir } from '../helpers/media.js';
import { oneClipProject } from '../helpers/project.js';

const fsState = vi.hoisted(() => ({ failFsync: false, renameFailures: 0 }));
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  const fsyncSync = (fd: number) => {
    if (fsState.failFsync) throw Object.assign(new Error('ENOSPC: no space left on device, fsync'), { code: 'ENOSPC' });
    return actual.fsyncSync(fd);
  };
  const renameSync = (from: string, to: string) => {
    if (fsState.renameFailures > 0) {
      fsState.renameFailures -= 1;
      throw Object.assign(new Error('EBUSY: resource busy or locked, rename'), { code: 'EBUSY' });
    }
    return actual.renameSync(from, to);
  };
  return { ...actual, default: { ...actual, fsyncSync, renameSync }, fsyncSync, renameSync };
});

let temp: TempDir;
beforeAll(async () => {
  temp = await makeTempDir('klipkota-queue-');
});
afterAll(async () => {
  await temp?.remove();
});

function project(name: string): Project {
  return oneClipProject({ name, clip: 'klip.mp4', frames: 2 });
}

const inline = (options: { name: string; outDir: string; presets?: QueueJob['presets'] }) => ({
  source: { kind: 'inline' as const, project: project(options.name), projectDir: temp.dir },
  projectName: options.name,
  presets: options.presets ?? (['youtube'] as QueueJob['presets']),
  outDir: options.outDir,
});

/** A stand-in render that writes each preset's file and tells the queue, like renderProject. */
function fileRender(calls: RenderRequest[]) {
  return vi.fn(async (request: RenderRequest): Promise<ExportOutput[]> => {
    calls.push(request);
    const outputs: ExportOutput[] = [];
    await mkdir(request.outDir, { recursive: true });
    for (const preset of request.presets) {
      const file = path.join(request.outDir, `${request.baseName ?? 'video'}-${preset}.mp4`);
      writeFileSync(file, preset);
      const output = { preset, path: file, width: 320, height: 180, durationSeconds: 2, bytes: preset.length, warnings: [], timeline: [{ kind: 'clip', start: 0 }] };
      outputs.push(output as ExportOutput);
      await request.onOutput?.(output as never);
    }
    return outputs;
  });
}

const rawJobs = (home: string) => (JSON.parse(readFileSync(path.join(home, QUEUE_FILE), 'utf8')) as { jobs: Array<Record<string, unknown>> }).jobs;

describe('running a job', () => {
  it('records each output as it lands (contract fields only) and a job run again renders only the missing presets', async () => {
    const home = temp.file('home-outputs');
    const out = temp.file('out-outputs');
    const queue = openExportQueue({ home });
    const added = queue.add(inline({ name: 'Dua preset', outDir: out, presets: ['tiktok', 'youtube'] }));
    // the first run saves TikTok, then YouTube fails
    const failing = vi.fn(async (request: RenderRequest): Promise<ExportOutput[]> => {
      await mkdir(out, { recursive: true });
      const file = path.join(out, 'dua-preset-tiktok.mp4');
      writeFileSync(file, 'tiktok');
      await request.onOutput?.({ preset: 'tiktok', path: file, width: 1080, height: 1920, durationSeconds: 2, bytes: 6, warnings: [], timeline: [] });
      expect(rawJobs(home)[0]!.outputs).toEqual([{ preset: 'tiktok', path: file, width: 1080, height: 1920, durationSeconds: 2, bytes: 6, warnings: [] }]);
      throw new Error('encoder crashed');
    });
    const first = await runQueueJob({ queue, job: queue.claimNext()!, render: failing, signal: new AbortController().signal, language: 'en' });
    expect(first.state).toBe('failed');
    expect(first.outputs.map((output) => output.preset)).toEqual(['tiktok']);
    // run again (as --resume does after a crash): only YouTube is rendered
    queue.update(added.id, { state: 'queued' });
    const calls: RenderRequest[] = [];
    const second = await runQueueJob({ queue, job: queue.claimNext()!, render: fileRender(calls), signal: new AbortController().signal, language: 'en' });
    expect(calls.map((call) => call.presets)).toEqual([['youtube']]);
    expect(second.state).toBe('done');
    expect(second.outputs.map((output) => output.preset)).toEqual(['tiktok', 'youtube']);
    const stored = rawJobs(home)[0]!.outputs as Array<Record<string, unknown>>;
    expect(stored.map((output) => Object.keys(output).sort())).toEqual([
      ['bytes', 'durationSeconds', 'height', 'path', 'preset', 'warnings', 'width'],
      ['bytes', 'durationSeconds', 'height', 'path', 'preset', 'warnings', 'width'],
    ]);
  });

  it('never throws when the queue file cannot be written: the export goes on and says how it ended', async () => {
    const base = openExportQueue({ home: null });
    const broken: ExportQueue = {
      ...base,
      update: () => {
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      },
    };
    const log = vi.fn();
    const job = base.claimNext() ?? (base.add(inline({ name: 'Disk penuh', outDir: temp.file('out-full') })), base.claimNext()!);
    const calls: RenderRequest[] = [];
    const render = fileRender(calls);
    const wrapped = vi.fn(async (request: RenderRequest) => {
      await request.onPartial?.(path.join(request.outDir, 'x.part'));
      return render(request);
    });
    const ended = await runQueueJob({ queue: broken, job, render: wrapped, signal: new AbortController().signal, language: 'en', log });
    expect(ended.state).toBe('done');
    expect(ended.outputs).toHaveLength(1);
    expect(log.mock.calls.join(' ')).toContain('no space left');

    // the app: a failing render still ends in export.failed, and a queue that cannot be claimed from crashes nothing
    const seen: EventName[] = [];
    const memory = openExportQueue({ home: null });
    const failingQueue: ExportQueue = { ...memory, update: broken.update };
    const jobs = createExportJobs({
      render: async () => {
        throw new Error('ffmpeg gone');
      },
      emit: (event) => void seen.push(event),
      language: () => 'en',
      queue: failingQueue,
      log,
    });
    const id = jobs.start({ project: project('Gagal'), projectDir: temp.dir, presets: ['youtube'], outDir: temp.file('out-failed') });
    await jobs.settled(id);
    expect(seen).toContain('export.failed');

    const unclaimable: ExportQueue = {
      ...openExportQueue({ home: null }),
      claimNext: () => {
        throw Object.assign(new Error('EBUSY: queue.json locked'), { code: 'EBUSY' });
      },
    };
    createExportJobs({ render: vi.fn(), emit: () => undefined, language: () => 'en', queue: unclaimable, log });
    await vi.waitFor(() => expect(log.mock.calls.join(' ')).toContain('queue.json locked'));
  });

  it('refreshes updatedAt while running so other processes know it is alive', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const queue = openExportQueue({ home: temp.file('home-heartbeat') });
      queue.add(inline({ name: 'Lama', outDir: temp.file('out-heartbeat') }));
      const job = queue.claimNext()!;
      const stamped = '2020-01-01T00:00:00.000Z';
      queue.update(job.id, {});
      const raw = rawJobs(temp.file('home-heartbeat'));
      raw[0]!.updatedAt = stamped;
      writeFileSync(path.join(temp.file('home-heartbeat'), QUEUE_FILE), JSON.stringify({ kind: 'klipkota.queue', version: 1, jobs: raw }));
      let finishRender!: () => void;
      const running = runQueueJob({
        queue,
        job,
        render: () => new Promise<ExportOutput[]>((resolve) => (finishRender = () => resolve([]))),
        signal: new AbortController().signal,
        language: 'en',
      });
      await vi.waitFor(() => expect(finishRender).toBeDefined());
      vi.advanceTimersByTime(HEARTBEAT_MS + 1);
      expect(rawJobs(temp.file('home-heartbeat'))[0]!.updatedAt).not.toBe(stamped);
      finishRender();
      await running;
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the app export jobs', () => {
  it('run only the app\'s own jobs and fill in the default title and date', async () => {
    const home = temp.file('home-app-own');
    const queue = openExportQueue({ home });
    const batchJob = queue.add({ source: { kind: 'file', path: temp.file('berita.klipkota.json') }, projectName: 'berita', presets: ['youtube'], outDir: temp.file('out-own') });
    const calls: RenderRequest[] = [];
    const jobs = createExportJobs({ render: fileRender(calls), emit: () => undefined, language: () => 'id', queue });
    const id = jobs.start({ project: project('Posyandu Sehat'), projectDir: temp.dir, presets: ['youtube'], outDir: temp.file('out-own') });
    await jobs.settled(id);
    await jobs.settled(batchJob.id);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.project.fields.title).toBe('Posyandu Sehat');
    expect(calls[0]!.project.fields.date).toMatch(/^\d{1,2} \S+ \d{4}$/);
    expect(openExportQueue({ home }).get(batchJob.id)?.state).toBe('queued');
  });

  it('settles a waiting job of an earlier session after a quit instead of waiting forever', async () => {
    const home = temp.file('home-suspend');
    const earlier = openExportQueue({ home });
    const a = earlier.add(inline({ name: 'Satu', outDir: temp.file('out-suspend') }));
    const b = earlier.add(inline({ name: 'Dua', outDir: temp.file('out-suspend') }));
    // two run at once: the third waits
    const c = earlier.add(inline({ name: 'Tiga', outDir: temp.file('out-suspend') }));
    const hanging = vi.fn(
      (request: RenderRequest) => new Promise<ExportOutput[]>((_, reject) => request.signal?.addEventListener('abort', () => reject(new Error('aborted')))),
    );
    const jobs = createExportJobs({ render: hanging, emit: () => undefined, language: () => 'en', queue: openExportQueue({ home }) });
    await vi.waitFor(() => expect(hanging).toHaveBeenCalledTimes(2));
    jobs.suspend();
    await Promise.all([jobs.settled(a.id), jobs.settled(b.id), jobs.settled(c.id)]);
    expect(hanging).toHaveBeenCalledTimes(2);
    expect(openExportQueue({ home }).list().map((job) => job.state)).toEqual(['queued', 'queued', 'queued']);
  });

  it('cancels a running job whose process is gone, and deletes its .part', async () => {
    const home = temp.file('home-dead-cancel');
    const queue = openExportQueue({ home });
    const jobs = createExportJobs({ render: vi.fn(), emit: () => undefined, language: () => 'en', queue });
    const partial = temp.file('dead.mp4.1234.part');
    writeFileSync(partial, 'half');
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    const job = { ...inline({ name: 'Yatim', outDir: temp.dir }), id: 'dead-job', overwrite: false, state: 'running', runnerPid: gone, outputs: [], partials: [partial], createdAt: new Date().toISOString(), updatedAt: new Date().toISOString() };
    writeFileSync(path.join(home, QUEUE_FILE), JSON.stringify({ kind: 'klipkota.queue', version: 1, jobs: [job] }));
    expect(jobs.cancel('dead-job')).toBe(true);
    expect(rawJobs(home)[0]!.state).toBe('cancelled');
    expect(existsSync(partial)).toBe(false);
  });
});

describe('opening the queue', () => {
  const job = (over: Partial<QueueJob> & { id: string }) => ({
    ...inline({ name: over.id, outDir: temp.dir }),
    overwrite: false,
    state: 'done',
    outputs: [],
    partials: [],
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
    ...over,
  });

  it('sets aside only a bad job (a network path) with a warning, not the whole queue', () => {
    const home = temp.file('home-bad-job');
    mkdirSync(home, { recursive: true });
    writeFileSync(path.join(home, QUEUE_FILE), JSON.stringify({ kind: 'klipkota.queue', version: 1, jobs: [job({ id: 'baik', state: 'queued' }), job({ id: 'unc', outDir: '\\\\server\\share' })] }));
    const queue = openExportQueue({ home });
    expect(queue.recovery.corrupt).toBeUndefined();
    expect(queue.list().map((entry) => entry.id)).toEqual(['baik']);
    expect(queue.recovery.warnings.map((text) => text.en).join(' ')).toContain('rejected.json');
    expect((JSON.parse(readFileSync(path.join(home, `${QUEUE_FILE}.rejected.json`), 'utf8')) as { jobs: Array<{ id: string }> }).jobs.map((entry) => entry.id)).toEqual(['unc']);
    expect(rawJobs(home).map((entry) => entry.id)).toEqual(['baik']);
    expect(existsSync(path.join(home, `${QUEUE_FILE}.bak`))).toBe(false);
  });

  it('requeues a running job that has been silent too long even though its pid exists (reused by another program)', () => {
    const home = temp.file('home-reused-pid');
    mkdirSync(home, { recursive: true });
    const old = new Date(Date.now() - 10 * 60_000).toISOString();
    writeFileSync(path.join(home, QUEUE_FILE), JSON.stringify({ kind: 'klipkota.queue', version: 1, jobs: [job({ id: 'lama', state: 'running', runnerPid: process.ppid, updatedAt: old })] }));
    const queue = openExportQueue({ home });
    expect(queue.recovery.requeued).toEqual(['lama']);
    expect(queue.get('lama')?.state).toBe('queued');
  });

  it('prunes finished jobs beyond the newest 200 or older than 30 days, keeping unfinished ones', () => {
    const home = temp.file('home-prune');
    mkdirSync(home, { recursive: true });
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
    const jobs = [
      job({ id: 'tua', finishedAt: at(40 * 24 * 60) }),
      job({ id: 'menunggu', state: 'queued', updatedAt: at(50 * 24 * 60) }),
      ...Array.from({ length: KEEP_FINISHED + 5 }, (_, index) => job({ id: `j${index}`, finishedAt: at(KEEP_FINISHED + 5 - index) })),
    ];
    writeFileSync(path.join(home, QUEUE_FILE), JSON.stringify({ kind: 'klipkota.queue', version: 1, jobs }));
    const queue = openExportQueue({ home });
    const ids = queue.list().map((entry) => entry.id);
    expect(ids).toHaveLength(KEEP_FINISHED + 1);
    expect(ids).toContain('menunggu');
    expect(ids).not.toContain('tua');
    expect(ids).not.toContain('j4');
    expect(ids).toContain('j5');
    expect(rawJobs(home)).toHaveLength(KEEP_FINISHED + 1);
  });
});

describe('the queue file', () => {
  it('takes over a lock older than the stale age even when its pid is alive, before giving up', () => {
    const home = temp.file('home-old-lock');
    mkdirSync(home, { recursive: true });
    const lock = path.join(home, `${QUEUE_FILE}.lock`);
    writeFileSync(lock, String(process.ppid));
    const old = (Date.now() - STALE_LOCK_MS - 2_000) / 1000;
    utimesSync(lock, old, old);
    const queue = openExportQueue({ home });
    expect(queue.add(inline({ name: 'Setelah kunci', outDir: temp.dir })).state).toBe('queued');
    expect(existsSync(lock)).toBe(false);
  });

  it('does not remove a lock that changed since it was judged stale', () => {
    const lock = temp.file('changed.lock');
    writeFileSync(lock, '999999');
    const seen = lockSnapshot(lock);
    writeFileSync(lock, String(process.ppid));
    expect(removeLockIfUnchanged(lock, seen)).toBe(false);
    expect(readFileSync(lock, 'utf8')).toBe(String(process.ppid));
    expect(removeLockIfUnchanged(lock, lockSnapshot(lock))).toBe(true);
    expect(existsSync(lock)).toBe(false);
  });

  it('leaves no temporary file when the disk is full, and retries a rename Windows briefly refuses', () => {
    const dir = temp.file('atomic');
    mkdirSync(dir, { recursive: true });
    fsState.failFsync = true;
    try {
      expect(() => writeAtomicSync(path.join(dir, QUEUE_FILE), '{}')).toThrow(/no space/);
    } finally {
      fsState.failFsync = false;
    }
    expect(readdirSync(dir)).toEqual([]);
    writeFileSync(path.join(dir, 'a'), 'isi');
    fsState.renameFailures = 2;
    renameWithRetry(path.join(dir, 'a'), path.join(dir, 'b'), 'win32');
    expect(readFileSync(path.join(dir, 'b'), 'utf8')).toBe('isi');
    fsState.renameFailures = 1;
    writeFileSync(path.join(dir, 'c'), 'isi');
    expect(() => renameWithRetry(path.join(dir, 'c'), path.join(dir, 'd'), 'linux')).toThrow(/EBUSY/);
    fsState.renameFailures = 0;
  });
});

describe('the harness file stream', () => {
  it('ends the response without crashing when the file is gone', async () => {
    const server = createServer((_, res) => {
      res.writeHead(200, { 'Content-Type': 'video/mp4' });
      streamFile({ res, file: temp.file('was-deleted.mp4') });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const outcome = await new Promise<string>((resolve) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/' }, (res) => {
        res.on('data', () => undefined);
        res.on('end', () => resolve('ended'));
        res.on('error', () => resolve('aborted'));
        res.on('aborted', () => resolve('aborted'));
      });
      req.on('error', () => resolve('aborted'));
      req.end();
    });
    expect(outcome).toBe('aborted');
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
