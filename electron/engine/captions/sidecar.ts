/**
 * The sidecar .srt next to an exported video (YouTube takes it as a caption
 * track): the captions on that export's own time line, after the intro card
 * and cut at the outro, as the burn-in places them.
 */
import path from 'node:path';
import { outputCaptions } from '@core/captions/timing.js';
import type { Project } from '@core/model/project.js';
import type { RenderPlan } from '@core/plan/types.js';
import { writeSrtFile } from './subtitles.js';

/** `video-tiktok.mp4` -> `video-tiktok.srt` */
export function sidecarPath(videoPath: string): string {
  return path.join(path.dirname(videoPath), `${path.basename(videoPath, path.extname(videoPath))}.srt`);
}

/** Where the video track starts and ends on the plan's output, frames. */
export function planContent(plan: RenderPlan): { contentStart: number; contentEnd: number } {
  const frame = (seconds: number) => Math.round(seconds * plan.fps);
  const intro = plan.timeline.find((segment) => segment.kind === 'intro');
  const outro = plan.timeline.find((segment) => segment.kind === 'outro');
  return { contentStart: intro ? frame(intro.endSeconds) : 0, contentEnd: outro ? frame(outro.startSeconds) : plan.durationFrames };
}

/** Write the sidecar of one export; returns its path and how many captions it holds. */
export async function writeSidecar(options: { project: Project; plan: RenderPlan; videoPath: string }): Promise<{ path: string; count: number }> {
  const captions = outputCaptions({ captions: options.project.timeline.tracks.captions, ...planContent(options.plan) });
  const file = sidecarPath(options.videoPath);
  await writeSrtFile({ path: file, captions, fps: options.plan.fps });
  return { path: file, count: captions.length };
}
