/** Captions of a clip's file placed under the clip on the timeline: shifted, cut to the trim, replacing what was there (one edit). */
import { describe, expect, it } from 'vitest';
import { placeFileCaptions, setClipCaptions } from '@core/captions/place.js';
import { ProjectSchema, type Project } from '@core/model/project.js';

/** a: timeline 0..60 (file frames 0..60); b: timeline 60..150 (file frames 30..120 of its file) */
function sample(): Project {
  return ProjectSchema.parse({
    kind: 'klipkota.project',
    version: 3,
    name: 'Takarir',
    timeline: {
      tracks: {
        video: [
          { kind: 'clip', id: 'a', media: { path: 'a.mp4' }, sourceRange: { start: 0, duration: 60 } },
          { kind: 'clip', id: 'b', media: { path: 'b.mp4' }, sourceRange: { start: 30, duration: 90 } },
        ],
        captions: [
          { id: 'caption-1', start: 10, duration: 20, text: 'Di klip a' },
          { id: 'caption-2', start: 70, duration: 20, text: 'Lama di klip b' },
        ],
      },
    },
  });
}

const file = [
  { start: 0, duration: 20, text: 'Sebelum potongan' },
  { start: 20, duration: 20, text: 'Melewati awal potongan' },
  { start: 50, duration: 30, text: 'Selamat pagi warga' },
  { start: 110, duration: 30, text: 'Melewati akhir' },
  { start: 130, duration: 10, text: 'Sesudah potongan' },
  { start: 90, duration: 10, text: '  ' },
];

describe('captions of a clip file on the timeline', () => {
  it('shifts them to the clip and cuts them to its trim', () => {
    expect(placeFileCaptions({ project: sample(), clipId: 'b', captions: file })).toEqual([
      { start: 60, duration: 10, text: 'Melewati awal potongan' },
      { start: 80, duration: 30, text: 'Selamat pagi warga' },
      { start: 140, duration: 10, text: 'Melewati akhir' },
    ]);
  });

  it('replaces the captions that started within the clip, keeps the others, in one edit', () => {
    const project = sample();
    const next = setClipCaptions({ project, clipId: 'b', captions: file });
    expect(next.timeline.tracks.captions.map((caption) => [caption.id, caption.start, caption.text])).toEqual([
      ['caption-1', 10, 'Di klip a'],
      ['caption-2', 60, 'Melewati awal potongan'],
      ['caption-3', 80, 'Selamat pagi warga'],
      ['caption-4', 140, 'Melewati akhir'],
    ]);
    expect(project.timeline.tracks.captions).toHaveLength(2);
  });

  it('refuses a clip that is not on the timeline, saying what to do', () => {
    expect(() => setClipCaptions({ project: sample(), clipId: 'x', captions: file })).toThrow(/Select a clip on the timeline/);
  });
});
