/**
 * The editor preview's pack graphics: each drawn by the export's rasterizer at
 * the size and with the field values the export uses, placed by core/layout.ts.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ApiParsedRequest, ApiResponse } from '@core/api/contract.js';
import type { PackLayout } from '@core/api/editor.js';
import { badInput } from '@core/errors.js';
import type { Size } from '@core/geometry.js';
import { logoBox, overlayBox } from '@core/layout.js';
import { fieldValuesWithDefaults } from '@core/pack/fields.js';
import { fileForAspect, type FieldDefinition } from '@core/pack/manifest.js';
import type { ResolvedPack } from '@core/pack/resolved.js';
import type { RasterRequest } from '@core/plan/types.js';
import { ownValue } from '@core/own.js';

/** The layout numbers of a pack for the renderer (what core/layout.ts reads). */
export function packLayout(pack: ResolvedPack): PackLayout {
  const { manifest } = pack;
  const bumperMedia: PackLayout['bumperMedia'] = {};
  for (const [file, info] of Object.entries(pack.bumperMedia ?? {})) bumperMedia[file] = { durationSeconds: info.durationSeconds };
  return {
    manifest: {
      colors: manifest.colors,
      ...(manifest.intro ? { intro: manifest.intro } : {}),
      ...(manifest.outro ? { outro: manifest.outro } : {}),
      ...(manifest.logo ? { logo: manifest.logo } : {}),
      overlays: manifest.overlays,
      ...(manifest.captionStyle ? { captionStyle: manifest.captionStyle } : {}),
    },
    graphicSizes: pack.graphicSizes ?? {},
    bumperMedia,
  };
}

const MIME: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp' };

/** The pack's preview picture as a data URL (undefined when it has none or it cannot be read). */
export async function packPreviewDataUrl(pack: ResolvedPack): Promise<string | undefined> {
  const file = pack.manifest.preview && pack.files ? ownValue(pack.files, pack.manifest.preview) : undefined;
  const mime = file ? ownValue(MIME, path.extname(file).toLowerCase()) : undefined;
  if (!file || !mime) return undefined;
  try {
    return `data:${mime};base64,${(await readFile(file)).toString('base64')}`;
  } catch {
    return undefined;
  }
}

function notFound(what: string): Error {
  return badInput(
    'graphic-not-found',
    {
      id: `Grafik "${what}" tidak ada di paket. Pilih paket lain atau pasang ulang paketnya.`,
      en: `The graphic "${what}" is not in the pack. Choose another pack or reinstall it.`,
    },
    what,
  );
}

/** Which file, box size and field definitions a graphic has for a frame. */
function graphicFor(pack: ResolvedPack, graphic: ApiParsedRequest<'pack.graphic'>['graphic'], frame: Size): { file: string; size: Size; fields: readonly FieldDefinition[] } {
  const aspect = frame.height > frame.width ? '9:16' : '16:9';
  const { manifest } = pack;
  if (graphic.kind === 'overlay') {
    const template = manifest.overlays.find((overlay) => overlay.id === graphic.template);
    const box = overlayBox({ pack, template: graphic.template, frame });
    if (!template || !box) throw notFound(`${manifest.id}/${graphic.template}`);
    return { file: fileForAspect(template.file, aspect), size: box, fields: template.fields };
  }
  if (graphic.kind === 'logo') {
    const box = logoBox({ pack, frame });
    if (!manifest.logo || !box) throw notFound(`${manifest.id}/logo`);
    return { file: manifest.logo.file, size: box, fields: [] };
  }
  const bumper = graphic.kind === 'intro' ? manifest.intro : manifest.outro;
  if (!bumper || bumper.type !== 'svg') throw notFound(`${manifest.id}/${graphic.kind}`);
  return { file: fileForAspect(bumper.file, aspect), size: frame, fields: bumper.fields };
}

export async function packGraphic(options: {
  request: ApiParsedRequest<'pack.graphic'>;
  packs: ResolvedPack[];
  rasterize: (request: RasterRequest) => Promise<Buffer>;
}): Promise<ApiResponse<'pack.graphic'>> {
  const { request } = options;
  const pack = options.packs.find((candidate) => candidate.manifest.id === request.pack);
  if (!pack) throw notFound(`${request.pack}`);
  const frame = request.aspect === '9:16' ? { width: 1080, height: 1920 } : { width: 1920, height: 1080 };
  const { file, size, fields } = graphicFor(pack, request.graphic, frame);
  const absolute = ownValue(pack.files, file);
  if (!absolute) throw notFound(`${pack.manifest.id}/${file}`);
  const width = Math.round(size.width);
  const height = Math.round(size.height);
  if (!/\.svg$/i.test(file)) {
    // a bitmap logo is scaled by the graph; the browser scales it the same way
    const mime = ownValue(MIME, path.extname(file).toLowerCase()) ?? 'image/png';
    return { dataUrl: `data:${mime};base64,${(await readFile(absolute)).toString('base64')}`, width, height };
  }
  const values = fieldValuesWithDefaults(fields, request.fields);
  const filled: Record<string, string> = {};
  for (const field of fields) filled[field.name] = (ownValue(values, field.name) ?? '').trim();
  const png = await options.rasterize({
    svgPath: absolute,
    fields: filled,
    colors: pack.manifest.colors,
    fontFiles: pack.manifest.fonts.map((font) => ownValue(pack.files, font.file)).filter((entry): entry is string => Boolean(entry)),
    width,
    height,
  });
  return { dataUrl: `data:image/png;base64,${png.toString('base64')}`, width, height };
}
