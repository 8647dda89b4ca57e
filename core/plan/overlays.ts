/**
 * Overlays on the main picture: the pack's lower thirds (timed, animated) and
 * its logo. Each graphic is an input image rasterized by the engine at exactly
 * its box size, so the graph only moves and fades it.
 */
import { badInput } from '../errors.js';
import { insideSafeZone, type Size } from '../geometry.js';
import { logoBox, LOGO_FADE_SECONDS, logoWindow, overlayBox, overlayWindow } from '../layout.js';
import { fileForAspect, type Animation } from '../pack/manifest.js';
import { aspectOf } from '../presets.js';
import { ffSeconds } from '../time.js';
import type { CompileRequest } from './compile.js';
import { fontFiles, packBroken, packFile, resolveFields, type GraphContext } from './context.js';
import { label, overlayFades } from './filters.js';
import type { PlanSegment, PlanWarning } from './types.js';

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

export function compileOverlays(options: {
  context: GraphContext;
  request: CompileRequest;
  frame: Size;
  fps: number;
  input: string;
  contentStart: number;
  contentEnd: number;
  totalSeconds: number;
}): OverlayResult {
  const { context, request, frame, fps } = options;
  const { project, pack, preset } = request;
  const aspect = aspectOf(preset);
  const segments: PlanSegment[] = [];
  const warnings: PlanWarning[] = [];
  let current = options.input;
  let count = 0;
  const reference = aspect === '9:16' ? { width: 1080, height: 1920 } : { width: 1920, height: 1080 };

  // a graphic is one input frame: converted once (`once`), repeated by the graph, faded per frame
  const place = (layer: { input: number; start: number; seconds: number; x: string; y: string; once: string[]; fades: string[] }) => {
    count += 1;
    const graphic = `ol${count}`;
    const next = `ov${count}`;
    const frames = Math.max(1, Math.round(layer.seconds * fps));
    context.add(
      `[${layer.input}:v:0]${[
        'format=rgba',
        ...layer.once,
        'scale=iw:ih:out_color_matrix=bt709:out_range=tv',
        'format=yuva420p',
        `loop=loop=${frames - 1}:size=1:start=0`,
        `setpts=N/${fps}/TB`,
        ...layer.fades,
        `setpts=PTS-STARTPTS+${ffSeconds(layer.start)}/TB`,
      ].join(',')}${label(graphic)}`,
    );
    const evalFrame = layer.x.startsWith("'") || layer.y.startsWith("'") ? ':eval=frame' : '';
    context.add(`${current}${label(graphic)}overlay=x=${layer.x}:y=${layer.y}:eof_action=pass${evalFrame}${label(next)}`);
    current = label(next);
  };

  for (const item of project.timeline.tracks.overlay) {
    const template = pack.manifest.overlays.find((candidate) => candidate.id === item.template);
    if (!template) {
      throw badInput('template-unknown', {
        id: `Templat "${item.template}" tidak ada di paket ${pack.manifest.id}. Pilih: ${pack.manifest.overlays.map((o) => o.id).join(', ')}.`,
        en: `Template "${item.template}" is not in pack ${pack.manifest.id}. Choose: ${pack.manifest.overlays.map((o) => o.id).join(', ')}.`,
      });
    }
    const window = overlayWindow({ item, fps, contentStart: options.contentStart, contentEnd: options.contentEnd });
    if (!window) {
      warnings.push({
        code: 'overlay-outside',
        message: {
          id: `Lower third "${item.id}" dimulai setelah klip terakhir berakhir, jadi tidak tampil. Geser ke waktu yang masih ada klipnya.`,
          en: `Lower third "${item.id}" starts after the last clip ends, so it is not shown. Move it to a time that has a clip.`,
        },
      });
      continue;
    }
    const { start, end } = window;
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
    place({
      input,
      start,
      seconds,
      x: slideX({ x: box.x, width: box.width, start, seconds, animation: template.animation }),
      y: slideY({ y: box.y, frameHeight: frame.height, start, seconds, animation: template.animation }),
      once: [],
      fades: overlayFades({
        seconds,
        fadeIn: template.animation.in === 'fade' ? fade : 0,
        fadeOut: template.animation.out === 'fade' ? fade : 0,
      }),
    });
    segments.push({ kind: 'overlay', id: item.id, startSeconds: start, endSeconds: end, box });
    if (!insideSafeZone(box, frame, preset.safeZone, reference)) {
      warnings.push({
        code: 'outside-safe-zone',
        message: {
          id: `Lower third "${item.id}" keluar dari area aman ${preset.label}; tombol aplikasi bisa menutupinya.`,
          en: `Lower third "${item.id}" is outside ${preset.label}'s safe zone; the app's buttons may cover it.`,
        },
      });
    }
  }

  const logo = pack.manifest.logo;
  if (project.logo && logo) {
    const { start, end } = logoWindow({ onBumpers: logo.onBumpers, contentStart: options.contentStart, contentEnd: options.contentEnd, totalSeconds: options.totalSeconds });
    const box = logoBox({ pack, frame });
    if (!box) throw packBroken(pack, logo.file);
    const path = packFile(pack, logo.file);
    const loop = ['-framerate', String(fps)];
    const input = /\.svg$/i.test(logo.file)
      ? context.addInput({ kind: 'raster', request: { svgPath: path, fields: {}, colors: pack.manifest.colors, fontFiles: fontFiles(pack), width: box.width, height: box.height }, before: loop })
      : context.addInput({ kind: 'file', path, before: loop });
    const scale = /\.svg$/i.test(logo.file) ? [] : [`scale=${box.width}:${box.height}`];
    place({
      input,
      start,
      seconds: end - start,
      x: String(box.x),
      y: String(box.y),
      once: [...scale, ...(logo.opacity < 1 ? [`colorchannelmixer=aa=${logo.opacity}`] : [])],
      fades: overlayFades({ seconds: end - start, fadeIn: LOGO_FADE_SECONDS, fadeOut: LOGO_FADE_SECONDS }),
    });
    segments.push({ kind: 'logo', id: 'logo', startSeconds: start, endSeconds: end, box });
  }
  return { output: current, segments, warnings };
}
