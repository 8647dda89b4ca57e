/**
 * A RenderPlan is everything FFmpeg needs for one export, decided by the pure
 * compiler: the inputs, one filter graph, the output arguments and the duration
 * the output must have. The engine only fills in the overlay images (rasterized
 * from the pack's SVG) and runs it.
 */
import type { ResolvedCaptionStyle } from '../captions/style.js';
import type { Box, Size } from '../geometry.js';
import type { MediaInfo } from '../media.js';
import type { Project } from '../model/project.js';
import type { ResolvedPack } from '../pack/resolved.js';
import type { Preset } from '../presets.js';

/** What the compiler is given: everything it knows comes in through here. */
export interface CompileRequest {
  /** the project, with every media path already absolute */
  project: Project;
  pack: ResolvedPack;
  preset: Preset;
  /** probe results by media path */
  media: Record<string, MediaInfo>;
  /** every clip its own reframing chain, as before issue 15 (for comparisons in tests and the bench; default: neighbours share one) */
  reframePerClip?: boolean;
}

/** An overlay graphic to rasterize from SVG to PNG before the run. */
export interface RasterRequest {
  /** absolute path of the SVG */
  svgPath: string;
  /** field values to fill in ({{name}}, {{role}}...) */
  fields: Record<string, string>;
  /** brand colours, for {{color.NAME}} */
  colors: Record<string, string>;
  /** absolute paths of the pack's fonts */
  fontFiles: string[];
  /** the PNG's size in pixels */
  width: number;
  height: number;
  /**
   * a caption instead of a pack file (svgPath is then empty): drawn from
   * core/captions/layout.ts's captionSvg at the caption area of `frame`
   */
  caption?: { text: string; style: ResolvedCaptionStyle; frame: Size };
}

export type PlanInput =
  | {
      kind: 'file';
      path: string;
      /** input options placed before -i (for example -ss, -t, -stream_loop) */
      before: string[];
    }
  | {
      kind: 'raster';
      request: RasterRequest;
      /** input options placed before -i (for example -loop 1 -t 3) */
      before: string[];
    }
  | {
      /**
       * timed graphics of one size shown one after another as ONE input (the
       * captions): the engine rasterizes each and writes an ffconcat list of them
       */
      kind: 'raster-sequence';
      /** in order from the output's start: a graphic (null: nothing shows) and for how many frames; the last one ends the sequence */
      entries: Array<{ request: RasterRequest | null; frames: number }>;
      width: number;
      height: number;
      fps: number;
      /** input options placed before -i (-f concat -safe 0) */
      before: string[];
    };

export interface RenderPlan {
  inputs: PlanInput[];
  /** one -filter_complex graph; user text and file paths never appear in it */
  filterGraph: string;
  /** the graph is too long for a command line: it goes to FFmpeg in a script file (-filter_complex_script) */
  filterScript: boolean;
  /** labels (or stream specifiers) mapped to the picture pass's output: the picture */
  maps: string[];
  /** the picture pass's encoder settings and container: everything after the maps and before the output path */
  outputArgs: string[];
  /** the sound's encoder settings (AAC at the preset's bitrate), for the sound encode beside the picture pass */
  soundArgs: string[];
  width: number;
  height: number;
  fps: number;
  /** exact frames and seconds the output must have */
  durationFrames: number;
  durationSeconds: number;
  /** where things are on the output's time line, for checks and the preview */
  timeline: PlanSegment[];
  /** warnings for the admin (text outside the safe zone, too long for Shorts...) */
  warnings: PlanWarning[];
  /** the separate audio pass, when loudness is normalised (see FFMPEG-NOTES.md) */
  audio: AudioPlan;
}

export interface AudioPlan {
  /** inputs of the audio pass (clips with sound, music) */
  inputs: PlanInput[];
  /** the audio graph; `output` is the mixed, not yet normalised sound */
  filterGraph: string;
  output: string;
  /** frames at `fps` the sound must last (the picture's length) */
  durationFrames: number;
  fps: number;
  durationSeconds: number;
  /** the graph is too long for a command line: it goes to FFmpeg in a script file */
  filterScript: boolean;
  /** the loudness target */
  target: { integratedLufs: number; truePeakDb: number; loudnessRange: number };
}

export interface PlanSegment {
  kind: 'intro' | 'clip' | 'gap' | 'outro' | 'overlay' | 'logo' | 'caption';
  id: string;
  startSeconds: number;
  endSeconds: number;
  box?: Box;
}

export interface PlanWarning {
  code: string;
  message: { id: string; en: string };
}
