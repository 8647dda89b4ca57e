/** "Add lower third" at the playhead: the form comes from the pack's field definitions. */
import { useState } from 'react';
import { addOverlay } from '@core/model/edits.js';
import { FieldInput } from '../../components/FieldInput.js';
import { useLanguage, useT } from '../../i18n.js';
import { timelineFrameAtPlayhead, useOutputSpans } from '../../project/layout.js';
import { packOf, packStore } from '../../project/packs.js';
import { dispatch, projectStore } from '../../project/store.js';
import { seek, select } from '../../project/view.js';
import { useStore } from '../../store.js';

export function AddLowerThird() {
  const t = useT();
  const language = useLanguage();
  const project = useStore(projectStore, (state) => state.project);
  const pack = useStore(packStore, (state) => packOf(state.packs, project));
  const [templateId, setTemplateId] = useState<string | undefined>(undefined);
  const [values, setValues] = useState<Record<string, string>>({});
  const [tried, setTried] = useState(false);
  const { contentStart } = useOutputSpans();
  const template = pack?.overlays.find((overlay) => overlay.id === templateId) ?? pack?.overlays[0];
  if (!project || !pack || !template) return null;
  const missing = template.fields.filter((field) => field.required && !(values[field.name] ?? '').trim());
  const hasClips = project.timeline.tracks.video.length > 0;
  const add = () => {
    setTried(true);
    if (missing.length > 0 || !hasClips) return;
    const fields: Record<string, string> = {};
    for (const field of template.fields) if ((values[field.name] ?? '').trim()) fields[field.name] = (values[field.name] ?? '').trim();
    const before = new Set(project.timeline.tracks.overlay.map((overlay) => overlay.id));
    const start = timelineFrameAtPlayhead();
    const added = dispatch((current) => addOverlay({ project: current, overlay: { template: template.id, fields, start, duration: Math.max(1, Math.round(template.defaultSeconds * current.fps)) } }));
    if (!added) return;
    const created = projectStore.get().project?.timeline.tracks.overlay.find((overlay) => !before.has(overlay.id));
    if (created) {
      select({ kind: 'overlay', id: created.id });
      // show it: at its first frame it has not yet faded or slid in, so the preview goes to where it is whole
      const animation = pack.layout.manifest.overlays.find((overlay) => overlay.id === template.id)?.animation;
      const entrance = animation && animation.in !== 'none' ? Math.round(animation.seconds * project.fps) : 0;
      seek(contentStart + created.start + Math.min(entrance, Math.max(0, created.duration - 1)));
    }
    setValues({});
    setTried(false);
  };
  return (
    <form
      className="form"
      aria-label={t('templates.addForm')}
      noValidate
      data-testid="lower-third-form"
      onSubmit={(event) => {
        event.preventDefault();
        add();
      }}
    >
      <p className="form__title">{t('templates.addTitle')}</p>
      {pack.overlays.length > 1 && (
        <label className="field">
          <span className="field__label">{t('templates.style')}</span>
          <select value={template.id} onChange={(event) => setTemplateId(event.target.value)} data-testid="lower-third-template">
            {pack.overlays.map((overlay) => (
              <option key={overlay.id} value={overlay.id}>
                {overlay.label[language]}
              </option>
            ))}
          </select>
        </label>
      )}
      {template.fields.map((field) => (
        <FieldInput
          key={`${template.id}-${field.name}`}
          label={field.label[language]}
          value={values[field.name] ?? ''}
          maxLength={field.maxLength}
          required={field.required}
          invalid={tried}
          onChange={(value) => setValues((current) => ({ ...current, [field.name]: value }))}
          testId={`lower-third-${field.name}`}
        />
      ))}
      {tried && missing.length > 0 && (
        <p className="hint hint--error" role="alert">
          {t('templates.fillRequired', { fields: missing.map((field) => field.label[language]).join(', ') })}
        </p>
      )}
      {!hasClips && <p className="hint">{t('templates.needClips')}</p>}
      <button type="submit" className="button button--primary" disabled={!hasClips} data-testid="lower-third-add">
        {t('templates.add')}
      </button>
    </form>
  );
}
