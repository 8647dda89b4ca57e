/**
 * The smallest real project for engine tests: one clip, no intro, outro or logo,
 * so an export takes a second or two.
 */
import { ProjectSchema, type Project } from '@core/model/project.js';

export function oneClipProject(options: { name: string; clip: string; frames?: number }): Project {
  return ProjectSchema.parse({
    kind: 'klipkota.project',
    version: 3,
    name: options.name,
    intro: false,
    outro: false,
    logo: false,
    timeline: {
      tracks: {
        video: [{ kind: 'clip', id: 'clip-1', media: { path: options.clip }, sourceRange: { start: 0, duration: options.frames ?? 60 } }],
      },
    },
  });
}
