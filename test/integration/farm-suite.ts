/**
 * The farm's behaviour, run against each backend (farm-postgres.test.ts,
 * farm-redis.test.ts): two worker processes share eight jobs and every video
 * is right and made once; a worker SIGKILLed mid-render loses nothing and
 * leaves no `.part`; hostile jobs are refused before anything runs, and a job
 * whose media a worker cannot see is parked with its error after three tries.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FARM_JOB_VERSION, type FarmJob } from '@core/farm.js';
import { openFarmQueue, RENDER_QUEUE } from '../../electron/engine/farm/connection.js';
import { packContentHash } from '../../electron/engine/farm/packs.js';
import { farmStatus } from '../../electron/engine/farm/status.js';
import { probeMedia } from '../../electron/engine/ffmpeg/probe.js';
import { ROOT, runKlipkota } from '../helpers/cli.js';
import { makeTempDir, type TempDir } from '../helpers/media.js';
import { oneClipProject } from '../helpers/project.js';
import { FARM_PACK, JOBS, joinCodeFor, makeShare, MID_RENDER_SECONDS, spawnWorker, stopWorker, submit, type FarmDatabase, type FarmShare, type SpawnedWorker } from './farm-fixture.js';

type SubmitReport = { jobs: Array<{ id: string; state: string; outputs: string[]; worker?: string }> };

/** Every output is a 1080p YouTube video of the 1 s clip with sound, and nothing else (no `.part`) is in the folder. */
async function expectEightGoodVideos(share: FarmShare): Promise<void> {
  const names = (await readdir(share.outDir)).sort();
  expect(names).toEqual(Array.from({ length: JOBS }, (_, index) => `video-${index + 1}-youtube.mp4`).sort());
  for (const name of names) {
    const info = await probeMedia(path.join(share.outDir, name));
    expect(info.video, name).toMatchObject({ width: 1920, height: 1080 });
    expect(info.audio, name).toBeDefined();
    expect(Math.abs(info.durationSeconds - share.seconds), name).toBeLessThan(0.1);
  }
}

const doneJobs = (workers: SpawnedWorker[]) => workers.flatMap((worker) => worker.events.filter((event) => event.event === 'done').map((event) => event.jobId!));

/** What each case gets from the suite: a temp folder, the backend, and lists it fills for clean-up. */
interface FarmCase {
  temp: TempDir;
  start: (temp: TempDir) => Promise<FarmDatabase>;
  workers: SpawnedWorker[];
  databases: FarmDatabase[];
}

async function startWorkers(options: { context: FarmCase; joinCode: string; prefix: string }): Promise<SpawnedWorker[]> {
  const { context, joinCode, prefix } = options;
  const started = ['pc-a', 'pc-b'].map((name) => spawnWorker({ joinCode, home: context.temp.file(`${prefix}-${name}`), name: `${prefix}-${name}` }));
  context.workers.push(...started);
  await Promise.all(started.map((worker) => worker.waitFor((event) => event.event === 'ready', 60_000)));
  return started;
}

async function startDatabase(context: FarmCase): Promise<FarmDatabase> {
  const database = await context.start(context.temp);
  context.databases.push(database);
  return database;
}

/** two workers share eight jobs: each takes some, every video is right, none is made twice */
async function twoWorkersShareEightJobs(context: FarmCase): Promise<void> {
  const database = await startDatabase(context);
  const share = await makeShare(context.temp, 'two');
  const joinCode = joinCodeFor(database, share);
  const [first, second] = await startWorkers({ context, joinCode, prefix: 'two' });
  const run = await submit({ share, joinCode, wait: true });
  expect(run.code, run.stderr).toBe(0);
  const report = JSON.parse(run.stdout) as SubmitReport;
  expect(report.jobs).toHaveLength(JOBS);
  expect(report.jobs.every((job) => job.state === 'done')).toBe(true);
  const done = doneJobs([first!, second!]);
  expect(new Set(done).size).toBe(JOBS);
  expect(done).toHaveLength(JOBS); // no job finished twice
  expect(first!.events.filter((event) => event.event === 'done').length).toBeGreaterThan(0);
  expect(second!.events.filter((event) => event.event === 'done').length).toBeGreaterThan(0);
  await expectEightGoodVideos(share);
  // the pack only the submitter had was fetched from the farm and installed by each worker that rendered
  const hash = await packContentHash(path.join(share.submitterHome, 'packs', FARM_PACK));
  expect(existsSync(path.join(context.temp.file('two-pc-a'), 'farm', 'packs', hash, FARM_PACK, 'pack.json'))).toBe(true);
  // farm status sees both workers and the finished jobs
  const status = await runKlipkota({ args: ['farm', 'status', '--join', joinCode, '--json'], env: { KLIPKOTA_HOME: context.temp.file('status-home'), KLIPKOTA_LANG: 'en' } });
  expect(status.code, status.stderr).toBe(0);
  const parsed = JSON.parse(status.stdout) as { counts: { done: number }; workers: Array<{ name: string }> };
  expect(parsed.counts.done).toBe(JOBS);
  expect(parsed.workers.map((worker) => worker.name).sort()).toEqual(['two-pc-a', 'two-pc-b']);
}

/** a worker killed mid-render: its job goes back to the queue, all eight finish, no .part and nothing twice */
async function workerKilledMidRender(context: FarmCase): Promise<void> {
  const database = await startDatabase(context);
  const share = await makeShare(context.temp, 'kill', { seconds: MID_RENDER_SECONDS });
  const joinCode = joinCodeFor(database, share);
  const [first, second] = await startWorkers({ context, joinCode, prefix: 'kill' });
  const submitter = submit({ share, joinCode, wait: true });
  // the first worker to be well into an encode is killed without warning
  const encoding = await Promise.race([first!, second!].map((worker) => worker.waitFor((event) => event.event === 'progress' && (event.percent ?? 0) >= 15).then((event) => ({ worker, event }))));
  const partsBefore = (await readdir(share.outDir)).filter((name) => name.endsWith('.part'));
  encoding.worker.child.kill('SIGKILL');
  await encoding.worker.exited;
  const survivor = encoding.worker === first ? second! : first!;
  const run = await submitter;
  expect(run.code, run.stderr).toBe(0);
  const report = JSON.parse(run.stdout) as SubmitReport;
  expect(report.jobs.filter((job) => job.state === 'done')).toHaveLength(JOBS);
  expect(partsBefore.length).toBeGreaterThan(0); // it was writing when it died
  const killedJob = encoding.event.jobId!;
  expect(doneJobs([encoding.worker])).not.toContain(killedJob);
  expect(survivor.events.some((event) => event.event === 'started' && event.jobId === killedJob)).toBe(true);
  const done = doneJobs([first!, second!]);
  expect(done).toHaveLength(new Set(done).size);
  expect(new Set(done).size).toBe(JOBS);
  await expectEightGoodVideos(share);
}

/** refuses hostile jobs before acting, and parks a job whose media it cannot see after three tries with its error */
async function hostileJobsRefused(context: FarmCase): Promise<void> {
  const database = await startDatabase(context);
  const share = await makeShare(context.temp, 'hostile');
  const joinCode = joinCodeFor(database, share);
  const good: FarmJob = {
    kind: 'klipkota.farm-job',
    version: FARM_JOB_VERSION,
    project: oneClipProject({ name: 'Sah', clip: 'media/kerja-bakti.mp4', frames: 30 }),
    projectName: 'Sah',
    presets: ['youtube'],
    baseName: 'sah',
    outDir: 'hasil',
    pack: { id: 'pemkot-malang', hash: await packContentHash(path.join(ROOT, 'templates', 'pemkot-malang')) },
    submittedBy: 'test',
  };
  const hostile: Record<string, unknown> = {
    'outside-share': { ...good, outDir: '../di-luar' },
    'not-an-output-folder': { ...good, outDir: 'proyek' },
    'option-preset': { ...good, presets: ['youtube', '-filter_complex movie=/etc/passwd'] },
    'option-name': { ...good, baseName: '-i /etc/passwd' },
    'extra-command': { ...good, command: 'rm -rf /' },
    'absolute-media': { ...good, project: oneClipProject({ name: 'Sah', clip: '/etc/passwd' }) },
    'missing-media': { ...good, baseName: 'hilang', project: oneClipProject({ name: 'Hilang', clip: 'media/tidak-ada.mp4' }) },
  };
  const queue = openFarmQueue({ url: database.url, name: RENDER_QUEUE });
  for (const [id, data] of Object.entries(hostile)) await queue.add('render', data as FarmJob, { jobId: `hostile-${id}`, attempts: 3, backoff: { type: 'fixed', delay: 200 } });
  await queue.close();
  context.workers.push(spawnWorker({ joinCode, home: context.temp.file('hostile-pc'), name: 'hostile-pc' }));
  let status = await farmStatus({ url: database.url, language: 'en' });
  for (let waited = 0; status.counts.parked < Object.keys(hostile).length && waited < 120_000; waited += 500) {
    await sleep(500);
    status = await farmStatus({ url: database.url, language: 'en' });
  }
  const byId = new Map(status.jobs.map((job) => [job.id, job]));
  for (const id of Object.keys(hostile)) expect(byId.get(`hostile-${id}`)?.state, id).toBe('parked');
  for (const id of ['outside-share', 'option-preset', 'option-name', 'extra-command', 'absolute-media']) {
    expect(byId.get(`hostile-${id}`)?.error, id).toContain('never a command');
    expect(byId.get(`hostile-${id}`)?.attempts, id).toBe(1);
  }
  expect(byId.get('hostile-not-an-output-folder')?.error).toContain('not one the coordinator');
  const missing = byId.get('hostile-missing-media')!;
  expect(missing.attempts).toBe(3);
  expect(missing.error).toContain('cannot see media files');
  expect(missing.error).toContain('media/tidak-ada.mp4');
  // nothing was written anywhere
  expect(existsSync(share.outDir) ? await readdir(share.outDir) : []).toEqual([]);
  expect(existsSync(path.join(share.share, '..', 'di-luar'))).toBe(false);
  expect((await readdir(path.join(share.share, 'proyek'))).filter((name) => name.endsWith('.mp4'))).toEqual([]);
}

export function farmSuite(options: { backend: string; start: (temp: TempDir) => Promise<FarmDatabase> }): void {
  describe(`office render farm on ${options.backend}`, () => {
    const context = { start: options.start, workers: [], databases: [] } as unknown as FarmCase;
    beforeAll(async () => {
      context.temp = await makeTempDir(`klipkota-farm-${options.backend}-`);
    });
    afterEach(async () => {
      await Promise.all(context.workers.splice(0).map(stopWorker));
      await Promise.all(context.databases.splice(0).map((database) => database.stop()));
    });
    afterAll(async () => {
      await context.temp?.remove();
    });
    it('two workers share eight jobs: each takes some, every video is right, none is made twice', () => twoWorkersShareEightJobs(context));
    it('a worker killed mid-render: its job goes back to the queue, all eight finish, no .part and nothing twice', () => workerKilledMidRender(context));
    it('refuses hostile jobs before acting, and parks a job whose media it cannot see after three tries with its error', () => hostileJobsRefused(context));
  });
}
