/**
 * Choosing a pack's templates by what they hold rather than by id, so commands
 * that are not tied to one pack (render --title) work with every pack.
 */
import type { OverlayTemplate, PackManifest } from './manifest.js';

/** The pack's speaker template: the first overlay with `name` and `role` fields, else the first with `name`. */
export function nameRoleTemplate(manifest: PackManifest): OverlayTemplate | undefined {
  const has = (template: OverlayTemplate, field: string) => template.fields.some((definition) => definition.name === field);
  return manifest.overlays.find((template) => has(template, 'name') && has(template, 'role')) ?? manifest.overlays.find((template) => has(template, 'name'));
}
