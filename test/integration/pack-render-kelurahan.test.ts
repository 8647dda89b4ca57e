/**
 * The second sample pack end to end: exported to a .klippack, installed in a
 * library, rendered by the real engine at 9:16 and 16:9. Pixels show its own
 * colours at its own positions: logo top left, name and role bottom right,
 * location strip top right, the orange of its intro card.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeGraphic } from '@core/geometry.js';
import { fileForAspect } from '@core/pack/manifest.js';
import { ProjectSchema, type Project } from '@core/model/project.js';
import type { ResolvedPack } from '@core/pack/resolved.js';
import { exportPack } from '../../electron/engine/pack/archive.js';
import { importPack } from '../../electron/engine/pack/library.js';
import { loadPackFolder } from '../../electron/engine/pack/load.js';
import { renderProject, type RenderOutput } from '../../electron/engine/export/render.js';
import { makeSampleClip } from '../../electron/engine/media/samples.js';
import { makeTempDir, type TempDir } from '../helpers/media.js';
import { colorDistance, frameAt, hexToRgb, packGraphicPoint, pixel, type Rgb } from '../helpers/video.js';
import { KELURAHAN, NO_BUILT_INS } from './pack-fixtures.js';

let temp: TempDir;
let pack: ResolvedPack;
let outputs: RenderOutput[];
const FIELDS = { name: 'Siti Rahmawati', role: 'Lurah Oro-Oro Dowo' };
const PLACE = { location: 'Balai RW 05', date: '14/06/2025' };

function project(): Project {
  return ProjectSchema.parse({
    kind: 'klipkota.project',
    version: 3,
    name: 'Uji Kelurahan',
    fps: 30,
    pack: 'kelurahan-oro-oro-dowo',
    fields: { title: 'Kerja bakti RW 05', date: '14 Juni 2025' },
    timeline: {
      tracks: {
        video: [{ kind: 'clip', id: 'clip-1', media: { path: 'blue.mp4' }, sourceRange: { start: 0, duration: 90 } }],
        overlay: [
          { kind: 'overlay', id: 'nama', template: 'nama-jabatan', fields: FIELDS, start: 0, duration: 90 },
          { kind: 'overlay', id: 'lokasi', template: 'lokasi-tanggal', fields: PLACE, start: 0, duration: 90 },
        ],
        audio: [],
      },
    },
  });
}

function graphicPoint(options: { file: string; width: number; height: number; fields?: Record<string, string>; radius?: number }) {
  const { file, ...rest } = options;
  return packGraphicPoint({ ...rest, packPath: file, pack, dir: temp.dir });
}

const near = (a: Rgb, b: Rgb, tolerance = 24) => colorDistance(a, b) <= tolerance;
const BLUE = '0x2040C0';

beforeAll(async () => {
  temp = await makeTempDir('klipkota-kelurahan-render-');
  const file = temp.file('kelurahan.klippack');
  await exportPack({ dir: KELURAHAN, out: file });
  const installed = await importPack({ builtInDir: NO_BUILT_INS, file, libraryDir: temp.file('home/packs') });
  pack = await loadPackFolder({ dir: installed.dir });
  await makeSampleClip({ path: temp.file('blue.mp4'), seconds: 3, width: 640, height: 360, pattern: 'color', color: BLUE, audio: { frequency: 440 } });
  outputs = await renderProject({
    project: project(),
    projectDir: temp.dir,
    presets: ['tiktok', 'youtube'],
    outDir: temp.file('out'),
    packDir: installed.dir,
    normalizeLoudness: false,
  });
});

afterAll(async () => {
  await temp?.remove();
});

describe('kelurahan-oro-oro-dowo rendered from the installed .klippack', () => {
  for (const [preset, aspect, frame] of [
    ['tiktok', '9:16', { width: 1080, height: 1920 }],
    ['youtube', '16:9', { width: 1920, height: 1080 }],
  ] as const) {
    describe(`${preset} (${aspect})`, () => {
      const output = () => outputs.find((item) => item.preset === preset)!;
      const segment = (kind: string, id?: string) => {
        const found = output().timeline.find((item) => item.kind === kind && (id === undefined || item.id === id));
        expect(found, `${kind} ${id ?? ''}`).toBeDefined();
        return found!;
      };

      it('places the name card bottom right and the location strip top right, as the pack says', async () => {
        const nameTemplate = pack.manifest.overlays.find((overlay) => overlay.id === 'nama-jabatan')!;
        const nameBox = segment('overlay', 'nama').box!;
        const file = fileForAspect(nameTemplate.file, aspect);
        expect(nameBox).toEqual(placeGraphic({ placement: nameTemplate.placement, aspect, frame, intrinsic: pack.graphicSizes[file]! }));
        // right-aligned, as far right as the platforms' safe zones allow
        expect(nameBox.x + nameBox.width).toBeGreaterThan(frame.width * 0.8);
        expect(nameBox.x).toBeGreaterThan(frame.width * (aspect === '16:9' ? 0.5 : 0.09));
        const strip = segment('overlay', 'lokasi').box!;
        expect(strip.y).toBeLessThan(frame.height * 0.25);
        expect(strip.x + strip.width).toBeGreaterThan(frame.width * 0.8);

        const during = await frameAt(output().path, 4.5);
        const namePoint = await graphicPoint({ file, width: nameBox.width, height: nameBox.height, fields: FIELDS });
        const seen = pixel(during, nameBox.x + namePoint.x, nameBox.y + namePoint.y);
        expect(near(seen, namePoint.rgb)).toBe(true);
        const brand = [pack.manifest.colors.primary!, pack.manifest.colors.accent!, pack.manifest.colors.leaf!].map(hexToRgb);
        expect(brand.some((rgb) => near(seen, rgb)), `name card shows a brand colour, saw ${seen}`).toBe(true);
        // the panel's teal, sampled in its top-left corner area
        const teal = pixel(during, nameBox.x + Math.round(nameBox.width * 0.03), nameBox.y + Math.round(nameBox.height * 0.1));
        expect(near(teal, hexToRgb(pack.manifest.colors.primary!)), `teal panel, saw ${teal}`).toBe(true);
        // left of the card (same height) the clip shows through
        const left = pixel(during, Math.max(2, nameBox.x - 40), nameBox.y + Math.round(nameBox.height * 0.1));
        expect(near(left, teal, 40)).toBe(false);

        const stripPoint = await graphicPoint({ file: 'graphics/lokasi-tanggal.svg', width: strip.width, height: strip.height, fields: PLACE, radius: 2 });
        expect(near(pixel(during, strip.x + stripPoint.x, strip.y + stripPoint.y), stripPoint.rgb)).toBe(true);
      });

      it('puts the logo top left over the clip, in the pack colours', async () => {
        const box = segment('logo').box!;
        expect(box.x).toBeLessThan(frame.width * 0.15);
        expect(box.y).toBeLessThan(frame.height * 0.2);
        const point = await graphicPoint({ file: pack.manifest.logo!.file, width: box.width, height: box.height, radius: 2 });
        const seen = pixel(await frameAt(output().path, 4.5), box.x + point.x, box.y + point.y);
        expect(near(seen, point.rgb)).toBe(true);
      });

      it('opens with its own intro card (teal and orange), not the Pemkot Malang blue', async () => {
        const intro = await frameAt(output().path, 1.5);
        const card = await graphicPoint({ file: fileForAspect(pack.manifest.intro!.file, aspect), width: frame.width, height: frame.height, fields: { title: 'Kerja bakti RW 05', date: '14 Juni 2025' } });
        expect(near(pixel(intro, card.x, card.y), card.rgb)).toBe(true);
        // the orange block (16:9: right edge; 9:16: the outer ring of the bottom-left circle)
        const orange = aspect === '16:9' ? pixel(intro, 1700, 900) : pixel(intro, 40, 1520);
        expect(near(orange, hexToRgb(pack.manifest.colors.accent!), 40), `orange, saw ${orange}`).toBe(true);
      });
    });
  }
});
