import { describe, expect, it } from 'vitest';
import { captionsFromSpeech, DEFAULT_CAPTION_LIMITS, wrapWords } from '@core/captions/from-speech.js';

const INDONESIAN =
  ' Selamat pagi warga Kota Malang, hari ini kami mengajak seluruh masyarakat untuk ikut kerja bakti membersihkan saluran air di lingkungan masing-masing sebelum musim hujan tiba.';

describe('wrapWords', () => {
  it('fills lines word by word without passing the limit', () => {
    const lines = wrapWords(INDONESIAN, 42);
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(Array.from(line).length).toBeLessThanOrEqual(42);
    // nothing lost, nothing reordered, no word cut
    expect(lines.join(' ')).toBe(INDONESIAN.trim());
  });

  it('cuts only a word that is longer than a whole line', () => {
    expect(wrapWords('a bbbbbbbbbbbb c', 5)).toEqual(['a', 'bbbbb', 'bbbbb', 'bb c']);
  });
});

describe('captionsFromSpeech', () => {
  it('keeps a short segment as one caption with its own times', () => {
    const captions = captionsFromSpeech({ segments: [{ startSeconds: 1.5, endSeconds: 3.25, text: ' Halo semuanya.' }] });
    expect(captions).toEqual([{ startSeconds: 1.5, endSeconds: 3.25, text: 'Halo semuanya.' }]);
  });

  it('splits a long segment at word boundaries into captions within the style limits, times shared by length', () => {
    const limits = { maxLines: 2, maxCharsPerLine: 32 };
    const captions = captionsFromSpeech({ segments: [{ startSeconds: 10, endSeconds: 22, text: INDONESIAN }], limits });
    expect(captions.length).toBeGreaterThan(1);
    for (const caption of captions) {
      const lines = caption.text.split('\n');
      expect(lines.length).toBeLessThanOrEqual(2);
      for (const line of lines) expect(Array.from(line).length).toBeLessThanOrEqual(32);
    }
    // back to back, covering exactly the segment
    expect(captions[0]!.startSeconds).toBe(10);
    expect(captions.at(-1)!.endSeconds).toBe(22);
    for (let i = 1; i < captions.length; i += 1) expect(captions[i]!.startSeconds).toBe(captions[i - 1]!.endSeconds);
    // each caption's share of the time is its share of the characters
    const chars = captions.map((c) => Array.from(c.text.replace(/\n/g, ' ')).length);
    const total = chars.reduce((a, b) => a + b, 0);
    captions.forEach((caption, i) => expect(caption.endSeconds - caption.startSeconds).toBeCloseTo((12 * chars[i]!) / total, 9));
    expect(captions.map((c) => c.text.replace(/\n/g, ' ')).join(' ')).toBe(INDONESIAN.trim());
  });

  it('honours a one-line style', () => {
    const captions = captionsFromSpeech({ segments: [{ startSeconds: 0, endSeconds: 6, text: INDONESIAN }], limits: { maxLines: 1, maxCharsPerLine: 20 } });
    for (const caption of captions) {
      expect(caption.text).not.toContain('\n');
      expect(Array.from(caption.text).length).toBeLessThanOrEqual(20);
    }
  });

  it('drops silence and sound marks, clamps negative starts and overlaps, gives zero-length segments a length', () => {
    const captions = captionsFromSpeech({
      segments: [
        { startSeconds: 4, endSeconds: 4, text: 'Terima kasih.' },
        { startSeconds: -0.2, endSeconds: 2.5, text: ' Ayo ke posyandu.' },
        { startSeconds: 2, endSeconds: 3, text: ' [BLANK_AUDIO]' },
        { startSeconds: 3, endSeconds: 3.5, text: ' (musik) ♪' },
        { startSeconds: 6, endSeconds: 7, text: '   ' },
        { startSeconds: 4.4, endSeconds: 5, text: 'Sampai jumpa.' },
      ],
    });
    expect(captions).toEqual([
      { startSeconds: 0, endSeconds: 2.5, text: 'Ayo ke posyandu.' },
      { startSeconds: 4, endSeconds: 4.4, text: 'Terima kasih.' },
      { startSeconds: 4.4, endSeconds: 5, text: 'Sampai jumpa.' },
    ]);
  });

  it('shows nothing past the end of the clip', () => {
    const captions = captionsFromSpeech({
      durationSeconds: 3,
      segments: [
        { startSeconds: 0.4, endSeconds: 11.8, text: 'Halo' },
        { startSeconds: 3.2, endSeconds: 4, text: 'sesudah akhir klip' },
      ],
    });
    expect(captions).toEqual([{ startSeconds: 0.4, endSeconds: 3, text: 'Halo' }]);
  });

  it('uses two lines of 42 characters when the pack sets no limits, and refuses nonsense limits', () => {
    expect(DEFAULT_CAPTION_LIMITS).toEqual({ maxLines: 2, maxCharsPerLine: 42 });
    expect(() => captionsFromSpeech({ segments: [], limits: { maxLines: 0, maxCharsPerLine: 42 } })).toThrow(/maxLines/);
    expect(() => captionsFromSpeech({ segments: [], limits: { maxLines: 2, maxCharsPerLine: 2.5 } })).toThrow(/maxCharsPerLine/);
  });
});
