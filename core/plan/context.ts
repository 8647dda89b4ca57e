/**
 * Helpers the compiler's parts share: the graph being built, and access to the
 * pack's files and colours.
 */
import { badInput } from '../errors.js';
import type { ResolvedPack } from '../pack/resolved.js';
import type { FieldDefinition } from '../pack/manifest.js';
import { checkFieldValues, fieldValuesWithDefaults } from '../pack/fields.js';
import { ownValue } from '../own.js';
import type { PlanInput } from './types.js';

/** Collects inputs and graph statements for one FFmpeg process. */
export class GraphContext {
  readonly inputs: PlanInput[] = [];
  readonly statements: string[] = [];
  addInput(input: PlanInput): number {
    this.inputs.push(input);
    return this.inputs.length - 1;
  }
  add(statement: string): void {
    this.statements.push(statement);
  }
  graph(): string {
    return this.statements.join(';\n');
  }
}

export function resolveColor(pack: ResolvedPack, value: string): string {
  if (/^#[0-9a-fA-F]{6}$/.test(value)) return value;
  const color = ownValue(pack.manifest.colors, value);
  if (!color) {
    throw badInput('color-unknown', {
      id: `Warna "${value}" tidak ada di paket ${pack.manifest.id}. Pakai #RRGGBB atau salah satu: ${Object.keys(pack.manifest.colors).join(', ')}.`,
      en: `Colour "${value}" is not in pack ${pack.manifest.id}. Use #RRGGBB or one of: ${Object.keys(pack.manifest.colors).join(', ')}.`,
    });
  }
  return color;
}

export function packFile(pack: ResolvedPack, packPath: string): string {
  const file = ownValue(pack.files, packPath);
  if (!file) {
    throw badInput('pack-missing-file', {
      id: `Paket ${pack.manifest.id} tidak memuat berkas ${packPath}. Pasang ulang paketnya.`,
      en: `Pack ${pack.manifest.id} does not contain ${packPath}. Reinstall the pack.`,
    });
  }
  return file;
}

export function fontFiles(pack: ResolvedPack): string[] {
  return pack.manifest.fonts.map((font) => packFile(pack, font.file));
}


/**
 * Field values for a pack graphic, exactly as the editor's preview fills them:
 * defaults for blank values, then the same required / length checks.
 */
export function resolveFields(options: { definitions: readonly FieldDefinition[]; values: Record<string, string>; owner: { id: string; en: string } }): Record<string, string> {
  const values = fieldValuesWithDefaults(options.definitions, options.values);
  const [problem] = checkFieldValues(options.definitions, values);
  if (problem) {
    throw badInput(`field-${problem.problem}`, {
      id: `${options.owner.id}: ${problem.message.id}`,
      en: `${options.owner.en}: ${problem.message.en}`,
    });
  }
  const result: Record<string, string> = {};
  for (const definition of options.definitions) result[definition.name] = (ownValue(values, definition.name) ?? '').trim();
  return result;
}

/** A pack that names a file the engine did not read: the pack must be reinstalled. */
export function packBroken(pack: ResolvedPack, packPath: string): Error {
  return badInput('pack-broken', {
    id: `Paket ${pack.manifest.id} tidak lengkap (${packPath} tidak terbaca). Pasang ulang paketnya.`,
    en: `Pack ${pack.manifest.id} is incomplete (${packPath} could not be read). Reinstall the pack.`,
  });
}
