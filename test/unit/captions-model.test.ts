import { describe, expect, it } from 'vitest';
import { KlipError } from '@core/errors.js';
import {
  addCaption,
  mergeCaptions,
  nudgeCaption,
  removeCaption,
  replaceCaptions,
  setBurnInCaptions,
  setCaptionStyle,
  setCaptionText,
  setCaptionTiming,
  shiftAllCaptions,
  splitCaption,
} from '@core/model/captions.js';
import { createHistory, record, redo, undo } from '@core/model/history.js';
import { parseProject } from '@core/model/migrate.js';
import { PROJECT_VERSION, ProjectSchema, type Project } from '@core/model/project.js';
import { rippleDelete } from '@core/model/timeline-edits.js';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/** 150 frames of clips; three captions at 25 fps. */
function sample(): Project {
  return deepFreeze(
    ProjectSchema.parse({
      kind: 'klipkota.project',
      version: PROJECT_VERSION,
      name: 'Posyandu Kauman',
      fps: 25,
      timeline: {
        tracks: {
          video: [
            { kind: 'clip', id: 'clip-1', media: { path: 'a.mp4' }, sourceRange: { start: 0, duration: 100 } },
            { kind: 'clip', id: 'clip-2', media: { path: 'b.mp4' }, sourceRange: { start: 0, duration: 50 } },
          ],
          captions: [
            { id: 'caption-1', start: 0, duration: 50, text: 'Selamat pagi warga Kauman' },
            { id: 'caption-2', start: 50, duration: 25, text: 'posyandu dibuka jam delapan' },
            { id: 'caption-3', start: 110, duration: 30, text: 'Terima kasih' },
          ],
        },
      },
    }),
  );
}

const captions = (project: Project) => project.timeline.tracks.captions;

function expectError(action: () => unknown, code: string): KlipError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(KlipError);
    expect((error as KlipError).code).toBe(code);
    return error as KlipError;
  }
  throw new Error(`expected ${code}`);
}

describe('captions model: migration', () => {
  it('upgrades a version 2 project to an empty captions track and no style overrides', () => {
    const project = parseProject({
      kind: 'klipkota.project',
      version: 2,
      name: 'Lama',
      timeline: { markers: [], tracks: { video: [{ kind: 'clip', id: 'clip-1', media: { path: 'a.mp4' }, sourceRange: { start: 0, duration: 30 } }] } },
    });
    expect(PROJECT_VERSION).toBe(3);
    expect(project.version).toBe(3);
    expect(project.timeline.tracks.captions).toEqual([]);
    expect(project.captionStyle).toEqual({});
    expect(project.burnInCaptions).toBe(true);
  });

  it('keeps captions and style through a JSON round trip', () => {
    const project = setCaptionStyle({ project: sample(), style: { size: 0.05, box: null, position: { '9:16': 0.6 } } });
    expect(parseProject(JSON.parse(JSON.stringify(project)))).toEqual(project);
  });

  it('refuses a caption with a negative start, naming the field', () => {
    const bad = { ...JSON.parse(JSON.stringify(sample())), timeline: { tracks: { video: [], captions: [{ id: 'c', start: -1, duration: 5, text: 'x' }] } } };
    const error = expectError(() => parseProject(bad), 'project-invalid');
    expect(error.detail).toContain('captions');
  });
});

describe('captions model: edits', () => {
  it('adds a caption in time order with a fresh id, and keeps the given project unchanged', () => {
    const before = sample();
    const after = addCaption({ project: before, caption: { start: 80, duration: 20, text: '  Ibu-ibu\r\nsilakan  datang ' } });
    expect(captions(after).map((c) => c.id)).toEqual(['caption-1', 'caption-2', 'caption-4', 'caption-3']);
    expect(captions(after)[2]).toEqual({ id: 'caption-4', start: 80, duration: 20, text: 'Ibu-ibu silakan datang' });
    expect(captions(before)).toHaveLength(3);
    expectError(() => addCaption({ project: before, caption: { start: -3, duration: 20, text: 'x' } }), 'caption-timing');
    expectError(() => addCaption({ project: before, caption: { start: 3, duration: 0, text: 'x' } }), 'caption-timing');
    expectError(() => addCaption({ project: before, caption: { start: 3, duration: 5, text: 'a'.repeat(501) } }), 'caption-text-long');
  });

  it('edits the words and the timing of one caption', () => {
    const texted = setCaptionText({ project: sample(), captionId: 'caption-2', text: 'Posyandu buka pukul 08.00' });
    expect(captions(texted)[1]!.text).toBe('Posyandu buka pukul 08.00');
    const timed = setCaptionTiming({ project: texted, captionId: 'caption-2', start: 120, duration: 10 });
    expect(captions(timed).map((c) => [c.id, c.start, c.duration])).toEqual([
      ['caption-1', 0, 50],
      ['caption-3', 110, 30],
      ['caption-2', 120, 10],
    ]);
    expectError(() => setCaptionText({ project: sample(), captionId: 'caption-9', text: 'x' }), 'caption-unknown');
  });

  it('splits a caption at a frame, the words at the nearest space', () => {
    const project = splitCaption({ project: sample(), captionId: 'caption-1', atFrame: 25 });
    expect(captions(project).slice(0, 2)).toEqual([
      { id: 'caption-1', start: 0, duration: 25, text: 'Selamat pagi' },
      { id: 'caption-4', start: 25, duration: 25, text: 'warga Kauman' },
    ]);
    const byIndex = splitCaption({ project: sample(), captionId: 'caption-1', atFrame: 10, textAt: 7 });
    expect(captions(byIndex).slice(0, 2).map((c) => c.text)).toEqual(['Selamat', 'pagi warga Kauman']);
    expectError(() => splitCaption({ project: sample(), captionId: 'caption-1', atFrame: 50 }), 'caption-split-edge');
    expectError(() => splitCaption({ project: sample(), captionId: 'caption-1', atFrame: 0 }), 'caption-split-edge');
  });

  it('merges a caption with the next one', () => {
    const project = mergeCaptions({ project: sample(), captionId: 'caption-1' });
    expect(captions(project)).toEqual([
      { id: 'caption-1', start: 0, duration: 75, text: 'Selamat pagi warga Kauman posyandu dibuka jam delapan' },
      { id: 'caption-3', start: 110, duration: 30, text: 'Terima kasih' },
    ]);
    expectError(() => mergeCaptions({ project: sample(), captionId: 'caption-3' }), 'caption-merge-last');
  });

  it('nudges a caption or one of its edges, never before frame 0 and never shorter than a frame', () => {
    const later = nudgeCaption({ project: sample(), captionId: 'caption-2', frames: 5 });
    expect(captions(later)[1]).toMatchObject({ start: 55, duration: 25 });
    const early = nudgeCaption({ project: sample(), captionId: 'caption-1', frames: -10 });
    expect(captions(early)[0]).toMatchObject({ start: 0, duration: 50 });
    const startEdge = nudgeCaption({ project: sample(), captionId: 'caption-2', frames: 30, edge: 'start' });
    expect(captions(startEdge)[1]).toMatchObject({ start: 74, duration: 1 });
    const endEdge = nudgeCaption({ project: sample(), captionId: 'caption-2', frames: -5, edge: 'end' });
    expect(captions(endEdge)[1]).toMatchObject({ start: 50, duration: 20 });
  });

  it('shifts every caption, refusing to push one before the start', () => {
    const shifted = shiftAllCaptions({ project: sample(), frames: 12 });
    expect(captions(shifted).map((c) => c.start)).toEqual([12, 62, 122]);
    expect(captions(shiftAllCaptions({ project: shifted, frames: -12 }))).toEqual(captions(sample()));
    const error = expectError(() => shiftAllCaptions({ project: shifted, frames: -13 }), 'caption-shift-before-start');
    expect(error.text.en).toContain('at most 12');
  });

  it('replaces the track from an import and removes one caption', () => {
    const replaced = replaceCaptions({ project: sample(), captions: [{ start: 30, duration: 5, text: 'b' }, { start: 0, duration: 5, text: 'a' }] });
    expect(captions(replaced)).toEqual([
      { id: 'caption-1', start: 0, duration: 5, text: 'a' },
      { id: 'caption-2', start: 30, duration: 5, text: 'b' },
    ]);
    expect(captions(removeCaption({ project: sample(), captionId: 'caption-2' })).map((c) => c.id)).toEqual(['caption-1', 'caption-3']);
  });

  it('sets style overrides and burn-in, refusing bad values', () => {
    const styled = setCaptionStyle({ project: sample(), style: { color: '#FFEE00', maxLines: 3 } });
    expect(styled.captionStyle).toEqual({ color: '#FFEE00', maxLines: 3 });
    expect(setCaptionStyle({ project: styled, style: { maxLines: undefined } }).captionStyle).toEqual({ color: '#FFEE00' });
    expectError(() => setCaptionStyle({ project: sample(), style: { color: 'kuning' } }), 'caption-style-invalid');
    expect(setBurnInCaptions({ project: sample(), burnIn: false }).burnInCaptions).toBe(false);
  });

  it('moves captions with the pictures on a ripple delete', () => {
    const project = rippleDelete({ project: sample(), itemIds: ['clip-1'] });
    expect(captions(project)).toEqual([{ id: 'caption-3', start: 10, duration: 30, text: 'Terima kasih' }]);
  });

  it('is one undo step per edit through the history', () => {
    let history = createHistory(sample());
    history = record(history, splitCaption({ project: history.present, captionId: 'caption-1', atFrame: 25 }));
    history = record(history, shiftAllCaptions({ project: history.present, frames: 5 }));
    expect(captions(history.present)).toHaveLength(4);
    history = undo(history);
    expect(captions(history.present).map((c) => c.start)).toEqual([0, 25, 50, 110]);
    history = undo(history);
    expect(captions(history.present)).toEqual(captions(sample()));
    history = redo(history);
    expect(captions(history.present)).toHaveLength(4);
  });
});
