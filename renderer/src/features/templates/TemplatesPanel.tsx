/**
 * The templates panel: the packs (preview image, trust state), the intro card's
 * fields, the lower thirds of the project and the form that adds one at the
 * playhead, built from the pack's field definitions.
 */
import { setPack, setProjectFields } from '../../../../core/model/edits.js';
import { FieldInput } from '../../components/FieldInput.js';
import { useLanguage, useT } from '../../i18n.js';
import { packOf, packStore } from '../../project/packs.js';
import { dispatch, projectStore, seal } from '../../project/store.js';
import { select, viewStore } from '../../project/view.js';
import { useStore } from '../../store.js';
import { AddLowerThird } from './AddLowerThird.js';

function PackList() {
  const t = useT();
  const language = useLanguage();
  const packs = useStore(packStore, (state) => state.packs);
  const current = useStore(projectStore, (state) => state.project?.pack);
  return (
    <div className="packs" role="radiogroup" aria-label={t('templates.packs')} data-testid="pack-list">
      {packs.map((pack) => (
        <button
          key={pack.id}
          type="button"
          role="radio"
          aria-checked={pack.id === current}
          className={`pack${pack.id === current ? ' pack--on' : ''}`}
          onClick={() => dispatch((project) => setPack({ project, pack: pack.id, templates: pack.overlays.map((overlay) => overlay.id) }))}
          data-testid={`pack-${pack.id}`}
        >
          {pack.preview ? <img className="pack__image" src={pack.preview} alt="" /> : <span className="pack__image pack__image--none" />}
          <span className="pack__text">
            <span className="pack__name">{pack.name[language]}</span>
            <span className={`tag tag--trust-${pack.trust}`} data-testid="pack-trust">{t(`trust.${pack.trust}`)}</span>
            {pack.copyReason && <span className="muted pack__reason">{pack.copyReason[language]}</span>}
          </span>
        </button>
      ))}
    </div>
  );
}

function IntroFields() {
  const t = useT();
  const language = useLanguage();
  const project = useStore(projectStore, (state) => state.project);
  const pack = useStore(packStore, (state) => packOf(state.packs, project));
  const intro = pack?.layout.manifest.intro;
  if (!project || !intro || intro.type !== 'svg' || !project.intro) return null;
  return (
    <fieldset className="form" data-testid="intro-fields">
      <legend>{t('templates.intro')}</legend>
      {intro.fields.map((field) => (
        <FieldInput
          key={field.name}
          id={`intro-field-${field.name}`}
          label={field.label[language]}
          value={project.fields[field.name] ?? ''}
          maxLength={field.maxLength}
          required={field.required || field.name === 'title'}
          placeholder={field.name === 'date' ? t('templates.dateToday') : undefined}
          onChange={(value) => dispatch((current) => setProjectFields({ project: current, fields: { [field.name]: value } }), { key: `field:project:${field.name}`, boundary: value.endsWith(' ') })}
          onBlur={seal}
          testId={`intro-${field.name}`}
        />
      ))}
    </fieldset>
  );
}

function LowerThirdList() {
  const t = useT();
  const overlays = useStore(projectStore, (state) => state.project?.timeline.tracks.overlay);
  const fps = useStore(projectStore, (state) => state.project?.fps ?? 30);
  const selection = useStore(viewStore, (state) => state.selection);
  if (!overlays?.length) return null;
  return (
    <ul className="overlays" aria-label={t('templates.lowerThirds')} data-testid="overlay-list">
      {overlays.map((overlay) => (
        <li key={overlay.id}>
          <button
            type="button"
            className={`overlay-row${selection.kind === 'overlay' && selection.id === overlay.id ? ' overlay-row--on' : ''}`}
            onClick={() => select({ kind: 'overlay', id: overlay.id })}
            data-testid="overlay-row"
          >
            <span className="overlay-row__name">{Object.values(overlay.fields).find((value) => value.trim()) ?? overlay.template}</span>
            <span className="muted">
              {(overlay.start / fps).toFixed(1)}–{((overlay.start + overlay.duration) / fps).toFixed(1)} s
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

export function TemplatesPanel() {
  const t = useT();
  const hasProject = useStore(projectStore, (state) => Boolean(state.project));
  return (
    <section className="panel panel--templates" aria-labelledby="templates-title" data-testid="templates-panel">
      <h2 id="templates-title" className="panel__title">{t('templates.title')}</h2>
      <PackList />
      {hasProject && (
        <>
          <IntroFields />
          <AddLowerThird />
          <LowerThirdList />
        </>
      )}
    </section>
  );
}
