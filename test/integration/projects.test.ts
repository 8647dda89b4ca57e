/**
 * Projects on disk through the API, with real files and real FFmpeg: save and
 * open, a moved clip opens marked missing and is located again, save-as never
 * replaces a file silently, and crash recovery (a child process autosaves an
 * edit and is killed; the next start offers the edit back).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Project } from '@core/model/project.js';
import { createApi } from '../../electron/engine/api/index.js';
import { makeSampleClip } from '../../electron/engine/media/samples.js';
import { oneClipProject } from '../helpers/project.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const work = mkdtempSync(path.join(os.tmpdir(), 'klipkota-projects-'));
const clip = path.join(work, 'wawancara.mp4');

beforeAll(async () => {
  await makeSampleClip({ path: clip, seconds: 2, width: 320, height: 180, fps: 25 });
});

function newHome(): string {
  return mkdtempSync(path.join(work, 'home-'));
}

function projectWithClip(name: string, mediaPath: string): Project {
  return oneClipProject({ name, clip: mediaPath, frames: 30 });
}

function ok<T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe('projects on disk', () => {
  it('saves atomically, opens the same project, and lists it as recent', async () => {
    const home = newHome();
    const api = createApi({ home, emit: vi.fn(), language: 'en' });
    const folder = mkdtempSync(path.join(work, 'save-'));
    const file = path.join(folder, 'apel-pagi.klipkota.json');
    const project = projectWithClip('Apel pagi', clip);

    const saved = ok(await api['project.save']({ project, path: file }));
    expect(saved.path).toBe(file);
    expect(readdirSync(folder)).toEqual(['apel-pagi.klipkota.json']);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(project);

    const opened = ok(await api['project.open']({ path: file }));
    expect(opened.project).toEqual(project);
    expect(opened.missingClipIds).toEqual([]);
    expect(api.mediaAccess.isAllowed(clip)).toBe(true);

    const recent = ok(await api['project.recent']({}));
    expect(recent.projects).toEqual([expect.objectContaining({ path: file, name: 'Apel pagi', exists: true })]);
  });

  it('saves a project only to a .klipkota.json name, so a save cannot replace another kind of file', async () => {
    const api = createApi({ home: newHome(), emit: vi.fn(), language: 'id' });
    const folder = mkdtempSync(path.join(work, 'ext-'));
    const victim = path.join(folder, 'id_rsa');
    writeFileSync(victim, 'PRIVATE KEY');
    for (const target of [victim, path.join(folder, 'video.klipkota'), path.join(folder, 'notes.json')]) {
      const save = await api['project.save']({ project: projectWithClip('A', clip), path: target });
      expect(save, target).toMatchObject({ ok: false, error: { code: 'project-extension', message: expect.stringContaining('.klipkota.json') } });
      const saveAs = await api['project.saveAs']({ project: projectWithClip('A', clip), path: target, overwrite: true });
      expect(saveAs, target).toMatchObject({ ok: false, error: { code: 'project-extension' } });
    }
    expect(readFileSync(victim, 'utf8')).toBe('PRIVATE KEY');
    expect(readdirSync(folder)).toEqual(['id_rsa']);
    // any letter case, as Windows names are
    ok(await api['project.save']({ project: projectWithClip('A', clip), path: path.join(folder, 'Rapat.KlipKota.JSON') }));
  });

  it('refuses to replace a file on save-as unless asked', async () => {
    const api = createApi({ home: newHome(), emit: vi.fn(), language: 'id' });
    const file = path.join(mkdtempSync(path.join(work, 'saveas-')), 'a.klipkota.json');
    writeFileSync(file, 'keep me');
    const refused = await api['project.saveAs']({ project: projectWithClip('A', clip), path: file });
    expect(refused).toMatchObject({ ok: false, error: { code: 'file-exists' } });
    expect(readFileSync(file, 'utf8')).toBe('keep me');
    ok(await api['project.saveAs']({ project: projectWithClip('A', clip), path: file, overwrite: true }));
    expect(JSON.parse(readFileSync(file, 'utf8')).name).toBe('A');
  });

  it('opens a project whose clip moved with the clip marked missing, and locates it again', async () => {
    const api = createApi({ home: newHome(), emit: vi.fn(), language: 'en' });
    const folder = mkdtempSync(path.join(work, 'moved-'));
    const original = path.join(folder, 'klip.mp4');
    writeFileSync(original, readFileSync(clip));
    const file = path.join(folder, 'p.klipkota.json');
    // a relative path, as a project carried on a USB stick has
    ok(await api['project.save']({ project: projectWithClip('Pindah', 'klip.mp4'), path: file }));
    const moved = path.join(folder, 'pindahan', 'klip-baru.mp4');
    await import('node:fs/promises').then((fs) => fs.mkdir(path.dirname(moved)));
    renameSync(original, moved);

    const opened = ok(await api['project.open']({ path: file }));
    expect(opened.missingClipIds).toEqual(['clip-1']);
    const item = opened.project.timeline.tracks.video[0];
    expect(item?.kind === 'clip' && item.media).toEqual({ path: 'klip.mp4', missing: true });

    const bad = await api['project.relinkClip']({ project: opened.project, clipId: 'clip-1', path: path.join(folder, 'notes.txt') });
    expect(bad.ok).toBe(false);

    const relinked = ok(await api['project.relinkClip']({ project: opened.project, clipId: 'clip-1', path: moved }));
    const fixed = relinked.project.timeline.tracks.video[0];
    expect(fixed?.kind === 'clip' && fixed.media).toEqual({ path: moved });
    expect(api.mediaAccess.isAllowed(moved)).toBe(true);
  });

  it('imports a clip: probe result, a JPEG thumbnail of the frame and a media URL', async () => {
    const api = createApi({ home: newHome(), emit: vi.fn(), language: 'en' });
    const result = ok(await api['media.import']({ paths: [clip, path.join(work, 'nothing-here.mp4')] }));
    const [good, missing] = result.items;
    expect(good?.info?.video).toMatchObject({ width: 320, height: 180 });
    expect(good?.info?.durationSeconds).toBeCloseTo(2, 1);
    expect(good?.mediaUrl).toBe(`klipkota-media://local/${encodeURIComponent(clip)}`);
    const jpeg = Buffer.from(good!.thumbnail!.replace(/^data:image\/jpeg;base64,/, ''), 'base64');
    expect(jpeg.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    const size = spawnSync(path.join(repo, 'node_modules/@ffprobe-installer/linux-x64/ffprobe'), ['-v', 'error', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', '-i', 'pipe:0'], { input: jpeg });
    expect(size.stdout.toString().trim()).toBe('320,180');
    expect(missing?.error?.code).toBeTruthy();
    expect(missing?.info).toBeUndefined();
    expect(api.mediaAccess.isAllowed(clip)).toBe(true);
    expect(api.mediaAccess.isAllowed(path.join(work, 'nothing-here.mp4'))).toBe(false);
  });
});

describe('crash recovery', () => {
  it('offers the edit back after the process that autosaved it was killed', async () => {
    const home = newHome();
    const folder = mkdtempSync(path.join(work, 'crash-'));
    const file = path.join(folder, 'rapat.klipkota.json');
    const before = createApi({ home, emit: vi.fn(), language: 'en' });
    ok(await before['project.save']({ project: projectWithClip('Rapat', clip), path: file }));
    expect(ok(await before['recovery.check']({})).recovery).toBeNull();

    // a separate app process: the admin renames the project (an edit), autosave runs, then the process dies
    const script = path.join(folder, 'crash.mts');
    writeFileSync(
      script,
      `import { createApi } from ${JSON.stringify(path.join(repo, 'electron/engine/api/index.ts'))};
const api = createApi({ home: process.env.KLIPKOTA_HOME!, emit: () => {} });
const opened = await api['project.open']({ path: ${JSON.stringify(file)} });
if (!opened.ok) throw new Error(opened.error.message);
const edited = { ...opened.value.project, name: 'Rapat koordinasi (suntingan)' };
const saved = await api['project.autosave']({ project: edited, path: opened.value.path });
if (!saved.ok) throw new Error(saved.error.message);
process.stdout.write('autosaved\\n');
process.kill(process.pid, 'SIGKILL');
`,
    );
    const child = spawnSync(process.execPath, [path.join(repo, 'bin/tsx-run.mjs'), script], {
      cwd: repo,
      env: { ...process.env, KLIPKOTA_HOME: home },
      encoding: 'utf8',
    });
    expect(child.stderr).toBe('');
    expect(child.stdout).toBe('autosaved\n');
    expect(child.signal).toBe('SIGKILL');
    // the saved file still holds the old name: the edit exists only in the recovery file
    expect(JSON.parse(readFileSync(file, 'utf8')).name).toBe('Rapat');

    // next start
    const after = createApi({ home, emit: vi.fn(), language: 'en' });
    const offer = ok(await after['recovery.check']({}));
    expect(offer.recovery).toMatchObject({ path: file, name: 'Rapat koordinasi (suntingan)' });
    const restored = ok(await after['recovery.restore']({}));
    expect(restored.project.name).toBe('Rapat koordinasi (suntingan)');
    expect(restored.path).toBe(file);
    expect(after.mediaAccess.isAllowed(clip)).toBe(true);

    // saving the restored edit settles it: nothing is offered on the start after
    ok(await after['project.save']({ project: restored.project, path: file }));
    expect(ok(await after['recovery.check']({})).recovery).toBeNull();
    expect(JSON.parse(readFileSync(file, 'utf8')).name).toBe('Rapat koordinasi (suntingan)');
  });

  it('does not offer an autosave older than the last save, and forgets a discarded one', async () => {
    const home = newHome();
    const api = createApi({ home, emit: vi.fn(), language: 'en' });
    const file = path.join(mkdtempSync(path.join(work, 'older-')), 'p.klipkota.json');
    writeFileSync(file, JSON.stringify(projectWithClip('Awal', clip)));
    utimesSync(file, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'));
    ok(await api['project.autosave']({ project: projectWithClip('Draf', clip), path: file }));
    expect(ok(await api['recovery.check']({})).recovery?.name).toBe('Draf');
    // the file is saved later by another route (e.g. another copy of the app)
    writeFileSync(file, JSON.stringify(projectWithClip('Disimpan', clip)));
    expect(ok(await api['recovery.check']({})).recovery).toBeNull();

    ok(await api['project.autosave']({ project: projectWithClip('Belum disimpan', clip), path: null }));
    expect(ok(await api['recovery.check']({})).recovery?.name).toBe('Belum disimpan');
    expect(ok(await api['recovery.discard']({})).discarded).toBe(true);
    expect(ok(await api['recovery.check']({})).recovery).toBeNull();
    expect(existsSync(path.join(home, 'recovery.json'))).toBe(false);
    expect(await api['recovery.restore']({})).toMatchObject({ ok: false, error: { code: 'recovery-none' } });
  });
});
