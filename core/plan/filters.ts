/**
 * Small builders for FFmpeg filter-graph pieces. Every value written here is a
 * number, a colour or a label made by the compiler: user text and file paths
 * never reach a filter string.
 */
import type { Size } from '../geometry.js';
import { pictureLayout, type PictureLayout } from '../layout.js';
import type { Reframe } from '../model/project.js';
import { ffSeconds } from '../time.js';

export const AUDIO_FORMAT = 'aresample=48000,aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo';

/** A colour as FFmpeg writes it (0xRRGGBB), from a checked #RRGGBB string. */
export function ffColor(hex: string): string {
  if (!/^#[0-9a-fA-F]{6}$/.test(hex)) throw new Error(`not a #RRGGBB colour: ${hex}`);
  return `0x${hex.slice(1).toUpperCase()}`;
}

/** A filter-graph label: letters, digits and dashes only. */
export function label(name: string): string {
  if (!/^[a-zA-Z0-9_]+$/.test(name)) throw new Error(`bad label ${name}`);
  return `[${name}]`;
}

/** A picture's YUV matrix and range, as the scale filter names them. */
export interface SourceColor {
  matrix: 'bt709' | 'bt601' | 'bt2020' | 'smpte240m' | 'fcc';
  range: 'tv' | 'pc';
}

/** What every preset delivers, and what a picture is once scaled. */
const BT709_TV: SourceColor = { matrix: 'bt709', range: 'tv' };

const MATRICES: Record<string, SourceColor['matrix']> = {
  bt709: 'bt709',
  smpte170m: 'bt601',
  bt470bg: 'bt601',
  bt2020nc: 'bt2020',
  bt2020c: 'bt2020',
  smpte240m: 'smpte240m',
  fcc: 'fcc',
};

/**
 * A video picture's matrix and range: what the file says, else what players
 * assume for an untagged file (BT.709 from 1280 wide or more than 576 lines,
 * BT.601 below); full range for the JPEG pixel formats. Undefined for stills
 * (RGB: no matrix to read). Said to the scaler explicitly: left to `auto`, an
 * untagged HD clip was converted as if it were BT.601, which shifted its colours
 * and took swscale off its fast path (measured for issue 15: the picture's scale
 * cost 3 to 6 times more CPU).
 */
export function sourceColor(video: { width: number; height: number; colorSpace?: string | undefined; colorRange?: string | undefined; pixelFormat?: string | undefined; still?: boolean }): SourceColor | undefined {
  if (video.still) return undefined;
  // width and height as coded (a portrait phone clip is coded landscape)
  const matrix = (video.colorSpace && MATRICES[video.colorSpace]) || (video.width >= 1280 || video.height > 576 ? 'bt709' : 'bt601');
  const range = video.colorRange === 'pc' || (video.colorRange === undefined && /^yuvj/.test(video.pixelFormat ?? '')) ? 'pc' : 'tv';
  return { matrix, range };
}

/** Scale to BT.709 limited range (what every preset delivers), from the picture's own matrix and range when known. */
function scaleTo(size: Size, fast: boolean | 'bilinear' = false, from?: SourceColor): string {
  const input = from ? `in_color_matrix=${from.matrix}:in_range=${from.range}:` : '';
  const flags = fast === 'bilinear' ? 'bilinear' : fast ? 'fast_bilinear' : 'bicubic';
  return `scale=${size.width}:${size.height}:flags=${flags}:${input}out_color_matrix=bt709:out_range=tv`;
}

/**
 * The chain that turns one clip's picture (already at the project frame rate) into
 * a frame-sized picture, as filter-graph text between `input` and `output` labels.
 */
export function reframeChain(options: {
  input: string;
  output: string;
  id: string;
  source: Size;
  frame: Size;
  reframe: Reframe;
  /** resolved pad colour, #RRGGBB */
  padColor: string;
  /** the picture's matrix and range (sourceColor); undefined: the scaler reads the frames' tags (stills) */
  color?: SourceColor;
}): string {
  const { input, output, id, source, frame, reframe, color } = options;
  const picture = pictureLayout({ source, frame, reframe });
  if (picture.mode === 'scale') return `${input}${scaleTo(frame, false, color)},setsar=1${output}`;
  if (picture.mode === 'crop') {
    const { covered, offset } = picture;
    return `${input}${scaleTo(covered, false, color)},crop=${frame.width}:${frame.height}:${offset.x}:${offset.y},setsar=1${output}`;
  }
  if (picture.mode === 'pad') {
    const { fitted, box: { x, y } } = picture;
    return `${input}${scaleTo(fitted, false, color)},pad=${frame.width}:${frame.height}:${x}:${y}:color=${ffColor(options.padColor)},setsar=1${output}`;
  }
  return blurFillChain({ input, output, id, source, frame, picture, ...(color ? { color } : {}) });
}

/** The fast path's scale between background and frame: the frame is exactly `k` times the small background, both ways. */
function wholeFactor(small: Size, frame: Size): number | undefined {
  const k = frame.width / small.width;
  return Number.isInteger(k) && k === frame.height / small.height ? k : undefined;
}

/**
 * The part of the source the small background shows: the source shrunk to cover
 * `smallCover` and cropped to `small` in the middle, as one crop of the source
 * (even sizes, for 4:2:0 chroma, never past the frame) that is then shrunk straight to `small`. Written
 * as shares of the frames' own size (`iw`, `ih`): a clip with non-square pixels
 * arrives at its coded size, not at the display size the layout works in, and
 * the shares are the same in both.
 */
function backgroundCrop(small: Size, smallCover: Size): string {
  return `crop=w=max(2\\,2*trunc(iw*${small.width}/${smallCover.width}/2)):h=max(2\\,2*trunc(ih*${small.height}/${smallCover.height}/2))`;
}

/** Shrinking to at most this share of the source (both ways), the picture is scaled bilinear instead of bicubic. */
const BILINEAR_SHRINK = 2 / 3;

/**
 * Blur fill. The background is the source shrunk to a quarter of the frame,
 * blurred, darkened and scaled up (FFMPEG-NOTES: a quarter-size blur looks the
 * same as a full-size one at a fraction of the cost); the picture is scaled to
 * its box. The picture then goes between the background's two bands with a
 * stack (a copy of the rows) instead of an alpha-blended overlay, which needed
 * the picture converted to a format with alpha and blended pixel by pixel; a
 * box that leaves no band on either side falls back to the overlay.
 *
 * Measured for issue 15 (tiktok bench job, FFmpeg 5.1, interleaved runs; frames
 * compared with the chain before, mean difference per frame on 0..255):
 * - the source is cropped to the part the background shows before it is shrunk
 *   (a crop costs nothing; the shrink then reads a third of the pixels), and
 *   only the two bands are scaled up, not the whole frame that the picture
 *   covers in the middle: the video pass 0.4 s faster, at most 0.5 apart;
 * - a picture shrunk to two thirds or less is scaled bilinear (swscale widens
 *   the filter to the shrink, so it averages like bicubic does): 0.7 s faster,
 *   at most 0.25 apart (edges of test-pattern text 32 apart at most); a picture
 *   shrunk less or enlarged stays bicubic, where bilinear would be softer.
 * (Shrinking the background from the already scaled picture instead of the
 * source was measured too: it samples the source differently, and the
 * background then differs by 2 to 4.5 on 0..255 from before, so it was left.)
 */
function blurFillChain(options: { input: string; output: string; id: string; source: Size; frame: Size; picture: Extract<PictureLayout, { mode: 'blur' }>; color?: SourceColor }): string {
  const { input, output, id, source, frame, picture, color } = options;
  const { fitted, box } = picture;
  const { small, smallCover } = picture.background;
  const [fg, bg, bgs, fgs] = [`fg${id}`, `bg${id}`, `bgs${id}`, `fgs${id}`];
  const shrinks = fitted.width <= source.width * BILINEAR_SHRINK && fitted.height <= source.height * BILINEAR_SHRINK;
  const blur = `${label(bg)}${backgroundCrop(small, smallCover)},${scaleTo(small, true, color)},boxblur=luma_radius=12:luma_power=2:chroma_radius=8:chroma_power=2,eq=brightness=-0.08`;
  // the shrunk background is BT.709 already: scaled up from it as such
  const up = (size: Size) => scaleTo(size, true, color ? BT709_TV : undefined);
  const chains = [`${input}split=2${label(fg)}${label(bg)}`, `${label(fg)}${scaleTo(fitted, shrinks ? 'bilinear' : false, color)},setsar=1${label(fgs)}`];
  const after = { x: box.x + fitted.width, y: box.y + fitted.height };
  const [first, second] = [`bgA${id}`, `bgB${id}`];
  const k = wholeFactor(small, frame);
  const vertical = fitted.width === frame.width && box.x === 0 && box.y > 0 && frame.height > after.y;
  const horizontal = fitted.height === frame.height && box.y === 0 && box.x > 0 && frame.width > after.x;
  if (vertical || horizontal) {
    // the bands' edges in the small background: whole rows (columns) there when the frame is a whole multiple of it
    const [near, far] = vertical ? [box.y, frame.height - after.y] : [box.x, frame.width - after.x];
    const whole = vertical ? frame.height : frame.width;
    // and even there, for 4:2:0 chroma (the crop filter rounds an odd offset down)
    const bandsAlone = k !== undefined && [near, far, whole - far].every((edge) => edge % (2 * k) === 0);
    // a band of `size` rows (columns) from `at`, in a picture `step` times smaller than the frame
    const cut = (size: number, at: number, step = 1) => (vertical ? `crop=${frame.width / step}:${size / step}:0:${at / step}` : `crop=${size / step}:${frame.height / step}:${at / step}:0`);
    const band = (size: number) => (vertical ? { width: frame.width, height: size } : { width: size, height: frame.height });
    if (bandsAlone) {
      // only the bands are scaled up: the middle of the background is under the picture
      chains.push(
        `${blur},split=2${label(`${first}0`)}${label(`${second}0`)}`,
        `${label(`${first}0`)}${cut(near, 0, k)},${up(band(near))},setsar=1${label(first)}`,
        `${label(`${second}0`)}${cut(far, whole - far, k)},${up(band(far))},setsar=1${label(second)}`,
      );
    } else {
      chains.push(
        `${blur},${up(frame)},setsar=1,split=2${label(`${first}0`)}${label(`${second}0`)}`,
        `${label(`${first}0`)}${cut(near, 0)}${label(first)}`,
        `${label(`${second}0`)}${cut(far, whole - far)}${label(second)}`,
      );
    }
    chains.push(`${label(first)}${label(fgs)}${label(second)}${vertical ? 'vstack' : 'hstack'}=inputs=3${output}`);
  } else {
    chains.push(`${blur},${up(frame)},setsar=1${label(bgs)}`, `${label(bgs)}${label(fgs)}overlay=${box.x}:${box.y}${output}`);
  }
  return chains.join(';');
}

/**
 * Video of an exact number of frames: pad the end by cloning the last frame (as
 * long as the whole segment, in case the decoder gives far fewer frames than
 * the container promised), then cut.
 */
export function exactFrames(frames: number, fps: number): string {
  return `tpad=stop_mode=clone:stop_duration=${ffSeconds(frames / fps)},trim=end_frame=${frames},setpts=PTS-STARTPTS`;
}

/** Audio of an exact duration: pad with silence, then cut (FFMPEG-NOTES: drift at concat). */
export function exactAudio(seconds: number): string {
  return `apad,atrim=duration=${ffSeconds(seconds)},asetpts=PTS-STARTPTS`;
}

export function silence(seconds: number, output: string): string {
  return `anullsrc=channel_layout=stereo:sample_rate=48000,atrim=duration=${ffSeconds(seconds)},aformat=sample_fmts=fltp${output}`;
}

/** Fades of an overlay (alpha only) for a graphic shown `seconds` long. */
export function overlayFades(options: { seconds: number; fadeIn: number; fadeOut: number }): string[] {
  const parts: string[] = [];
  if (options.fadeIn > 0) parts.push(`fade=t=in:st=0:d=${ffSeconds(options.fadeIn)}:alpha=1`);
  if (options.fadeOut > 0) {
    parts.push(`fade=t=out:st=${ffSeconds(Math.max(0, options.seconds - options.fadeOut))}:d=${ffSeconds(options.fadeOut)}:alpha=1`);
  }
  return parts;
}
