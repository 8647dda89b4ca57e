import { describe, expect, it } from 'vitest';
import {
  CHANNELS,
  EVENT_NAMES,
  NETWORK_PATH_ISSUE,
  SettingsSchema,
  contract,
  events,
  isChannel,
  isNetworkOrDevicePath,
} from '@core/api/contract.js';

const project = { kind: 'klipkota.project', version: 3, name: 'Apel pagi', timeline: { tracks: { video: [] } } };

describe('API contract', () => {
  it('names every call and event the issue asks for', () => {
    expect(CHANNELS).toEqual([
      'project.new',
      'project.open',
      'project.save',
      'project.saveAs',
      'project.recent',
      'project.relinkClip',
      'project.autosave',
      'recovery.check',
      'recovery.restore',
      'recovery.discard',
      'media.import',
      'media.thumbnail',
      'timeline.thumbnail',
      'timeline.waveform',
      'packs.list',
      'overlay.preview',
      'pack.graphic',
      'media.proxy',
      'export.check',
      'captions.import',
      'captions.exportSidecar',
      'captions.graphic',
      'captions.transcribe',
      'captions.transcribeCancel',
      'captions.modelStatus',
      'export.start',
      'export.cancel',
      'export.list',
      'queue.list',
      'queue.pause',
      'queue.resume',
      'queue.cancel',
      'queue.cancelAll',
      'queue.retry',
      'queue.move',
      'queue.clearFinished',
      'queue.checkSheet',
      'queue.addSheet',
      'farm.status',
      'settings.get',
      'settings.set',
      'shell.openFolder',
      'shell.notifyQueueFinished',
      'dialog.openFiles',
      'dialog.saveProject',
      'dialog.saveCaptions',
      'dialog.chooseFolder',
    ]);
    expect(EVENT_NAMES).toEqual(['export.progress', 'export.done', 'export.failed', 'export.cancelled', 'queue.progress', 'queue.done', 'queue.failed', 'queue.cancelled', 'menu.action', 'media.proxyProgress', 'captions.transcribeProgress', 'captions.transcribeDone', 'captions.transcribeFailed', 'captions.transcribeCancelled']);
    expect(isChannel('export.start')).toBe(true);
    expect(isChannel('__proto__')).toBe(false);
    expect(isChannel('toString')).toBe(false);
  });

  it('accepts well-formed requests and rejects unknown fields', () => {
    expect(contract['export.start'].request.safeParse({ project, presets: ['tiktok'], outDir: '/tmp/out' }).success).toBe(true);
    expect(contract['export.start'].request.safeParse({ project, presets: [], outDir: '/tmp/out' }).success).toBe(false);
    expect(contract['export.start'].request.safeParse({ project, presets: ['tiktok'], outDir: '/tmp/out', shell: 'rm -rf /' }).success).toBe(false);
    expect(contract['project.open'].request.safeParse({ path: 'a\0b' }).success).toBe(false);
    expect(contract['overlay.preview'].request.safeParse({ template: 'lower-third', fields: { name: 'Wahyu' }, aspect: '4:3' }).success).toBe(false);
    expect(contract['settings.set'].request.safeParse({ language: 'en' }).success).toBe(true);
    expect(contract['settings.set'].request.safeParse({ language: 'fr' }).success).toBe(false);
  });

  it('refuses UNC, device and NT object paths everywhere a path goes (Windows would connect to the host)', () => {
    for (const bad of ['\\\\kantor\\video\\apel.mp4', '//kantor/video/apel.mp4', '\\/kantor/x.mp4', '\\\\?\\C:\\x.mp4', '\\\\.\\PhysicalDrive0', '\\??\\C:\\x.mp4']) {
      const parsed = contract['media.import'].request.safeParse({ paths: [bad] });
      expect(parsed.success, bad).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe(NETWORK_PATH_ISSUE);
      expect(contract['project.open'].request.safeParse({ path: bad }).success, bad).toBe(false);
      expect(contract['settings.set'].request.safeParse({ ffmpegPath: bad }).success, bad).toBe(false);
    }
    for (const good of ['C:\\Users\\admin\\Videos\\apel.mp4', 'D:/klip/apel.mp4', '/home/admin/apel.mp4', 'klip/apel.mp4', '\\Users\\x.mp4']) {
      expect(contract['media.import'].request.safeParse({ paths: [good] }).success, good).toBe(true);
    }
    expect(isNetworkOrDevicePath('\\\\host\\share')).toBe(true);
    expect(isNetworkOrDevicePath('C:\\x')).toBe(false);
  });

  it('checks events', () => {
    expect(events['export.progress'].safeParse({ jobId: 'a', preset: 'tiktok', percent: 100, etaSeconds: 0 }).success).toBe(true);
    expect(events['export.progress'].safeParse({ jobId: 'a', preset: 'tiktok', percent: -1 }).success).toBe(false);
    expect(events['export.failed'].safeParse({ jobId: 'a', error: { code: 'ffmpeg-failed', message: 'gagal' } }).success).toBe(true);
  });

  it('defaults the settings language to Indonesian', () => {
    expect(SettingsSchema.parse({}).language).toBe('id');
  });
});
