import { describe, expect, it } from 'vitest';
import { KlipError } from '@core/errors.js';
import {
  addOverlay,
  clipAtFrame,
  deleteItem,
  fitOverlaysToTimeline,
  insertClip,
  itemStartFrames,
  moveItem,
  removeOverlay,
  setMuted,
  setReframe,
  setVolume,
  splitClip,
  timelineDurationFrames,
  trimClip,
  updateOverlay,
} from '@core/model/edits.js';
import { nextId } from '@core/model/ids.js';
import { ProjectSchema, type Clip, type Project } from '@core/model/project.js';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/** clip-1: 60 frames (source 10..70), gap-1: 15 frames, clip-2: 90 frames (source 0..90), clip-3: 30 frames. */
function sample(): Project {
  return deepFreeze(
    ProjectSchema.parse({
      kind: 'klipkota.project',
      version: 3,
      name: 'Peresmian Taman',
      fps: 30,
      timeline: {
        tracks: {
          video: [
            { kind: 'clip', id: 'clip-1', media: { path: 'a.mp4' }, sourceRange: { start: 10, duration: 60 } },
            { kind: 'gap', id: 'gap-1', duration: 15 },
            {
              kind: 'clip',
              id: 'clip-2',
              media: { path: 'b.mp4' },
              sourceRange: { start: 0, duration: 90 },
              volume: 0.5,
              reframe: { mode: 'crop', focusX: 0.3, focusY: 0.5 },
            },
            { kind: 'clip', id: 'clip-3', media: { path: 'c.mp4' }, sourceRange: { start: 0, duration: 30 } },
          ],
          overlay: [
            { kind: 'overlay', id: 'overlay-1', template: 'lower-third', fields: { name: 'Wahyu' }, start: 0, duration: 90 },
            { kind: 'overlay', id: 'overlay-2', template: 'lower-third', fields: { name: 'Sari' }, start: 150, duration: 45 },
          ],
        },
      },
    }),
  );
}

const snapshot = (project: Project) => JSON.parse(JSON.stringify(project)) as Project;
const ids = (project: Project) => project.timeline.tracks.video.map((item) => item.id);
const clip = (project: Project, id: string) =>
  project.timeline.tracks.video.find((item) => item.id === id) as Clip;

function expectBadInput(run: () => unknown, code: string): KlipError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(KlipError);
    const klip = error as KlipError;
    expect(klip.kind).toBe('bad-input');
    expect(klip.code).toBe(code);
    expect(klip.text.id.length).toBeGreaterThan(10);
    expect(klip.text.en.length).toBeGreaterThan(10);
    expect(klip.text.id).not.toBe(klip.text.en);
    return klip;
  }
  throw new Error(`expected KlipError ${code}, nothing was thrown`);
}

describe('reading the timeline', () => {
  it('sums durations and lists start frames', () => {
    const project = sample();
    expect(timelineDurationFrames(project)).toBe(195);
    expect(itemStartFrames(project)).toEqual([0, 60, 75, 165]);
  });

  it('finds the item at a frame, including gaps and edges', () => {
    const project = sample();
    expect(clipAtFrame(project, 0)).toMatchObject({ index: 0, start: 0, offset: 0, item: { id: 'clip-1' } });
    expect(clipAtFrame(project, 59)).toMatchObject({ index: 0, offset: 59 });
    expect(clipAtFrame(project, 60)).toMatchObject({ index: 1, item: { kind: 'gap' }, offset: 0 });
    expect(clipAtFrame(project, 100)).toMatchObject({ index: 2, start: 75, offset: 25, item: { id: 'clip-2' } });
    expect(clipAtFrame(project, 194)).toMatchObject({ index: 3, offset: 29 });
    expect(clipAtFrame(project, 195)).toBeUndefined();
    expect(clipAtFrame(project, -1)).toBeUndefined();
  });

  it('gives the first unused id', () => {
    expect(nextId(sample(), 'clip')).toBe('clip-4');
    expect(nextId(sample(), 'overlay')).toBe('overlay-3');
    expect(nextId(sample(), 'gap')).toBe('gap-2');
  });
});

describe('trimClip', () => {
  it('moves the in and out points in source frames without touching the input', () => {
    const project = sample();
    const before = snapshot(project);
    const next = trimClip({ project, clipId: 'clip-1', start: 20, end: 50 });
    expect(clip(next, 'clip-1').sourceRange).toEqual({ start: 20, duration: 30 });
    expect(timelineDurationFrames(next)).toBe(165);
    expect(itemStartFrames(next)).toEqual([0, 30, 45, 135]);
    expect(project).toEqual(before);
    expect(next).not.toBe(project);
  });

  it('changes only the side asked for', () => {
    const project = sample();
    expect(clip(trimClip({ project, clipId: 'clip-1', start: 30 }), 'clip-1').sourceRange).toEqual({ start: 30, duration: 40 });
    expect(clip(trimClip({ project, clipId: 'clip-1', end: 40 }), 'clip-1').sourceRange).toEqual({ start: 10, duration: 30 });
  });

  it('never starts before 0, keeps at least one frame and respects the media length', () => {
    const project = sample();
    expect(clip(trimClip({ project, clipId: 'clip-1', start: -50 }), 'clip-1').sourceRange).toEqual({ start: 0, duration: 70 });
    expect(clip(trimClip({ project, clipId: 'clip-1', start: 500 }), 'clip-1').sourceRange).toEqual({ start: 500, duration: 1 });
    expect(clip(trimClip({ project, clipId: 'clip-1', end: 5 }), 'clip-1').sourceRange).toEqual({ start: 4, duration: 1 });
    expect(clip(trimClip({ project, clipId: 'clip-1', start: 40, end: 40 }), 'clip-1').sourceRange).toEqual({ start: 40, duration: 1 });
    expect(clip(trimClip({ project, clipId: 'clip-1', end: 0 }), 'clip-1').sourceRange).toEqual({ start: 0, duration: 1 });
    const limited = trimClip({ project, clipId: 'clip-1', end: 900, sourceDurationFrames: 120 });
    expect(clip(limited, 'clip-1').sourceRange).toEqual({ start: 10, duration: 110 });
    const pastEnd = trimClip({ project, clipId: 'clip-1', start: 300, sourceDurationFrames: 120 });
    expect(clip(pastEnd, 'clip-1').sourceRange).toEqual({ start: 119, duration: 1 });
  });

  it('rounds to whole frames and rejects non-numbers', () => {
    const project = sample();
    expect(clip(trimClip({ project, clipId: 'clip-1', start: 12.4, end: 20.6 }), 'clip-1').sourceRange).toEqual({ start: 12, duration: 9 });
    expectBadInput(() => trimClip({ project, clipId: 'clip-1', start: Number.NaN }), 'edit-invalid');
  });

  it('cuts overlays that now run past the end', () => {
    const next = trimClip({ project: sample(), clipId: 'clip-3', end: 1 });
    // timeline is now 60 + 15 + 90 + 1 = 166 frames; overlay-2 started at 150 for 45
    expect(timelineDurationFrames(next)).toBe(166);
    expect(next.timeline.tracks.overlay.find((o) => o.id === 'overlay-2')).toMatchObject({ start: 150, duration: 16 });
  });

  it('rejects unknown ids and gaps', () => {
    const project = sample();
    const error = expectBadInput(() => trimClip({ project, clipId: 'clip-9', start: 1 }), 'edit-unknown-item');
    expect(error.text.en).toContain('clip-9');
    expectBadInput(() => trimClip({ project, clipId: 'gap-1', start: 1 }), 'edit-not-a-clip');
  });
});

describe('splitClip', () => {
  it('cuts at a timeline frame into two clips with fresh ids and the same total length', () => {
    const project = sample();
    const before = snapshot(project);
    // clip-2 starts at 75 on the timeline; frame 100 is 25 frames in
    const next = splitClip({ project, clipId: 'clip-2', atFrame: 100 });
    expect(ids(next)).toEqual(['clip-1', 'gap-1', 'clip-4', 'clip-5', 'clip-3']);
    expect(timelineDurationFrames(next)).toBe(timelineDurationFrames(project));
    expect(clip(next, 'clip-4')).toMatchObject({ media: { path: 'b.mp4' }, sourceRange: { start: 0, duration: 25 }, volume: 0.5 });
    expect(clip(next, 'clip-5')).toMatchObject({ media: { path: 'b.mp4' }, sourceRange: { start: 25, duration: 65 }, volume: 0.5 });
    expect(clip(next, 'clip-5').reframe).toEqual({ mode: 'crop', focusX: 0.3, focusY: 0.5 });
    expect(next.timeline.tracks.overlay).toEqual(project.timeline.tracks.overlay);
    expect(project).toEqual(before);
  });

  it('splits after a trim using the trimmed source range', () => {
    const trimmed = trimClip({ project: sample(), clipId: 'clip-1', start: 20, end: 50 });
    const next = splitClip({ project: trimmed, clipId: 'clip-1', atFrame: 10 });
    expect(ids(next).slice(0, 2)).toEqual(['clip-4', 'clip-5']);
    expect(clip(next, 'clip-4').sourceRange).toEqual({ start: 20, duration: 10 });
    expect(clip(next, 'clip-5').sourceRange).toEqual({ start: 30, duration: 20 });
    expect(timelineDurationFrames(next)).toBe(timelineDurationFrames(trimmed));
    // the second half plays the source frame that was at timeline frame 10
    const at = clipAtFrame(next, 10)!;
    expect((at.item as Clip).sourceRange.start + at.offset).toBe(30);
  });

  it('refuses to split at the edges or outside the clip', () => {
    const project = sample();
    expectBadInput(() => splitClip({ project, clipId: 'clip-2', atFrame: 75 }), 'edit-split-edge');
    expectBadInput(() => splitClip({ project, clipId: 'clip-2', atFrame: 165 }), 'edit-split-edge');
    expectBadInput(() => splitClip({ project, clipId: 'clip-2', atFrame: 10 }), 'edit-split-edge');
    expectBadInput(() => splitClip({ project, clipId: 'gap-1', atFrame: 65 }), 'edit-not-a-clip');
    expectBadInput(() => splitClip({ project, clipId: 'nope', atFrame: 65 }), 'edit-unknown-item');
  });

  it('splits a one-frame-in point and leaves a one-frame clip', () => {
    const next = splitClip({ project: sample(), clipId: 'clip-3', atFrame: 194 });
    expect(clip(next, 'clip-5').sourceRange).toEqual({ start: 29, duration: 1 });
  });
});

describe('moveItem', () => {
  it('moves an item to the end and shifts the others', () => {
    const project = sample();
    const before = snapshot(project);
    const next = moveItem({ project, itemId: 'clip-1', toIndex: 3 });
    expect(ids(next)).toEqual(['gap-1', 'clip-2', 'clip-3', 'clip-1']);
    expect(itemStartFrames(next)).toEqual([0, 15, 105, 135]);
    expect(timelineDurationFrames(next)).toBe(195);
    expect(project).toEqual(before);
  });

  it('clamps the index and moves towards the start', () => {
    const project = sample();
    expect(ids(moveItem({ project, itemId: 'clip-1', toIndex: 99 }))).toEqual(['gap-1', 'clip-2', 'clip-3', 'clip-1']);
    expect(ids(moveItem({ project, itemId: 'clip-3', toIndex: -4 }))).toEqual(['clip-3', 'clip-1', 'gap-1', 'clip-2']);
    expect(ids(moveItem({ project, itemId: 'clip-3', toIndex: 1 }))).toEqual(['clip-1', 'clip-3', 'gap-1', 'clip-2']);
    expect(moveItem({ project, itemId: 'clip-2', toIndex: 2 })).toBe(project);
    expectBadInput(() => moveItem({ project, itemId: 'overlay-1', toIndex: 0 }), 'edit-unknown-item');
  });
});

describe('deleteItem', () => {
  it('removes a middle clip and later items start earlier', () => {
    const project = sample();
    const before = snapshot(project);
    const next = deleteItem({ project, itemId: 'clip-2' });
    expect(ids(next)).toEqual(['clip-1', 'gap-1', 'clip-3']);
    expect(itemStartFrames(next)).toEqual([0, 60, 75]);
    expect(timelineDurationFrames(next)).toBe(105);
    expect(project).toEqual(before);
  });

  it('keeps overlays, cuts the ones that run past the new end and drops the ones that start after it', () => {
    const next = deleteItem({ project: sample(), itemId: 'clip-2' });
    // new length 105: overlay-1 (0..90) stays, overlay-2 (150..195) starts past the end
    expect(next.timeline.tracks.overlay.map((o) => o.id)).toEqual(['overlay-1']);
    const shorter = deleteItem({ project: next, itemId: 'clip-3' });
    expect(shorter.timeline.tracks.overlay).toEqual([expect.objectContaining({ id: 'overlay-1', start: 0, duration: 75 })]);
    const empty = [ 'clip-1', 'gap-1' ].reduce((p, itemId) => deleteItem({ project: p, itemId }), shorter);
    expect(empty.timeline.tracks.video).toEqual([]);
    expect(empty.timeline.tracks.overlay).toEqual([]);
    expect(timelineDurationFrames(empty)).toBe(0);
  });

  it('fits overlays exactly at the end boundary', () => {
    const overlays = sample().timeline.tracks.overlay;
    expect(fitOverlaysToTimeline(overlays, 150).map((o) => [o.id, o.start, o.duration])).toEqual([['overlay-1', 0, 90]]);
    expect(fitOverlaysToTimeline(overlays, 151).map((o) => [o.id, o.start, o.duration])).toEqual([
      ['overlay-1', 0, 90],
      ['overlay-2', 150, 1],
    ]);
  });

  it('rejects unknown ids', () => {
    expectBadInput(() => deleteItem({ project: sample(), itemId: 'clip-7' }), 'edit-unknown-item');
  });
});

describe('insertClip', () => {
  it('inserts with defaults and a fresh id', () => {
    const project = sample();
    const before = snapshot(project);
    const next = insertClip({ project, clip: { media: { path: 'd.mp4' }, sourceRange: { start: 0, duration: 45 } }, index: 1 });
    expect(ids(next)).toEqual(['clip-1', 'clip-4', 'gap-1', 'clip-2', 'clip-3']);
    expect(clip(next, 'clip-4')).toEqual({
      kind: 'clip',
      id: 'clip-4',
      media: { path: 'd.mp4' },
      sourceRange: { start: 0, duration: 45 },
      reframe: { mode: 'blur' },
      volume: 1,
      muted: false,
    });
    expect(itemStartFrames(next)).toEqual([0, 60, 105, 120, 210]);
    expect(project).toEqual(before);
  });

  it('keeps a free id, replaces a taken one and appends past the end', () => {
    const project = sample();
    const source = { media: { path: 'd.mp4' }, sourceRange: { start: 0, duration: 5 } };
    expect(ids(insertClip({ project, clip: { ...source, id: 'intro-shot' }, index: 0 }))[0]).toBe('intro-shot');
    expect(ids(insertClip({ project, clip: { ...source, id: 'clip-2' }, index: 99 }))).toEqual([
      'clip-1', 'gap-1', 'clip-2', 'clip-3', 'clip-4',
    ]);
  });

  it('rejects a clip with a bad range and names the field', () => {
    const error = expectBadInput(
      () => insertClip({ project: sample(), clip: { media: { path: 'd.mp4' }, sourceRange: { start: 0, duration: 0 } }, index: 0 }),
      'edit-invalid',
    );
    expect(error.detail).toContain('sourceRange.duration');
  });
});

describe('overlays', () => {
  it('adds an overlay with a fresh id and cuts it to the end', () => {
    const project = sample();
    const before = snapshot(project);
    const next = addOverlay({ project, overlay: { template: 'lower-third', fields: { name: 'Ani' }, start: 180, duration: 150 } });
    expect(next.timeline.tracks.overlay.at(-1)).toEqual({
      kind: 'overlay',
      id: 'overlay-3',
      template: 'lower-third',
      fields: { name: 'Ani' },
      start: 180,
      duration: 15,
    });
    expect(project).toEqual(before);
  });

  it('refuses an overlay that starts after the end or has bad values', () => {
    const project = sample();
    expectBadInput(
      () => addOverlay({ project, overlay: { template: 'lower-third', fields: {}, start: 195, duration: 30 } }),
      'edit-overlay-outside',
    );
    const error = expectBadInput(
      () => addOverlay({ project, overlay: { template: '', fields: {}, start: 0, duration: 30 } }),
      'edit-invalid',
    );
    expect(error.detail).toContain('template');
  });

  it('updates and removes overlays', () => {
    const project = sample();
    const before = snapshot(project);
    const moved = updateOverlay({ project, overlayId: 'overlay-1', changes: { start: 30, fields: { name: 'Budi', role: 'Camat' } } });
    expect(moved.timeline.tracks.overlay[0]).toEqual({
      kind: 'overlay',
      id: 'overlay-1',
      template: 'lower-third',
      fields: { name: 'Budi', role: 'Camat' },
      start: 30,
      duration: 90,
    });
    const longer = updateOverlay({ project, overlayId: 'overlay-2', changes: { duration: 1000 } });
    expect(longer.timeline.tracks.overlay[1]).toMatchObject({ start: 150, duration: 45 });
    expectBadInput(() => updateOverlay({ project, overlayId: 'overlay-1', changes: { start: 400 } }), 'edit-overlay-outside');
    expectBadInput(() => updateOverlay({ project, overlayId: 'overlay-1', changes: { duration: 0 } }), 'edit-invalid');
    expectBadInput(() => updateOverlay({ project, overlayId: 'overlay-9', changes: {} }), 'edit-unknown-overlay');
    const removed = removeOverlay({ project, overlayId: 'overlay-1' });
    expect(removed.timeline.tracks.overlay.map((o) => o.id)).toEqual(['overlay-2']);
    expectBadInput(() => removeOverlay({ project, overlayId: 'clip-1' }), 'edit-unknown-overlay');
    expect(project).toEqual(before);
  });
});

describe('clip settings', () => {
  it('sets reframe with defaults filled and rejects bad modes', () => {
    const project = sample();
    const before = snapshot(project);
    expect(clip(setReframe({ project, clipId: 'clip-1', reframe: { mode: 'crop' } }), 'clip-1').reframe).toEqual({
      mode: 'crop',
      focusX: 0.5,
      focusY: 0.5,
    });
    expect(clip(setReframe({ project, clipId: 'clip-1', reframe: { mode: 'pad', color: '#112233' } }), 'clip-1').reframe).toEqual({
      mode: 'pad',
      color: '#112233',
    });
    expectBadInput(
      () => setReframe({ project, clipId: 'clip-1', reframe: { mode: 'crop', focusX: 2 } }),
      'edit-invalid',
    );
    expectBadInput(() => setReframe({ project, clipId: 'gap-1', reframe: { mode: 'blur' } }), 'edit-not-a-clip');
    expect(project).toEqual(before);
  });

  it('sets volume clamped to 0..4 and mute', () => {
    const project = sample();
    const before = snapshot(project);
    expect(clip(setVolume({ project, clipId: 'clip-2', volume: 1.5 }), 'clip-2').volume).toBe(1.5);
    expect(clip(setVolume({ project, clipId: 'clip-2', volume: 9 }), 'clip-2').volume).toBe(4);
    expect(clip(setVolume({ project, clipId: 'clip-2', volume: -1 }), 'clip-2').volume).toBe(0);
    expectBadInput(() => setVolume({ project, clipId: 'clip-2', volume: Number.NaN }), 'edit-invalid');
    const muted = setMuted({ project, clipId: 'clip-3', muted: true });
    expect(clip(muted, 'clip-3').muted).toBe(true);
    expect(clip(muted, 'clip-1').muted).toBe(false);
    expect(project).toEqual(before);
  });

  it('keeps every edited project valid against the schema', () => {
    let project = sample();
    project = splitClip({ project, clipId: 'clip-2', atFrame: 120 });
    project = trimClip({ project, clipId: 'clip-1', start: 0, end: 5 });
    project = moveItem({ project, itemId: 'gap-1', toIndex: 0 });
    project = deleteItem({ project, itemId: 'clip-3' });
    project = setReframe({ project, clipId: 'clip-5', reframe: { mode: 'pad' } });
    expect(ProjectSchema.parse(project)).toEqual(project);
    expect(ids(project)).toEqual(['gap-1', 'clip-1', 'clip-4', 'clip-5']);
    expect(timelineDurationFrames(project)).toBe(15 + 5 + 45 + 45);
  });
});
