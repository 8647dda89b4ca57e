/** core/model/history.ts: undo/redo steps, gestures folded into one step, limits. */
import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, createHistory, HISTORY_LIMIT, record, redo, seal, undo } from '../../core/model/history.js';

describe('history', () => {
  it('undoes and redoes steps in order, and a new step drops the redo branch', () => {
    let h = createHistory('a');
    h = record(h, 'b');
    h = record(h, 'c');
    expect(canUndo(h)).toBe(true);
    expect(canRedo(h)).toBe(false);
    h = undo(h);
    expect(h.present).toBe('b');
    h = undo(h);
    expect(h.present).toBe('a');
    expect(canUndo(h)).toBe(false);
    expect(undo(h).present).toBe('a');
    h = redo(h);
    expect(h.present).toBe('b');
    h = record(h, 'x');
    expect(canRedo(h)).toBe(false);
    expect(undo(h).present).toBe('b');
  });

  it('folds a drag or a typed word (same key, close in time) into one step', () => {
    let h = createHistory('');
    for (const [index, text] of ['R', 'Ri', 'Rin', 'Rina'].entries()) h = record(h, text, { key: 'field:name', at: 1000 + index * 200 });
    // a space ends the word
    h = record(h, 'Rina ', { key: 'field:name', at: 2000, boundary: true });
    h = record(h, 'Rina K', { key: 'field:name', at: 2100 });
    h = record(h, 'Rina Ku', { key: 'field:name', at: 2200 });
    expect(h.present).toBe('Rina Ku');
    expect(undo(h).present).toBe('Rina ');
    expect(undo(undo(h)).present).toBe('');
    // another key, a long pause or a seal start a new step
    let g = record(createHistory(0), 1, { key: 'drag', at: 0 });
    g = record(g, 2, { key: 'drag', at: 100 });
    g = record(g, 3, { key: 'drag', at: 100 + 5000 });
    expect(undo(g).present).toBe(2);
    g = record(seal(g), 4, { key: 'drag', at: 5200 });
    expect(undo(g).present).toBe(3);
    g = record(g, 5, { key: 'other', at: 5300 });
    expect(undo(g).present).toBe(4);
  });

  it('records nothing for an unchanged document and keeps at most HISTORY_LIMIT steps', () => {
    const h = createHistory({ v: 0 });
    expect(record(h, h.present)).toBe(h);
    let long = createHistory(0);
    for (let i = 1; i <= HISTORY_LIMIT + 20; i += 1) long = record(long, i);
    expect(long.past.length).toBe(HISTORY_LIMIT);
    expect(long.past[0]).toBe(20);
  });
});
