/** Timecodes typed and shown in the preview: HH:MM:SS:FF, seconds, M:SS. */
import { describe, expect, it } from 'vitest';
import { formatTimecode, parseTimecode } from '../../core/timecode.js';

describe('timecode', () => {
  it('formats frames as HH:MM:SS:FF and reads it back', () => {
    expect(formatTimecode(0, 30)).toBe('00:00:00:00');
    expect(formatTimecode(30 * 3661 + 7, 30)).toBe('01:01:01:07');
    for (const frame of [0, 1, 29, 30, 95, 30 * 3600 + 12]) expect(parseTimecode(formatTimecode(frame, 30), 30)).toBe(frame);
  });
  it('accepts seconds (dot or comma) and M:SS, refuses what is not a time', () => {
    expect(parseTimecode('4', 30)).toBe(120);
    expect(parseTimecode('4,5', 25)).toBe(113);
    expect(parseTimecode(' 1:05 ', 30)).toBe(1950);
    expect(parseTimecode('1:00:05', 30)).toBe(30 * 3605);
    for (const bad of ['', 'abc', '00:00:00:30', '1:75', '-3', '1:2:3:4:5']) expect(parseTimecode(bad, 30)).toBeUndefined();
  });
});
