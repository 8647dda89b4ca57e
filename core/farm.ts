/**
 * The office render farm's data: what a farm job carries (the project with its
 * media named relative to the shared folder, the pack by id and content hash,
 * the presets and output names) and what a worker reports back. A job is data,
 * never a command line: a worker parses every job with these schemas, built
 * from the same pieces as the local queue's jobs (core/queue.ts, core/model),
 * before it acts on it, and refuses anything else.
 */
import { z } from 'zod';
import { PresetIdSchema } from './api/contract.js';
import { ProjectSchema, type Project } from './model/project.js';
import { QueueJobSchema } from './queue.js';

export const FARM_JOB_VERSION = 1;

/** A segment FFmpeg or a shell could read as an option, a drive or a parent folder. */
function badSegment(segment: string): boolean {
  return segment === '' || segment === '.' || segment === '..' || segment.startsWith('-') || segment.includes(':') || segment.includes('\\') || segment.includes('\0');
}

/** `folder/sub/file.mp4` inside the shared folder: forward slashes, no leading slash, no `..`, no drive, nothing option-like. */
export function isShareRelative(value: string): boolean {
  return !value.startsWith('/') && value.split('/').every((segment) => !badSegment(segment));
}

export const ShareRelativePathSchema = z
  .string()
  .min(1)
  .max(1024)
  .refine(isShareRelative, 'path must be relative to the shared folder (no leading slash, no "..", no drive, no segment starting with "-")');

/** Whether `outDir` is one of the output folders the coordinator's admin chose, or inside one (both share-relative). */
export function isUnderOutputFolders(options: { outDir: string; outputs: readonly string[] }): boolean {
  return options.outputs.some((folder) => options.outDir === folder || options.outDir.startsWith(`${folder}/`));
}

const notOptionLike = (value: string) => !value.startsWith('-');

/** The pack a job uses: its id and the sha256 of its files (pack/hash.ts); a worker without that exact pack fetches it. */
export const FarmPackRefSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type FarmPackRef = z.infer<typeof FarmPackRefSchema>;

/** Every media path of the project must be inside the shared folder. */
function mediaPathsOf(project: Project): string[] {
  return [
    ...project.timeline.tracks.video.flatMap((item) => (item.kind === 'clip' ? [item.media.path] : [])),
    ...project.timeline.tracks.audio.map((item) => item.media.path),
  ];
}

export const FarmJobSchema = z
  .strictObject({
    kind: z.literal('klipkota.farm-job'),
    version: z.literal(FARM_JOB_VERSION),
    project: ProjectSchema,
    projectName: QueueJobSchema.shape.projectName.max(200),
    presets: z.array(PresetIdSchema).min(1).max(8),
    /** output names: the local queue's rules, and never option-like */
    baseName: QueueJobSchema.shape.baseName.unwrap().refine(notOptionLike, 'base name must not start with "-"'),
    outputNames: QueueJobSchema.shape.outputNames.unwrap().refine((names) => Object.values(names).every(notOptionLike), 'output names must not start with "-"').optional(),
    /** the output folder, relative to the shared folder; must be one the coordinator's admin chose */
    outDir: ShareRelativePathSchema,
    pack: FarmPackRefSchema,
    /** the PC that sent the job (for lists) */
    submittedBy: z.string().max(200),
  })
  .superRefine((job, context) => {
    for (const file of mediaPathsOf(job.project)) {
      if (!isShareRelative(file)) context.addIssue({ code: 'custom', path: ['project'], message: `media path "${file}" is not relative to the shared folder` });
    }
    const presets = new Set<string>(job.presets);
    for (const preset of Object.keys(job.outputNames ?? {})) {
      if (!presets.has(preset)) context.addIssue({ code: 'custom', path: ['outputNames', preset], message: 'output name for a preset the job does not render' });
    }
  });
export type FarmJob = z.infer<typeof FarmJobSchema>;

/** The project with every media path passed through `map` (share-relative to local, or back). */
export function mapMediaPaths(project: Project, map: (file: string) => string): Project {
  return {
    ...project,
    timeline: {
      ...project.timeline,
      tracks: {
        ...project.timeline.tracks,
        video: project.timeline.tracks.video.map((item) => (item.kind === 'clip' ? { ...item, media: { ...item.media, path: map(item.media.path) } } : item)),
        audio: project.timeline.tracks.audio.map((item) => ({ ...item, media: { ...item.media, path: map(item.media.path) } })),
      },
    },
  };
}

export { mediaPathsOf as farmMediaPaths };

/** The file name a job writes for a preset (share-relative), as the local render names it. */
export function farmOutputPath(job: Pick<FarmJob, 'outDir' | 'baseName' | 'outputNames'>, preset: string): string {
  return `${job.outDir}/${job.outputNames?.[preset] ?? `${job.baseName}-${preset}.mp4`}`;
}

/** What a worker reports while a job runs (BullMQ job progress). */
export const FarmProgressSchema = z.object({
  worker: z.string(),
  percent: z.number().min(0).max(100),
  preset: z.string().optional(),
  /** outputs finished so far, share-relative */
  done: z.array(z.string()).default([]),
});
export type FarmProgress = z.infer<typeof FarmProgressSchema>;

export type { FarmStatus } from './api/farm.js';
