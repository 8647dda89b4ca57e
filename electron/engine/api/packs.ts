/**
 * Packs for the API: the list the editor shows (built-in packs and those
 * installed in `<home>/packs`) and the overlay preview, drawn by the same
 * rasterizer and placed by the same geometry as the export.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ApiParsedRequest, ApiResponse, PackSummary } from '../../../core/api/contract.js';
import { badInput, type LocalizedText } from '../../../core/errors.js';
import { placeGraphic } from '../../../core/geometry.js';
import { fileForAspect } from '../../../core/pack/manifest.js';
import type { ResolvedPack } from '../../../core/pack/resolved.js';
import { ownValue } from '../../../core/own.js';
import type { RasterRequest } from '../../../core/plan/types.js';
import { PACKS_FOLDER, TRUST_FILE } from '../pack/home.js';
import type { ApiContext, Implementations } from './context.js';
import { packLayout, packPreviewDataUrl } from './preview-graphics.js';

/** The API's pack library and trust list: both under the API's own home (not the env-based default). */
export function apiPackPaths(home: string): { libraryDir: string; trustFile: string } {
  return { libraryDir: path.join(home, PACKS_FOLDER), trustFile: path.join(home, TRUST_FILE) };
}

async function packFolders(parent: string): Promise<string[]> {
  try {
    const entries = await fs.readdir(parent, { withFileTypes: true });
    const folders = [];
    for (const entry of entries) {
      if (!entry.isDirectory()) continue;
      try {
        await fs.access(path.join(parent, entry.name, 'pack.json'));
        folders.push(path.join(parent, entry.name));
      } catch {
        // not a pack folder
      }
    }
    return folders.sort();
  } catch {
    return [];
  }
}

/**
 * Every pack id once, built-in and installed, each at its newest version (the
 * installed copy wins a tie); a broken installed pack is skipped, not fatal.
 */
export async function listInstalledPacks(options: { home: string }): Promise<Array<{ pack: ResolvedPack; builtIn: boolean; copyReason?: LocalizedText }>> {
  const { builtInPacksDir, loadPackFolder, BUILT_IN_PACK_ID } = await import('../pack/load.js');
  const { findPackFolder } = await import('../pack/find.js');
  const { probeMedia } = await import('../ffmpeg/probe.js');
  const { libraryDir, trustFile } = apiPackPaths(options.home);
  const ids = new Set([...(await packFolders(builtInPacksDir())), ...(await packFolders(libraryDir))].map((dir) => path.basename(dir)));
  const { COPY_REASONS } = await import('../pack/shadow.js');
  const result: Array<{ pack: ResolvedPack; builtIn: boolean; copyReason?: LocalizedText }> = [];
  for (const id of [...ids].sort()) {
    const found = await findPackFolder({ id, libraryDir });
    if (!found) continue;
    try {
      const shadowed = found.reason !== 'only-built-in' && found.reason !== 'only-installed';
      result.push({
        pack: await loadPackFolder({ dir: found.dir, probe: (file) => probeMedia(file), trustFile }),
        builtIn: found.builtIn,
        ...(shadowed ? { copyReason: COPY_REASONS[found.reason] } : {}),
      });
    } catch (error) {
      if (found.builtIn) throw error;
    }
  }
  // the Pemkot Malang pack first (the default), then the other built-in packs, then installed ones
  const rank = (entry: { pack: ResolvedPack; builtIn: boolean }) => (entry.pack.manifest.id === BUILT_IN_PACK_ID ? 0 : entry.builtIn ? 1 : 2);
  return result.sort((a, b) => rank(a) - rank(b));
}

export function summarizePack(options: { pack: ResolvedPack; builtIn: boolean; copyReason?: LocalizedText; preview?: string | undefined }): PackSummary {
  const { manifest } = options.pack;
  return {
    id: manifest.id,
    name: manifest.name,
    version: manifest.version,
    issuer: manifest.issuer.name,
    trust: options.pack.trust,
    builtIn: options.builtIn,
    ...(options.copyReason ? { copyReason: options.copyReason } : {}),
    colors: manifest.colors,
    overlays: manifest.overlays.map((overlay) => ({
      id: overlay.id,
      label: overlay.label,
      defaultSeconds: overlay.defaultSeconds,
      fields: overlay.fields.map((field) => ({
        name: field.name,
        label: field.label,
        maxLength: field.maxLength,
        required: field.required,
        ...(field.default !== undefined ? { default: field.default } : {}),
      })),
    })),
    layout: packLayout(options.pack),
    ...(options.preview ? { preview: options.preview } : {}),
  };
}

function notFound(what: string) {
  return badInput(
    'overlay-not-found',
    {
      id: `Templat "${what}" tidak ada di paket. Pilih templat lain atau pasang paket yang memuatnya.`,
      en: `The template "${what}" is not in the pack. Choose another template or install the pack that has it.`,
    },
    what,
  );
}

/** The overlay as a PNG data URL, sized and placed for the frame exactly as the export places it. */
export async function overlayPreview(options: {
  request: ApiParsedRequest<'overlay.preview'>;
  packs: ResolvedPack[];
  rasterize: (request: RasterRequest) => Promise<Buffer>;
}): Promise<ApiResponse<'overlay.preview'>> {
  const { request } = options;
  const pack = request.pack ? options.packs.find((candidate) => candidate.manifest.id === request.pack) : options.packs[0];
  if (!pack) throw notFound(`${request.pack ?? '(pack)'}/${request.template}`);
  const template = pack.manifest.overlays.find((overlay) => overlay.id === request.template);
  if (!template) throw notFound(`${pack.manifest.id}/${request.template}`);
  const packPath = fileForAspect(template.file, request.aspect);
  const svgPath = ownValue(pack.files, packPath);
  const intrinsic = ownValue(pack.graphicSizes, packPath);
  if (!svgPath || !intrinsic) throw notFound(`${pack.manifest.id}/${packPath}`);
  const frameWidth = request.frameWidth ?? (request.aspect === '9:16' ? 1080 : 1920);
  const frame =
    request.aspect === '9:16'
      ? { width: frameWidth, height: Math.round((frameWidth * 16) / 9 / 2) * 2 }
      : { width: frameWidth, height: Math.round((frameWidth * 9) / 16 / 2) * 2 };
  const box = placeGraphic({ placement: template.placement, aspect: request.aspect, frame, intrinsic });
  const fields: Record<string, string> = {};
  for (const field of template.fields) fields[field.name] = ownValue(request.fields, field.name) ?? field.default ?? '';
  const png = await options.rasterize({
    svgPath,
    fields,
    colors: pack.manifest.colors,
    fontFiles: pack.manifest.fonts.map((font) => ownValue(pack.files, font.file)).filter((file): file is string => Boolean(file)),
    width: box.width,
    height: box.height,
  });
  return { dataUrl: `data:image/png;base64,${png.toString('base64')}`, box, frame };
}

export function packHandlers(context: ApiContext): Implementations<'packs.list' | 'overlay.preview'> {
  const { engine, home } = context;
  return {
    'packs.list': async () => {
      const packs = await engine.listPacks({ home });
      return { packs: await Promise.all(packs.map(async (entry): Promise<PackSummary> => summarizePack({ ...entry, preview: await packPreviewDataUrl(entry.pack) }))) };
    },
    'overlay.preview': async (request) => {
      const packs = await engine.listPacks({ home });
      return overlayPreview({ request, packs: packs.map((entry) => entry.pack), rasterize: engine.rasterizeToBuffer });
    },
  };
}
