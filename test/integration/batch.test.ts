/**
 * `klipkota batch` and the persisted export queue, with real FFmpeg on small
 * generated clips: a bad project fails with its message while the others are
 * exported; a batch killed mid-encode is finished by `--resume` without redoing
 * finished jobs and without leaving a `.part` file; a corrupt queue.json is kept
 * as .bak; a cancelled queued job never renders; the app's export jobs survive a
 * quit and a new instance on the same home finishes them.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventName, ExportOutput } from '@core/api/contract.js';
import type { Project } from '@core/model/project.js';
import { createExportJobs, type RenderRequest } from '../../electron/engine/queue/export-jobs.js';
import { probeMedia } from '../../electron/engine/ffmpeg/probe.js';
import { openExportQueue, QUEUE_FILE } from '../../electron/engine/queue/queue.js';
import { renderProject } from '../../electron/engine/export/render.js';
import { makeSampleClip } from '../../electron/engine/media/samples.js';
import { runKlipkota, type CliRun } from '../helpers/cli.js';
import { makeTempDir, type TempDir } from '../helpers/media.js';
import { oneClipProject } from '../helpers/project.js';

let temp: TempDir;

function cli(options: { args: string[]; home: string; onSpawn?: (child: ChildProcess) => void }): Promise<CliRun> {
  return runKlipkota({ args: ['batch', ...options.args], env: { KLIPKOTA_HOME: options.home, LANG: 'en_US.UTF-8' }, onSpawn: options.onSpawn });
}

function project(options: { name: string; clip: string }): Project {
  return oneClipProject(options);
}

/** Three project files in a folder; the second one's clip is a text file named .mp4. */
async function writeBatch(folder: string): Promise<string[]> {
  await mkdir(folder, { recursive: true });
  const files = [
    ['01-posyandu.klipkota.json', project({ name: 'Posyandu Sehat', clip: '../media/good.mp4' })],
    ['02-rusak.klipkota.json', project({ name: 'Klip Rusak', clip: '../media/broken.mp4' })],
    ['03-kerja-bakti.klipkota.json', project({ name: 'Kerja Bakti', clip: '../media/good.mp4' })],
  ] as const;
  for (const [name, content] of files) await writeFile(path.join(folder, name), JSON.stringify(content));
  return files.map(([name]) => path.join(folder, name));
}

const listDir = async (dir: string) => (existsSync(dir) ? (await readdir(dir)).sort() : []);

beforeAll(async () => {
  temp = await makeTempDir('klipkota-batch-');
  await mkdir(temp.file('media'));
  await makeSampleClip({ path: temp.file('media/good.mp4'), seconds: 2, width: 320, height: 180, fps: 30 });
  await writeFile(temp.file('media/broken.mp4'), 'Notulen rapat RW 03, bukan video.\n');
});

afterAll(async () => {
  await temp?.remove();
});

describe('klipkota batch', () => {
  it('exports every good project when one has a broken clip, and exits 1 naming it', async () => {
    const files = await writeBatch(temp.file('batch-a'));
    const out = temp.file('out-a');
    const run = await cli({ args: [...files, '--preset', 'youtube', '--out', out, '--json'], home: temp.file('home-a') });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { jobs: Array<{ project: string; state: string; outputs: Array<{ path: string }>; error?: { code: string; message: string } }> };
    expect(report.jobs.map((job) => [path.basename(job.project), job.state])).toEqual([
      ['01-posyandu.klipkota.json', 'done'],
      ['02-rusak.klipkota.json', 'failed'],
      ['03-kerja-bakti.klipkota.json', 'done'],
    ]);
    expect(report.jobs[1]!.error?.message).toContain('broken.mp4');
    expect(report.jobs[1]!.outputs).toEqual([]);
    // named after the project files
    expect(await listDir(out)).toEqual(['01-posyandu-youtube.mp4', '03-kerja-bakti-youtube.mp4']);
    for (const job of [report.jobs[0]!, report.jobs[2]!]) {
      const info = await probeMedia(job.outputs[0]!.path);
      expect(info.video).toMatchObject({ width: 1920, height: 1080 });
      expect(info.durationSeconds).toBeCloseTo(2, 1);
    }
    // the queue remembers it: --status shows the same three jobs
    const status = await cli({ args: ['--status', '--json'], home: temp.file('home-a') });
    expect(status.code).toBe(0);
    expect((JSON.parse(status.stdout) as { jobs: Array<{ state: string }> }).jobs.map((job) => job.state)).toEqual(['done', 'failed', 'done']);
  });

  it('refuses bad usage with exit 2', async () => {
    const home = temp.file('home-usage');
    expect((await cli({ args: ['--preset', 'youtube', '--out', temp.file('x')], home })).code).toBe(2);
    expect((await cli({ args: [temp.file('a.klipkota.json'), '--out', temp.file('x')], home })).code).toBe(2);
    expect((await cli({ args: ['--resume', '--status'], home })).code).toBe(2);
    expect((await cli({ args: ['--dir', temp.file('media'), '--preset', 'youtube', '--out', temp.file('x')], home })).code).toBe(2);
  });

  it('after a crash mid-batch, --resume finishes the rest, keeps finished files and leaves no .part', async () => {
    const folder = temp.file('batch-b');
    const files = await writeBatch(folder);
    // all three good this time
    await writeFile(files[1]!, JSON.stringify(project({ name: 'Klip Rusak', clip: '../media/good.mp4' })));
    const out = temp.file('out-b');
    const home = temp.file('home-b');
    let seenPart = '';
    const killed = await cli({
      args: ['--dir', folder, '--preset', 'youtube', '--out', out],
      home,
      onSpawn: (child) => {
        const watch = setInterval(() => {
          void listDir(out).then((names) => {
            const part = names.find((name) => name.endsWith('.part'));
            // the first job is finished and the second is being written
            if (part && names.includes('01-posyandu-youtube.mp4') && !seenPart) {
              seenPart = path.join(out, part);
              clearInterval(watch);
              child.kill('SIGKILL');
            }
          });
        }, 20);
        child.on('close', () => clearInterval(watch));
      },
    });
    expect(killed.signal).toBe('SIGKILL');
    expect(seenPart).not.toBe('');
    // the queue recorded the .part it was writing
    const before = JSON.parse(readFileSync(path.join(home, QUEUE_FILE), 'utf8')) as { jobs: Array<{ state: string; partials: string[]; source: { path: string } }> };
    // two videos at once (the default): which jobs had ended when the kill landed varies (the second can end
    // before the first; the first can be renamed into place but not yet marked done); what holds is that a
    // running job recorded the .part being written
    expect(before.jobs.filter((job) => job.state === 'running').flatMap((job) => job.partials)).toContain(seenPart);
    const unfinished = before.jobs.filter((job) => job.state !== 'done').map((job) => path.basename(job.source.path));
    const finishedFiles = (await listDir(out)).filter((name) => name.endsWith('.mp4'));
    expect(finishedFiles).toContain('01-posyandu-youtube.mp4');
    const statsBefore = await Promise.all(finishedFiles.map(async (name) => ({ name, ...(({ ino, mtimeMs }) => ({ ino, mtimeMs }))(await stat(path.join(out, name))) })));

    const resumed = await cli({ args: ['--resume', '--json'], home });
    expect(resumed.code).toBe(0);
    const report = JSON.parse(resumed.stdout) as { jobs: Array<{ project: string; state: string }>; warnings?: string[] };
    // every unfinished job is in the report, done; nothing finished is in it
    expect(report.jobs.map((job) => path.basename(job.project)).sort()).toEqual(unfinished.sort());
    expect(report.jobs.every((job) => job.state === 'done')).toBe(true);
    expect(report.warnings?.join(' ')).toContain('stopped halfway');
    // the files that were in place before were not made again (a job caught between rename and "done" is taken as landed)
    const statsAfter = await Promise.all(finishedFiles.map(async (name) => ({ name, ...(({ ino, mtimeMs }) => ({ ino, mtimeMs }))(await stat(path.join(out, name))) })));
    expect(statsAfter).toEqual(statsBefore);
    expect(await listDir(out)).toEqual(['01-posyandu-youtube.mp4', '02-rusak-youtube.mp4', '03-kerja-bakti-youtube.mp4']);
    const info = await probeMedia(path.join(out, '02-rusak-youtube.mp4'));
    expect(info.video).toMatchObject({ width: 1920, height: 1080 });
    const status = await cli({ args: ['--status', '--json'], home });
    expect((JSON.parse(status.stdout) as { jobs: Array<{ state: string }> }).jobs.map((job) => job.state)).toEqual(['done', 'done', 'done']);
  });

  it('Ctrl+C stops the running job without a partial file and puts it back in the queue with the rest for --resume', async () => {
    const folder = temp.file('batch-c');
    const files = await writeBatch(folder);
    await writeFile(files[1]!, JSON.stringify(project({ name: 'Klip Rusak', clip: '../media/good.mp4' })));
    const out = temp.file('out-c');
    const home = temp.file('home-c');
    let interrupted = false;
    const run = await cli({
      args: ['--dir', folder, '--preset', 'youtube', '--out', out, '--json'],
      home,
      onSpawn: (child) => {
        const watch = setInterval(() => {
          void listDir(out).then((names) => {
            if (!interrupted && names.some((name) => name.endsWith('.part'))) {
              interrupted = true;
              clearInterval(watch);
              child.kill('SIGINT');
            }
          });
        }, 20);
        child.on('close', () => clearInterval(watch));
      },
    });
    expect(interrupted).toBe(true);
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as { jobs: Array<{ state: string }> }).jobs.map((job) => job.state)).toEqual(['queued', 'queued', 'queued']);
    expect(await listDir(out)).toEqual([]);
    const resumed = await cli({ args: ['--resume', '--json'], home });
    expect(resumed.code).toBe(0);
    expect((JSON.parse(resumed.stdout) as { jobs: Array<{ state: string }> }).jobs.map((job) => job.state)).toEqual(['done', 'done', 'done']);
    expect(await listDir(out)).toEqual(['01-posyandu-youtube.mp4', '02-rusak-youtube.mp4', '03-kerja-bakti-youtube.mp4']);
  });

  it('keeps a corrupt queue.json as .bak and starts with an empty queue and a warning', async () => {
    const home = temp.file('home-corrupt');
    await mkdir(home);
    await writeFile(path.join(home, QUEUE_FILE), '{"kind":"klipkota.queue","version":1,"jobs":[{"id":');
    const run = await cli({ args: ['--status', '--json'], home });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { jobs: unknown[]; warnings?: string[] };
    expect(report.jobs).toEqual([]);
    expect(report.warnings?.join(' ')).toContain(`${QUEUE_FILE}.bak`);
    expect(run.stderr).toContain('could not be read');
    expect(readFileSync(path.join(home, `${QUEUE_FILE}.bak`), 'utf8')).toBe('{"kind":"klipkota.queue","version":1,"jobs":[{"id":');
    // a queue of another version is kept too, not overwritten or dropped
    await writeFile(path.join(home, QUEUE_FILE), JSON.stringify({ kind: 'klipkota.queue', version: 99, jobs: [] }));
    const queue = openExportQueue({ home });
    expect(queue.recovery.corrupt?.reason).toContain('version');
    expect(readFileSync(queue.recovery.corrupt!.backup, 'utf8')).toContain('"version":99');
    expect(existsSync(path.join(home, `${QUEUE_FILE}.bak`))).toBe(true);
  });
});

describe('one queue file shared by the app and the CLI', () => {
  it('keeps the jobs each of them adds, and a job is claimed by only one of them', () => {
    const home = temp.file('home-shared');
    const app = openExportQueue({ home });
    const cli = openExportQueue({ home });
    const job = (name: string) => ({ source: { kind: 'file' as const, path: temp.file(`${name}.klipkota.json`) }, projectName: name, presets: ['youtube' as const], outDir: temp.file('out-shared') });
    const fromApp = app.add(job('dari-aplikasi'));
    const fromCli = cli.add(job('dari-cli'));
    expect(openExportQueue({ home }).list().map((entry) => entry.id)).toEqual([fromApp.id, fromCli.id]);
    expect(app.claimNext()?.id).toBe(fromApp.id);
    // the CLI sees the app's claim and takes the next one
    expect(cli.claimNext()?.id).toBe(fromCli.id);
    expect(app.claimNext()).toBeUndefined();
    expect(openExportQueue({ home: null }).file).toBeNull();
  });
});

describe('the app export jobs on the persisted queue', () => {
  it('a cancelled queued job stays cancelled; a quit keeps the rest, and a new start on the same home finishes them', async () => {
    const home = temp.file('home-app');
    const out = temp.file('out-app');
    const mediaDir = temp.file('media');
    // first session: the render never finishes on its own (the app is quit mid-export)
    const hanging = vi.fn(
      (request: RenderRequest) =>
        new Promise<ExportOutput[]>((_, reject) => request.signal?.addEventListener('abort', () => reject(new Error('aborted')))),
    );
    const seen: Array<{ event: EventName; jobId: string }> = [];
    const emit = (event: EventName, payload: unknown) => void seen.push({ event, jobId: (payload as { jobId: string }).jobId });
    const first = createExportJobs({ render: hanging, emit, language: () => 'en', queue: openExportQueue({ home }) });
    const request = (name: string) => ({ project: project({ name, clip: 'good.mp4' }), projectDir: mediaDir, presets: ['youtube' as const], outDir: out });
    const a = first.start(request('Lomba Tujuhbelasan'));
    const b = first.start(request('Pasar Murah'));
    const c = first.start(request('Dibatalkan'));
    // two at once: the third waits
    await vi.waitFor(() => expect(hanging).toHaveBeenCalledTimes(2));
    expect(first.cancel(c)).toBe(true);
    await first.settled(c);
    expect(first.cancel(c)).toBe(false);
    const onDisk = () => (JSON.parse(readFileSync(path.join(home, QUEUE_FILE), 'utf8')) as { jobs: Array<{ id: string; state: string }> }).jobs;
    expect(onDisk().map((job) => job.state)).toEqual(['running', 'running', 'cancelled']);

    first.suspend();
    await Promise.all([a, b].map((id) => first.settled(id)));
    expect(onDisk().map((job) => [job.id, job.state])).toEqual([
      [a, 'queued'],
      [b, 'queued'],
      [c, 'cancelled'],
    ]);
    expect(await listDir(out)).toEqual([]);

    // next start: the same home, the real renderer; the two waiting jobs run by themselves
    const events: Array<{ event: EventName; jobId: string }> = [];
    const second = createExportJobs({
      render: renderProject,
      emit: (event, payload) => void events.push({ event, jobId: (payload as { jobId: string }).jobId }),
      language: () => 'en',
      queue: openExportQueue({ home }),
    });
    expect(second.list().map((job) => [job.jobId, job.queued ?? false])).toEqual([
      [a, true],
      [b, true],
      [c, false],
    ]);
    // the two run at once: either may end first
    await vi.waitFor(() => expect(events.filter((entry) => entry.event === 'export.done').map((entry) => entry.jobId).sort()).toEqual([a, b].sort()), { timeout: 120_000, interval: 100 });
    expect(second.list().map((job) => job.state)).toEqual(['done', 'done', 'cancelled']);
    expect(await listDir(out)).toEqual(['lomba-tujuhbelasan-youtube.mp4', 'pasar-murah-youtube.mp4']);
    const info = await probeMedia(path.join(out, 'pasar-murah-youtube.mp4'));
    expect(info.video).toMatchObject({ width: 1920, height: 1080 });
    expect(events.map((entry) => entry.event)).not.toContain('export.cancelled');
  });
});

describe('klipkota batch: resuming, naming and refusing', () => {
  it('a job killed after its first preset was saved is finished by --resume with both files, the first one untouched', async () => {
    const folder = temp.file('batch-presets');
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, 'posyandu.klipkota.json'), JSON.stringify(project({ name: 'Posyandu', clip: '../media/good.mp4' })));
    const out = temp.file('out-presets');
    const home = temp.file('home-presets');
    const recorded = () => {
      try {
        const queue = JSON.parse(readFileSync(path.join(home, QUEUE_FILE), 'utf8')) as { jobs: Array<{ outputs: unknown[] }> };
        return queue.jobs[0]?.outputs.length ?? 0;
      } catch {
        return 0;
      }
    };
    let killedAfterFirst = false;
    const killed = await cli({
      args: ['--dir', folder, '--preset', 'tiktok,youtube', '--out', out],
      home,
      onSpawn: (child) => {
        const watch = setInterval(() => {
          void listDir(out).then((names) => {
            // the TikTok file is saved (and the queue knows it); YouTube is being written
            if (!killedAfterFirst && names.includes('posyandu-tiktok.mp4') && recorded() === 1) {
              killedAfterFirst = true;
              clearInterval(watch);
              child.kill('SIGKILL');
            }
          });
        }, 20);
        child.on('close', () => clearInterval(watch));
      },
    });
    expect(killed.signal).toBe('SIGKILL');
    expect(killedAfterFirst).toBe(true);
    const first = await stat(path.join(out, 'posyandu-tiktok.mp4'));

    const resumed = await cli({ args: ['--resume', '--json'], home });
    expect(resumed.stderr).not.toContain('already exists');
    expect(resumed.code).toBe(0);
    const report = JSON.parse(resumed.stdout) as { jobs: Array<{ state: string; outputs: Array<{ preset: string; path: string }> }> };
    expect(report.jobs.map((job) => job.state)).toEqual(['done']);
    expect(report.jobs[0]!.outputs.map((output) => [output.preset, path.basename(output.path)])).toEqual([
      ['tiktok', 'posyandu-tiktok.mp4'],
      ['youtube', 'posyandu-youtube.mp4'],
    ]);
    expect(await listDir(out)).toEqual(['posyandu-tiktok.mp4', 'posyandu-youtube.mp4']);
    const again = await stat(path.join(out, 'posyandu-tiktok.mp4'));
    expect({ ino: again.ino, mtimeMs: again.mtimeMs }).toEqual({ ino: first.ino, mtimeMs: first.mtimeMs });
    expect((await probeMedia(path.join(out, 'posyandu-youtube.mp4'))).video).toMatchObject({ width: 1920, height: 1080 });
    expect((await probeMedia(path.join(out, 'posyandu-tiktok.mp4'))).video).toMatchObject({ width: 1080, height: 1920 });
  });

  it('two projects both named "Video baru" get a file each, named after their project files', async () => {
    const folder = temp.file('batch-same-name');
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, 'senin.klipkota.json'), JSON.stringify(project({ name: 'Video baru', clip: '../media/good.mp4' })));
    await writeFile(path.join(folder, 'selasa.klipkota.json'), JSON.stringify(project({ name: 'Video baru', clip: '../media/good.mp4' })));
    const out = temp.file('out-same-name');
    const run = await cli({ args: ['--dir', folder, '--preset', 'youtube', '--out', out, '--json'], home: temp.file('home-same-name') });
    expect(run.code).toBe(0);
    expect(await listDir(out)).toEqual(['selasa-youtube.mp4', 'senin-youtube.mp4']);
  });

  it('refuses two project files that would make the same output names, with exit 2 and nothing queued', async () => {
    const home = temp.file('home-clash');
    for (const sub of ['a', 'b']) {
      await mkdir(temp.file(`clash/${sub}`), { recursive: true });
      await writeFile(temp.file(`clash/${sub}/video.klipkota.json`), JSON.stringify(project({ name: 'Video baru', clip: '../../media/good.mp4' })));
    }
    const run = await cli({ args: [temp.file('clash/a/video.klipkota.json'), temp.file('clash/b/video.klipkota.json'), '--preset', 'youtube', '--out', temp.file('out-clash')], home });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('same name');
    expect(existsSync(path.join(home, QUEUE_FILE))).toBe(false);
  });

  it('refuses network (UNC) paths up front with exit 2, and the shared queue keeps working', async () => {
    const home = temp.file('home-unc');
    const good = temp.file('batch-unc/ok.klipkota.json');
    await mkdir(path.dirname(good), { recursive: true });
    await writeFile(good, JSON.stringify(project({ name: 'Ok', clip: '../media/good.mp4' })));
    const unc = await cli({ args: ['//kantor-dinas/share/berita.klipkota.json', '--preset', 'youtube', '--out', temp.file('out-unc')], home });
    expect(unc.code).toBe(2);
    expect(unc.stderr).toContain('Network');
    const uncOut = await cli({ args: [good, '--preset', 'youtube', '--out', '\\\\kantor-dinas\\share\\hasil', '--json'], home });
    expect(uncOut.code).toBe(2);
    expect((JSON.parse(uncOut.stdout) as { error: { code: string } }).error.code).toBe('network-path');
    expect(existsSync(path.join(home, QUEUE_FILE))).toBe(false);
    // the queue refuses such a job too, instead of writing a file every later read would refuse
    const queue = openExportQueue({ home });
    expect(() => queue.add({ source: { kind: 'file', path: good }, projectName: 'Ok', presets: ['youtube'], outDir: '//kantor-dinas/share' })).toThrow(/Network/);
    const status = await cli({ args: ['--status', '--json'], home });
    expect(status.code).toBe(0);
    expect(status.stderr).toBe('');
  });

  it('--resume leaves the app\'s own exports alone', async () => {
    const home = temp.file('home-app-only');
    const queue = openExportQueue({ home });
    const appJob = queue.add({
      source: { kind: 'inline', project: project({ name: 'Dari aplikasi', clip: 'good.mp4' }), projectDir: temp.file('media') },
      projectName: 'Dari aplikasi',
      presets: ['youtube'],
      outDir: temp.file('out-app-only'),
    });
    const resumed = await cli({ args: ['--resume', '--json'], home });
    expect(resumed.code).toBe(0);
    expect((JSON.parse(resumed.stdout) as { jobs: unknown[] }).jobs).toEqual([]);
    expect(openExportQueue({ home }).get(appJob.id)?.state).toBe('queued');
    expect(await listDir(temp.file('out-app-only'))).toEqual([]);
  });
});
