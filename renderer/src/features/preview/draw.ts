/**
 * Draws one FrameLayout (core/layout.ts) into a canvas of the output's size:
 * the same boxes, crops, fades and slides the compiler writes into the filter
 * graph. Returns false when something was not ready (video frame, image).
 */
import type { FrameLayout } from '@core/layout.js';

export interface FrameSources {
  /** the clip's video element, seeked to the layout's source time */
  video?: HTMLVideoElement;
  card?: CanvasImageSource;
  overlays: Map<string, CanvasImageSource>;
  logo?: CanvasImageSource;
  /** the captions on screen, in the order the export layers them (drawn after the lower thirds, before the logo) */
  captions: Array<{ image: CanvasImageSource; box: { x: number; y: number; width: number; height: number }; opacity: number }>;
  /** a caption on screen has no image yet */
  captionsMissing?: boolean;
  /** a scratch canvas for the blurred background */
  scratch: HTMLCanvasElement;
}

function drawPicture(ctx: CanvasRenderingContext2D, layout: FrameLayout, sources: FrameSources): boolean {
  const clip = layout.clip;
  const video = sources.video;
  if (!clip) return true;
  if (!video || video.readyState < 2 || video.videoWidth === 0) return false;
  const { picture } = clip;
  const { box } = picture;
  if (picture.mode === 'pad') {
    ctx.fillStyle = clip.padColor ?? '#000000';
    ctx.fillRect(0, 0, layout.frame.width, layout.frame.height);
  }
  if (picture.mode === 'blur') {
    // as the graph does: cover a small frame, centre-crop, blur, darken, scale up
    const { small, smallCover } = picture.background;
    const scratch = sources.scratch;
    scratch.width = small.width;
    scratch.height = small.height;
    const sctx = scratch.getContext('2d');
    if (sctx) {
      sctx.filter = 'blur(10px) brightness(0.92)';
      sctx.drawImage(video, -(smallCover.width - small.width) / 2, -(smallCover.height - small.height) / 2, smallCover.width, smallCover.height);
      sctx.filter = 'none';
      ctx.drawImage(scratch, 0, 0, layout.frame.width, layout.frame.height);
    }
  }
  ctx.drawImage(video, box.x, box.y, box.width, box.height);
  return true;
}

/** Where FFmpeg's overlay filter really puts a graphic on 4:2:0 video: truncated, then down to an even pixel. */
function alignToChroma(value: number): number {
  return Math.trunc(value) & ~1;
}

export function drawFrame(ctx: CanvasRenderingContext2D, layout: FrameLayout, sources: FrameSources): boolean {
  const { width, height } = layout.frame;
  let complete = true;
  ctx.globalAlpha = 1;
  ctx.fillStyle = '#000000';
  ctx.fillRect(0, 0, width, height);
  if (layout.card) {
    ctx.fillStyle = layout.card.background;
    ctx.fillRect(0, 0, width, height);
    if (sources.card) ctx.drawImage(sources.card, 0, 0, width, height);
    else if (layout.card.type === 'svg') complete = false;
    // the card fades from and to black
    ctx.fillStyle = `rgba(0,0,0,${1 - layout.card.opacity})`;
    ctx.fillRect(0, 0, width, height);
  }
  if (!drawPicture(ctx, layout, sources)) complete = false;
  for (const overlay of layout.overlays) {
    const image = sources.overlays.get(overlay.id);
    if (!image) {
      complete = false;
      continue;
    }
    ctx.globalAlpha = overlay.opacity;
    ctx.drawImage(image, alignToChroma(overlay.x), alignToChroma(overlay.y), overlay.box.width, overlay.box.height);
  }
  for (const caption of sources.captions) {
    ctx.globalAlpha = caption.opacity;
    ctx.drawImage(caption.image, alignToChroma(caption.box.x), alignToChroma(caption.box.y), caption.box.width, caption.box.height);
  }
  if (sources.captionsMissing) complete = false;
  if (layout.logo) {
    if (sources.logo) {
      ctx.globalAlpha = layout.logo.opacity;
      ctx.drawImage(sources.logo, alignToChroma(layout.logo.box.x), alignToChroma(layout.logo.box.y), layout.logo.box.width, layout.logo.box.height);
    } else complete = false;
  }
  ctx.globalAlpha = 1;
  return complete;
}
