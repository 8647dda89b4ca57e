/**
 * Which media the editor's preview cannot play as it is: codecs a browser does
 * not decode (HEVC, ProRes...), pixel formats beyond 8-bit 4:2:0 (10-bit phone
 * video), and rotated phone clips (the preview canvas draws the coded picture,
 * the proxy is upright). Such a file gets a small H.264 proxy for the preview;
 * exports always read the original.
 */
import type { MediaInfo } from './media.js';

const PLAYABLE_CODECS = new Set(['h264', 'vp8', 'vp9', 'av1']);

export function needsProxy(info: Pick<MediaInfo, 'video'>): boolean {
  const video = info.video;
  if (!video || video.still) return false;
  if (!PLAYABLE_CODECS.has(video.codec)) return true;
  if (video.pixelFormat && !/^yuvj?420p$/.test(video.pixelFormat)) return true;
  return video.rotation !== 0;
}

/** The proxy's height: small enough to make quickly, enough for a preview on a laptop screen. */
export const PROXY_HEIGHT = 540;

/** FFmpeg arguments of a proxy (upright, H.264 yuv420p, AAC stereo, same timing). */
export function proxyArguments(options: { source: string; output: string }): string[] {
  return [
    '-hide_banner', '-y',
    '-i', options.source,
    '-map', '0:v:0', '-map', '0:a:0?',
    '-vf', `scale=-2:'min(${PROXY_HEIGHT},ih)':flags=bilinear,format=yuv420p`,
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '25', '-g', '15',
    '-c:a', 'aac', '-b:a', '128k', '-ac', '2',
    '-movflags', '+faststart',
    '-f', 'mp4', options.output,
  ];
}
