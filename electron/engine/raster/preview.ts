/**
 * A pack's preview picture: a 16:9 scene with the pack's first overlay (sample
 * field values) and logo at their real placements, and the 9:16 intro card
 * beside it. Drawn with the same rasterizer and geometry as an export.
 *
 * Regenerate the built-in pack's preview.png:
 *   node --import tsx --input-type=module -e "import { writePackPreview } from
 *     './electron/engine/raster/preview.ts'; await writePackPreview('templates/pemkot-malang')"
 */
import { realpath, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { placeGraphic, type Box } from '../../../core/geometry.js';
import { ownValue } from '../../../core/own.js';
import { fieldValuesWithDefaults } from '../../../core/pack/fields.js';
import { fileForAspect, type FieldDefinition } from '../../../core/pack/manifest.js';
import type { ResolvedPack } from '../../../core/pack/resolved.js';
import { readManifest, resolvePackPath, validatePackFiles, manifestFiles } from '../pack/load.js';
import { rasterizeToBuffer, renderSvg } from './rasterize.js';

const SAMPLE_VALUES: Record<string, string> = {
  name: 'Rina Kusumawardani',
  role: 'Admin KIM Kelurahan Kauman',
  title: 'Peresmian Taman Kota di Kecamatan Lowokwaru',
  date: 'Senin, 30 November 2026',
};

function sampleFields(definitions: readonly FieldDefinition[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of definitions) values[field.name] = ownValue(SAMPLE_VALUES, field.name) ?? field.label.id;
  return fieldValuesWithDefaults(definitions, values);
}

async function drawn(options: { pack: ResolvedPack; file: string; fields: Record<string, string>; box: Box }): Promise<string> {
  const { pack, file, box } = options;
  const png = await rasterizeToBuffer({
    svgPath: ownValue(pack.files, file) ?? '',
    fields: options.fields,
    colors: pack.manifest.colors,
    fontFiles: pack.manifest.fonts.map((font) => ownValue(pack.files, font.file) ?? ''),
    width: box.width,
    height: box.height,
  });
  return `<image x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" href="data:image/png;base64,${png.toString('base64')}"/>`;
}

/** The preview PNG of a pack, `width` pixels wide (16:9). */
export async function renderPackPreview(options: { pack: ResolvedPack; width?: number }): Promise<Buffer> {
  const { pack } = options;
  const { manifest } = pack;
  const frame = { width: 1920, height: 1080 };
  const layers: string[] = [];
  const overlay = manifest.overlays[0];
  // the 9:16 card goes on the side the lower third leaves free
  let cardX = 1310;
  if (overlay) {
    const file = fileForAspect(overlay.file, '16:9');
    const intrinsic = ownValue(pack.graphicSizes, file) ?? frame;
    const box = placeGraphic({ placement: overlay.placement, aspect: '16:9', frame, intrinsic });
    layers.push(await drawn({ pack, file, fields: sampleFields(overlay.fields), box }));
    if (box.x + box.width / 2 > frame.width / 2) cardX = 520;
  }
  if (manifest.logo) {
    const file = manifest.logo.file;
    const box = placeGraphic({ placement: manifest.logo.placement, aspect: '16:9', frame, intrinsic: ownValue(pack.graphicSizes, file) ?? frame });
    layers.push(`<g opacity="${manifest.logo.opacity}">${await drawn({ pack, file, fields: {}, box })}</g>`);
  }
  if (manifest.intro?.type === 'svg') {
    const box = { x: cardX, y: 150, width: 432, height: 768 };
    const card = await drawn({ pack, file: fileForAspect(manifest.intro.file, '9:16'), fields: sampleFields(manifest.intro.fields), box });
    layers.push(`<rect x="${box.x - 6}" y="${box.y - 6}" width="${box.width + 12}" height="${box.height + 12}" rx="18" fill="#000" opacity="0.35"/>`, card);
  }
  // a calm stand-in for a video frame: sky, hills, a street
  const scene = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1920 1080">
  <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#8FB8D8"/><stop offset="1" stop-color="#DCE7EE"/></linearGradient></defs>
  <rect width="1920" height="1080" fill="url(#sky)"/>
  <path d="M0 700 Q 400 560 800 680 T 1920 640 V 1080 H 0 Z" fill="#7FA27A"/>
  <path d="M0 820 Q 600 720 1200 800 T 1920 780 V 1080 H 0 Z" fill="#5E8A5E"/>
  <path d="M700 1080 L 930 760 L 990 760 L 1260 1080 Z" fill="#6E6A66"/>
  ${layers.join('\n  ')}
</svg>`;
  const width = options.width ?? 960;
  return renderSvg({ svg: scene, width, height: Math.round((width * 9) / 16), fontFiles: [] });
}

/** Load a pack folder even before its preview.png exists (the preview is what we are making). */
async function packForPreview(dir: string): Promise<ResolvedPack> {
  const root = path.resolve(dir);
  const manifest = await readManifest(root);
  const withoutPreview = { ...manifest, preview: undefined };
  const files: Record<string, string> = {};
  for (const use of manifestFiles(withoutPreview)) {
    files[use.path] = await resolvePackPath({ root, realRoot: await realpath(root), packPath: use.path });
  }
  const graphicSizes = await validatePackFiles({ manifest: withoutPreview, files });
  return { manifest, root, files, graphicSizes, bumperMedia: {}, trust: 'unsigned' };
}

/** Draw a pack folder's preview.png (the file pack.json names); returns its path. */
export async function writePackPreview(dir: string): Promise<string> {
  const pack = await packForPreview(dir);
  const out = path.join(pack.root, pack.manifest.preview ?? 'preview.png');
  await writeFile(out, await renderPackPreview({ pack }));
  return out;
}
