import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../electron/engine/files/atomic.js';
import { defaultSettings, loadSettings, resolveHome, saveSettings, updateSettings } from '../../electron/engine/settings/settings.js';

const home = () => mkdtempSync(path.join(os.tmpdir(), 'klipkota-settings-'));

describe('settings', () => {
  it('gives the defaults when there is no file: Indonesian, bundled FFmpeg, TikTok and YouTube', async () => {
    const { settings, recoveredFrom } = await loadSettings({ home: home() });
    expect(recoveredFrom).toBeUndefined();
    expect(settings).toEqual({
      version: 1,
      language: 'id',
      ffmpegPath: null,
      ffprobePath: null,
      outputFolder: null,
      whisperModelPath: null,
      exportDefaults: { presets: ['tiktok', 'youtube'], overwrite: false },
    });
  });

  it('persists a change and reads it back, leaving no temporary files', async () => {
    const dir = home();
    await updateSettings({ home: dir, patch: { language: 'en', outputFolder: '/srv/video', exportDefaults: { presets: ['reels'] } } });
    await updateSettings({ home: dir, patch: { ffmpegPath: '/opt/ffmpeg/bin/ffmpeg' } });
    const { settings } = await loadSettings({ home: dir });
    expect(settings).toMatchObject({
      language: 'en',
      outputFolder: '/srv/video',
      ffmpegPath: '/opt/ffmpeg/bin/ffmpeg',
      exportDefaults: { presets: ['reels'], overwrite: false },
    });
    expect(readdirSync(dir)).toEqual(['settings.json']);
    expect(JSON.parse(readFileSync(path.join(dir, 'settings.json'), 'utf8')).language).toBe('en');
  });

  it('keeps a corrupt file as .bak and starts from the defaults', async () => {
    const dir = home();
    writeFileSync(path.join(dir, 'settings.json'), '{"language": "en", ');
    const first = await loadSettings({ home: dir });
    expect(first.settings).toEqual(defaultSettings());
    expect(first.recoveredFrom).toBe(path.join(dir, 'settings.json.bak'));
    expect(readFileSync(path.join(dir, 'settings.json.bak'), 'utf8')).toBe('{"language": "en", ');

    // a second bad file does not overwrite the first backup
    writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ language: 'fr' }));
    const second = await loadSettings({ home: dir });
    expect(second.settings.language).toBe('id');
    expect(second.recoveredFrom).toBe(path.join(dir, 'settings.json.1.bak'));
    expect(readFileSync(path.join(dir, 'settings.json.bak'), 'utf8')).toBe('{"language": "en", ');

    await saveSettings({ home: dir, settings: { ...second.settings, language: 'en' } });
    expect((await loadSettings({ home: dir })).settings.language).toBe('en');
  });

  it('writes atomically: when the final rename fails the old file is intact and no temporary file is left', async () => {
    const dir = home();
    const target = path.join(dir, 'settings.json');
    await writeFileAtomic({ path: target, data: 'old' });
    // a folder in the way of the rename makes the last step fail
    const blocked = path.join(dir, 'blocked');
    mkdirSync(path.join(blocked, 'child'), { recursive: true });
    await expect(writeFileAtomic({ path: blocked, data: 'new' })).rejects.toThrow();
    expect(readdirSync(dir).sort()).toEqual(['blocked', 'settings.json']);
    expect(readFileSync(target, 'utf8')).toBe('old');
  });

  it('takes the home folder from KLIPKOTA_HOME, else the user-data folder', () => {
    expect(resolveHome({ env: { KLIPKOTA_HOME: '/media/usb/KlipKota' }, userData: '/home/a/.config/KlipKota' })).toBe('/media/usb/KlipKota');
    expect(resolveHome({ env: {}, userData: '/home/a/.config/KlipKota' })).toBe('/home/a/.config/KlipKota');
  });
});
