/** A lower third's properties: its fields, style (template), start and length; remove. */
import { removeOverlay, updateOverlay } from '@core/model/edits.js';
import type { OverlayItem } from '@core/model/project.js';
import { FieldInput } from '../../components/FieldInput.js';
import { useLanguage, useT } from '../../i18n.js';
import { useOutputSpans } from '../../project/layout.js';
import { packOf, packStore } from '../../project/packs.js';
import { dispatch, projectStore, seal } from '../../project/store.js';
import { select } from '../../project/view.js';
import { useStore } from '../../store.js';
import { NumberField } from './NumberField.js';

export function OverlayInspector({ overlay }: { overlay: OverlayItem }) {
  const t = useT();
  const language = useLanguage();
  const project = useStore(projectStore, (state) => state.project);
  const pack = useStore(packStore, (state) => packOf(state.packs, project));
  const fps = project?.fps ?? 30;
  // "start" counts as the preview and the ruler do: in the exported video, after the intro card
  const offset = useOutputSpans().contentStart;
  const template = pack?.overlays.find((candidate) => candidate.id === overlay.template);
  const change = (changes: Parameters<typeof updateOverlay>[0]['changes'], key?: string, boundary?: boolean) =>
    dispatch((current) => updateOverlay({ project: current, overlayId: overlay.id, changes }), key ? { key, ...(boundary ? { boundary } : {}) } : {});
  return (
    <div className="inspector__body" data-testid="overlay-inspector">
      {pack && pack.overlays.length > 1 && (
        <label className="field">
          <span className="field__label">{t('templates.style')}</span>
          <select value={overlay.template} onChange={(event) => change({ template: event.target.value })} data-testid="overlay-template">
            {pack.overlays.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.label[language]}
              </option>
            ))}
          </select>
        </label>
      )}
      {template?.fields.map((field) => (
        <FieldInput
          key={field.name}
          label={field.label[language]}
          value={overlay.fields[field.name] ?? ''}
          maxLength={field.maxLength}
          required={field.required}
          invalid
          onChange={(value) => change({ fields: { ...overlay.fields, [field.name]: value } }, `field:${overlay.id}:${field.name}`, value.endsWith(' '))}
          onBlur={seal}
          testId={`overlay-${field.name}`}
        />
      ))}
      <div className="field-pair">
        <NumberField label={t('inspector.start')} value={(overlay.start + offset) / fps} step={1 / fps} min={offset / fps} unit="s" onChange={(value) => change({ start: Math.max(0, Math.round(value * fps) - offset) }, `start:${overlay.id}`)} onBlur={seal} testId="overlay-start" />
        <NumberField label={t('inspector.length')} value={overlay.duration / fps} step={1 / fps} min={0.1} unit="s" onChange={(value) => change({ duration: Math.max(1, Math.round(value * fps)) }, `length:${overlay.id}`)} onBlur={seal} testId="overlay-length" />
      </div>
      <button
        type="button"
        className="button button--danger button--small"
        onClick={() => {
          if (dispatch((current) => removeOverlay({ project: current, overlayId: overlay.id }))) select({ kind: 'project' });
        }}
        data-testid="overlay-remove"
      >
        {t('inspector.removeOverlay')}
      </button>
    </div>
  );
}
