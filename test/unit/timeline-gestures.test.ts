/**
 * What a drag does at a pointer position (the draft the tracks draw and the
 * one edit dispatched on release): reorder, trim with and without snapping,
 * lower thirds moved together and snapped by their nearer edge, captions
 * moved and their edges dragged.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { ProjectSchema, type Clip, type Project } from '@core/model/project.js';
import { applyGesture } from '../../renderer/src/features/timeline/gestures.js';
import { timelineView } from '../../renderer/src/features/timeline/viewStore.js';

/** a: 0..60, b: 60..150, c: 150..180; lower thirds 10..50 and 100..130; a marker at 95 */
function sample(): Project {
  return ProjectSchema.parse({
    kind: 'klipkota.project',
    version: 3,
    name: 'Seret',
    timeline: {
      markers: [{ id: 'marker-1', frame: 95, note: '' }],
      tracks: {
        video: [
          { kind: 'clip', id: 'a', media: { path: 'a.mp4' }, sourceRange: { start: 0, duration: 60 } },
          { kind: 'clip', id: 'b', media: { path: 'b.mp4' }, sourceRange: { start: 0, duration: 90 } },
          { kind: 'clip', id: 'c', media: { path: 'c.mp4' }, sourceRange: { start: 0, duration: 30 } },
        ],
        overlay: [
          { kind: 'overlay', id: 'lt-1', template: 'lower-third', fields: { name: 'A' }, start: 10, duration: 40 },
          { kind: 'overlay', id: 'lt-2', template: 'lower-third', fields: { name: 'B' }, start: 100, duration: 30 },
        ],
      },
    },
  });
}

const ids = (project: Project) => project.timeline.tracks.video.map((item) => item.id);

beforeEach(() => {
  // 2 px per frame: the snapping threshold is 4 frames
  timelineView.set({ zoom: 2, playhead: 0 });
});

describe('drag gestures', () => {
  it('reorders by where the pointer is', () => {
    const project = sample();
    const step = (frame: number) => applyGesture({ kind: 'move-clips', ids: ['c'] }, { project, frame, deltaFrames: 0, snap: true }).project;
    expect(ids(step(5))).toEqual(['c', 'a', 'b']);
    expect(ids(step(70))).toEqual(['a', 'c', 'b']);
    expect(step(170)).toBe(project);
  });

  it('trims an end edge, snapping to a marker unless snapping is off', () => {
    const project = sample();
    // the end of a (60) dragged to 93: the marker at 95 is within 4 frames
    const snapped = applyGesture({ kind: 'trim', clipId: 'b', edge: 'end' }, { project, frame: 0, deltaFrames: -57, snap: true });
    expect((snapped.project.timeline.tracks.video[1] as Clip).sourceRange.duration).toBe(35);
    expect(snapped.guide).toBe(95);
    const free = applyGesture({ kind: 'trim', clipId: 'b', edge: 'end' }, { project, frame: 0, deltaFrames: -57, snap: false });
    expect((free.project.timeline.tracks.video[1] as Clip).sourceRange.duration).toBe(33);
    expect(free.guide).toBeUndefined();
  });

  it('never trims past the source when its length is not known yet (the current out point is the limit)', () => {
    const project = sample();
    const longer = applyGesture({ kind: 'trim', clipId: 'a', edge: 'end' }, { project, frame: 0, deltaFrames: 30, snap: false });
    expect((longer.project.timeline.tracks.video[0] as Clip).sourceRange.duration).toBe(60);
  });

  it('moves selected lower thirds together and snaps by the nearer edge', () => {
    const project = sample();
    // lt-1 (10..50) moved by +8: its end (58) is 2 frames from clip a's end (60)
    const moved = applyGesture({ kind: 'move-overlays', ids: ['lt-1', 'lt-2'], grabbed: 'lt-1' }, { project, frame: 0, deltaFrames: 8, snap: true });
    expect(moved.project.timeline.tracks.overlay.map((item) => item.start)).toEqual([20, 110]);
    expect(moved.guide).toBe(60);
    const free = applyGesture({ kind: 'move-overlays', ids: ['lt-1'], grabbed: 'lt-1' }, { project, frame: 0, deltaFrames: 8, snap: false });
    expect(free.project.timeline.tracks.overlay.map((item) => item.start)).toEqual([18, 100]);
  });

  it('stretches a lower third to the playhead', () => {
    timelineView.set({ playhead: 140 });
    const project = sample();
    const result = applyGesture({ kind: 'resize-overlay', id: 'lt-2', edge: 'end' }, { project, frame: 0, deltaFrames: 8, snap: true });
    expect(result.project.timeline.tracks.overlay[1]).toMatchObject({ start: 100, duration: 40 });
    expect(result.guide).toBe(140);
  });

  it('moves a caption (snapping to a clip edge, never before frame 0) and drags its edges, keeping at least a frame', () => {
    const base = sample();
    const project: Project = { ...base, timeline: { ...base.timeline, tracks: { ...base.timeline.tracks, captions: [{ id: 'caption-1', start: 20, duration: 30, text: 'Selamat pagi' }] } } };
    const caption = (result: { project: Project }) => result.project.timeline.tracks.captions[0];
    // 20..50 moved by +8: its end (58) is 2 frames from clip a's end (60)
    const snapped = applyGesture({ kind: 'move-caption', id: 'caption-1' }, { project, frame: 0, deltaFrames: 8, snap: true });
    expect(caption(snapped)).toMatchObject({ start: 30, duration: 30 });
    expect(snapped.guide).toBe(60);
    expect(caption(applyGesture({ kind: 'move-caption', id: 'caption-1' }, { project, frame: 0, deltaFrames: 8, snap: false }))).toMatchObject({ start: 28, duration: 30 });
    expect(caption(applyGesture({ kind: 'move-caption', id: 'caption-1' }, { project, frame: 0, deltaFrames: -40, snap: false }))).toMatchObject({ start: 0, duration: 30 });
    // the start edge: the end stays; dragged past the end, one frame is left
    expect(caption(applyGesture({ kind: 'resize-caption', id: 'caption-1', edge: 'start' }, { project, frame: 0, deltaFrames: 5, snap: false }))).toMatchObject({ start: 25, duration: 25 });
    expect(caption(applyGesture({ kind: 'resize-caption', id: 'caption-1', edge: 'start' }, { project, frame: 0, deltaFrames: 90, snap: false }))).toMatchObject({ start: 49, duration: 1 });
    // the end edge, snapped to the playhead
    timelineView.set({ playhead: 70 });
    const stretched = applyGesture({ kind: 'resize-caption', id: 'caption-1', edge: 'end' }, { project, frame: 0, deltaFrames: 18, snap: true });
    expect(caption(stretched)).toMatchObject({ start: 20, duration: 50 });
    expect(stretched.guide).toBe(70);
    expect(caption(applyGesture({ kind: 'resize-caption', id: 'caption-1', edge: 'end' }, { project, frame: 0, deltaFrames: -90, snap: false }))).toMatchObject({ start: 20, duration: 1 });
  });
});
