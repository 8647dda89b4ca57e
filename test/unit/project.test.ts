import { describe, expect, it } from 'vitest';
import { KlipError } from '@core/errors.js';
import { parseProject } from '@core/model/migrate.js';
import { PROJECT_VERSION } from '@core/model/project.js';

function expectProjectError(value: unknown, code: string): KlipError {
  try {
    parseProject(value, 'liputan.klipkota.json');
  } catch (error) {
    expect(error).toBeInstanceOf(KlipError);
    const klip = error as KlipError;
    expect(klip.kind).toBe('bad-input');
    expect(klip.code).toBe(code);
    expect(klip.text.id).toContain('liputan.klipkota.json');
    expect(klip.text.en).toContain('liputan.klipkota.json');
    return klip;
  }
  throw new Error(`expected ${code}, parseProject accepted the value`);
}

const minimalV1 = {
  kind: 'klipkota.project',
  version: 1,
  name: 'Car Free Day Ijen',
  timeline: {
    tracks: {
      video: [{ kind: 'clip', id: 'clip-1', media: { path: 'cfd.mp4' }, sourceRange: { start: 0, duration: 90 } }],
    },
  },
};

describe('parseProject, current version', () => {
  it('fills the defaults of a minimal project', () => {
    const project = parseProject(minimalV1);
    expect(project).toEqual({
      kind: 'klipkota.project',
      version: 3,
      name: 'Car Free Day Ijen',
      fps: 30,
      pack: 'pemkot-malang',
      fields: {},
      intro: true,
      outro: true,
      logo: true,
      captionStyle: {},
      burnInCaptions: true,
      timeline: {
        name: 'Timeline',
        markers: [],
        tracks: {
          video: [
            {
              kind: 'clip',
              id: 'clip-1',
              media: { path: 'cfd.mp4' },
              sourceRange: { start: 0, duration: 90 },
              reframe: { mode: 'blur' },
              volume: 1,
              muted: false,
            },
          ],
          overlay: [],
          audio: [],
          captions: [],
        },
      },
    });
    expect(PROJECT_VERSION).toBe(3);
  });

  it('round-trips through JSON unchanged', () => {
    const full = parseProject({
      ...minimalV1,
      fps: 25,
      pack: 'kim-lowokwaru',
      fields: { title: 'Car Free Day', date: '30 November 2026' },
      intro: false,
      timeline: {
        name: 'Utama',
        tracks: {
          video: [
            {
              kind: 'clip',
              id: 'clip-1',
              name: 'Pembukaan',
              media: { path: 'cfd.mp4', missing: true },
              sourceRange: { start: 12, duration: 90 },
              reframe: { mode: 'crop', focusX: 0.2, focusY: 0.7 },
              volume: 0.8,
              muted: true,
            },
            { kind: 'gap', id: 'gap-1', duration: 10 },
          ],
          overlay: [
            { kind: 'overlay', id: 'overlay-1', template: 'lower-third', fields: { name: 'Ani' }, start: 5, duration: 60 },
          ],
          audio: [{ kind: 'music', id: 'music-1', media: { path: 'bed.mp3' } }],
        },
      },
    });
    expect(full.timeline.tracks.audio[0]).toEqual({
      kind: 'music',
      id: 'music-1',
      media: { path: 'bed.mp3' },
      volume: 0.35,
      fadeIn: 30,
      fadeOut: 45,
      duckUnderSpeech: true,
      loop: true,
      start: 0,
    });
    const again = parseProject(JSON.parse(JSON.stringify(full)));
    expect(again).toEqual(full);
  });
});

describe('parseProject, migrations', () => {
  it('upgrades a version 1 project: no markers yet, music placed from the start', () => {
    const project = parseProject({
      ...minimalV1,
      timeline: { tracks: { ...minimalV1.timeline.tracks, audio: [{ kind: 'music', id: 'music-1', media: { path: 'bed.mp3' } }] } },
    });
    expect(project.version).toBe(3);
    expect(project.timeline.markers).toEqual([]);
    expect(project.timeline.tracks.audio[0]).toMatchObject({ id: 'music-1', start: 0 });
    expect(project.timeline.tracks.audio[0]!.duration).toBeUndefined();
  });

  it('keeps the markers of a version 2 project', () => {
    const project = parseProject({
      ...minimalV1,
      version: 2,
      timeline: { ...minimalV1.timeline, markers: [{ id: 'marker-1', frame: 45, note: 'potong di sini' }] },
    });
    expect(project.timeline.markers).toEqual([{ id: 'marker-1', frame: 45, note: 'potong di sini' }]);
  });

  it('upgrades a version 0 project from seconds to frames', () => {
    const project = parseProject({
      version: 0,
      name: 'Draf lama',
      fps: 25,
      clips: [
        { path: 'a.mp4', in: 1.5, out: 4 },
        { path: 'b.mp4', in: 0, out: 0.01 },
      ],
    });
    expect(project.version).toBe(3);
    expect(project.fps).toBe(25);
    expect(project.name).toBe('Draf lama');
    expect(project.timeline.tracks.video).toEqual([
      expect.objectContaining({ kind: 'clip', id: 'clip-1', media: { path: 'a.mp4' }, sourceRange: { start: 38, duration: 63 } }),
      // a clip shorter than a frame keeps one frame
      expect.objectContaining({ kind: 'clip', id: 'clip-2', media: { path: 'b.mp4' }, sourceRange: { start: 0, duration: 1 } }),
    ]);
    expect(project.timeline.tracks.overlay).toEqual([]);
  });

  it('treats a file without a version as version 0 with 30 fps', () => {
    const project = parseProject({ name: 'Tanpa versi', clips: [{ path: 'a.mp4', in: 0, out: 2 }] });
    expect(project.fps).toBe(30);
    expect(project.timeline.tracks.video[0]).toMatchObject({ sourceRange: { start: 0, duration: 60 } });
  });

  it('reports a broken version 0 file with the field', () => {
    const error = expectProjectError({ version: 0, name: 'Rusak', clips: [{ path: 'a.mp4', in: -1, out: 2 }] }, 'project-invalid');
    expect(error.detail).toContain('clips.0.in');
    expect(error.text.en).toContain('clips.0.in');
  });
});

describe('parseProject, rejections', () => {
  it('refuses a project from a newer KlipKota', () => {
    const error = expectProjectError({ ...minimalV1, version: PROJECT_VERSION + 1 }, 'project-too-new');
    expect(error.text.en).toContain(`file version ${PROJECT_VERSION + 1}`);
    expect(error.text.id).toContain('Perbarui');
  });

  it('names the field with the wrong type', () => {
    const badFps = expectProjectError({ ...minimalV1, fps: 'thirty' }, 'project-invalid');
    expect(badFps.detail).toMatch(/^fps: /);
    expect(badFps.text.en).toContain('fps');
    expect(badFps.text.id).toContain('fps');

    const badClip = expectProjectError(
      {
        ...minimalV1,
        timeline: { tracks: { video: [{ kind: 'clip', id: 'clip-1', media: { path: 'a.mp4' }, sourceRange: { start: 0, duration: '90' } }] } },
      },
      'project-invalid',
    );
    expect(badClip.detail).toContain('timeline.tracks.video.0.sourceRange.duration');

    const noTimeline = expectProjectError({ ...minimalV1, timeline: undefined }, 'project-invalid');
    expect(noTimeline.detail).toContain('timeline');

    const wrongKind = expectProjectError({ ...minimalV1, kind: 'something-else' }, 'project-invalid');
    expect(wrongKind.detail).toContain('kind');
  });

  it('refuses values that are not objects', () => {
    for (const value of [null, undefined, 42, 'project', [minimalV1], true]) {
      const error = expectProjectError(value, 'project-invalid');
      expect(error.text.en).toContain('does not hold a KlipKota project');
    }
  });
});
