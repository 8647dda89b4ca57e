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
    expect(scales).toHaveLength(4);
    // the picture (enlarged: bicubic) and the shrunk background from the clip; the two bands scaled up from BT.709
    expect(scales[0]).toContain('scale=1080:720:flags=bicubic:in_color_matrix=bt601:in_range=tv:out_color_matrix=bt709:out_range=tv');
    expect(scales[1]).toContain('in_color_matrix=bt601:in_range=tv:out_color_matrix=bt709:out_range=tv');
    expect(scales[2]).toContain('scale=1080:600:flags=fast_bilinear:in_color_matrix=bt709:in_range=tv:out_color_matrix=bt709:out_range=tv');
    expect(scales[3]).toContain('scale=1080:600:flags=fast_bilinear:in_color_matrix=bt709:in_range=tv:out_color_matrix=bt709:out_range=tv');
  });
});

describe('the blur fill chain, measured for speed (issue 15)', () => {
  const chain = (source: { width: number; height: number }, frame: { width: number; height: number }) =>
    reframeChain({ input: '[in]', output: '[out]', id: 'c1', source, frame, reframe: { mode: 'blur' }, padColor: '#000000', color: { matrix: 'bt709', range: 'tv' } });

  it('crops the source to what the background shows before shrinking it, and scales up only the bands beside the picture', () => {
    const tall = chain({ width: 1920, height: 1080 }, { width: 1080, height: 1920 });
    expect(tall).toContain('[bgc1]crop=w=max(2\\,2*trunc(iw*270/854/2)):h=max(2\\,2*trunc(ih*480/480/2)),scale=270:480:flags=fast_bilinear');
    expect(tall).toContain('[bgAc10]crop=270:164:0:0,scale=1080:656:');
    expect(tall).toContain('[bgBc10]crop=270:164:0:316,scale=1080:656:');
    expect(tall).toContain('[bgAc1][fgsc1][bgBc1]vstack=inputs=3[out]');
    expect(tall).not.toContain('scale=1080:1920');
    const wide = chain({ width: 1080, height: 1920 }, { width: 1920, height: 1080 });
    expect(wide).toContain('[bgc1]crop=w=max(2\\,2*trunc(iw*480/480/2)):h=max(2\\,2*trunc(ih*270/854/2)),scale=480:270:flags=fast_bilinear');
    expect(wide).toContain('crop=164:270:0:0,scale=656:1080:');
    expect(wide).toContain('crop=164:270:316:0,scale=656:1080:');
    expect(wide).toContain('hstack=inputs=3[out]');
  });

  it('scales the whole background up when the frame is not a whole multiple of it (4:5), then cuts the bands', () => {
    const portrait = chain({ width: 1440, height: 1080 }, { width: 1080, height: 1350 });
    expect(portrait).toContain('crop=w=max(2\\,2*trunc(iw*270/450/2)):h=max(2\\,2*trunc(ih*338/338/2)),scale=270:338:');
    expect(portrait).toContain('scale=1080:1350:flags=fast_bilinear');
    expect(portrait).toContain('[bgAc10]crop=1080:270:0:0[bgAc1]');
    expect(portrait).toContain('[bgBc10]crop=1080:270:0:1080[bgBc1]');
  });

  it('scales the whole background up when a band would start on an odd row of the small background (4:2:0 crops round odd offsets down)', () => {
    // a square clip: bands of 420 rows, 105 in the small background
    const square = chain({ width: 1080, height: 1080 }, { width: 1080, height: 1920 });
    expect(square).toContain('scale=1080:1920:flags=fast_bilinear');
    expect(square).toContain('[bgBc10]crop=1080:420:0:1500[bgBc1]');
  });

  it('shrinks the picture bilinear from two thirds down, bicubic otherwise', () => {
    expect(chain({ width: 1920, height: 1080 }, { width: 1080, height: 1920 })).toContain('scale=1080:608:flags=bilinear');
    expect(chain({ width: 1280, height: 720 }, { width: 1080, height: 1920 })).toContain('scale=1080:608:flags=bicubic');
    expect(chain({ width: 640, height: 360 }, { width: 1080, height: 1920 })).toContain('scale=1080:608:flags=bicubic');
  });
});
