/**
 * The preview's clock: while playing, a clip's own video element leads (its
 * sound is what the admin hears) and cards and gaps run on the display clock;
 * while paused, the clip's video is seeked to the playhead. One video element
 * per media file, kept between clips.
 */
import { layoutSegments, type FrameLayout } from '@core/layout.js';
import { musicSecondsAt } from '@core/model/track-edits.js';
import { layoutRequest } from '../../project/layout.js';
import type { Clip, Project } from '@core/model/project.js';
import { mediaStore } from '../../project/media.js';
import { projectStore } from '../../project/store.js';
import { setPlaying } from '../../project/view.js';

const pool = new Map<string, HTMLVideoElement>();

export function videoFor(url: string): HTMLVideoElement {
  let video = pool.get(url);
  if (!video) {
    video = document.createElement('video');
    video.preload = 'auto';
    video.playsInline = true;
    video.crossOrigin = 'anonymous';
    video.src = url;
    pool.set(url, video);
  }
  return video;
}

export function pauseAllExcept(keep: Array<HTMLVideoElement | undefined>): void {
  for (const video of pool.values()) if (!keep.includes(video) && !video.paused) video.pause();
}

function clipOf(project: Project, id: string): Clip | undefined {
  return project.timeline.tracks.video.find((item): item is Clip => item.kind === 'clip' && item.id === id);
}

/** Volume and mute of a clip as the export mixes it (the element's volume stops at 1). */
export function applySound(video: HTMLVideoElement, project: Project, clipId: string): void {
  const clip = clipOf(project, clipId);
  if (!clip) return;
  video.muted = clip.muted || clip.volume === 0;
  video.volume = Math.min(1, clip.volume);
}

/**
 * Where the playhead is after this display frame while playing: from the
 * clip's video time inside a clip, from elapsed time elsewhere.
 */
export function advance(options: { layout: FrameLayout; video?: HTMLVideoElement; position: number; elapsedMs: number }): number {
  const { layout, video, position } = options;
  const segment = layout.segment;
  if (layout.clip && video && segment && !video.paused && !video.seeking) {
    const sourceStart = layout.clip.sourceFrame - (layout.index - segment.startFrame);
    const fromVideo = segment.startFrame + (video.currentTime * layout.fps - sourceStart);
    if (video.ended) return segment.startFrame + segment.frames;
    return Math.min(segment.startFrame + segment.frames, Math.max(position, fromVideo));
  }
  return position + (options.elapsedMs / 1000) * layout.fps;
}

/**
 * The music bed under the preview: played from the output's time (looped as
 * the export loops it) at its volume; its fades and ducking are heard only in
 * the export.
 */
export function syncMusic(options: { project: Project; url: string | undefined; seconds: number; playing: boolean }): void {
  const music = options.project.timeline.tracks.audio[0];
  if (!music || !options.url) return;
  const element = videoFor(options.url);
  // music moved or stretched on the timeline plays only there
  const request = layoutRequest();
  const contentStartSeconds = request ? layoutSegments(request).contentStart / options.project.fps : 0;
  const local = musicSecondsAt({ project: options.project, music, outputSeconds: options.seconds, contentStartSeconds });
  if (!options.playing || local === undefined) {
    if (!element.paused) element.pause();
    return;
  }
  element.volume = Math.min(1, music.volume);
  const length = Number.isFinite(element.duration) && element.duration > 0 ? element.duration : undefined;
  const target = length && music.loop ? local % length : local;
  if (length && !music.loop && local >= length) {
    element.pause();
    return;
  }
  if (element.paused) {
    element.currentTime = target;
    void element.play().catch(() => undefined);
  } else if (Math.abs(element.currentTime - target) > 0.3) element.currentTime = target;
}

/** One display frame while playing: sound and music follow, the playhead moves on; returns the new position (frames). */
export function playStep(options: { layout: FrameLayout; video?: HTMLVideoElement; position: number; elapsedMs: number }): number {
  const { layout, video } = options;
  const project = projectStore.get().project;
  if (!project) return options.position;
  if (layout.clip && video) {
    applySound(video, project, layout.clip.clipId);
    if (video.paused) {
      video.currentTime = layout.clip.sourceSeconds;
      void video.play().catch(() => undefined);
    }
  }
  const musicPath = project.timeline.tracks.audio[0]?.media.path;
  const musicUrl = musicPath ? mediaStore.get().byPath[musicPath]?.mediaUrl : undefined;
  pauseAllExcept([layout.clip ? video : undefined, musicUrl ? videoFor(musicUrl) : undefined]);
  syncMusic({ project, url: musicUrl, seconds: layout.seconds, playing: true });
  let position = advance({ layout, position: options.position, elapsedMs: options.elapsedMs, ...(video ? { video } : {}) });
  if (position >= layout.totalFrames - 1) {
    position = layout.totalFrames - 1;
    setPlaying(false);
  }
  return position;
}

/** Paused: the clip's video is seeked to the playhead; false while its frame is not there yet. */
export function holdStill(options: { layout: FrameLayout; video?: HTMLVideoElement; touch: () => void }): boolean {
  const { layout, video, touch } = options;
  pauseAllExcept([]);
  if (!layout.clip || !video) return true;
  if (video.readyState >= 1 && !video.seeking && Math.abs(video.currentTime - layout.clip.sourceSeconds) > 0.5 / layout.fps) {
    video.currentTime = layout.clip.sourceSeconds;
    video.addEventListener('seeked', touch, { once: true });
  }
  if (video.seeking || video.readyState < 2) {
    video.addEventListener('loadeddata', touch, { once: true });
    return false;
  }
  return true;
}
