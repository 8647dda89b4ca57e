/** The renderer skeleton's pure pieces: numbers as the admin reads them, clips from imports, job percent, i18n. */
import { describe, expect, it } from 'vitest';
import { ProjectSchema, type Project } from '@core/model/project.js';
import { baseName, dirName, formatBytes, formatDuration, formatEta } from '../../renderer/src/format.js';
import { translate } from '../../renderer/src/i18n.js';
import { deleteItem } from '@core/model/edits.js';
import { appendImported, clipsOf, projectSeconds } from '../../renderer/src/project/clips.js';
import { jobPercent, type JobView } from '../../renderer/src/features/export/exportStore.js';

const emptyProject = (): Project =>
  ProjectSchema.parse({ kind: 'klipkota.project', version: 3, name: 'Uji', timeline: { tracks: { video: [] } } });

const video = (path: string, durationSeconds: number, still = false) => ({
  path,
  info: {
    path,
    format: 'mov,mp4',
    durationSeconds,
    sizeBytes: 1000,
    video: { codec: 'h264', width: 640, height: 360, rotation: 0 as const, displayWidth: 640, displayHeight: 360, sampleAspect: 1, fps: 30, variableFrameRate: false, still },
  },
});

describe('format', () => {
  it('writes durations, sizes and time left', () => {
    expect(formatDuration(3)).toBe('0:03');
    expect(formatDuration(75.4)).toBe('1:15');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(formatBytes(512, 'id')).toBe('512 B');
    expect(formatBytes(1536, 'id')).toBe('1,5 KB');
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 * 1024 * 1024, 'en')).toBe('5.0 GB');
    expect(formatEta(12, 'id')).toBe('12 dtk');
    expect(formatEta(185, 'id')).toBe('3 mnt 5 dtk');
    expect(formatEta(185, 'en')).toBe('3 min 5 s');
    expect(baseName('C:\\Video\\klip.mp4')).toBe('klip.mp4');
    expect(dirName('/home/admin/out/a.mp4')).toBe('/home/admin/out');
  });
});

describe('clips from imports (through core edits)', () => {
  it('appends imported videos as clips of their whole length at the project rate, skipping files without picture', () => {
    const project = appendImported([
      video('/m/a.mp4', 3),
      { path: '/m/lagu.mp3', info: { path: '/m/lagu.mp3', format: 'mp3', durationSeconds: 30, sizeBytes: 10 } },
      video('/m/logo.png', 0, true),
    ])(emptyProject());
    expect(clipsOf(project).map((clip) => clip.id)).toEqual(['clip-1', 'clip-2']);
    expect(clipsOf(project).map((clip) => [clip.media.path, clip.sourceRange])).toEqual([
      ['/m/a.mp4', { start: 0, duration: 90 }],
      ['/m/logo.png', { start: 0, duration: 150 }],
    ]);
    expect(projectSeconds(project)).toBe(8);
    expect(ProjectSchema.safeParse(project).success).toBe(true);
    expect(clipsOf(deleteItem({ project, itemId: 'clip-1' })).map((clip) => clip.id)).toEqual(['clip-2']);
  });
});

describe('export job percent', () => {
  const job = (patch: Partial<JobView>): JobView => ({
    jobId: 'j',
    presets: ['tiktok', 'youtube'],
    outDir: '/out',
    state: 'running',
    presetPercent: 0,
    outputs: [],
    cancelling: false,
    ...patch,
  });
  it('counts finished presets fully and the running one by its percent', () => {
    expect(jobPercent(job({}))).toBe(0);
    expect(jobPercent(job({ preset: 'tiktok', presetPercent: 50 }))).toBe(25);
    expect(jobPercent(job({ preset: 'youtube', presetPercent: 50 }))).toBe(75);
    expect(jobPercent(job({ preset: 'youtube', presetPercent: 100 }))).toBe(100);
    expect(jobPercent(job({ state: 'done', preset: 'tiktok', presetPercent: 10 }))).toBe(100);
  });
});

describe('i18n', () => {
  it('speaks Indonesian first, English on request, and fills placeholders', () => {
    expect(translate('id', 'export.start')).toBe('Mulai ekspor');
    expect(translate('en', 'export.start')).toBe('Start export');
    expect(translate('id', 'media.total', { count: 2, duration: '0:43' })).toBe('2 klip · total 0:43');
  });
});
