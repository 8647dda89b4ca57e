import { describe, expect, it } from 'vitest';
import { KlipError } from '@core/errors.js';
import { LOUDNESS, PLATFORMS } from '@core/platforms.js';
import { PRESET_IDS, aspectOf, getPreset, gopSize, parsePresetList } from '@core/presets.js';

function expectBadInput(run: () => unknown, code: string): KlipError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(KlipError);
    expect((error as KlipError).kind).toBe('bad-input');
    expect((error as KlipError).code).toBe(code);
    return error as KlipError;
  }
  throw new Error(`expected ${code}, nothing was thrown`);
}

describe('getPreset', () => {
  it('knows the four platforms', () => {
    expect([...PRESET_IDS].sort()).toEqual(['reels', 'shorts', 'tiktok', 'youtube']);
  });

  it.each([
    ['tiktok', 1080, 1920, '9:16', 192],
    ['shorts', 1080, 1920, '9:16', 384],
    ['reels', 1080, 1920, '9:16', 192],
    ['youtube', 1920, 1080, '16:9', 384],
  ] as const)('%s is %ix%i, %s, AAC at %i kbit/s', (id, width, height, aspect, audioKbps) => {
    const preset = getPreset(id);
    expect(preset.id).toBe(id);
    expect({ width: preset.width, height: preset.height }).toEqual({ width, height });
    expect(preset.aspect).toBe(aspect);
    expect(aspectOf(preset)).toBe(aspect);
    expect(preset.fps).toBe(30);
    expect(preset.video).toMatchObject({ codec: 'libx264', profile: 'high', pixelFormat: 'yuv420p', bFrames: 2 });
    expect(preset.video.colour).toEqual({ primaries: 'bt709', transfer: 'bt709', matrix: 'bt709', range: 'tv' });
    expect(preset.audio).toEqual({ codec: 'aac', sampleRate: 48000, channels: 2, bitrateKbps: audioKbps });
    expect(preset.loudness).toEqual(LOUDNESS);
    expect(preset.loudness.integratedLufs).toBe(-14);
  });

  it('keeps every preset consistent with its platform data', () => {
    for (const id of PRESET_IDS) {
      const preset = getPreset(id);
      const spec = PLATFORMS[id];
      expect(preset.width % 2, id).toBe(0);
      expect(preset.height % 2, id).toBe(0);
      expect(preset.width * 16 === preset.height * 9 || preset.width * 9 === preset.height * 16, id).toBe(true);
      expect(aspectOf(preset), id).toBe(spec.aspect);
      expect(preset.videoMaxrateKbps, id).toBeGreaterThanOrEqual(preset.videoBitrateKbps);
      expect(preset.minDurationSeconds, id).toBeLessThan(preset.maxDurationSeconds);
      const zone = preset.safeZone;
      expect(zone.left + zone.right, id).toBeLessThan(preset.width);
      expect(zone.top + zone.bottom, id).toBeLessThan(preset.height);
    }
  });

  it('refuses an unknown preset and lists the known ones', () => {
    const error = expectBadInput(() => getPreset('instagram'), 'preset-unknown');
    expect(error.text.en).toContain('"instagram"');
    expect(error.text.en).toContain('tiktok, youtube, shorts, reels');
    expect(error.text.id).toContain('tidak dikenal');
  });

  it('does not take object prototype keys for presets', () => {
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      expectBadInput(() => getPreset(name), 'preset-unknown');
    }
  });
});

describe('parsePresetList', () => {
  it('parses, trims, lowercases and removes duplicates in order', () => {
    expect(parsePresetList('tiktok, YouTube ,tiktok,,shorts,youtube').map((preset) => preset.id)).toEqual([
      'tiktok',
      'youtube',
      'shorts',
    ]);
    expect(parsePresetList('reels').map((preset) => preset.id)).toEqual(['reels']);
  });

  it('refuses an empty list and unknown names', () => {
    expectBadInput(() => parsePresetList(''), 'preset-missing');
    expectBadInput(() => parsePresetList(' , ,'), 'preset-missing');
    const error = expectBadInput(() => parsePresetList('tiktok,vimeo'), 'preset-unknown');
    expect(error.text.en).toContain('"vimeo"');
    expectBadInput(() => parsePresetList('constructor'), 'preset-unknown');
  });
});

describe('aspectOf and gopSize', () => {
  it('calls taller-than-wide 9:16 and the rest 16:9', () => {
    expect(aspectOf({ width: 720, height: 1280 })).toBe('9:16');
    expect(aspectOf({ width: 1280, height: 720 })).toBe('16:9');
  });

  it('makes a GOP of half the frame rate, at least one frame', () => {
    expect(gopSize(30)).toBe(15);
    expect(gopSize(60)).toBe(30);
    expect(gopSize(24)).toBe(12);
    expect(gopSize(25)).toBe(13);
    expect(gopSize(29.97)).toBe(15);
    expect(gopSize(1)).toBe(1);
    expect(gopSize(0)).toBe(1);
  });
});
