/**
 * Upgrades an older pack manifest to the current format before the schema
 * checks it, and refuses a manifest written for a newer app. Pure: raw JSON in,
 * raw JSON out.
 *
 * Format 0 was the pre-release draft shape: no `kind`, no `format` (or 0), the
 * brand colours under `brand`, and the overlay templates under `lowerThirds`.
 */
import { badInput } from '../errors.js';
import { PACK_FORMAT } from './manifest.js';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One function per format step: MIGRATIONS[n] turns format n into format n + 1. */
const MIGRATIONS: Record<number, (manifest: Json) => Json> = {
  0: (manifest) => {
    const { brand, lowerThirds, ...rest } = manifest;
    return {
      kind: 'klipkota.pack',
      ...rest,
      format: 1,
      ...(rest.colors === undefined && brand !== undefined ? { colors: brand } : {}),
      ...(rest.overlays === undefined && lowerThirds !== undefined ? { overlays: lowerThirds } : {}),
    };
  },
};

/** The format a raw manifest declares (0 for a draft without one), or undefined when it is not a whole number. */
export function declaredFormat(raw: unknown): number | undefined {
  if (!isObject(raw)) return undefined;
  if (raw.format === undefined) return raw.kind === undefined ? 0 : undefined;
  return typeof raw.format === 'number' && Number.isInteger(raw.format) && raw.format >= 0 ? raw.format : undefined;
}

export function migrateManifest(raw: unknown, file = 'pack.json'): unknown {
  const format = declaredFormat(raw);
  if (format === undefined || !isObject(raw)) return raw; // the schema explains what is wrong
  if (format > PACK_FORMAT) {
    throw badInput(
      'pack-too-new',
      {
        id: `Paket ini dibuat untuk KlipKota yang lebih baru: "${file}" memakai format paket ${format}, sedangkan aplikasi ini hanya membaca sampai format ${PACK_FORMAT}. Perbarui KlipKota ke versi terbaru, lalu impor paket ini lagi.`,
        en: `This pack was made for a newer KlipKota: "${file}" uses pack format ${format}, and this app reads up to format ${PACK_FORMAT}. Update KlipKota to the latest version, then import this pack again.`,
      },
      `format ${format} > ${PACK_FORMAT}`,
    );
  }
  let manifest: Json = raw;
  for (let step = format; step < PACK_FORMAT; step++) {
    const migrate = MIGRATIONS[step];
    if (!migrate) break;
    manifest = migrate(manifest);
  }
  return manifest;
}
