/**
 * Overlays on the main picture: the pack's lower thirds (timed, animated) and
 * its logo. Each graphic is an input image rasterized by the engine at exactly
 * its box size, so the graph only moves and fades it.
 */
import { badInput } from '../errors.js';
import { insideSafeZone, type Size } from '../geometry.js';
import { logoBox, LOGO_FADE_SECONDS, logoWindow, overlayBox, overlayWindow } from '../layout.js';
import { fileForAspect, type Animation, type OverlayTemplate, type PackManifest } from '../pack/manifest.js';
import type { OverlayItem } from '../model/project.js';
import { aspectOf } from '../presets.js';
import { ffSeconds, framesToSeconds } from '../time.js';
import { fontFiles, packBroken, packFile, resolveFields, type GraphContext } from './context.js';
import { label, overlayFades } from './filters.js';
import { compileCaptions } from './captions.js';
import type { CompileRequest, PlanSegment, PlanWarning } from './types.js';

interface OverlayResult {
  output: string;
  segments: PlanSegment[];
  warnings: PlanWarning[];
}

/** x position expression for slide animations (eval=frame); plain number when still. */
function slideX(options: { x: number; width: number; start: number; seconds: number; animation: Animation }): string {
  const { x, width, start, seconds, animation } = options;
  const d = animation.seconds;
  const terms: string[] = [];
  if (animation.in === 'slide-left' && d > 0) terms.push(`(${x + width})*pow(max(0,1-(t-${ffSeconds(start)})/${ffSeconds(d)}),3)`);
  if (animation.out === 'slide-left' && d > 0) terms.push(`(${x + width})*pow(max(0,(t-${ffSeconds(start + seconds - d)})/${ffSeconds(d)}),3)`);
  return terms.length ? `'${x}-${terms.join('-')}'` : String(x);
}

function slideY(options: { y: number; frameHeight: number; start: number; seconds: number; animation: Animation }): string {
  const { y, frameHeight, start, seconds, animation } = options;
  const d = animation.seconds;
  const terms: string[] = [];
  if (animation.in === 'slide-up' && d > 0) terms.push(`+(${frameHeight - y})*pow(max(0,1-(t-${ffSeconds(start)})/${ffSeconds(d)}),3)`);
  if (animation.out === 'slide-down' && d > 0) terms.push(`+(${frameHeight - y})*pow(max(0,(t-${ffSeconds(start + seconds - d)})/${ffSeconds(d)}),3)`);
  return terms.length ? `'${y}${terms.join('')}'` : String(y);
}

/** The graph's state while graphics are layered onto the picture, one after another. */
interface Layering {
  context: GraphContext;
  fps: number;
  /** the label of the picture so far */
  current: string;
  count: number;
}

// a graphic is one input frame: converted once (`once`), repeated by the graph, faded per frame
function placeLayer(layering: Layering, layer: { input: number; startFrame: number; frames: number; x: string; y: string; once: string[]; fades: string[] }): void {
  const { context, fps } = layering;
  layering.count += 1;
  const graphic = `ol${layering.count}`;
  const next = `ov${layering.count}`;
  const frames = Math.max(1, layer.frames);
  context.add(
    `[${layer.input}:v:0]${[
      'format=rgba',
      ...layer.once,
      'scale=iw:ih:out_color_matrix=bt709:out_range=tv',
      'format=yuva420p',
      `loop=loop=${frames - 1}:size=1:start=0`,
      `setpts=N/${fps}/TB`,
      ...layer.fades,
      `setpts=PTS-STARTPTS+${ffSeconds(framesToSeconds(layer.startFrame, fps))}/TB`,
    ].join(',')}${label(graphic)}`,
  );
  const evalFrame = layer.x.startsWith("'") || layer.y.startsWith("'") ? ':eval=frame' : '';
  context.add(`${layering.current}${label(graphic)}overlay=x=${layer.x}:y=${layer.y}:eof_action=pass${evalFrame}${label(next)}`);
  layering.current = label(next);
}

interface OverlayOptions {
  context: GraphContext;
  request: CompileRequest;
  frame: Size;
  fps: number;
  /** the picture's label before the overlays */
  input: string;
  /** frames on the output: where the content (after the intro) starts and (before the outro) ends, and the whole length */
  contentStart: number;
  contentEnd: number;
  totalFrames: number;
}

function templateFor(request: CompileRequest, id: string): OverlayTemplate {
  const { pack } = request;
  const template = pack.manifest.overlays.find((candidate) => candidate.id === id);
  if (!template) {
    throw badInput('template-unknown', {
      id: `Templat "${id}" tidak ada di paket ${pack.manifest.id}. Pilih: ${pack.manifest.overlays.map((o) => o.id).join(', ')}.`,
      en: `Template "${id}" is not in pack ${pack.manifest.id}. Choose: ${pack.manifest.overlays.map((o) => o.id).join(', ')}.`,
    });
  }
  return template;
}

/** One lower third: its graphic, placed and animated inside the content's time. */
function compileLowerThird(options: OverlayOptions & { layering: Layering; item: OverlayItem; result: OverlayResult }): void {
  const { context, request, frame, fps, item, result } = options;
  const { pack, preset } = request;
  const aspect = aspectOf(preset);
  const template = templateFor(request, item.template);
  const window = overlayWindow({ item, contentStart: options.contentStart, contentEnd: options.contentEnd });
  if (!window) {
    result.warnings.push({
      code: 'overlay-outside',
      message: {
        id: `Lower third "${item.id}" dimulai setelah klip terakhir berakhir, jadi tidak tampil. Geser ke waktu yang masih ada klipnya.`,
        en: `Lower third "${item.id}" starts after the last clip ends, so it is not shown. Move it to a time that has a clip.`,
      },
    });
    return;
  }
  const { startFrame, endFrame } = window;
  const start = framesToSeconds(startFrame, fps);
  const end = framesToSeconds(endFrame, fps);
  const seconds = end - start;
  const packPath = fileForAspect(template.file, aspect);
  const box = overlayBox({ pack, template: template.id, frame });
  if (!box) throw packBroken(pack, packPath);
  const fields = resolveFields({ definitions: template.fields, values: item.fields, owner: template.label });
  const input = context.addInput({
    kind: 'raster',
    request: { svgPath: packFile(pack, packPath), fields, colors: pack.manifest.colors, fontFiles: fontFiles(pack), width: box.width, height: box.height },
    before: ['-framerate', String(fps)],
  });
  const fade = template.animation.seconds;
  placeLayer(options.layering, {
    input,
    startFrame,
    frames: endFrame - startFrame,
    x: slideX({ x: box.x, width: box.width, start, seconds, animation: template.animation }),
    y: slideY({ y: box.y, frameHeight: frame.height, start, seconds, animation: template.animation }),
    once: [],
    fades: overlayFades({
      seconds,
      fadeIn: template.animation.in === 'fade' ? fade : 0,
      fadeOut: template.animation.out === 'fade' ? fade : 0,
    }),
  });
  result.segments.push({ kind: 'overlay', id: item.id, startSeconds: start, endSeconds: end, box });
  const reference = aspect === '9:16' ? { width: 1080, height: 1920 } : { width: 1920, height: 1080 };
  if (!insideSafeZone(box, frame, preset.safeZone, reference)) {
    result.warnings.push({
      code: 'outside-safe-zone',
      message: {
        id: `Lower third "${item.id}" keluar dari area aman ${preset.label}; tombol aplikasi bisa menutupinya.`,
        en: `Lower third "${item.id}" is outside ${preset.label}'s safe zone; the app's buttons may cover it.`,
      },
    });
  }
}

/** The pack's logo in its corner, over the content (or the whole video when it shows on the bumpers too). */
function compileLogo(options: OverlayOptions & { layering: Layering; logo: NonNullable<PackManifest['logo']>; result: OverlayResult }): void {
  const { context, request, frame, fps, logo } = options;
  const { pack } = request;
  const { startFrame, endFrame } = logoWindow({ onBumpers: logo.onBumpers, contentStart: options.contentStart, contentEnd: options.contentEnd, totalFrames: options.totalFrames });
  const start = framesToSeconds(startFrame, fps);
  const end = framesToSeconds(endFrame, fps);
  const box = logoBox({ pack, frame });
  if (!box) throw packBroken(pack, logo.file);
  const path = packFile(pack, logo.file);
  const loop = ['-framerate', String(fps)];
  const input = /\.svg$/i.test(logo.file)
    ? context.addInput({ kind: 'raster', request: { svgPath: path, fields: {}, colors: pack.manifest.colors, fontFiles: fontFiles(pack), width: box.width, height: box.height }, before: loop })
    : context.addInput({ kind: 'file', path, before: loop });
  const scale = /\.svg$/i.test(logo.file) ? [] : [`scale=${box.width}:${box.height}`];
  placeLayer(options.layering, {
    input,
    startFrame,
    frames: endFrame - startFrame,
    x: String(box.x),
    y: String(box.y),
    once: [...scale, ...(logo.opacity < 1 ? [`colorchannelmixer=aa=${logo.opacity}`] : [])],
    fades: overlayFades({ seconds: end - start, fadeIn: LOGO_FADE_SECONDS, fadeOut: LOGO_FADE_SECONDS }),
  });
  options.result.segments.push({ kind: 'logo', id: 'logo', startSeconds: start, endSeconds: end, box });
}

export function compileOverlays(options: OverlayOptions): OverlayResult {
  const { project, pack } = options.request;
  const layering: Layering = { context: options.context, fps: options.fps, current: options.input, count: 0 };
  const result: OverlayResult = { output: options.input, segments: [], warnings: [] };
  for (const item of project.timeline.tracks.overlay) compileLowerThird({ ...options, layering, item, result });
  result.segments.push(...compileCaptions({ ...options, layering }));
  const logo = pack.manifest.logo;
  if (project.logo && logo) compileLogo({ ...options, layering, logo, result });
  return { ...result, output: layering.current };
}
