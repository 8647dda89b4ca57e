/**
 * Pure edits of the project as a whole (name, pack, intro/outro fields, cards,
 * logo, music bed) and of a clip's name; the timeline's edits are in edits.ts,
 * which re-exports these, so every change the editor makes comes from one place.
 * Same rules: one object in, a new project out, bad values throw bad-input.
 */
import { badInput } from '../errors.js';
import { MusicItemSchema, type Clip, type MusicItem, type Project } from './project.js';

export type MusicChanges = Partial<Pick<MusicItem, 'volume' | 'fadeIn' | 'fadeOut' | 'duckUnderSpeech' | 'loop'>>;

export function renameProject(options: { project: Project; name: string }): Project {
  const name = options.name.trim();
  if (!name || name.length > 200) {
    throw badInput('edit-invalid', {
      id: 'Nama proyek harus diisi (paling panjang 200 huruf). Ketik nama proyeknya.',
      en: 'The project name must be filled in (200 characters at most). Type the project name.',
    });
  }
  return name === options.project.name ? options.project : { ...options.project, name };
}

/** Set the intro/outro card fields (title, date...); the given ones replace, the others stay. */
export function setProjectFields(options: { project: Project; fields: Record<string, string> }): Project {
  return { ...options.project, fields: { ...options.project.fields, ...options.fields } };
}

/**
 * Use another pack. `templates` are the new pack's overlay ids: a lower third
 * whose template the new pack does not have moves to the first one (its field
 * values kept), so the project still exports.
 */
export function setPack(options: { project: Project; pack: string; templates: string[] }): Project {
  const { project, templates } = options;
  const first = templates[0];
  const overlay = project.timeline.tracks.overlay.map((item) => (templates.includes(item.template) || !first ? item : { ...item, template: first }));
  return { ...project, pack: options.pack, timeline: { ...project.timeline, tracks: { ...project.timeline.tracks, overlay } } };
}

/** Show or hide the pack's intro card, outro card and logo. */
export function setBranding(options: { project: Project; intro?: boolean; outro?: boolean; logo?: boolean }): Project {
  const { project } = options;
  return {
    ...project,
    ...(options.intro !== undefined ? { intro: options.intro } : {}),
    ...(options.outro !== undefined ? { outro: options.outro } : {}),
    ...(options.logo !== undefined ? { logo: options.logo } : {}),
  };
}

/** Change the music bed's volume, fades (frames), ducking or looping. */
export function updateMusic(options: { project: Project; musicId: string; changes: MusicChanges }): Project {
  const { project } = options;
  const audio = project.timeline.tracks.audio;
  const index = audio.findIndex((item) => item.id === options.musicId);
  if (index < 0) {
    throw badInput('edit-unknown-item', {
      id: `Musik "${options.musicId}" tidak ada di proyek. Muat ulang proyek lalu coba lagi.`,
      en: `Music "${options.musicId}" is not in the project. Reload the project and try again.`,
    });
  }
  const parsed = MusicItemSchema.safeParse({ ...audio[index], ...options.changes });
  if (!parsed.success) {
    throw badInput('edit-invalid', {
      id: 'Pengaturan musik tidak valid (volume 0 sampai 2, jeda dalam frame). Periksa nilainya.',
      en: 'The music setting is not valid (volume 0 to 2, fades in frames). Check its values.',
    });
  }
  const next = [...audio.slice(0, index), parsed.data, ...audio.slice(index + 1)];
  return { ...project, timeline: { ...project.timeline, tracks: { ...project.timeline.tracks, audio: next } } };
}

/** The clip's name as the editor shows it (blank: the file name again). */
export function renameClip(options: { project: Project; clipId: string; name: string }): Project {
  const { project } = options;
  const video = project.timeline.tracks.video;
  const index = video.findIndex((item) => item.id === options.clipId && item.kind === 'clip');
  if (index < 0) {
    throw badInput('edit-unknown-item', {
      id: `Klip "${options.clipId}" tidak ada di timeline. Muat ulang proyek lalu coba lagi.`,
      en: `Clip "${options.clipId}" is not on the timeline. Reload the project and try again.`,
    });
  }
  const { name: _old, ...rest } = video[index] as Clip;
  const name = options.name.trim().slice(0, 200);
  const clip: Clip = name ? { ...rest, name } : rest;
  return { ...project, timeline: { ...project.timeline, tracks: { ...project.timeline.tracks, video: [...video.slice(0, index), clip, ...video.slice(index + 1)] } } };
}

/** The export's loudness target (integrated LUFS, -24 to -9); undefined goes back to the standard. */
export function setLoudness(options: { project: Project; lufs: number | undefined }): Project {
  const { project, lufs } = options;
  if (lufs === undefined) {
    const { loudnessLufs: _old, ...rest } = project;
    return rest;
  }
  if (!Number.isFinite(lufs) || lufs < -24 || lufs > -9) {
    throw badInput('edit-invalid', {
      id: `Target kenyaringan ${lufs} LUFS di luar batas. Pilih antara -24 dan -9 LUFS.`,
      en: `Loudness target ${lufs} LUFS is out of range. Choose between -24 and -9 LUFS.`,
    });
  }
  return { ...project, loudnessLufs: lufs };
}

/** Use an audio file as the project's music bed (replacing the one it had, its settings kept). */
export function setMusicBed(options: { project: Project; path: string }): Project {
  const { project } = options;
  const current = project.timeline.tracks.audio[0];
  const music = MusicItemSchema.parse({ ...(current ?? {}), kind: 'music', id: current?.id ?? 'music-1', media: { path: options.path } });
  return { ...project, timeline: { ...project.timeline, tracks: { ...project.timeline.tracks, audio: [music, ...project.timeline.tracks.audio.slice(1)] } } };
}
