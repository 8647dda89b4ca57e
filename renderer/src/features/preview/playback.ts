/**
 * The preview's clock: while playing, a clip's own video element leads (its
 * sound is what the admin hears) and cards and gaps run on the display clock;
 * while paused, the clip's video is seeked to the playhead. One video element
 * per media file, kept between clips.
 */
import type { FrameLayout } from '../../../../core/layout.js';
import type { Clip, Project } from '../../../../core/model/project.js';

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

export function pauseAllExcept(keep: HTMLVideoElement | undefined): void {
  for (const video of pool.values()) if (video !== keep && !video.paused) video.pause();
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
