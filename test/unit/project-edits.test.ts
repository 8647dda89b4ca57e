/** The project-wide edits (re-exported by edits.ts): name, fields, pack, cards and logo, music, clip name. */
import { describe, expect, it } from 'vitest';
import { renameClip, renameProject, setBranding, setPack, setProjectFields, updateMusic } from '../../core/model/edits.js';
import { ProjectSchema } from '../../core/model/project.js';

const base = ProjectSchema.parse({
  kind: 'klipkota.project',
  version: 1,
  name: 'Senam Pagi',
  fields: { date: 'Senin' },
  timeline: {
    tracks: {
      video: [{ kind: 'clip', id: 'clip-1', name: 'a.mp4', media: { path: '/m/a.mp4' }, sourceRange: { start: 0, duration: 60 } }],
      overlay: [{ kind: 'overlay', id: 'overlay-1', template: 'lower-third', fields: { name: 'Rina' }, start: 0, duration: 30 }],
      audio: [{ kind: 'music', id: 'music-1', media: { path: '/m/bed.mp3' } }],
    },
  },
});

describe('project-wide edits', () => {
  it('change only what they name and never the project given', () => {
    const frozen = JSON.stringify(base);
    expect(renameProject({ project: base, name: '  Kerja Bakti ' }).name).toBe('Kerja Bakti');
    expect(() => renameProject({ project: base, name: '  ' })).toThrow(/project name/);
    expect(setProjectFields({ project: base, fields: { title: 'Judul' } }).fields).toEqual({ date: 'Senin', title: 'Judul' });
    const moved = setPack({ project: base, pack: 'kelurahan-oro-oro-dowo', templates: ['nama-jabatan', 'judul'] });
    expect(moved.pack).toBe('kelurahan-oro-oro-dowo');
    expect(moved.timeline.tracks.overlay[0]).toMatchObject({ template: 'nama-jabatan', fields: { name: 'Rina' } });
    expect(setBranding({ project: base, intro: false })).toMatchObject({ intro: false, outro: true, logo: true });
    expect(updateMusic({ project: base, musicId: 'music-1', changes: { volume: 0.8, fadeOut: 60 } }).timeline.tracks.audio[0]).toMatchObject({ volume: 0.8, fadeOut: 60, fadeIn: 30 });
    expect(() => updateMusic({ project: base, musicId: 'music-1', changes: { volume: 9 } })).toThrow(/music setting/);
    expect(renameClip({ project: base, clipId: 'clip-1', name: 'Pembukaan' }).timeline.tracks.video[0]).toMatchObject({ name: 'Pembukaan' });
    expect(renameClip({ project: base, clipId: 'clip-1', name: '' }).timeline.tracks.video[0]).not.toHaveProperty('name');
    expect(JSON.stringify(base)).toBe(frozen);
  });
});
