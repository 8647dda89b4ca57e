/**
 * core/plan's argument builder (args.ts) and bounds (bounds.ts), pure: the whole
 * argument list of each pass, the graph passed by script file when long, the
 * caps on length and clip count, and names that only an own-property lookup
 * handles (`constructor`, `toString`).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { MediaInfo } from '@core/media.js';
import { ProjectSchema, type Project } from '@core/model/project.js';
import { checkFieldValues, fieldValuesWithDefaults, fillPlaceholders } from '@core/pack/fields.js';
import type { ResolvedPack } from '@core/pack/resolved.js';
import {
  checkCommandLine,
  globalArguments,
  INLINE_GRAPH_LIMIT,
  inputArguments,
  loudnessApplyCommand,
  loudnessMeasureCommand,
  muxCommand,
  parseLoudnormOutput,
  picturePassCommand,
  soundEncodeCommand,
} from '@core/plan/args.js';
import { MAX_EXPORT_SECONDS, MAX_OVERLAYS, MAX_TIMELINE_ITEMS } from '@core/plan/bounds.js';
import { compileRenderPlan } from '@core/plan/compile.js';
import { resolveColor, resolveFields } from '@core/plan/context.js';
import { getPreset } from '@core/presets.js';
import { loadBuiltInPack } from '../../electron/engine/pack/load.js';

let pack: ResolvedPack;
beforeAll(async () => {
  pack = await loadBuiltInPack();
});

const CLIP = '/media/a.mp4';
const media: Record<string, MediaInfo> = {
  [CLIP]: {
    path: CLIP,
    format: 'mov,mp4,m4a,3gp,3g2,mj2',
    durationSeconds: 10,
    sizeBytes: 1000,
    video: { codec: 'h264', width: 1920, height: 1080, rotation: 0, displayWidth: 1920, displayHeight: 1080, sampleAspect: 1, fps: 30, variableFrameRate: false, still: false },
    audio: { codec: 'aac', channels: 2, sampleRate: 48000 },
  },
};

function project(options: { clips?: number; clipFrames?: number; gapFrames?: number; reframe?: unknown; overlays?: number } = {}): Project {
  const clips = Array.from({ length: options.clips ?? 1 }, (_, index) => ({
    kind: 'clip',
    id: `clip-${index + 1}`,
    media: { path: CLIP },
    sourceRange: { start: 0, duration: options.clipFrames ?? 60 },
    ...(options.reframe ? { reframe: options.reframe } : {}),
  }));
  return ProjectSchema.parse({
    kind: 'klipkota.project',
    version: 3,
    name: 'Uji',
    fields: { title: 'Uji', date: '1 Desember 2026' },
    timeline: {
      tracks: {
        video: [...clips, ...(options.gapFrames ? [{ kind: 'gap', id: 'gap-1', duration: options.gapFrames }] : [])],
        overlay: Array.from({ length: options.overlays ?? 0 }, (_, index) => ({
          kind: 'overlay',
          id: `lt-${index + 1}`,
          template: 'lower-third',
          fields: { name: 'Rina', role: 'Admin' },
          start: 0,
          duration: 30,
        })),
      },
    },
  });
}

const compile = (value: Project, presetId = 'youtube') => compileRenderPlan({ project: value, pack, preset: getPreset(presetId), media });

describe('picturePassCommand', () => {
  it('writes the whole list: global flags, each input with its options, the graph, the picture map, the encoder settings, the output last (no sound)', () => {
    const plan = compile(project());
    const files = plan.inputs.map((_, index) => `/tmp/work/input-${index}`);
    const command = picturePassCommand({ plan, files, output: '/out/a.mp4.part', scriptPath: '/tmp/work/video.ffgraph' });
    expect(command.args.slice(0, 8)).toEqual(['-hide_banner', '-nostdin', '-progress', 'pipe:1', '-nostats', '-filter_complex_threads', '1', ...plan.inputs[0]!.before.slice(0, 1)]);
    expect(command.args.slice(-2)).toEqual(['-y', '/out/a.mp4.part']);
    const inputs = command.args.flatMap((word, index) => (word === '-i' ? [command.args[index + 1]] : []));
    expect(inputs).toEqual(files);
    const clip = plan.inputs.findIndex((input) => input.kind === 'file');
    const clipAt = command.args.indexOf(files[clip]!);
    expect(command.args.slice(clipAt - 1 - plan.inputs[clip]!.before.length, clipAt - 1)).toEqual(plan.inputs[clip]!.before);
    expect(command.args[command.args.indexOf('-filter_complex') + 1]).toBe(plan.filterGraph);
    expect(command.args).not.toContain('-filter_complex_script');
    expect(command.script).toBeUndefined();
    expect(command.args.join(' ')).toContain(`-map [vout] ${plan.outputArgs.join(' ')} -y`);
    expect(command.args).toEqual(expect.arrayContaining(['-c:v', 'libx264', '-t', '8', '-an', '-f', 'mp4']));
    expect(command.args.filter((word) => word === '-map')).toHaveLength(1);
    expect(command.args).not.toContain('-c:a');
    expect(command.expectedSeconds).toBe(8);
  });

  it('encodes the sound with the preset settings beside the picture, and muxes the two by copying, cut at the plan length, index in front', () => {
    const plan = compile(project(), 'tiktok');
    const encode = soundEncodeCommand({ plan, sound: '/w/sound-0.wav', output: '/w/sound-0.m4a' });
    expect(encode.args.slice(5)).toEqual(['-i', '/w/sound-0.wav', '-map', '0:a:0', '-c:a', 'aac', '-b:a', '192k', '-ar', '48000', '-ac', '2', '-f', 'mp4', '-y', '/w/sound-0.m4a']);
    expect(compile(project(), 'youtube').soundArgs).toContain('384k');
    const mux = muxCommand({ plan, picture: '/w/picture.mp4', sound: '/w/sound-0.m4a', output: '/out/a.mp4.part' });
    expect(mux.args.slice(5)).toEqual(['-i', '/w/picture.mp4', '-i', '/w/sound-0.m4a', '-map', '0:v:0', '-map', '1:a:0', '-c', 'copy', '-t', '8', '-movflags', '+faststart', '-f', 'mp4', '-y', '/out/a.mp4.part']);
    expect(mux.expectedSeconds).toBe(8);
  });

  it('refuses files that do not match the plan inputs', () => {
    const plan = compile(project());
    expect(() => picturePassCommand({ plan, files: ['/only/one'], output: '/o.mp4', scriptPath: '/s' })).toThrow(/plan inputs/);
    expect(inputArguments([], [])).toEqual([]);
  });

  it('passes a graph too long for a command line as a script file (1000 clips, the most one export takes: clips that share one reframing chain still add a line each)', () => {
    const plan = compile(project({ clips: 1000, clipFrames: 1 }), 'tiktok');
    expect(plan.filterGraph.length).toBeGreaterThan(128 * 1024);
    expect(plan.filterScript).toBe(true);
    const command = picturePassCommand({ plan, files: plan.inputs.map((_, index) => `/w/${index}`), output: '/o.mp4', scriptPath: '/w/video.ffgraph' });
    expect(command.args).not.toContain('-filter_complex');
    expect(command.args[command.args.indexOf('-filter_complex_script') + 1]).toBe('/w/video.ffgraph');
    expect(command.script).toEqual({ path: '/w/video.ffgraph', text: plan.filterGraph });
    expect(Math.max(...command.args.map((word) => word.length))).toBeLessThan(INLINE_GRAPH_LIMIT);
    // and a short graph stays inline
    expect(compile(project()).filterScript).toBe(false);
  });
});

describe('the loudness passes', () => {
  it('measures with print_format=json into the null muxer, then applies the measurement linearly into a WAV of the plan length', () => {
    const plan = compile(project({ clipFrames: 45 }));
    const measure = loudnessMeasureCommand({ audio: plan.audio, scriptPath: '/w/m.ffgraph' });
    expect(measure.args.slice(0, 5)).toEqual(['-hide_banner', '-nostdin', '-progress', 'pipe:1', '-nostats']);
    expect(measure.args.slice(-5)).toEqual(['-map', '[measured]', '-f', 'null', '-']);
    expect(measure.args[measure.args.indexOf('-filter_complex') + 1]).toBe(`${plan.audio.filterGraph};\n[aout]loudnorm=I=-14:TP=-1.5:LRA=11:print_format=json[measured]`);
    const stderr = 'noise {\n "input_i" : "-21.83",\n "input_tp" : "-20.67",\n "input_lra" : "1.70",\n "input_thresh" : "-31.84",\n "target_offset" : "1.12"\n}\n';
    const measured = parseLoudnormOutput(stderr);
    expect(measured?.input_i).toBe('-21.83');
    const apply = loudnessApplyCommand({ audio: plan.audio, measured, output: '/w/sound.wav', scriptPath: '/w/a.ffgraph' });
    const graph = apply.args[apply.args.indexOf('-filter_complex') + 1]!;
    expect(graph).toContain('measured_I=-21.83:measured_TP=-20.67:measured_LRA=1.70:measured_thresh=-31.84:offset=1.12:linear=true');
    // 45 + 90 + 90 frames at 30 fps
    expect(graph.endsWith(',aresample=48000,apad,atrim=duration=7.5[normalized]')).toBe(true);
    expect(apply.args.slice(-12)).toEqual(['-map', '[normalized]', '-c:a', 'pcm_s16le', '-ar', '48000', '-ac', '2', '-f', 'wav', '-y', '/w/sound.wav']);
    expect(apply.expectedSeconds).toBe(7.5);
  });

  it('leaves silence (or no measurement) as it is', () => {
    const plan = compile(project());
    for (const measured of [undefined, { input_i: '-inf', input_tp: '-inf', input_lra: '0', input_thresh: '-70', target_offset: '0' }]) {
      const apply = loudnessApplyCommand({ audio: plan.audio, ...(measured ? { measured } : {}), output: '/w/s.wav', scriptPath: '/w/a' });
      expect(apply.args[apply.args.indexOf('-filter_complex') + 1]).toContain('[aout]anull,aresample=48000');
    }
    expect(parseLoudnormOutput('no json here')).toBeUndefined();
  });

  it('passes a long sound graph by script file too', () => {
    const plan = compile(project({ clips: 300, clipFrames: 1 }));
    expect(plan.audio.filterScript).toBe(true);
    const measure = loudnessMeasureCommand({ audio: plan.audio, scriptPath: '/w/m.ffgraph' });
    expect(measure.args).toContain('-filter_complex_script');
    expect(measure.script?.text).toContain('print_format=json[measured]');
    expect(measure.script?.text.startsWith(plan.audio.filterGraph)).toBe(true);
  });
});

describe('globalArguments and checkCommandLine', () => {
  it('starts ffprobe quietly and ffmpeg without stdin, with progress on stdout when asked', () => {
    expect(globalArguments({ tool: 'ffprobe', progress: true })).toEqual(['-hide_banner']);
    expect(globalArguments({ tool: 'ffmpeg', progress: false })).toEqual(['-hide_banner', '-nostdin']);
  });

  it("refuses what Windows or Linux would not start, with a message naming what to do", () => {
    const paths = Array.from({ length: 500 }, (_, index) => ['-ss', '12.5', '-i', `C:\\Users\\Admin KIM\\Videos\\Rapat kelurahan 2026\\klip-${index}.mp4`]).flat();
    expect(() => checkCommandLine({ platform: 'linux', binary: '/usr/bin/ffmpeg', args: paths })).not.toThrow();
    expect(() => checkCommandLine({ platform: 'win32', binary: 'C:\\ffmpeg.exe', args: paths })).toThrow(
      expect.objectContaining({ code: 'command-too-long', kind: 'bad-input', text: expect.objectContaining({ id: expect.stringContaining('Bagi proyek'), en: expect.stringContaining('Split the project') }) }),
    );
    expect(() => checkCommandLine({ platform: 'linux', binary: 'ffmpeg', args: ['-filter_complex', 'x'.repeat(128 * 1024)] })).toThrow(expect.objectContaining({ code: 'command-too-long' }));
    expect(() => checkCommandLine({ platform: 'win32', binary: 'ffmpeg', args: ['-i', 'a b.mp4'] })).not.toThrow();
  });
});

describe('bounds', () => {
  it('refuses a gap of ten million frames before writing any graph', () => {
    expect(() => compile(project({ gapFrames: 10_000_000 }))).toThrow(
      expect.objectContaining({
        code: 'project-too-long',
        kind: 'bad-input',
        text: { id: expect.stringMatching(/92\.\d jam.*batas 3 jam/), en: expect.stringMatching(/92\.\d hours.*limit of 3 hours/) },
      }),
    );
    // three hours exactly is allowed: the 3 s intro and outro, the 2 s clip, and the gap
    const longest = MAX_EXPORT_SECONDS * 30 - 180 - 60;
    expect(compile(project({ gapFrames: longest })).durationSeconds).toBe(MAX_EXPORT_SECONDS);
    expect(() => compile(project({ gapFrames: longest + 1 }))).toThrow(expect.objectContaining({ code: 'project-too-long' }));
  });

  it('refuses more clips or lower thirds than one export takes', () => {
    for (const clips of [MAX_TIMELINE_ITEMS + 1, 2000]) {
      expect(() => compile(project({ clips, clipFrames: 1 }))).toThrow(
        expect.objectContaining({ code: 'project-too-many-clips', kind: 'bad-input', text: expect.objectContaining({ id: expect.stringContaining(`${clips} klip`), en: expect.stringContaining(`${clips} clips`) }) }),
      );
    }
    expect(compile(project({ clips: MAX_TIMELINE_ITEMS, clipFrames: 1 })).filterScript).toBe(true);
    expect(() => compile(project({ overlays: MAX_OVERLAYS + 1 }))).toThrow(expect.objectContaining({ code: 'project-too-many-overlays' }));
  });
});

describe('names only an own-property lookup handles', () => {
  it('calls a pad colour named constructor or toString an unknown colour', () => {
    for (const color of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(() => resolveColor(pack, color)).toThrow(expect.objectContaining({ code: 'color-unknown', kind: 'bad-input' }));
      expect(() => compile(project({ reframe: { mode: 'pad', color } }), 'tiktok')).toThrow(
        expect.objectContaining({ code: 'color-unknown', text: expect.objectContaining({ en: expect.stringContaining(`Colour "${color}"`) }) }),
      );
    }
    expect(resolveColor(pack, 'primary')).toBe(pack.manifest.colors.primary);
  });

  it('treats {{constructor}} as an empty field and {{color.constructor}} as an unknown colour', () => {
    expect(fillPlaceholders({ svg: '<text>{{constructor}}|{{toString}}</text>', fields: {}, colors: {} })).toBe('<text>|</text>');
    expect(fillPlaceholders({ svg: '<text>{{constructor}}</text>', fields: { constructor: 'Rina' }, colors: {} })).toBe('<text>Rina</text>');
    expect(() => fillPlaceholders({ svg: '<rect fill="{{color.constructor}}"/>', fields: {}, colors: { primary: '#000000' } })).toThrow(
      expect.objectContaining({ code: 'pack-invalid', kind: 'bad-input' }),
    );
  });

  it('checks and fills a field named constructor like any other', () => {
    const definitions = [{ name: 'constructor', label: { id: 'Nama', en: 'Name' }, required: true, maxLength: 10 }] as never;
    expect(checkFieldValues(definitions, {}).map((problem) => problem.problem)).toEqual(['required']);
    expect(fieldValuesWithDefaults([{ name: 'toString', label: { id: 'A', en: 'A' }, required: false, maxLength: 5, default: 'x' }] as never, {})).toEqual({ toString: 'x' });
    expect(() => resolveFields({ definitions, values: {}, owner: { id: 'Pembuka', en: 'Intro' } })).toThrow(expect.objectContaining({ code: 'field-required' }));
    expect(resolveFields({ definitions, values: { constructor: 'Rina' }, owner: { id: 'Pembuka', en: 'Intro' } })).toEqual({ constructor: 'Rina' });
  });

  it('calls a clip whose path is an inherited name not probed', () => {
    const value = project();
    const clip = { ...value.timeline.tracks.video[0]!, media: { path: 'constructor' } } as Project['timeline']['tracks']['video'][number];
    const named = { ...value, timeline: { ...value.timeline, tracks: { ...value.timeline.tracks, video: [clip] } } };
    expect(() => compile(named)).toThrow(expect.objectContaining({ code: 'media-missing', kind: 'bad-input' }));
  });
});
