/**
 * The RenderPlan compiler: (project, pack, preset, media infos) -> one FFmpeg
 * filter graph for the picture and one for the sound. Pure: it runs nothing and
 * reads no file; everything it knows comes in through the request. It counts in
 * frames; seconds appear only where filter strings are written.
 */
import { badInput } from '../errors.js';
import type { Size } from '../geometry.js';
import type { MediaInfo } from '../media.js';
import type { Clip } from '../model/project.js';
import { ownValue } from '../own.js';
import { fileForAspect, type Bumper } from '../pack/manifest.js';
import { aspectOf, type Preset } from '../presets.js';
import { ffSeconds, framesToSeconds, secondsToWholeFrames } from '../time.js';
import { audioEncoderArguments, graphNeedsScript, pictureArguments } from './args.js';
import { checkItemCounts, checkTotalFrames } from './bounds.js';
import { compileMusic } from './music.js';
import { bumperFrames, usableFrames } from '../layout.js';
import { compileOverlays } from './overlays.js';
import { AUDIO_FORMAT, exactAudio, exactFrames, ffColor, label, reframeChain, silence, sourceColor } from './filters.js';
import type { CompileRequest, PlanSegment, PlanWarning, RasterRequest, RenderPlan } from './types.js';
import { GraphContext, fontFiles, packBroken, packFile, resolveColor, resolveFields } from './context.js';

/** One piece of the main picture, in order: intro, clips and gaps, outro. */
interface Segment {
  kind: 'intro' | 'clip' | 'gap' | 'outro';
  id: string;
  frames: number;
  video: (context: GraphContext, output: string) => void;
  audio: (context: GraphContext, output: string) => void;
  /** a clip that may share one reframing chain with neighbours of the same key (see concatSegments) */
  shared?: SharedReframe;
}

/**
 * A clip's picture in two halves: prepared (decoded, at the frame rate, cut to
 * its exact frames) and reframed (the frame-sized picture). Neighbouring clips
 * with the same key (same source size, rotation, sample aspect and reframing)
 * are joined before reframing and reframed by one chain: every chain keeps its
 * frame buffers until FFmpeg ends, so one chain per clip made the memory grow
 * with each clip (about 64 MiB per 1080p clip in the 9:16 blur fill).
 */
interface SharedReframe {
  key: string;
  prepare: (context: GraphContext, output: string) => void;
  reframe: (context: GraphContext, input: string, output: string) => void;
}

function mediaFor(request: CompileRequest, clip: Clip): MediaInfo {
  const info = ownValue(request.media, clip.media.path);
  const name = clip.media.path.split(/[\\/]/).pop();
  if (!info) {
    throw badInput('media-missing', {
      id: `Klip ${name} belum diperiksa atau tidak ditemukan. Impor ulang klip itu.`,
      en: `Clip ${name} was not probed or cannot be found. Import the clip again.`,
    });
  }
  if (!info.video) {
    throw badInput('media-no-video', {
      id: `Berkas ${name} hanya berisi suara, tanpa gambar. Pakai sebagai musik, bukan sebagai klip.`,
      en: `File ${name} holds only sound, no picture. Use it as music, not as a clip.`,
    });
  }
  return info;
}

export { usableFrames };

function clipSegment(request: CompileRequest, clip: Clip, frame: Size, fps: number): Segment {
  const info = mediaFor(request, clip);
  const video = info.video!;
  const frames = usableFrames(clip, info, fps);
  const name = clip.media.path.split(/[\\/]/).pop();
  if (frames < 1) {
    throw badInput('clip-out-of-range', {
      id: `Potongan klip ${name} dimulai setelah akhir videonya. Atur ulang titik awal klip.`,
      en: `The cut of clip ${name} starts after the end of its video. Set the clip's start again.`,
    });
  }
  const startSeconds = framesToSeconds(clip.sourceRange.start, fps);
  const seconds = framesToSeconds(frames, fps);
  // a still is read and reframed once, then repeated by the graph (loop), not decoded per frame
  const inputOptions = video.still
    ? ['-framerate', String(fps)]
    : [...(startSeconds > 0 ? ['-ss', ffSeconds(startSeconds)] : []), '-t', ffSeconds(seconds + 2 / fps)];
  // The picture's decoder: one thread up to 1080p (cheap next to the graph; every open decoder keeps its
  // frame buffers until FFmpeg ends, and FFmpeg opens every clip at the start, so frame threads per clip
  // multiplied the memory by the clip count and the core count), two above (4K phone clips).
  const decoderThreads = video.still ? [] : ['-threads', video.width * video.height > 1920 * 1088 ? '2' : '1'];
  const pictureOptions = [...decoderThreads, ...inputOptions];
  const padColor = clip.reframe.mode === 'pad' ? resolveColor(request.pack, clip.reframe.color) : '#000000';
  const color = sourceColor(video);
  const hasSound = Boolean(info.audio) && !clip.muted && clip.volume > 0 && !video.still;
  const reframe = (context: GraphContext, options: { input: string; output: string; id: string }) =>
    context.add(reframeChain({ ...options, source: { width: video.displayWidth, height: video.displayHeight }, frame, reframe: clip.reframe, padColor, ...(color ? { color } : {}) }));
  return {
    kind: 'clip',
    id: clip.id,
    frames,
    ...(video.still ? {} : { shared: sharedReframe({ clip, info, inputOptions: pictureOptions, frames, fps, padColor, reframe }) }),
    video: (context, output) => {
      const index = context.addInput({ kind: 'file', path: clip.media.path, before: pictureOptions });
      const prepared = `p${clip.id.replace(/[^a-zA-Z0-9]/g, '')}x${index}`;
      const reframed = `r${prepared}`;
      context.add(`[${index}:v:0]setpts=PTS-STARTPTS${video.still ? '' : `,fps=${fps}`}${label(prepared)}`);
      reframe(context, { input: label(prepared), output: label(reframed), id: prepared });
      const repeat = video.still ? `loop=loop=${frames - 1}:size=1:start=0,setpts=N/${fps}/TB,` : '';
      context.add(`${label(reframed)}format=yuv420p,${repeat}${exactFrames(frames, fps)}${output}`);
    },
    audio: (context, output) => {
      if (!hasSound) {
        context.add(silence(seconds, output));
        return;
      }
      const index = context.addInput({ kind: 'file', path: clip.media.path, before: inputOptions });
      const volume = clip.volume === 1 ? '' : `volume=${clip.volume},`;
      context.add(`[${index}:a:0]${AUDIO_FORMAT},${volume}${exactAudio(seconds)}${output}`);
    },
  };
}

/** The two halves of a moving clip's picture, for a reframing chain shared with its neighbours. */
function sharedReframe(options: {
  clip: Clip;
  info: MediaInfo;
  inputOptions: string[];
  frames: number;
  fps: number;
  padColor: string;
  reframe: (context: GraphContext, options: { input: string; output: string; id: string }) => void;
}): SharedReframe {
  const { clip, info, frames, fps } = options;
  const video = info.video!;
  const name = clip.id.replace(/[^a-zA-Z0-9]/g, '');
  return {
    key: JSON.stringify([video.width, video.height, video.pixelFormat, video.rotation, video.sampleAspect, video.displayWidth, video.displayHeight, clip.reframe, options.padColor]),
    prepare: (context, output) => {
      const index = context.addInput({ kind: 'file', path: clip.media.path, before: options.inputOptions });
      context.add(`[${index}:v:0]setpts=PTS-STARTPTS,fps=${fps},${exactFrames(frames, fps)}${output}`);
    },
    reframe: (context, input, output) => {
      const id = `p${name}x${context.inputs.length}`;
      options.reframe(context, { input, output: label(`r${id}`), id });
      context.add(`${label(`r${id}`)}format=yuv420p${output}`);
    },
  };
}

function gapSegment(id: string, frames: number, frame: Size, fps: number): Segment {
  return {
    kind: 'gap',
    id,
    frames,
    video: (context, output) =>
      context.add(`color=c=black:s=${frame.width}x${frame.height}:r=${fps},format=yuv420p,trim=end_frame=${frames},setsar=1${output}`),
    audio: (context, output) => context.add(silence(framesToSeconds(frames, fps), output)),
  };
}

function bumperSegment(options: {
  request: CompileRequest;
  kind: 'intro' | 'outro';
  bumper: Bumper;
  frame: Size;
  fps: number;
}): Segment {
  const { request, kind, bumper, frame, fps } = options;
  const { pack, preset, project } = request;
  const aspect = aspectOf(preset);
  const path = packFile(pack, fileForAspect(bumper.file, aspect));
  if (bumper.type === 'video') {
    const info = ownValue(pack.bumperMedia, fileForAspect(bumper.file, aspect));
    if (!info) throw packBroken(pack, fileForAspect(bumper.file, aspect));
    const clip: Clip = {
      kind: 'clip',
      id: kind,
      media: { path },
      sourceRange: { start: 0, duration: Math.max(1, secondsToWholeFrames(info.durationSeconds, fps)) },
      reframe: { mode: 'blur' },
      volume: 1,
      muted: false,
    };
    return { ...clipSegment({ ...request, media: { ...request.media, [path]: info } }, clip, frame, fps), kind };
  }
  const frames = bumperFrames({ bumper, pack, aspect, fps }) ?? 1;
  const seconds = framesToSeconds(frames, fps);
  const fields = resolveFields({ definitions: bumper.fields, values: project.fields, owner: kind === 'intro' ? { id: 'Pembuka', en: 'Intro' } : { id: 'Penutup', en: 'Outro' } });
  const raster: RasterRequest = {
    svgPath: path,
    fields,
    colors: pack.manifest.colors,
    fontFiles: fontFiles(pack),
    width: frame.width,
    height: frame.height,
  };
  // a fade never longer than half the card, whatever the pack says
  const fade = Math.min(bumper.animation.seconds, seconds / 2);
  return {
    kind,
    id: kind,
    frames,
    video: (context, output) => {
      const index = context.addInput({
        kind: 'raster',
        request: raster,
        // one frame, decoded and converted once; the graph repeats it (loop) instead
        // of `-loop 1` decoding the full-frame PNG for every frame
        before: ['-framerate', String(fps)],
      });
      const background = ffColor(pack.manifest.colors.primary ?? Object.values(pack.manifest.colors)[0] ?? '#000000');
      const base = `cbg${kind}`;
      const card = `card${kind}`;
      context.add(`color=c=${background}:s=${frame.width}x${frame.height}:r=${fps},format=yuv420p,trim=end_frame=1${label(base)}`);
      context.add(`[${index}:v:0]format=rgba,scale=${frame.width}:${frame.height}:out_color_matrix=bt709:out_range=tv,format=yuva420p${label(card)}`);
      const fades = [
        ...(bumper.animation.in !== 'none' && fade > 0 ? [`fade=t=in:st=0:d=${ffSeconds(fade)}`] : []),
        ...(bumper.animation.out !== 'none' && fade > 0 ? [`fade=t=out:st=${ffSeconds(seconds - fade)}:d=${ffSeconds(fade)}`] : []),
      ];
      context.add(
        `${label(base)}${label(card)}overlay=0:0:shortest=1,format=yuv420p,loop=loop=${frames - 1}:size=1:start=0,setpts=N/${fps}/TB,${[...fades, exactFrames(frames, fps), 'setsar=1'].join(',')}${output}`,
      );
    },
    audio: (context, output) => context.add(silence(seconds, output)),
  };
}

function buildSegments(request: CompileRequest, frame: Size, fps: number): Segment[] {
  const { project, pack } = request;
  const segments: Segment[] = [];
  if (project.intro && pack.manifest.intro) {
    segments.push(bumperSegment({ request, kind: 'intro', bumper: pack.manifest.intro, frame, fps }));
  }
  for (const item of project.timeline.tracks.video) {
    segments.push(item.kind === 'clip' ? clipSegment(request, item, frame, fps) : gapSegment(item.id, item.duration, frame, fps));
  }
  if (project.outro && pack.manifest.outro) {
    segments.push(bumperSegment({ request, kind: 'outro', bumper: pack.manifest.outro, frame, fps }));
  }
  if (!segments.some((segment) => segment.kind === 'clip')) {
    throw badInput('project-empty', {
      id: 'Proyek belum berisi klip. Tambahkan minimal satu klip video.',
      en: 'The project has no clips yet. Add at least one video clip.',
    });
  }
  return segments;
}

export function compileRenderPlan(request: CompileRequest): RenderPlan {
  const { project, preset } = request;
  const fps = project.fps;
  const frame = { width: preset.width, height: preset.height };
  checkItemCounts(project);
  const segments = buildSegments(request, frame, fps);
  const totalFrames = segments.reduce((sum, segment) => sum + segment.frames, 0);
  // before any graph is written: a ten-million-frame gap is refused here, not after hours of sound
  checkTotalFrames(totalFrames, fps);

  const video = new GraphContext();
  const audio = new GraphContext();
  const timeline = concatSegments({ segments, video, audio, fps, share: !request.reframePerClip });
  const introEnd = segments[0]?.kind === 'intro' ? segments[0].frames : 0;
  const last = segments[segments.length - 1];
  const outroStart = last?.kind === 'outro' ? totalFrames - last.frames : totalFrames;
  const overlays = compileOverlays({ context: video, request, frame, fps, input: '[vcat]', contentStart: introEnd, contentEnd: outroStart, totalFrames });
  video.add(`${overlays.output}format=yuv420p[vout]`);
  timeline.push(...overlays.segments);

  compileMusic({ context: audio, request, totalFrames, contentStart: introEnd });

  const filterGraph = video.graph();
  const audioGraph = audio.graph();
  return {
    inputs: video.inputs,
    filterGraph,
    filterScript: graphNeedsScript(filterGraph),
    maps: ['[vout]'],
    outputArgs: pictureArguments(preset, totalFrames, fps),
    soundArgs: audioEncoderArguments(preset),
    width: frame.width,
    height: frame.height,
    fps,
    durationFrames: totalFrames,
    durationSeconds: framesToSeconds(totalFrames, fps),
    timeline,
    warnings: [...overlays.warnings, ...durationWarnings(preset, framesToSeconds(totalFrames, fps)), ...musicWarnings(request)],
    audio: {
      inputs: audio.inputs,
      filterGraph: audioGraph,
      filterScript: graphNeedsScript(audioGraph),
      output: '[aout]',
      durationFrames: totalFrames,
      fps,
      durationSeconds: framesToSeconds(totalFrames, fps),
      target: project.loudnessLufs === undefined ? preset.loudness : { ...preset.loudness, integratedLufs: project.loudnessLufs },
    },
  };
}

/** Each segment's picture and sound, joined in order into `[vcat]` and `[speech]`; returns where each one is. */
function concatSegments(options: { segments: Segment[]; video: GraphContext; audio: GraphContext; fps: number; share: boolean }): PlanSegment[] {
  const { segments, video, audio, fps } = options;
  const timeline: PlanSegment[] = [];
  let cursor = 0;
  segments.forEach((segment, index) => {
    segment.audio(audio, `[a${index}]`);
    timeline.push({ kind: segment.kind, id: segment.id, startSeconds: framesToSeconds(cursor, fps), endSeconds: framesToSeconds(cursor + segment.frames, fps) });
    cursor += segment.frames;
  });
  const pictures = (options.share ? reframeRuns(segments) : segments.map((segment) => [segment])).map((run) => {
    const first = run[0]!;
    const output = `[v${segments.indexOf(first)}]`;
    if (run.length === 1 || !first.shared) {
      first.video(video, output);
      return output;
    }
    const start = segments.indexOf(first);
    run.forEach((segment, offset) => segment.shared!.prepare(video, `[q${start + offset}]`));
    video.add(`${run.map((_, offset) => `[q${start + offset}]`).join('')}concat=n=${run.length}:v=1:a=0[j${start}]`);
    first.shared.reframe(video, `[j${start}]`, output);
    return output;
  });
  video.add(`${pictures.join('')}concat=n=${pictures.length}:v=1:a=0[vcat]`);
  audio.add(`${segments.map((_, index) => `[a${index}]`).join('')}concat=n=${segments.length}:v=0:a=1[speech]`);
  return timeline;
}

/** Consecutive clips with the same reframing key, in order; every other segment alone. */
function reframeRuns(segments: Segment[]): Segment[][] {
  const runs: Segment[][] = [];
  for (const segment of segments) {
    const last = runs[runs.length - 1];
    const joins = segment.kind === 'clip' && segment.shared && last?.[0]?.kind === 'clip' && last[0].shared?.key === segment.shared.key;
    if (joins) last.push(segment);
    else runs.push([segment]);
  }
  return runs;
}

function musicWarnings(request: CompileRequest): PlanWarning[] {
  if (request.project.timeline.tracks.audio.length <= 1) return [];
  return [
    {
      code: 'music-extra',
      message: {
        id: 'Hanya musik pertama yang dipakai; musik lain di trek audio diabaikan.',
        en: 'Only the first music bed is used; the other music on the audio track is left out.',
      },
    },
  ];
}

function durationWarnings(preset: Preset, seconds: number): PlanWarning[] {
  const warnings: PlanWarning[] = [];
  if (seconds > preset.maxDurationSeconds) {
    warnings.push({
      code: 'too-long',
      message: {
        id: `Video ${seconds.toFixed(1)} detik, lebih panjang dari batas ${preset.label} (${preset.maxDurationSeconds} detik). Potong klipnya agar bisa diunggah.`,
        en: `The video is ${seconds.toFixed(1)} s, longer than ${preset.label}'s limit (${preset.maxDurationSeconds} s). Trim the clips so it can be uploaded.`,
      },
    });
  }
  if (seconds < preset.minDurationSeconds) {
    warnings.push({
      code: 'too-short',
      message: {
        id: `Video ${seconds.toFixed(1)} detik, lebih pendek dari minimum ${preset.label} (${preset.minDurationSeconds} detik).`,
        en: `The video is ${seconds.toFixed(1)} s, shorter than ${preset.label}'s minimum (${preset.minDurationSeconds} s).`,
      },
    });
  }
  return warnings;
}

