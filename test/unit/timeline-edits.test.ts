/**
 * The timeline's pure edits: reorder, trim an edge, split, ripple delete, lift,
 * lower thirds and music in time, copy and paste, markers and snapping.
 */
import { describe, expect, it } from 'vitest';
import { KlipError } from '@core/errors.js';
import { itemStartFrames, timelineDurationFrames } from '@core/model/edits.js';
import { addMarker, removeMarker, updateMarker } from '@core/model/markers.js';
import { ProjectSchema, type Clip, type Project } from '@core/model/project.js';
import { snapFrame, snapSpan, snapTargets, snapThreshold } from '@core/model/snapping.js';
import { lift, moveItems, rippleDelete, rippleFrame, setClipPointAt, sourceFramesOf, splitAt, trimEdge } from '@core/model/timeline-edits.js';
import { copyOverlays, moveMusic, moveOverlays, musicSecondsAt, musicSpan, pasteOverlays, removeOverlays, resizeMusic, resizeOverlay } from '@core/model/track-edits.js';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/** a: 0..60 (source 10..70 of 100), gap: 60..75, b: 75..165 (source 0..90 of 90), c: 165..195 (source 0..30 of 120) */
function sample(): Project {
  return deepFreeze(
    ProjectSchema.parse({
      kind: 'klipkota.project',
      version: 3,
      name: 'Festival Kampung Warna-Warni',
      fps: 30,
      timeline: {
        markers: [{ id: 'marker-1', frame: 100, note: 'sambutan' }],
        tracks: {
          video: [
            { kind: 'clip', id: 'a', media: { path: 'a.mp4' }, sourceRange: { start: 10, duration: 60 } },
            { kind: 'gap', id: 'gap-1', duration: 15 },
            { kind: 'clip', id: 'b', media: { path: 'b.mp4' }, sourceRange: { start: 0, duration: 90 } },
            { kind: 'clip', id: 'c', media: { path: 'c.mp4' }, sourceRange: { start: 0, duration: 30 } },
          ],
          overlay: [
            { kind: 'overlay', id: 'lt-1', template: 'lower-third', fields: { name: 'Wahyu' }, start: 10, duration: 40 },
            { kind: 'overlay', id: 'lt-2', template: 'lower-third', fields: { name: 'Sari' }, start: 120, duration: 60 },
          ],
          audio: [{ kind: 'music', id: 'music-1', media: { path: 'bed.mp3' }, start: 80, duration: 100 }],
        },
      },
    }),
  );
}

const ids = (project: Project) => project.timeline.tracks.video.map((item) => item.id);
const clip = (project: Project, id: string) => project.timeline.tracks.video.find((item) => item.id === id) as Clip;

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(KlipError);
    return (error as KlipError).code;
  }
  throw new Error('expected the edit to refuse');
}

describe('reorder', () => {
  it('moves one clip before another and leaves the original alone', () => {
    const project = sample();
    expect(ids(moveItems({ project, itemIds: ['c'], toIndex: 0 }))).toEqual(['c', 'a', 'gap-1', 'b']);
    expect(ids(project)).toEqual(['a', 'gap-1', 'b', 'c']);
  });

  it('moves a selection of several items together, in their order', () => {
    const project = sample();
    expect(ids(moveItems({ project, itemIds: ['b', 'a'], toIndex: 2 }))).toEqual(['gap-1', 'c', 'a', 'b']);
    expect(ids(moveItems({ project, itemIds: ['a', 'c'], toIndex: 1 }))).toEqual(['gap-1', 'a', 'c', 'b']);
    expect(moveItems({ project, itemIds: ['a'], toIndex: 0 })).toBe(project);
  });

  it('refuses an unknown id or an empty selection', () => {
    expect(codeOf(() => moveItems({ project: sample(), itemIds: ['x'], toIndex: 0 }))).toBe('edit-unknown-item');
    expect(codeOf(() => moveItems({ project: sample(), itemIds: [], toIndex: 0 }))).toBe('edit-unknown-item');
  });
});

describe('trim an edge', () => {
  it('moves the in point and the out point, rippling later items', () => {
    const project = sample();
    const later = trimEdge({ project, clipId: 'a', edge: 'start', byFrames: 20, sourceFrames: 100 });
    expect(clip(later, 'a').sourceRange).toEqual({ start: 30, duration: 40 });
    expect(itemStartFrames(later)).toEqual([0, 40, 55, 145]);
    const shorter = trimEdge({ project, clipId: 'a', edge: 'end', byFrames: -10, sourceFrames: 100 });
    expect(clip(shorter, 'a').sourceRange).toEqual({ start: 10, duration: 50 });
  });

  it('never goes past the source media, at either end', () => {
    const project = sample();
    expect(clip(trimEdge({ project, clipId: 'a', edge: 'start', byFrames: -50, sourceFrames: 100 }), 'a').sourceRange).toEqual({ start: 0, duration: 70 });
    expect(clip(trimEdge({ project, clipId: 'a', edge: 'end', byFrames: 500, sourceFrames: 100 }), 'a').sourceRange).toEqual({ start: 10, duration: 90 });
    expect(clip(trimEdge({ project, clipId: 'b', edge: 'end', byFrames: 1, sourceFrames: 90 }), 'b').sourceRange).toEqual({ start: 0, duration: 90 });
  });

  it('keeps at least one frame', () => {
    expect(clip(trimEdge({ project: sample(), clipId: 'a', edge: 'start', byFrames: 500, sourceFrames: 100 }), 'a').sourceRange.duration).toBe(1);
    expect(clip(trimEdge({ project: sample(), clipId: 'a', edge: 'end', byFrames: -500, sourceFrames: 100 }), 'a').sourceRange).toEqual({ start: 10, duration: 1 });
  });

  it('refuses a gap', () => {
    expect(codeOf(() => trimEdge({ project: sample(), clipId: 'gap-1', edge: 'end', byFrames: 5, sourceFrames: 10 }))).toBe('edit-not-a-clip');
  });

  it('I and O set the in and out point at the playhead', () => {
    const project = sample();
    const withIn = setClipPointAt({ project, clipId: 'b', point: 'in', atFrame: 85, sourceFrames: 90 });
    expect(clip(withIn, 'b').sourceRange).toEqual({ start: 10, duration: 80 });
    const withOut = setClipPointAt({ project, clipId: 'b', point: 'out', atFrame: 135, sourceFrames: 90 });
    expect(clip(withOut, 'b').sourceRange).toEqual({ start: 0, duration: 60 });
    expect(codeOf(() => setClipPointAt({ project, clipId: 'b', point: 'in', atFrame: 10, sourceFrames: 90 }))).toBe('edit-point-outside');
  });

  it('source length in whole frames', () => {
    expect(sourceFramesOf(10, 30)).toBe(300);
    expect(sourceFramesOf(3.999, 30)).toBe(119);
  });
});

describe('split at a frame', () => {
  it('splits the clip under the playhead into two with fresh ids', () => {
    const project = sample();
    const split = splitAt({ project, atFrame: 100 });
    expect(split.timeline.tracks.video).toHaveLength(5);
    const [first, second] = split.timeline.tracks.video.slice(2, 4) as Clip[];
    expect(first!.sourceRange).toEqual({ start: 0, duration: 25 });
    expect(second!.sourceRange).toEqual({ start: 25, duration: 65 });
    expect(timelineDurationFrames(split)).toBe(timelineDurationFrames(project));
  });

  it('with a selection, splits only the selected clips', () => {
    expect(codeOf(() => splitAt({ project: sample(), atFrame: 100, itemIds: ['a'] }))).toBe('edit-split-nothing');
    expect(splitAt({ project: sample(), atFrame: 30, itemIds: ['a'] }).timeline.tracks.video).toHaveLength(5);
  });

  it('refuses an edge, a gap and the end', () => {
    for (const atFrame of [0, 60, 65, 75, 195, 300]) expect(codeOf(() => splitAt({ project: sample(), atFrame }))).toBe('edit-split-nothing');
  });
});

describe('ripple delete and lift', () => {
  it('maps frames across removed spans', () => {
    const removed = [{ start: 10, end: 20 }, { start: 40, end: 50 }];
    expect([0, 10, 15, 20, 30, 45, 60].map((frame) => rippleFrame(frame, removed))).toEqual([0, 10, 10, 10, 20, 30, 40]);
  });

  it('closes the hole and moves lower thirds, music and markers with the pictures', () => {
    const project = sample();
    const after = rippleDelete({ project, itemIds: ['a'] });
    expect(ids(after)).toEqual(['gap-1', 'b', 'c']);
    expect(timelineDurationFrames(after)).toBe(135);
    // lt-1 sat on clip a only: gone; lt-2 moves 60 frames earlier
    expect(after.timeline.tracks.overlay).toEqual([expect.objectContaining({ id: 'lt-2', start: 60, duration: 60 })]);
    expect(after.timeline.tracks.audio[0]).toMatchObject({ start: 20, duration: 100 });
    expect(after.timeline.markers).toEqual([{ id: 'marker-1', frame: 40, note: 'sambutan' }]);
  });

  it('deletes a selection of several items at once', () => {
    const after = rippleDelete({ project: sample(), itemIds: ['gap-1', 'c'] });
    expect(ids(after)).toEqual(['a', 'b']);
    expect(timelineDurationFrames(after)).toBe(150);
    // lt-2 (120..180) lost its last 15 frames beyond the new end... moved by the 15-frame gap first
    expect(after.timeline.tracks.overlay[1]).toMatchObject({ start: 105, duration: 45 });
  });

  it('lift leaves a gap of the same length and moves nothing', () => {
    const project = sample();
    const after = lift({ project, itemIds: ['b'] });
    expect(after.timeline.tracks.video.map((item) => item.kind)).toEqual(['clip', 'gap', 'clip']);
    expect(after.timeline.tracks.video[1]).toMatchObject({ kind: 'gap', id: 'gap-1', duration: 105 });
    expect(timelineDurationFrames(after)).toBe(195);
    expect(after.timeline.tracks.overlay).toEqual(project.timeline.tracks.overlay);
  });

  it('lift of the last clip drops the trailing gap', () => {
    const after = lift({ project: sample(), itemIds: ['c'] });
    expect(ids(after)).toEqual(['a', 'gap-1', 'b']);
    expect(after.timeline.tracks.overlay[1]).toMatchObject({ id: 'lt-2', start: 120, duration: 45 });
  });
});

describe('lower thirds and music in time', () => {
  it('moves several lower thirds together, clamped to the video', () => {
    const project = sample();
    const moved = moveOverlays({ project, overlayIds: ['lt-1', 'lt-2'], byFrames: 5 });
    expect(moved.timeline.tracks.overlay.map((item) => [item.start, item.duration])).toEqual([[15, 40], [125, 60]]);
    const early = moveOverlays({ project, overlayIds: ['lt-1', 'lt-2'], byFrames: -100 });
    expect(early.timeline.tracks.overlay.map((item) => item.start)).toEqual([0, 110]);
    const late = moveOverlays({ project, overlayIds: ['lt-2'], byFrames: 1000 });
    expect(late.timeline.tracks.overlay[1]).toMatchObject({ start: 194, duration: 1 });
  });

  it('stretches a lower third by either edge', () => {
    const project = sample();
    expect(resizeOverlay({ project, overlayId: 'lt-1', edge: 'end', toFrame: 90 }).timeline.tracks.overlay[0]).toMatchObject({ start: 10, duration: 80 });
    expect(resizeOverlay({ project, overlayId: 'lt-1', edge: 'start', toFrame: 0 }).timeline.tracks.overlay[0]).toMatchObject({ start: 0, duration: 50 });
    expect(resizeOverlay({ project, overlayId: 'lt-1', edge: 'start', toFrame: 99 }).timeline.tracks.overlay[0]).toMatchObject({ start: 49, duration: 1 });
    expect(resizeOverlay({ project, overlayId: 'lt-2', edge: 'end', toFrame: 999 }).timeline.tracks.overlay[1]).toMatchObject({ start: 120, duration: 75 });
    expect(codeOf(() => resizeOverlay({ project, overlayId: 'nope', edge: 'end', toFrame: 9 }))).toBe('edit-unknown-overlay');
  });

  it('copies and pastes lower thirds at the playhead with fresh ids', () => {
    const project = sample();
    const clipboard = copyOverlays({ project, overlayIds: ['lt-1', 'lt-2'] });
    expect(clipboard.items.map((item) => item.offset)).toEqual([0, 110]);
    const { project: pasted, pastedIds } = pasteOverlays({ project, clipboard, atFrame: 50 });
    expect(pastedIds).toEqual(['overlay-1', 'overlay-2']);
    expect(pasted.timeline.tracks.overlay.slice(2)).toEqual([
      { kind: 'overlay', id: 'overlay-1', template: 'lower-third', fields: { name: 'Wahyu' }, start: 50, duration: 40 },
      // the second would run past the end (195): it is shortened
      { kind: 'overlay', id: 'overlay-2', template: 'lower-third', fields: { name: 'Sari' }, start: 160, duration: 35 },
    ]);
    expect(codeOf(() => pasteOverlays({ project, clipboard, atFrame: 195 }))).toBe('edit-paste-outside');
    expect(removeOverlays({ project, overlayIds: ['lt-1'] }).timeline.tracks.overlay.map((item) => item.id)).toEqual(['lt-2']);
  });

  it('moves and stretches the music bed inside the video', () => {
    const project = sample();
    expect(musicSpan(project, project.timeline.tracks.audio[0]!)).toEqual({ start: 80, end: 180 });
    expect(moveMusic({ project, musicId: 'music-1', toFrame: 30 }).timeline.tracks.audio[0]).toMatchObject({ start: 30, duration: 100 });
    expect(resizeMusic({ project, musicId: 'music-1', edge: 'end', toFrame: 400 }).timeline.tracks.audio[0]).toMatchObject({ start: 80, duration: 115 });
    expect(resizeMusic({ project, musicId: 'music-1', edge: 'start', toFrame: 10 }).timeline.tracks.audio[0]).toMatchObject({ start: 10, duration: 170 });
    expect(codeOf(() => moveMusic({ project, musicId: 'x', toFrame: 0 }))).toBe('edit-unknown-music');
  });
});

describe('markers', () => {
  it('adds a marker with a note at a frame, in frame order, and saves it in the project', () => {
    const { project, markerId } = addMarker({ project: sample(), frame: 30, note: 'ganti musik' });
    expect(markerId).toBe('marker-2');
    expect(project.timeline.markers.map((marker) => marker.frame)).toEqual([30, 100]);
    expect(ProjectSchema.parse(JSON.parse(JSON.stringify(project))).timeline.markers).toEqual(project.timeline.markers);
    expect(updateMarker({ project, markerId, note: 'ok', frame: 150 }).timeline.markers).toEqual([
      { id: 'marker-1', frame: 100, note: 'sambutan' },
      { id: 'marker-2', frame: 150, note: 'ok' },
    ]);
    expect(removeMarker({ project, markerId: 'marker-1' }).timeline.markers).toEqual([{ id: 'marker-2', frame: 30, note: 'ganti musik' }]);
  });

  it('refuses a marker outside the video, an unknown marker and an overlong note', () => {
    expect(codeOf(() => addMarker({ project: sample(), frame: 500 }))).toBe('marker-outside');
    expect(codeOf(() => removeMarker({ project: sample(), markerId: 'marker-9' }))).toBe('marker-unknown');
    expect(codeOf(() => addMarker({ project: sample(), frame: 1, note: 'x'.repeat(501) }))).toBe('marker-note-long');
  });
});

describe('snapping', () => {
  it('collects clip, overlay and music edges, markers and the playhead, leaving out dragged items', () => {
    const project = sample();
    expect(snapTargets({ project, playhead: 33 })).toEqual([0, 10, 33, 50, 60, 75, 80, 100, 120, 165, 180, 195]);
    expect(snapTargets({ project, excludeIds: ['a', 'lt-1', 'music-1'] })).toEqual([0, 60, 75, 100, 120, 165, 180, 195]);
  });

  it('snaps to the nearest target within the threshold', () => {
    const targets = [0, 60, 75, 100];
    expect(snapFrame({ frame: 63, targets, threshold: 5 })).toEqual({ frame: 60, target: 60 });
    expect(snapFrame({ frame: 70, targets, threshold: 5 })).toEqual({ frame: 75, target: 75 });
    expect(snapFrame({ frame: 88, targets, threshold: 5 })).toEqual({ frame: 88 });
    expect(snapFrame({ frame: -3, targets, threshold: 5 })).toEqual({ frame: 0, target: 0 });
    expect(snapFrame({ frame: 50, targets: [], threshold: 5 })).toEqual({ frame: 50 });
  });

  it('snaps a span by its nearer edge and keeps its length', () => {
    const targets = [0, 60, 100];
    expect(snapSpan({ start: 58, duration: 30, targets, threshold: 4 })).toEqual({ frame: 60, target: 60 });
    expect(snapSpan({ start: 68, duration: 30, targets, threshold: 4 })).toEqual({ frame: 70, target: 100 });
    expect(snapSpan({ start: 20, duration: 10, targets, threshold: 4 })).toEqual({ frame: 20 });
    expect(snapThreshold(2)).toBe(4);
    expect(snapThreshold(100)).toBe(1);
  });
});

describe('music heard at a time', () => {
  it('unplaced music from the first second, placed music only inside its span after the intro', () => {
    const project = sample();
    const music = project.timeline.tracks.audio[0]!;
    // placed at frame 80 for 100 frames (2.667 s .. 6 s after a 3 s intro)
    expect(musicSecondsAt({ project, music, outputSeconds: 3 + 80 / 30 - 0.1, contentStartSeconds: 3 })).toBeUndefined();
    expect(musicSecondsAt({ project, music, outputSeconds: 3 + 80 / 30 + 1, contentStartSeconds: 3 })).toBeCloseTo(1);
    expect(musicSecondsAt({ project, music, outputSeconds: 3 + 180 / 30 + 0.01, contentStartSeconds: 3 })).toBeUndefined();
    const unplaced = { ...music, start: 0, duration: undefined };
    expect(musicSecondsAt({ project, music: unplaced, outputSeconds: 1.5, contentStartSeconds: 3 })).toBe(1.5);
  });
});
