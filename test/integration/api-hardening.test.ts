/**
 * What the renderer may do through the API, with real files and real FFmpeg:
 * it cannot name an executable (settings), open anything but a folder, read a
 * file's content through an error, get thumbnails or media of files never
 * imported or swapped after import, create folders with a save, or overwrite a
 * file silently. A binary is saved as FFmpeg only when it answers as FFmpeg.
 */
import { chmod, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApi } from '../../electron/engine/api/index.js';
import { resolveFfmpeg, resolveFfprobe } from '../../electron/engine/ffmpeg/binaries.js';
import { makeSampleClip } from '../../electron/engine/media/samples.js';
import { answerMediaRequest } from '../../electron/engine/media/serve.js';
import { checkedSavedBinaries, checkFfmpegBinary, chooseFfmpegBinaries } from '../../electron/engine/settings/ffmpeg-choice.js';
import { loadSettings } from '../../electron/engine/settings/settings.js';
import { makeTempDir, type TempDir } from '../helpers/media.js';
import { oneClipProject } from '../helpers/project.js';

let temp: TempDir;
const SECRET = 'kata-sandi-wifi-kantor: Rahasia123';

beforeAll(async () => {
  temp = await makeTempDir('klipkota-api-hard-');
  await makeSampleClip({ path: temp.file('a.mp4'), seconds: 1, width: 160, height: 90 });
  await makeSampleClip({ path: temp.file('b.mp4'), seconds: 1, width: 320, height: 180 });
  await writeFile(temp.file('secret.txt'), `${SECRET}\n`);
});
afterAll(async () => {
  await temp?.remove();
});

const api = (home: string, openFolder?: (folder: string) => Promise<boolean>) =>
  createApi({ home, emit: vi.fn(), language: 'en', ...(openFolder ? { platform: { openFolder } } : {}) });

describe('executables are chosen by the main process only', () => {
  it('settings.set with an FFmpeg or FFprobe path is refused by the contract and changes nothing', async () => {
    const home = temp.file('home-settings');
    const calls = api(home);
    for (const patch of [{ ffmpegPath: '/bin/sh' }, { ffprobePath: temp.file('secret.txt') }, { language: 'en', ffmpegPath: null }]) {
      const result = await calls['settings.set'](patch);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error.code).toBe('invalid-payload');
    }
    expect((await loadSettings({ home })).settings.ffmpegPath).toBeNull();
    expect(existsSync(path.join(home, 'settings.json'))).toBe(false);
  });

  it('saves a binary only when it answers as FFmpeg', async () => {
    const fake = temp.file('ffmpeg');
    await writeFile(fake, '#!/bin/sh\necho "hello"\n');
    await chmod(fake, 0o755);
    await expect(checkFfmpegBinary({ file: fake, tool: 'ffmpeg' })).rejects.toMatchObject({ code: 'ffmpeg-not-valid', kind: 'bad-input' });
    await expect(checkFfmpegBinary({ file: resolveFfprobe().path, tool: 'ffmpeg' })).rejects.toMatchObject({ code: 'ffmpeg-not-valid' });
    await expect(checkFfmpegBinary({ file: 'ffmpeg', tool: 'ffmpeg' })).rejects.toMatchObject({ code: 'ffmpeg-not-valid' });
    const home = temp.file('home-choose');
    await expect(chooseFfmpegBinaries({ home, ffmpegPath: fake })).rejects.toMatchObject({ code: 'ffmpeg-not-valid' });
    expect((await loadSettings({ home })).settings.ffmpegPath).toBeNull();
    expect(await checkFfmpegBinary({ file: resolveFfmpeg().path, tool: 'ffmpeg' })).toMatch(/^ffmpeg version/);
    const saved = await chooseFfmpegBinaries({ home, ffmpegPath: resolveFfmpeg().path, ffprobePath: resolveFfprobe().path });
    expect(saved).toMatchObject({ ffmpegPath: resolveFfmpeg().path, ffprobePath: resolveFfprobe().path });
    // at start, a saved path that does not answer as FFmpeg (an old or hand-written settings file) is not used
    expect(await checkedSavedBinaries({ ffmpegPath: fake, ffprobePath: resolveFfprobe().path })).toEqual({ ffprobePath: resolveFfprobe().path });
  });

  it('shell.openFolder opens folders only', async () => {
    const openFolder = vi.fn(async () => true);
    const calls = api(temp.file('home-shell'), openFolder);
    const file = await calls['shell.openFolder']({ path: temp.file('secret.txt') });
    expect(!file.ok && file.error.code).toBe('not-a-folder');
    const missing = await calls['shell.openFolder']({ path: temp.file('nowhere') });
    expect(!missing.ok && missing.error.code).toBe('not-a-folder');
    expect(openFolder).not.toHaveBeenCalled();
    expect(await calls['shell.openFolder']({ path: temp.dir })).toEqual({ ok: true, value: { opened: true } });
    expect(openFolder).toHaveBeenCalledWith(temp.dir);
  });
});

describe('what the renderer may read', () => {
  it('project.open of a non-project file never returns its content', async () => {
    const calls = api(temp.file('home-open'));
    await writeFile(temp.file('catatan.klipkota.json'), `{"kind": "${SECRET}", "rahasia": true}`);
    await writeFile(temp.file('rusak.klipkota.json'), `${SECRET} {`);
    for (const file of [temp.file('secret.txt'), temp.file('catatan.klipkota.json'), temp.file('rusak.klipkota.json'), '/dev/zero']) {
      const result = await calls['project.open']({ path: file });
      expect(result.ok, file).toBe(false);
      expect(JSON.stringify(result)).not.toContain('Rahasia123');
      expect(JSON.stringify(result)).not.toContain('kata-sandi');
    }
  });

  it('media.thumbnail only for imported files', async () => {
    const calls = api(temp.file('home-thumb'));
    const before = await calls['media.thumbnail']({ path: temp.file('b.mp4') });
    expect(!before.ok && before.error.code).toBe('media-not-allowed');
    const imported = await calls['media.import']({ paths: [temp.file('b.mp4')] });
    expect(imported.ok && imported.value.items[0]?.info?.video?.width).toBe(320);
    const after = await calls['media.thumbnail']({ path: temp.file('b.mp4'), width: 64 });
    expect(after.ok && after.value.dataUrl.startsWith('data:image/jpeg;base64,')).toBe(true);
  });

  it('serves an allowed path only while it still leads to the same file (a swapped symlink is refused)', async () => {
    const calls = api(temp.file('home-swap'));
    const link = temp.file('klip-link.mp4');
    await symlink(temp.file('a.mp4'), link);
    expect((await calls['media.import']({ paths: [link] })).ok).toBe(true);
    const serve = () => answerMediaRequest({ file: link, isAllowed: (file) => calls.mediaAccess.isAllowed(file) });
    expect((await serve()).status).toBe(200);
    await rm(link);
    await symlink(temp.file('b.mp4'), link);
    expect((await serve()).status).toBe(403);
    expect(calls.mediaAccess.isAllowed(link)).toBe(false);
  });
});

describe('what the renderer may write', () => {
  const project = () => oneClipProject({ name: 'Uji simpan', clip: temp.file('a.mp4') });

  it('project.save creates no folders and does not overwrite a file it did not open or save', async () => {
    const calls = api(temp.file('home-save'));
    const deep = temp.file('tidak/ada/sini/proyek.klipkota.json');
    const noFolder = await calls['project.save']({ project: project(), path: deep });
    expect(!noFolder.ok && noFolder.error.code).toBe('folder-missing');
    expect(existsSync(temp.file('tidak'))).toBe(false);

    const other = temp.file('milik-orang.klipkota.json');
    await writeFile(other, 'precious');
    const refused = await calls['project.save']({ project: project(), path: other });
    expect(!refused.ok && refused.error.code).toBe('file-exists');
    expect(await readFile(other, 'utf8')).toBe('precious');
    expect((await calls['project.save']({ project: project(), path: other, overwrite: true })).ok).toBe(true);

    // the session's own file saves again without a question
    const mine = temp.file('milik-saya.klipkota.json');
    expect((await calls['project.saveAs']({ project: project(), path: mine })).ok).toBe(true);
    expect((await calls['project.save']({ project: project(), path: mine })).ok).toBe(true);
    const opened = api(temp.file('home-save-2'));
    expect((await opened['project.open']({ path: mine })).ok).toBe(true);
    expect((await opened['project.save']({ project: project(), path: mine })).ok).toBe(true);
  });
});
