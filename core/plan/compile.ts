/**
 * The RenderPlan compiler: (project, pack, preset, media infos) -> one FFmpeg
 * filter graph for the picture and one for the sound. Pure: it runs nothing and
 * reads no file; everything it knows comes in through the request.
 */
import { badInput } from '../errors.js';
import type { Box, Size } from '../geometry.js';
import type { MediaInfo } from '../media.js';
import type { Clip, Project } from '../model/project.js';
import { fileForAspect, type Bumper } from '../pack/manifest.js';
import type { ResolvedPack } from '../pack/resolved.js';
import { aspectOf, gopSize, type Preset } from '../presets.js';
import { ffSeconds } from '../time.js';
import { compileOverlays } from './overlays.js';
import { AUDIO_FORMAT, exactAudio, exactFrames, ffColor, label, reframeChain, silence } from './filters.js';
import type { PlanSegment, PlanWarning, RasterRequest, RenderPlan } from './types.js';
import { GraphContext, fontFiles, packBroken, packFile, resolveColor, resolveFields } from './context.js';

export { GraphContext, fontFiles, packFile, resolveColor };

export interface CompileRequest {
  /** the project, with every media path already absolute */
  project: Project;
  pack: ResolvedPack;
  preset: Preset;
  /** probe results by media path */
  media: Record<string, MediaInfo>;
}

/** One piece of the main picture, in order: intro, clips and gaps, outro. */
interface Segment {
  kind: 'intro' | 'clip' | 'gap' | 'outro';
  id: string;
  frames: number;
  video: (context: GraphContext, output: string) => void;
  audio: (context: GraphContext, output: string) => void;
}

function mediaFor(request: CompileRequest, clip: Clip): MediaInfo {
  const info = request.media[clip.media.path];
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

/** Frames of a clip that the media really has (a range past the end is cut to the end). */
export function usableFrames(clip: Clip, info: MediaInfo, fps: number): number {
  if (info.video?.still) return clip.sourceRange.duration;
  // the picture may end before the sound: count the picture's own length
  const pictureSeconds = Math.min(info.durationSeconds, info.video?.durationSeconds ?? Number.POSITIVE_INFINITY);
  const available = Math.floor(pictureSeconds * fps + 1e-6) - clip.sourceRange.start;
  return Math.min(clip.sourceRange.duration, available);
}

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
  const startSeconds = clip.sourceRange.start / fps;
  const seconds = frames / fps;
  // a still is read and reframed once, then repeated by the graph (loop), not decoded per frame
  const inputOptions = video.still
    ? ['-framerate', String(fps)]
    : [...(startSeconds > 0 ? ['-ss', ffSeconds(startSeconds)] : []), '-t', ffSeconds(seconds + 2 / fps)];
  const padColor = clip.reframe.mode === 'pad' ? resolveColor(request.pack, clip.reframe.color) : '#000000';
  const hasSound = Boolean(info.audio) && !clip.muted && clip.volume > 0 && !video.still;
  return {
    kind: 'clip',
    id: clip.id,
    frames,
    video: (context, output) => {
      const index = context.addInput({ kind: 'file', path: clip.media.path, before: inputOptions });
      const prepared = `p${clip.id.replace(/[^a-zA-Z0-9]/g, '')}x${index}`;
      const reframed = `r${prepared}`;
      context.add(`[${index}:v:0]setpts=PTS-STARTPTS${video.still ? '' : `,fps=${fps}`}${label(prepared)}`);
      context.add(
        reframeChain({
          input: label(prepared),
          output: label(reframed),
          id: prepared,
          source: { width: video.displayWidth, height: video.displayHeight },
          frame,
          reframe: clip.reframe,
          padColor,
        }),
      );
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

function gapSegment(id: string, frames: number, frame: Size, fps: number): Segment {
  return {
    kind: 'gap',
    id,
    frames,
    video: (context, output) =>
      context.add(`color=c=black:s=${frame.width}x${frame.height}:r=${fps},format=yuv420p,trim=end_frame=${frames},setsar=1${output}`),
    audio: (context, output) => context.add(silence(frames / fps, output)),
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
    const info = pack.bumperMedia[fileForAspect(bumper.file, aspect)];
    if (!info) throw packBroken(pack, fileForAspect(bumper.file, aspect));
    const clip: Clip = {
      kind: 'clip',
      id: kind,
      media: { path },
      sourceRange: { start: 0, duration: Math.max(1, Math.floor(info.durationSeconds * fps + 1e-6)) },
      reframe: { mode: 'blur' },
      volume: 1,
      muted: false,
    };
    return { ...clipSegment({ ...request, media: { ...request.media, [path]: info } }, clip, frame, fps), kind };
  }
  const frames = Math.round(bumper.seconds * fps);
  const seconds = frames / fps;
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
  const segments = buildSegments(request, frame, fps);

  const video = new GraphContext();
  const audio = new GraphContext();
  const timeline: PlanSegment[] = [];
  let cursor = 0;
  segments.forEach((segment, index) => {
    segment.video(video, `[v${index}]`);
    segment.audio(audio, `[a${index}]`);
    timeline.push({ kind: segment.kind, id: segment.id, startSeconds: cursor / fps, endSeconds: (cursor + segment.frames) / fps });
    cursor += segment.frames;
  });
  const totalFrames = cursor;
  const totalSeconds = totalFrames / fps;
  const labels = segments.map((_, index) => `[v${index}]`).join('');
  video.add(`${labels}concat=n=${segments.length}:v=1:a=0[vcat]`);
  audio.add(`${segments.map((_, index) => `[a${index}]`).join('')}concat=n=${segments.length}:v=0:a=1[speech]`);

  const introEnd = segments[0]?.kind === 'intro' ? segments[0].frames / fps : 0;
  const last = segments[segments.length - 1];
  const outroStart = last?.kind === 'outro' ? totalSeconds - last.frames / fps : totalSeconds;
  const overlays = compileOverlays({ context: video, request, frame, fps, input: '[vcat]', contentStart: introEnd, contentEnd: outroStart, totalSeconds });
  video.add(`${overlays.output}format=yuv420p[vout]`);
  timeline.push(...overlays.segments);

  compileMusic({ context: audio, request, totalSeconds, contentStart: introEnd });

  const audioInput = video.addInput({ kind: 'audio-pass', before: [] });
  const warnings: PlanWarning[] = [...overlays.warnings, ...durationWarnings(preset, totalSeconds)];
  if (project.timeline.tracks.audio.length > 1) {
    warnings.push({
      code: 'music-extra',
      message: {
        id: 'Hanya musik pertama yang dipakai; musik lain di trek audio diabaikan.',
        en: 'Only the first music bed is used; the other music on the audio track is left out.',
      },
    });
  }
  return {
    inputs: video.inputs,
    filterGraph: video.graph(),
    maps: ['[vout]', `${audioInput}:a:0`],
    outputArgs: outputArguments(preset, totalFrames, fps),
    width: frame.width,
    height: frame.height,
    fps,
    durationFrames: totalFrames,
    durationSeconds: totalSeconds,
    timeline,
    warnings,
    audio: {
      inputs: audio.inputs,
      filterGraph: audio.graph(),
      output: '[aout]',
      durationSeconds: totalSeconds,
      target: preset.loudness,
    },
  };
}

/** Speech and music summed at equal weight (loudnorm sets the level afterwards). */
const MIX = 'amix=inputs=2:duration=first:dropout_transition=0';

/**
 * The music bed. Unplaced music (start 0, no duration) covers the whole video,
 * intro and outro included; placed music starts `start` frames after the intro.
 */
function compileMusic(options: { context: GraphContext; request: CompileRequest; totalSeconds: number; contentStart: number }): void {
  const { context, request, totalSeconds } = options;
  const music = request.project.timeline.tracks.audio[0];
  const info = music ? request.media[music.media.path] : undefined;
  if (!music || !info?.audio) {
    context.add(`[speech]anull[aout]`);
    return;
  }
  const fps = request.project.fps;
  // where the bed sits on the timeline: from `start` for `duration` (default: to the end)
  const placed = music.start > 0 || music.duration !== undefined;
  const startSeconds = placed ? Math.min(options.contentStart + music.start / fps, totalSeconds) : 0;
  const spanSeconds = Math.max(0, Math.min(music.duration === undefined ? totalSeconds : music.duration / fps, totalSeconds - startSeconds));
  if (spanSeconds <= 0) {
    context.add(`[speech]anull[aout]`);
    return;
  }
  const index = context.addInput({
    kind: 'file',
    path: music.media.path,
    before: music.loop && info.durationSeconds < spanSeconds ? ['-stream_loop', '-1', '-t', ffSeconds(spanSeconds + 1)] : [],
  });
  // without looping, short music ends early: fade it out where it ends, not in the silence after
  const musicEnd = music.loop ? spanSeconds : Math.min(spanSeconds, info.durationSeconds);
  const fadeIn = Math.min(music.fadeIn / fps, musicEnd / 2);
  const fadeOut = Math.min(music.fadeOut / fps, musicEnd / 2);
  const delayMs = Math.round(startSeconds * 1000);
  const bed = [
    `[${index}:a:0]${AUDIO_FORMAT}`,
    `volume=${music.volume}`,
    exactAudio(spanSeconds),
    ...(fadeIn > 0 ? [`afade=t=in:st=0:d=${ffSeconds(fadeIn)}`] : []),
    ...(fadeOut > 0 ? [`afade=t=out:st=${ffSeconds(musicEnd - fadeOut)}:d=${ffSeconds(fadeOut)}`] : []),
    // placed later on the timeline: silence before it (stereo after AUDIO_FORMAT), then the whole length
    ...(delayMs > 0 || spanSeconds < totalSeconds ? [`adelay=${delayMs}|${delayMs}`, exactAudio(totalSeconds)] : []),
  ].join(',');
  context.add(`${bed}[bed]`);
  if (music.duckUnderSpeech) {
    context.add(`[speech]asplit=2[speechmix][speechkey]`);
    context.add(`[bed][speechkey]sidechaincompress=threshold=0.02:ratio=6:attack=30:release=600[ducked]`);
    context.add(`[speechmix][ducked]${MIX}[aout]`);
  } else {
    context.add(`[speech][bed]${MIX}[aout]`);
  }
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

/** Encoder settings from the preset (PLATFORMS.md): H.264 High, closed GOP of half the frame rate, BT.709, AAC-LC 48 kHz. */
export function outputArguments(preset: Preset, frames: number, fps: number): string[] {
  const gop = gopSize(fps);
  return [
    '-c:v', preset.video.codec,
    '-preset', preset.video.speed,
    '-crf', String(preset.video.crf),
    '-maxrate', `${preset.videoMaxrateKbps}k`,
    '-bufsize', `${preset.videoMaxrateKbps * 2}k`,
    '-profile:v', preset.video.profile,
    '-pix_fmt', preset.video.pixelFormat,
    '-g', String(gop),
    '-keyint_min', String(gop),
    '-sc_threshold', '0',
    '-bf', String(preset.video.bFrames),
    '-flags', '+cgop',
    '-color_primaries', preset.video.colour.primaries,
    '-color_trc', preset.video.colour.transfer,
    '-colorspace', preset.video.colour.matrix,
    '-color_range', preset.video.colour.range,
    '-t', ffSeconds(frames / fps),
    '-c:a', preset.audio.codec,
    '-b:a', `${preset.audio.bitrateKbps}k`,
    '-ar', String(preset.audio.sampleRate),
    '-ac', String(preset.audio.channels),
    '-movflags', '+faststart',
    '-f', 'mp4',
  ];
}

export type { Box };
