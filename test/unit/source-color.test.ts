/**
 * The matrix and range a clip's picture is read with: what the file says, else
 * what players assume (BT.709 for HD, BT.601 below), full range for the JPEG
 * pixel formats, nothing for stills; and the blur fill reads its shrunk
 * background (already BT.709) as BT.709 when it scales it up.
 */
import { describe, expect, it } from 'vitest';
import { reframeChain, sourceColor } from '@core/plan/filters.js';

describe('sourceColor', () => {
  it('takes the file\'s own tags', () => {
    expect(sourceColor({ width: 1920, height: 1080, colorSpace: 'smpte170m', colorRange: 'pc' })).toEqual({ matrix: 'bt601', range: 'pc' });
    expect(sourceColor({ width: 640, height: 360, colorSpace: 'bt709' })).toEqual({ matrix: 'bt709', range: 'tv' });
    expect(sourceColor({ width: 3840, height: 2160, colorSpace: 'bt2020nc', colorRange: 'tv' })).toEqual({ matrix: 'bt2020', range: 'tv' });
    expect(sourceColor({ width: 720, height: 576, colorSpace: 'bt470bg' })).toEqual({ matrix: 'bt601', range: 'tv' });
  });

  it('reads an untagged picture as players do: BT.709 from HD up, BT.601 below, full range for yuvj', () => {
    expect(sourceColor({ width: 1920, height: 1080 })).toEqual({ matrix: 'bt709', range: 'tv' });
    // a portrait phone clip is coded landscape
    expect(sourceColor({ width: 1280, height: 720, colorSpace: 'reserved' })).toEqual({ matrix: 'bt709', range: 'tv' });
    expect(sourceColor({ width: 720, height: 480 })).toEqual({ matrix: 'bt601', range: 'tv' });
    expect(sourceColor({ width: 1920, height: 1080, pixelFormat: 'yuvj420p' })).toEqual({ matrix: 'bt709', range: 'pc' });
    expect(sourceColor({ width: 1920, height: 1080, pixelFormat: 'yuvj420p', colorRange: 'tv' })).toEqual({ matrix: 'bt709', range: 'tv' });
  });

  it('leaves stills to the scaler (RGB has no matrix to read)', () => {
    expect(sourceColor({ width: 1920, height: 1080, still: true })).toBeUndefined();
  });
});

describe('the blur fill chain', () => {
  it('reads the clip with its matrix and range, and the shrunk background as BT.709', () => {
    const chain = reframeChain({
      input: '[in]',
      output: '[out]',
      id: 'c1',
      source: { width: 720, height: 480 },
      frame: { width: 1080, height: 1920 },
      reframe: { mode: 'blur' },
      padColor: '#000000',
      color: { matrix: 'bt601', range: 'tv' },
    });
    const scales = chain.match(/scale=[^,;]+/g) ?? [];
    expect(scales).toHaveLength(3);
    // background shrunk from the clip, then scaled up from BT.709; the picture from the clip
    expect(scales[0]).toContain('in_color_matrix=bt601:in_range=tv:out_color_matrix=bt709:out_range=tv');
    expect(scales[1]).toContain('in_color_matrix=bt709:in_range=tv:out_color_matrix=bt709:out_range=tv');
    expect(scales[2]).toContain('in_color_matrix=bt601:in_range=tv:out_color_matrix=bt709:out_range=tv');
  });
});
