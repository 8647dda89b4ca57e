/**
 * The timeline UI's pure pieces: which items are on screen (binary search),
 * frames and pixels, ruler ticks, timecode, where a drag drops, and the
 * keyboard: combinations, fields that swallow keys, a command table without
 * clashes and with both languages.
 */
import { describe, expect, it } from 'vitest';
import type { VideoItem } from '@core/model/project.js';
import { commandLabel, COMMANDS, keyOf } from '../../renderer/src/commands/commands.js';
import {
  dropIndex,
  fitZoom,
  formatFrameTimecode,
  frameToX,
  MAX_PIXELS_PER_FRAME,
  placeItems,
  tickStepFrames,
  visibleFrames,
  visibleItems,
  xToFrame,
} from '../../renderer/src/features/timeline/geometry.js';
import { timelineText } from '../../renderer/src/features/timeline/texts.js';

const clips = (lengths: number[]): VideoItem[] =>
  lengths.map((duration, index) => ({
    kind: 'clip',
    id: `clip-${index + 1}`,
    media: { path: `${index}.mp4` },
    sourceRange: { start: 0, duration },
    reframe: { mode: 'blur' },
    volume: 1,
    muted: false,
  }));

describe('timeline geometry', () => {
  it('places items end to end and finds the ones on screen', () => {
    const placed = placeItems(clips([30, 60, 15, 45]));
    expect(placed.map((entry) => [entry.start, entry.end])).toEqual([[0, 30], [30, 90], [90, 105], [105, 150]]);
    expect(visibleItems(placed, 40, 100).map((entry) => entry.item.id)).toEqual(['clip-2', 'clip-3']);
    expect(visibleItems(placed, 90, 91).map((entry) => entry.item.id)).toEqual(['clip-3']);
    expect(visibleItems(placed, 200, 300)).toEqual([]);
  });

  it('draws a handful of 500 clips at a close zoom', () => {
    const placed = placeItems(clips(Array.from({ length: 500 }, (_, index) => 30 + (index % 60))));
    const view = { zoom: 2, scrollX: 20_000, width: 1200, lead: 64 };
    const range = visibleFrames(view);
    const shown = visibleItems(placed, range.from, range.to);
    expect(shown.length).toBeGreaterThan(5);
    expect(shown.length).toBeLessThan(40);
    for (const entry of shown) {
      expect(frameToX(entry.end, view)).toBeGreaterThan(view.scrollX - 200);
      expect(frameToX(entry.start, view)).toBeLessThan(view.scrollX + view.width + 200);
    }
  });

  it('turns pixels into frames and back, and fits the video to the width', () => {
    const view = { zoom: 2.5, lead: 64 };
    expect(frameToX(100, view)).toBe(314);
    expect(xToFrame(314, view)).toBe(100);
    expect(fitZoom({ frames: 900, width: 1000, lead: 64, tail: 64 })).toBeCloseTo((1000 - 128 - 16) / 900);
    expect(fitZoom({ frames: 1, width: 1000, lead: 64, tail: 64 })).toBe(MAX_PIXELS_PER_FRAME);
  });

  it('spaces ruler labels at least 80 px apart on round steps', () => {
    expect(tickStepFrames({ zoom: 24, fps: 30 })).toBe(6);
    expect(tickStepFrames({ zoom: 2, fps: 30 })).toBe(60);
    expect(tickStepFrames({ zoom: 0.05, fps: 30 })).toBe(1800);
    expect(tickStepFrames({ zoom: 0.0001, fps: 25 })).toBe(3600 * 25);
  });

  it('writes timecode as HH:MM:SS:FF', () => {
    expect(formatFrameTimecode(0, 30)).toBe('00:00:00:00');
    expect(formatFrameTimecode(195, 30)).toBe('00:00:06:15');
    expect(formatFrameTimecode(25 * 3661 + 24, 25)).toBe('01:01:01:24');
  });

  it('drops a dragged clip before the first item whose middle is past the pointer', () => {
    const placed = placeItems(clips([30, 30, 30, 30]));
    const dragged = new Set(['clip-4']);
    expect(dropIndex({ placed, dragged, frame: 5 })).toBe(0);
    expect(dropIndex({ placed, dragged, frame: 20 })).toBe(1);
    expect(dropIndex({ placed, dragged, frame: 200 })).toBe(3);
  });
});

describe('keyboard', () => {
  const key = (value: string, modifiers: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {}) =>
    keyOf({ key: value, code: value === ' ' ? 'Space' : '', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...modifiers });
  const find = (combo: string) => COMMANDS.find((command) => command.keys.includes(combo));

  it('names combinations as the table writes them', () => {
    expect(key(' ')).toBe('Space');
    expect(key('s')).toBe('S');
    expect(key('Z', { ctrlKey: true, shiftKey: true })).toBe('Ctrl+Shift+Z');
    expect(key('z', { metaKey: true })).toBe('Ctrl+Z');
    expect(key('ArrowLeft', { shiftKey: true })).toBe('Shift+ArrowLeft');
    expect(key('?', { shiftKey: true })).toBe('?');
    expect(key('+', { shiftKey: true })).toBe('+');
    expect(key('Delete', { shiftKey: true })).toBe('Shift+Delete');
  });

  it('has one command per key, labels in both languages and every shortcut the issue asks for', () => {
    const keys = COMMANDS.flatMap((command) => command.keys);
    expect(new Set(keys).size).toBe(keys.length);
    for (const command of COMMANDS) {
      expect(commandLabel(command, 'id').length).toBeGreaterThan(0);
      expect(commandLabel(command, 'en').length).toBeGreaterThan(0);
      expect(commandLabel(command, 'id')).not.toBe(commandLabel(command, 'en'));
    }
    const wanted: Record<string, string> = {
      Space: 'preview.playPause', J: 'playback.backward', K: 'playback.stop', L: 'playback.forward', I: 'clip.in', O: 'clip.out',
      ArrowLeft: 'preview.previousFrame', ArrowRight: 'preview.nextFrame', 'Shift+ArrowLeft': 'preview.back1s',
      'Shift+ArrowRight': 'preview.forward1s', Home: 'playhead.start', End: 'playhead.end', '+': 'zoom.in', '-': 'zoom.out',
      S: 'edit.split', Delete: 'edit.rippleDelete', 'Shift+Delete': 'edit.lift', M: 'marker.add', 'Ctrl+S': 'project.save',
      'Ctrl+E': 'export.start', '?': 'help.shortcuts', 'Ctrl+Z': 'edit.undo', 'Ctrl+Shift+Z': 'edit.redo', 'Ctrl+Y': 'edit.redo',
    };
    for (const [combo, id] of Object.entries(wanted)) expect(find(combo)?.id, combo).toBe(id);
  });

  it('has the timeline words in both languages', () => {
    expect(timelineText('id', 'timeline.clips', { count: 3 })).toBe('3 klip');
    expect(timelineText('en', 'timeline.clips', { count: 3 })).toBe('3 clips');
  });
});
