/**
 * Project files carry `version`; each migration lifts a file by one version.
 * Version 0 is the early draft format (clips as a flat list with seconds);
 * version 2 added timeline markers and music placed in time; version 3 a
 * captions track and the project's caption style.
 */
import { z } from 'zod';
import { badInput, describeIssues } from '../errors.js';
import { PROJECT_VERSION, ProjectSchema, type Project } from './project.js';

type Migration = (raw: Record<string, unknown>) => Record<string, unknown>;

const V0Schema = z.object({
  /** the earliest drafts wrote no version at all; parseProject reads them as version 0 */
  version: z.literal(0).optional(),
  name: z.string(),
  fps: z.number().optional(),
  clips: z.array(z.object({ path: z.string(), in: z.number().min(0), out: z.number().positive() })),
});

/** index N lifts version N to N+1 */
export const migrations: Migration[] = [
  (raw) => {
    const v0 = V0Schema.parse(raw);
    const fps = v0.fps ?? 30;
    return {
      kind: 'klipkota.project',
      version: 1,
      name: v0.name,
      fps,
      timeline: {
        tracks: {
          video: v0.clips.map((clip, index) => ({
            kind: 'clip',
            id: `clip-${index + 1}`,
            media: { path: clip.path },
            sourceRange: {
              start: Math.round(clip.in * fps),
              duration: Math.max(1, Math.round((clip.out - clip.in) * fps)),
            },
          })),
        },
      },
    };
  },
  // version 2: timeline markers, and music placed in time (start, optional duration)
  (raw) => {
    const timeline = (raw.timeline ?? {}) as Record<string, unknown>;
    const tracks = (timeline.tracks ?? {}) as Record<string, unknown>;
    const audio = Array.isArray(tracks.audio) ? tracks.audio : [];
    return {
      ...raw,
      version: 2,
      timeline: {
        ...timeline,
        markers: [],
        tracks: { ...tracks, audio: audio.map((music) => ({ start: 0, ...(music as Record<string, unknown>) })) },
      },
    };
  },
  // version 3: a captions track and the project's caption style
  (raw) => {
    const timeline = (raw.timeline ?? {}) as Record<string, unknown>;
    const tracks = (timeline.tracks ?? {}) as Record<string, unknown>;
    return {
      ...raw,
      version: 3,
      captionStyle: {},
      burnInCaptions: true,
      timeline: { ...timeline, tracks: { ...tracks, captions: [] } },
    };
  },
];

/** Parse, upgrade and check a project file's JSON value. Throws a KlipError naming the bad field. */
export function parseProject(value: unknown, source = 'project'): Project {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badInput('project-invalid', {
      id: `Berkas proyek ${source} tidak berisi proyek KlipKota. Buka berkas .klipkota.json yang benar.`,
      en: `The project file ${source} does not hold a KlipKota project. Open a valid .klipkota.json file.`,
    });
  }
  let raw = value as Record<string, unknown>;
  let version = typeof raw.version === 'number' ? raw.version : 0;
  if (version > PROJECT_VERSION) {
    throw badInput('project-too-new', {
      id: `Proyek ${source} dibuat oleh KlipKota yang lebih baru (versi berkas ${version}). Perbarui aplikasi KlipKota.`,
      en: `The project ${source} was made by a newer KlipKota (file version ${version}). Update KlipKota.`,
    });
  }
  try {
    while (version < PROJECT_VERSION) {
      raw = migrations[version]!(raw);
      version += 1;
    }
  } catch (error) {
    const detail = error instanceof z.ZodError ? describeIssues(error) : String(error);
    throw badInput(
      'project-invalid',
      {
        id: `Proyek ${source} versi lama tidak dapat dibaca (${detail}).`,
        en: `The old-version project ${source} cannot be read (${detail}).`,
      },
      detail,
    );
  }
  const result = ProjectSchema.safeParse(raw);
  if (!result.success) {
    const detail = describeIssues(result.error);
    throw badInput(
      'project-invalid',
      {
        id: `Proyek ${source} rusak atau tidak lengkap: ${detail}. Perbaiki bagian itu atau buat proyek baru.`,
        en: `The project ${source} is broken or incomplete: ${detail}. Fix that field or start a new project.`,
      },
      detail,
    );
  }
  return result.data;
}
