/**
 * The project file: a timeline in OpenTimelineIO's words, versioned and checked
 * with zod. `parseProject` upgrades older versions through `migrations`.
 */
import { z } from 'zod';

export const PROJECT_VERSION = 3;

const frames = z.number().int().min(0);
const positiveFrames = z.number().int().min(1);

export const FrameRangeSchema = z.object({ start: frames, duration: positiveFrames });

export const MediaReferenceSchema = z.object({
  /** absolute path, or relative to the project file's folder */
  path: z.string().min(1),
  /** set when the file could not be found on open; the editor offers "locate" */
  missing: z.boolean().optional(),
});

export const ReframeSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('blur') }),
  z.object({
    mode: z.literal('crop'),
    /** focus point, 0..1 of the source picture; the crop keeps it as central as it can */
    focusX: z.number().min(0).max(1).default(0.5),
    focusY: z.number().min(0).max(1).default(0.5),
  }),
  z.object({
    mode: z.literal('pad'),
    /** a brand colour name from the pack (for example `primary`) or #RRGGBB */
    color: z.string().min(1).default('primary'),
  }),
]);
export type Reframe = z.infer<typeof ReframeSchema>;

export const ClipSchema = z.object({
  kind: z.literal('clip'),
  id: z.string().min(1),
  name: z.string().optional(),
  media: MediaReferenceSchema,
  /** the part of the source used, in frames at the project's rate */
  sourceRange: FrameRangeSchema,
  reframe: ReframeSchema.default({ mode: 'blur' }),
  /** 1 = as recorded, 0..4 */
  volume: z.number().min(0).max(4).default(1),
  muted: z.boolean().default(false),
});
export type Clip = z.infer<typeof ClipSchema>;

export const GapSchema = z.object({
  kind: z.literal('gap'),
  id: z.string().min(1),
  duration: positiveFrames,
});
export type Gap = z.infer<typeof GapSchema>;

export const VideoItemSchema = z.discriminatedUnion('kind', [ClipSchema, GapSchema]);
export type VideoItem = z.infer<typeof VideoItemSchema>;

/** A lower third (or other pack overlay) placed on the timeline. Times count from the first clip. */
export const OverlayItemSchema = z.object({
  kind: z.literal('overlay'),
  id: z.string().min(1),
  /** template id inside the pack, for example `lower-third` */
  template: z.string().min(1),
  /** field values, for example { name: 'Rina Kusumawardani', role: 'Admin KIM Kelurahan Kauman' } */
  fields: z.record(z.string(), z.string()),
  start: frames,
  duration: positiveFrames,
});
export type OverlayItem = z.infer<typeof OverlayItemSchema>;

export const MusicItemSchema = z.object({
  kind: z.literal('music'),
  id: z.string().min(1),
  media: MediaReferenceSchema,
  /** volume of the music bed, 0..2 */
  volume: z.number().min(0).max(2).default(0.35),
  fadeIn: frames.default(30),
  fadeOut: frames.default(45),
  /** lower the music while the clips have sound */
  duckUnderSpeech: z.boolean().default(true),
  /** loop the music to cover the whole video */
  loop: z.boolean().default(true),
  /** where the music starts, in frames from the first clip; 0 with no duration: the whole video, intro and outro included */
  start: frames.default(0),
  /** how long it plays, in frames; absent: to the end of the video */
  duration: positiveFrames.optional(),
});
export type MusicItem = z.infer<typeof MusicItemSchema>;

/** One caption on the captions track: text shown from `start` for `duration` frames. Times count from the first clip. */
export const CaptionSegmentSchema = z.object({
  id: z.string().min(1),
  start: frames,
  duration: positiveFrames,
  /** the words; a line break is kept as a space (lines are cut by the style's rules) */
  text: z.string().max(500),
});
export type CaptionSegment = z.infer<typeof CaptionSegmentSchema>;

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'warna harus #RRGGBB / colour must be #RRGGBB');

/**
 * The project's changes to the pack's `captionStyle` (core/pack/manifest.ts);
 * what is not named here comes from the pack. `box: null` turns the box off.
 */
export const CaptionStyleOverridesSchema = z.object({
  size: z.number().min(0.01).max(0.2).optional(),
  weight: z.number().int().min(100).max(900).optional(),
  color: hexColor.optional(),
  box: hexColor.nullable().optional(),
  boxOpacity: z.number().min(0).max(1).optional(),
  position: z.object({ '9:16': z.number().min(0).max(1).optional(), '16:9': z.number().min(0).max(1).optional() }).optional(),
  maxLines: z.number().int().min(1).max(4).optional(),
  maxCharsPerLine: z.number().int().min(10).max(80).optional(),
});
export type CaptionStyleOverrides = z.infer<typeof CaptionStyleOverridesSchema>;

/** A marker on the timeline (OpenTimelineIO's Marker): a frame and a note. */
export const MarkerSchema = z.object({
  id: z.string().min(1),
  frame: frames,
  note: z.string().max(500).default(''),
});
export type Marker = z.infer<typeof MarkerSchema>;

export const TimelineSchema = z.object({
  name: z.string().default('Timeline'),
  /** markers, in frame order (version 2) */
  markers: z.array(MarkerSchema).default([]),
  tracks: z.object({
    video: z.array(VideoItemSchema),
    overlay: z.array(OverlayItemSchema).default([]),
    audio: z.array(MusicItemSchema).default([]),
    /** captions, in time order (version 3) */
    captions: z.array(CaptionSegmentSchema).default([]),
  }),
});

export const ProjectSchema = z.object({
  kind: z.literal('klipkota.project'),
  version: z.literal(PROJECT_VERSION),
  name: z.string().min(1).max(200),
  /** the project's frame rate; every frame count in the file is at this rate */
  fps: z.number().int().min(12).max(60).default(30),
  /** the template pack's id */
  pack: z.string().min(1).default('pemkot-malang'),
  /** fields used by the pack's intro and outro cards (title, date...) */
  fields: z.record(z.string(), z.string()).default({}),
  intro: z.boolean().default(true),
  outro: z.boolean().default(true),
  logo: z.boolean().default(true),
  /** the export's loudness target, integrated LUFS; absent: the social-media standard (platforms.ts LOUDNESS) */
  loudnessLufs: z.number().min(-24).max(-9).optional(),
  /** the project's caption style over the pack's (version 3) */
  captionStyle: CaptionStyleOverridesSchema.default({}),
  /** draw the captions into the exported picture (false: only a sidecar .srt, when asked) */
  burnInCaptions: z.boolean().default(true),
  timeline: TimelineSchema,
});
export type Project = z.infer<typeof ProjectSchema>;
export type ProjectInput = z.input<typeof ProjectSchema>;
