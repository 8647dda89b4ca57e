/** The project-wide edits (re-exported by edits.ts): name, fields, pack, cards and logo, music, clip name. */
import { describe, expect, it } from 'vitest';
import { renameClip, renameProject, setBranding, setLoudness, setMusicBed, setPack, setProjectFields, updateMusic } from '@core/model/edits.js';
import { ProjectSchema } from '@core/model/project.js';

const base = ProjectSchema.parse({
  kind: 'klipkota.project',
  version: 3,
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

describe('loudness target and music bed', () => {
  it('sets the export loudness the audio pass aims for, and an audio file as the music bed', async () => {
    const { compileRenderPlan } = await import('@core/plan/compile.js');
    const { getPreset } = await import('@core/presets.js');
    const { loadBuiltInPack } = await import('../../electron/engine/pack/load.js');
    const pack = await loadBuiltInPack();
    const media = {
      '/m/a.mp4': { path: '/m/a.mp4', format: 'mp4', durationSeconds: 5, sizeBytes: 1, video: { codec: 'h264', width: 1920, height: 1080, rotation: 0 as const, displayWidth: 1920, displayHeight: 1080, sampleAspect: 1, fps: 30, variableFrameRate: false, still: false } },
    };
    const quiet = setLoudness({ project: { ...base, timeline: { ...base.timeline, tracks: { ...base.timeline.tracks, overlay: [], audio: [] } } }, lufs: -16 });
    expect(compileRenderPlan({ project: quiet, pack, preset: getPreset('youtube'), media }).audio.target).toMatchObject({ integratedLufs: -16, truePeakDb: -1 });
    expect(compileRenderPlan({ project: setLoudness({ project: quiet, lufs: undefined }), pack, preset: getPreset('youtube'), media }).audio.target.integratedLufs).toBe(-14);
    expect(() => setLoudness({ project: base, lufs: -3 })).toThrow(/out of range/);
    const withBed = setMusicBed({ project: quiet, path: '/m/gamelan.mp3' });
    expect(withBed.timeline.tracks.audio).toEqual([expect.objectContaining({ kind: 'music', id: 'music-1', media: { path: '/m/gamelan.mp3' }, volume: 0.35 })]);
    const replaced = setMusicBed({ project: updateMusic({ project: withBed, musicId: 'music-1', changes: { volume: 0.5 } }), path: '/m/lain.mp3' });
    expect(replaced.timeline.tracks.audio[0]).toMatchObject({ media: { path: '/m/lain.mp3' }, volume: 0.5 });
  });
});
