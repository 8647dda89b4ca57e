/**
 * What is on screen at one frame of one preset: the one geometry the compiler
 * writes its filter strings from and the editor's preview draws from, so the
 * preview cannot disagree with the export. Pure: numbers in, numbers out.
 *
 * Times here are whole frames of the OUTPUT (intro card included) unless a name
 * says seconds; boxes are pixels of the output frame.
 */
import { coverFrame, cropOffset, fitInside, placeGraphic, type Box, type Size } from './geometry.js';
import type { MediaInfo } from './media.js';
import type { Clip, OverlayItem, Project, Reframe } from './model/project.js';
import { fileForAspect, type Animation, type Bumper, type PackManifest } from './pack/manifest.js';
import { ownValue } from './own.js';
import type { Aspect, SafeZone } from './platforms.js';
import { framesToSeconds, secondsToFrames, secondsToWholeFrames } from './time.js';
import { captionArea } from './captions/layout.js';
import { resolveCaptionStyle } from './captions/style.js';
import { outputCaptions } from './captions/timing.js';

/** The part of a pack the layout needs (a ResolvedPack is one; the renderer's pack summary carries one). */
export interface LayoutPack {
  manifest: Pick<PackManifest, 'colors' | 'intro' | 'outro' | 'logo' | 'overlays'> & Partial<Pick<PackManifest, 'captionStyle'>>;
  /** pack path -> intrinsic size of every graphic */
  graphicSizes: Record<string, Size>;
  /** pack path -> length of each video bumper */
  bumperMedia: Record<string, { durationSeconds: number }>;
}

/** The part of a probe result the layout needs. */
export interface LayoutMedia {
  durationSeconds: number;
  video?: { displayWidth: number; displayHeight: number; still: boolean; durationSeconds?: number | undefined } | undefined;
}

export interface LayoutPreset {
  width: number;
  height: number;
  safeZone: SafeZone;
}

export interface LayoutRequest {
  project: Project;
  pack: LayoutPack;
  preset: LayoutPreset;
  /** probe results by media path; a clip not probed yet is laid out at its project length, blur-filled */
  media: Record<string, LayoutMedia | MediaInfo>;
}

export function aspectOfFrame(frame: Size): Aspect {
  return frame.height > frame.width ? '9:16' : '16:9';
}

// ---------------------------------------------------------------- time

/** Frames of a clip that the media really has (a range past the end is cut to the end). */
export function usableFrames(clip: Clip, info: LayoutMedia, fps: number): number {
  if (info.video?.still) return clip.sourceRange.duration;
  // the picture may end before the sound: count the picture's own length
  const pictureSeconds = Math.min(info.durationSeconds, info.video?.durationSeconds ?? Number.POSITIVE_INFINITY);
  const available = secondsToWholeFrames(pictureSeconds, fps) - clip.sourceRange.start;
  return Math.min(clip.sourceRange.duration, available);
}

/** Frames of an intro or outro: an SVG card's seconds, a video bumper's whole frames; undefined when its video is unknown. */
export function bumperFrames(options: { bumper: Bumper; pack: LayoutPack; aspect: Aspect; fps: number }): number | undefined {
  const { bumper, fps } = options;
  if (bumper.type === 'svg') return secondsToFrames(bumper.seconds, fps);
  const info = ownValue(options.pack.bumperMedia, fileForAspect(bumper.file, options.aspect));
  return info ? Math.max(1, secondsToWholeFrames(info.durationSeconds, fps)) : undefined;
}

export interface LayoutSegment {
  kind: 'intro' | 'clip' | 'gap' | 'outro';
  id: string;
  startFrame: number;
  frames: number;
}

export interface SegmentLayout {
  segments: LayoutSegment[];
  totalFrames: number;
  /** where the video track starts and ends on the output, frames */
  contentStart: number;
  contentEnd: number;
}

/** The output's pieces in order (intro, clips and gaps, outro), with their frames. */
export function layoutSegments(request: LayoutRequest): SegmentLayout {
  const { project, pack } = request;
  const fps = project.fps;
  const aspect = aspectOfFrame(request.preset);
  const pieces: Array<Omit<LayoutSegment, 'startFrame'>> = [];
  const bumper = (kind: 'intro' | 'outro', value: Bumper | undefined, wanted: boolean) => {
    if (!wanted || !value) return;
    const frames = bumperFrames({ bumper: value, pack, aspect, fps });
    if (frames !== undefined) pieces.push({ kind, id: kind, frames });
  };
  bumper('intro', pack.manifest.intro, project.intro);
  for (const item of project.timeline.tracks.video) {
    if (item.kind === 'gap') {
      pieces.push({ kind: 'gap', id: item.id, frames: item.duration });
      continue;
    }
    const info = request.media[item.media.path];
    const frames = info?.video ? usableFrames(item, info, fps) : item.sourceRange.duration;
    if (frames >= 1) pieces.push({ kind: 'clip', id: item.id, frames });
  }
  bumper('outro', pack.manifest.outro, project.outro);
  let cursor = 0;
  const segments = pieces.map((piece) => {
    const segment = { ...piece, startFrame: cursor };
    cursor += piece.frames;
    return segment;
  });
  const contentStart = segments[0]?.kind === 'intro' ? segments[0].frames : 0;
  const last = segments[segments.length - 1];
  const contentEnd = last?.kind === 'outro' ? cursor - last.frames : cursor;
  return { segments, totalFrames: cursor, contentStart, contentEnd };
}

/**
 * When a lower third shows, in frames of the output: from its start on the
 * video track, cut at the end of the last clip. Undefined when nothing of it shows.
 */
export function overlayWindow(options: { item: OverlayItem; contentStart: number; contentEnd: number }): { startFrame: number; endFrame: number } | undefined {
  const startFrame = options.contentStart + options.item.start;
  const endFrame = Math.min(options.contentEnd, startFrame + options.item.duration);
  return endFrame - startFrame < 1 ? undefined : { startFrame, endFrame };
}

/** When the logo shows, in frames of the output. */
export function logoWindow(options: { onBumpers: boolean; contentStart: number; contentEnd: number; totalFrames: number }): { startFrame: number; endFrame: number } {
  return options.onBumpers ? { startFrame: 0, endFrame: options.totalFrames } : { startFrame: options.contentStart, endFrame: options.contentEnd };
}

/** The logo fades in and out this long (seconds). */
export const LOGO_FADE_SECONDS = 0.4;

// ---------------------------------------------------------------- picture

/** Where a clip's picture sits in the frame: scaled to `box` (which may reach past the frame when cropped). */
export type PictureLayout =
  | { mode: 'scale'; box: Box }
  | { mode: 'crop'; box: Box; covered: Size; offset: { x: number; y: number } }
  | { mode: 'pad'; box: Box; fitted: Size }
  | { mode: 'blur'; box: Box; fitted: Size; background: { small: Size; smallCover: Size } };

/** How a picture of `source` size fills the frame with the clip's reframe setting. */
export function pictureLayout(options: { source: Size; frame: Size; reframe: Reframe }): PictureLayout {
  const { source, frame, reframe } = options;
  const sameAspect = Math.abs(source.width / source.height - frame.width / frame.height) < 0.01;
  if (sameAspect) return { mode: 'scale', box: { x: 0, y: 0, ...frame } };
  if (reframe.mode === 'crop') {
    const covered = coverFrame(source, frame);
    const offset = cropOffset(covered, frame, { x: reframe.focusX, y: reframe.focusY });
    return { mode: 'crop', covered, offset, box: { x: offset.x === 0 ? 0 : -offset.x, y: offset.y === 0 ? 0 : -offset.y, ...covered } };
  }
  const fitted = fitInside(source, frame);
  const box = { x: Math.floor((frame.width - fitted.width) / 4) * 2, y: Math.floor((frame.height - fitted.height) / 4) * 2, ...fitted };
  if (reframe.mode === 'pad') return { mode: 'pad', box, fitted };
  // Blur fill: the background is blurred at a quarter of the frame size and scaled up
  const small = { width: Math.max(2, Math.round(frame.width / 8) * 2), height: Math.max(2, Math.round(frame.height / 8) * 2) };
  return { mode: 'blur', box, fitted, background: { small, smallCover: coverFrame(source, small) } };
}

// ---------------------------------------------------------------- overlays

/** The box of a pack overlay (lower third) in the frame, as the export places it. */
export function overlayBox(options: { pack: LayoutPack; template: string; frame: Size }): Box | undefined {
  const template = options.pack.manifest.overlays.find((candidate) => candidate.id === options.template);
  if (!template) return undefined;
  const aspect = aspectOfFrame(options.frame);
  const intrinsic = ownValue(options.pack.graphicSizes, fileForAspect(template.file, aspect));
  if (!intrinsic) return undefined;
  return placeGraphic({ placement: template.placement, aspect, frame: options.frame, intrinsic });
}

export function logoBox(options: { pack: LayoutPack; frame: Size }): Box | undefined {
  const logo = options.pack.manifest.logo;
  const intrinsic = logo ? ownValue(options.pack.graphicSizes, logo.file) : undefined;
  if (!logo || !intrinsic) return undefined;
  return placeGraphic({ placement: logo.placement, aspect: aspectOfFrame(options.frame), frame: options.frame, intrinsic });
}

/** The slide's easing: 1 at the far end of the movement, 0 at rest (the same cubic the filter graph evaluates). */
function ease(value: number): number {
  return Math.pow(Math.max(0, value), 3);
}

/**
 * Where an animated overlay is at time `t` (seconds of the output) and how
 * opaque: the fades and slides the compiler writes, evaluated here.
 */
export function overlayMotion(options: { box: Box; frame: Size; animation: Animation; start: number; seconds: number; t: number }): { x: number; y: number; opacity: number } {
  const { box, animation, start, seconds, t } = options;
  const d = animation.seconds;
  let x = box.x;
  let y = box.y;
  let opacity = 1;
  if (d > 0) {
    const into = 1 - (t - start) / d;
    const out = (t - (start + seconds - d)) / d;
    if (animation.in === 'slide-left') x -= (box.x + box.width) * ease(into);
    if (animation.out === 'slide-left') x -= (box.x + box.width) * ease(out);
    if (animation.in === 'slide-up') y += (options.frame.height - box.y) * ease(into);
    if (animation.out === 'slide-down') y += (options.frame.height - box.y) * ease(out);
    if (animation.in === 'fade') opacity = Math.min(opacity, Math.max(0, (t - start) / d));
    if (animation.out === 'fade') opacity = Math.min(opacity, Math.max(0, (start + seconds - t) / d));
  }
  return { x, y, opacity: Math.min(1, opacity) };
}

/** A platform's safe zone as a box of this frame (its numbers are for 1080x1920 or 1920x1080). */
export function safeZoneBox(zone: SafeZone, frame: Size): Box {
  const reference = aspectOfFrame(frame) === '9:16' ? { width: 1080, height: 1920 } : { width: 1920, height: 1080 };
  const sx = frame.width / reference.width;
  const sy = frame.height / reference.height;
  return { x: zone.left * sx, y: zone.top * sy, width: frame.width - (zone.left + zone.right) * sx, height: frame.height - (zone.top + zone.bottom) * sy };
}

export function boxInside(inner: Box, outer: Box): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}

// ---------------------------------------------------------------- one frame

export interface OverlayLayout {
  id: string;
  template: string;
  /** the overlay at rest, and where it is drawn at this frame (slides move x/y) */
  box: Box;
  x: number;
  y: number;
  opacity: number;
  /** its window on the output, seconds */
  start: number;
  end: number;
  /** inside the preset's safe zone */
  safe: boolean;
}

export interface CardLayout {
  kind: 'intro' | 'outro';
  type: 'svg' | 'video';
  /** pack path of the card's file for this aspect */
  file: string;
  /** the card's background colour (an SVG card is drawn over it) */
  background: string;
  /** 0 (black) to 1: the card's fade in and out */
  opacity: number;
  /** seconds into the card (a video bumper's source time) */
  seconds: number;
}

export interface ClipLayout {
  clipId: string;
  mediaPath: string;
  /** the source's time and frame shown at this frame */
  sourceSeconds: number;
  sourceFrame: number;
  picture: PictureLayout;
  /** pad: the resolved #RRGGBB */
  padColor?: string;
}

export interface FrameLayout {
  frame: Size;
  aspect: Aspect;
  fps: number;
  /** the frame asked for (clamped into the output) and its time */
  index: number;
  seconds: number;
  totalFrames: number;
  segment?: LayoutSegment;
  card?: CardLayout;
  clip?: ClipLayout;
  overlays: OverlayLayout[];
  /** the captions burned in at this frame (none when burn-in is off): their words and the caption area (captions.graphic draws them) */
  captions: CaptionOnScreen[];
  logo?: { box: Box; opacity: number };
  safeZone: Box;
}

export interface CaptionOnScreen {
  id: string;
  text: string;
  /** its window on the output, frames (end exclusive) */
  startFrame: number;
  endFrame: number;
  /** the caption area: the box the caption's PNG fills */
  area: Box;
}

/** The captions burned in at output frame `index`, with the caption area of this frame size. */
function captionsAt(request: LayoutRequest, timing: SegmentLayout, index: number): CaptionOnScreen[] {
  const { project } = request;
  if (!project.burnInCaptions) return [];
  const showing = outputCaptions({ captions: project.timeline.tracks.captions, contentStart: timing.contentStart, contentEnd: timing.contentEnd }).filter(
    (caption) => index >= caption.startFrame && index < caption.endFrame,
  );
  if (showing.length === 0) return [];
  const style = resolveCaptionStyle({ pack: request.pack, overrides: project.captionStyle });
  const area = captionArea({ style, frame: { width: request.preset.width, height: request.preset.height } }).box;
  return showing.map((caption) => ({ ...caption, area }));
}

function resolvePadColor(pack: LayoutPack, value: string): string {
  return /^#[0-9a-fA-F]{6}$/.test(value) ? value : (ownValue(pack.manifest.colors, value) ?? '#000000');
}

/** The card's brightness at `seconds` into it: fades no longer than half the card (as the compiler writes them). */
function cardOpacity(bumper: Bumper, seconds: number, length: number): number {
  if (bumper.type !== 'svg') return 1;
  const fade = Math.min(bumper.animation.seconds, length / 2);
  if (fade <= 0) return 1;
  let value = 1;
  if (bumper.animation.in !== 'none') value = Math.min(value, seconds / fade);
  if (bumper.animation.out !== 'none') value = Math.min(value, (length - seconds) / fade);
  return Math.max(0, Math.min(1, value));
}

function clipLayout(request: LayoutRequest, segment: LayoutSegment, index: number): ClipLayout | undefined {
  const { project, pack } = request;
  const clip = project.timeline.tracks.video.find((item): item is Clip => item.kind === 'clip' && item.id === segment.id);
  if (!clip) return undefined;
  const frame = { width: request.preset.width, height: request.preset.height };
  const video = request.media[clip.media.path]?.video;
  const source = video ? { width: video.displayWidth, height: video.displayHeight } : frame;
  const sourceFrame = clip.sourceRange.start + (index - segment.startFrame);
  return {
    clipId: clip.id,
    mediaPath: clip.media.path,
    sourceFrame,
    sourceSeconds: sourceFrame / project.fps,
    picture: pictureLayout({ source, frame, reframe: clip.reframe }),
    ...(clip.reframe.mode === 'pad' ? { padColor: resolvePadColor(pack, clip.reframe.color) } : {}),
  };
}

function overlaysAt(request: LayoutRequest, timing: SegmentLayout, seconds: number): OverlayLayout[] {
  const { project, pack } = request;
  const fps = project.fps;
  const frame = { width: request.preset.width, height: request.preset.height };
  const zone = safeZoneBox(request.preset.safeZone, frame);
  const result: OverlayLayout[] = [];
  for (const item of project.timeline.tracks.overlay) {
    const template = pack.manifest.overlays.find((candidate) => candidate.id === item.template);
    const box = overlayBox({ pack, template: item.template, frame });
    const window = overlayWindow({ item, contentStart: timing.contentStart, contentEnd: timing.contentEnd });
    if (!template || !box || !window) continue;
    const start = framesToSeconds(window.startFrame, fps);
    const end = framesToSeconds(window.endFrame, fps);
    if (seconds < start || seconds >= end) continue;
    const motion = overlayMotion({ box, frame, animation: template.animation, start, seconds: end - start, t: seconds });
    result.push({ id: item.id, template: item.template, box, ...motion, start, end, safe: boxInside(box, zone) });
  }
  return result;
}

/** What is on screen at output frame `frame` of one preset. */
export function frameLayout(request: LayoutRequest & { frame: number }): FrameLayout {
  const { project, pack, preset } = request;
  const fps = project.fps;
  const frame = { width: preset.width, height: preset.height };
  const aspect = aspectOfFrame(frame);
  const timing = layoutSegments(request);
  const index = Math.max(0, Math.min(Math.max(0, timing.totalFrames - 1), Math.round(request.frame)));
  const seconds = framesToSeconds(index, fps);
  const segment = timing.segments.find((candidate) => index >= candidate.startFrame && index < candidate.startFrame + candidate.frames);
  const layout: FrameLayout = { frame, aspect, fps, index, seconds, totalFrames: timing.totalFrames, overlays: [], captions: [], safeZone: safeZoneBox(preset.safeZone, frame) };
  if (!segment) return layout;
  layout.segment = segment;
  if (segment.kind === 'intro' || segment.kind === 'outro') {
    const bumper = segment.kind === 'intro' ? pack.manifest.intro : pack.manifest.outro;
    if (bumper) {
      const into = (index - segment.startFrame) / fps;
      const colors = pack.manifest.colors;
      layout.card = {
        kind: segment.kind,
        type: bumper.type,
        file: fileForAspect(bumper.file, aspect),
        background: colors.primary ?? Object.values(colors)[0] ?? '#000000',
        opacity: cardOpacity(bumper, into, segment.frames / fps),
        seconds: into,
      };
    }
  } else if (segment.kind === 'clip') {
    const clip = clipLayout(request, segment, index);
    if (clip) layout.clip = clip;
  }
  layout.overlays = overlaysAt(request, timing, seconds);
  layout.captions = captionsAt(request, timing, index);
  const logo = pack.manifest.logo;
  const box = logo && project.logo ? logoBox({ pack, frame }) : undefined;
  if (logo && box) {
    const window = logoWindow({ onBumpers: logo.onBumpers, contentStart: timing.contentStart, contentEnd: timing.contentEnd, totalFrames: timing.totalFrames });
    const start = framesToSeconds(window.startFrame, fps);
    const end = framesToSeconds(window.endFrame, fps);
    if (seconds >= start && seconds < end) {
      const fade = Math.min(1, (seconds - start) / LOGO_FADE_SECONDS, (end - seconds) / LOGO_FADE_SECONDS);
      layout.logo = { box, opacity: logo.opacity * Math.max(0, fade) };
    }
  }
  return layout;
}
