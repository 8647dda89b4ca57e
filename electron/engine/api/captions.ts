/**
 * The captions channels (core/api/captions.ts): a subtitle file read into
 * captions, the sidecar .srt written, one caption drawn for the preview.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ApiParsedRequest, ApiResponse } from '@core/api/contract.js';
import { captionLayout } from '@core/captions/layout.js';
import { resolveCaptionStyle } from '@core/captions/style.js';
import { outputCaptions } from '@core/captions/timing.js';
import { badInput } from '@core/errors.js';
import { layoutSegments } from '@core/layout.js';
import type { Project } from '@core/model/project.js';
import { ownValue } from '@core/own.js';
import type { ResolvedPack } from '@core/pack/resolved.js';
import { getPreset } from '@core/presets.js';
import { readSubtitleFile, subtitleFormatOf, writeSrtFile } from '../captions/subtitles.js';
import { measureWithFonts } from '../raster/fonts.js';
import type { ApiContext, Implementations } from './context.js';

function packNotFound(id: string): Error {
  return badInput('pack-not-found', {
    id: `Paket templat "${id}" tidak terpasang. Pilih paket lain di Templat atau impor paketnya.`,
    en: `Template pack "${id}" is not installed. Choose another pack in Templates or import it.`,
  });
}

async function findPack(context: ApiContext, id: string): Promise<ResolvedPack> {
  const packs = await context.engine.listPacks({ home: context.home });
  const found = packs.find((entry) => entry.pack.manifest.id === id);
  if (!found) throw packNotFound(id);
  return found.pack;
}

export function packFontFiles(pack: ResolvedPack): string[] {
  return pack.manifest.fonts.map((font) => ownValue(pack.files, font.file)).filter((file): file is string => Boolean(file));
}

/** The captions of a project on one preset's output (intro first), or on their own times without a preset. */
export async function sidecarCaptions(options: { context: ApiContext; project: Project; preset?: string }): Promise<Array<{ text: string; startFrame: number; endFrame: number }>> {
  const { project } = options;
  const captions = project.timeline.tracks.captions;
  if (!options.preset) return outputCaptions({ captions, contentStart: 0, contentEnd: Number.MAX_SAFE_INTEGER });
  const pack = await findPack(options.context, project.pack);
  const timing = layoutSegments({ project, pack, preset: getPreset(options.preset), media: {} });
  return outputCaptions({ captions, contentStart: timing.contentStart, contentEnd: timing.contentEnd });
}

async function exportSidecar(context: ApiContext, request: ApiParsedRequest<'captions.exportSidecar'>): Promise<ApiResponse<'captions.exportSidecar'>> {
  const target = path.resolve(request.path);
  const existing = await stat(target).catch(() => undefined);
  if (existing && !request.overwrite) {
    throw badInput('file-exists', {
      id: `Berkas ${path.basename(target)} sudah ada. Pilih nama lain atau setujui untuk menimpanya.`,
      en: `The file ${path.basename(target)} already exists. Choose another name or agree to replace it.`,
    });
  }
  const captions = await sidecarCaptions({ context, project: request.project, ...(request.preset ? { preset: request.preset } : {}) });
  await writeSrtFile({ path: target, captions, fps: request.project.fps });
  return { path: target, count: captions.length };
}

async function captionGraphic(context: ApiContext, request: ApiParsedRequest<'captions.graphic'>): Promise<ApiResponse<'captions.graphic'>> {
  const pack = await findPack(context, request.pack);
  const style = resolveCaptionStyle({ pack, overrides: request.style });
  const frame = request.aspect === '9:16' ? { width: 1080, height: 1920 } : { width: 1920, height: 1080 };
  const fontFiles = packFontFiles(pack);
  const layout = captionLayout({ text: request.text, style, frame, measure: measureWithFonts(fontFiles) });
  const { box } = layout.area;
  const png = await context.engine.rasterizeToBuffer({
    svgPath: '',
    fields: {},
    colors: pack.manifest.colors,
    fontFiles,
    width: box.width,
    height: box.height,
    caption: { text: request.text, style, frame },
  });
  return {
    dataUrl: `data:image/png;base64,${png.toString('base64')}`,
    frame,
    area: box,
    textBox: layout.textBox ?? null,
    lines: layout.lines,
    fontSize: layout.fontSize,
  };
}

export function captionHandlers(context: ApiContext): Implementations<'captions.import' | 'captions.exportSidecar' | 'captions.graphic'> {
  return {
    'captions.import': async (request) => {
      const cues = (await readSubtitleFile({ path: request.path, fps: request.fps })).sort((a, b) => a.start - b.start || a.duration - b.duration);
      return {
        captions: cues.map((cue, index) => ({ id: `caption-${index + 1}`, start: cue.start, duration: cue.duration, text: cue.text })),
        format: subtitleFormatOf({ fileName: request.path, text: '' }),
      };
    },
    'captions.exportSidecar': (request) => exportSidecar(context, request),
    'captions.graphic': (request) => captionGraphic(context, request),
  };
}
