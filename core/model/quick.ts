/**
 * A project made from a list of clips, for `klipkota render --clip ...` and the
 * demo: clips end to end, whole, with the pack's intro, outro and logo and, when
 * a title is given, a lower third over the first clip.
 */
import { badInput } from '../errors.js';
import type { MediaInfo } from '../media.js';
import { secondsToFrames, secondsToWholeFrames } from '../time.js';
import { ProjectSchema, type Project, type ProjectInput, type Reframe } from './project.js';

export interface QuickProjectRequest {
  name: string;
  clips: MediaInfo[];
  music?: MediaInfo;
  /** "NAME|ROLE" from the command line, already split */
  title?: { name: string; role: string };
  /** the pack's speaker template (see core/pack/templates.ts nameRoleTemplate) */
  titleTemplate?: string;
  /** the pack the project uses */
  pack?: string;
  reframe?: Reframe['mode'];
  fps?: number;
  fields?: Record<string, string>;
  /** seconds a still image stays on screen */
  stillSeconds?: number;
}

/** Split "NAME|ROLE" (role optional). */
export function parseTitle(value: string): { name: string; role: string } {
  const [name = '', ...rest] = value.split('|');
  if (!name.trim()) {
    throw badInput('title-invalid', {
      id: 'Judul lower third harus berbentuk "NAMA|JABATAN", misalnya "Siti Aminah|Lurah Kauman".',
      en: 'The lower-third title must look like "NAME|ROLE", for example "Siti Aminah|Lurah Kauman".',
    });
  }
  return { name: name.trim(), role: rest.join('|').trim() };
}

function reframeFor(mode: Reframe['mode']): Reframe {
  if (mode === 'crop') return { mode: 'crop', focusX: 0.5, focusY: 0.5 };
  if (mode === 'pad') return { mode: 'pad', color: 'primary' };
  return { mode: 'blur' };
}

export function buildQuickProject(request: QuickProjectRequest): Project {
  const fps = request.fps ?? 30;
  if (request.clips.length === 0) {
    throw badInput('project-empty', {
      id: 'Tidak ada klip. Berikan minimal satu --clip FILE atau sebuah berkas proyek.',
      en: 'No clips. Give at least one --clip FILE or a project file.',
    });
  }
  const clips = request.clips.map((info, index) => {
    const name = info.path.split(/[\\/]/).pop() ?? info.path;
    if (!info.video) {
      throw badInput('media-no-video', {
        id: `Berkas ${name} hanya berisi suara, tanpa gambar. Pakai sebagai --music, bukan --clip.`,
        en: `File ${name} holds only sound, no picture. Use it as --music, not --clip.`,
      });
    }
    const frames = info.video.still
      ? secondsToFrames(request.stillSeconds ?? 4, fps)
      : secondsToWholeFrames(info.durationSeconds, fps);
    if (frames < 1) {
      throw badInput('media-too-short', {
        id: `Klip ${name} terlalu pendek (kurang dari satu frame). Pilih klip lain.`,
        en: `Clip ${name} is too short (less than one frame). Choose another clip.`,
      });
    }
    return {
      kind: 'clip' as const,
      id: `clip-${index + 1}`,
      name,
      media: { path: info.path },
      sourceRange: { start: 0, duration: frames },
      reframe: reframeFor(request.reframe ?? 'blur'),
    };
  });
  const first = clips[0]!;
  const overlays = request.title
    ? [
        {
          kind: 'overlay' as const,
          id: 'title-1',
          template: request.titleTemplate ?? 'lower-third',
          fields: { name: request.title.name, role: request.title.role },
          start: Math.min(Math.round(fps * 0.5), Math.max(0, first.sourceRange.duration - 1)),
          duration: Math.max(1, Math.min(Math.round(fps * 5), first.sourceRange.duration - Math.round(fps * 0.5))),
        },
      ]
    : [];
  const input: ProjectInput = {
    kind: 'klipkota.project',
    version: 3,
    name: request.name,
    fps,
    fields: request.fields ?? {},
    ...(request.pack ? { pack: request.pack } : {}),
    timeline: {
      tracks: {
        video: clips,
        overlay: overlays,
        audio: request.music ? [{ kind: 'music', id: 'music-1', media: { path: request.music.path } }] : [],
      },
    },
  };
  return ProjectSchema.parse(input);
}
