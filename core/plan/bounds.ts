/**
 * How big one export may be. A project file is input like any other: a gap of
 * ten million frames or thousands of clips must be refused with words an admin
 * can act on, not start a 92-hour sound pass or overflow FFmpeg's command line.
 *
 * - MAX_EXPORT_SECONDS (3 hours): twelve times the longest preset's limit
 *   (YouTube, 15 minutes in platforms.ts) and longer than a full city council
 *   meeting; the sound pass and the encode stay bounded.
 * - MAX_TIMELINE_ITEMS (1000 clips and gaps on the video track): each clip is an
 *   FFmpeg input and a branch of the graph; 1000 keeps the graph (passed as a
 *   script file when long, see args.ts) and FFmpeg's open files well inside what
 *   an office PC handles.
 * - MAX_OVERLAYS (200 lower thirds): each is one more input image.
 */
import { badInput } from '../errors.js';
import type { Project } from '../model/project.js';
import { framesToSeconds } from '../time.js';

export const MAX_EXPORT_SECONDS = 3 * 60 * 60;
export const MAX_TIMELINE_ITEMS = 1000;
export const MAX_OVERLAYS = 200;

/** Refuse a project with more clips or lower thirds than one export takes. */
export function checkItemCounts(project: Project): void {
  const items = project.timeline.tracks.video.length;
  if (items > MAX_TIMELINE_ITEMS) {
    throw badInput(
      'project-too-many-clips',
      {
        id: `Proyek berisi ${items} klip dan jeda, lebih dari batas ${MAX_TIMELINE_ITEMS} per ekspor. Bagi menjadi beberapa proyek.`,
        en: `The project holds ${items} clips and gaps, more than the limit of ${MAX_TIMELINE_ITEMS} per export. Split it into several projects.`,
      },
      `timeline.tracks.video: ${items} > ${MAX_TIMELINE_ITEMS}`,
    );
  }
  const overlays = project.timeline.tracks.overlay.length;
  if (overlays > MAX_OVERLAYS) {
    throw badInput(
      'project-too-many-overlays',
      {
        id: `Proyek berisi ${overlays} lower third, lebih dari batas ${MAX_OVERLAYS} per ekspor. Hapus sebagian atau bagi proyeknya.`,
        en: `The project holds ${overlays} lower thirds, more than the limit of ${MAX_OVERLAYS} per export. Remove some or split the project.`,
      },
      `timeline.tracks.overlay: ${overlays} > ${MAX_OVERLAYS}`,
    );
  }
}

/** Refuse an export longer than MAX_EXPORT_SECONDS (counted in frames, before any FFmpeg run). */
export function checkTotalFrames(frames: number, fps: number): void {
  if (framesToSeconds(frames, fps) <= MAX_EXPORT_SECONDS) return;
  const hours = (framesToSeconds(frames, fps) / 3600).toFixed(1);
  throw badInput(
    'project-too-long',
    {
      id: `Video akan berdurasi ${hours} jam, lebih dari batas ${MAX_EXPORT_SECONDS / 3600} jam per ekspor. Periksa jeda atau klip yang terlalu panjang di linimasa, lalu potong.`,
      en: `The video would last ${hours} hours, more than the limit of ${MAX_EXPORT_SECONDS / 3600} hours per export. Look for a gap or clip that is far too long on the timeline and trim it.`,
    },
    `${frames} frames at ${fps} fps`,
  );
}
