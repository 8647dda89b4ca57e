/** The project's properties: pack, cards and logo, the music bed, the loudness the export aims for. */
import { setBranding, setLoudness, setPack, updateMusic } from '../../../../core/model/edits.js';
import { baseName } from '../../format.js';
import { LOUDNESS } from '../../../../core/platforms.js';
import { useLanguage, useT } from '../../i18n.js';
import { packStore } from '../../project/packs.js';
import { dispatch, projectStore, seal } from '../../project/store.js';
import { useStore } from '../../store.js';
import { NumberField } from './NumberField.js';

/** Social media (the standard), a quieter podcast-like level, broadcast (EBU R128). */
const LOUDNESS_CHOICES = [-14, -16, -23] as const;

export function ProjectInspector() {
  const t = useT();
  const language = useLanguage();
  const project = useStore(projectStore, (state) => state.project);
  const packs = useStore(packStore, (state) => state.packs);
  if (!project) return null;
  const music = project.timeline.tracks.audio[0];
  const fps = project.fps;
  return (
    <div className="inspector__body" data-testid="project-inspector">
      <label className="field">
        <span className="field__label">{t('inspector.pack')}</span>
        <select
          value={project.pack}
          onChange={(event) => {
            const pack = packs.find((candidate) => candidate.id === event.target.value);
            if (pack) dispatch((current) => setPack({ project: current, pack: pack.id, templates: pack.overlays.map((overlay) => overlay.id) }));
          }}
          data-testid="project-pack"
        >
          {packs.map((pack) => (
            <option key={pack.id} value={pack.id}>
              {pack.name[language]}
            </option>
          ))}
        </select>
      </label>
      <div className="checks">
        {(['intro', 'outro', 'logo'] as const).map((part) => (
          <label key={part} className="check">
            <input type="checkbox" checked={project[part]} onChange={(event) => dispatch((current) => setBranding({ project: current, [part]: event.target.checked }))} data-testid={`branding-${part}`} />
            {t(`inspector.${part}`)}
          </label>
        ))}
      </div>
      <fieldset className="form">
        <legend>{t('inspector.music')}</legend>
        {music ? (
          <>
            <p className="muted" title={music.media.path} data-testid="music-name">{baseName(music.media.path)}</p>
            <NumberField label={t('inspector.musicVolume')} value={music.volume * 100} step={5} min={0} max={200} unit="%" onChange={(value) => dispatch((current) => updateMusic({ project: current, musicId: music.id, changes: { volume: value / 100 } }), { key: 'music:volume' })} onBlur={seal} testId="music-volume" />
            <div className="field-pair">
              <NumberField label={t('inspector.fadeIn')} value={music.fadeIn / fps} step={0.1} min={0} unit="s" onChange={(value) => dispatch((current) => updateMusic({ project: current, musicId: music.id, changes: { fadeIn: Math.max(0, Math.round(value * fps)) } }), { key: 'music:fadeIn' })} onBlur={seal} testId="music-fade-in" />
              <NumberField label={t('inspector.fadeOut')} value={music.fadeOut / fps} step={0.1} min={0} unit="s" onChange={(value) => dispatch((current) => updateMusic({ project: current, musicId: music.id, changes: { fadeOut: Math.max(0, Math.round(value * fps)) } }), { key: 'music:fadeOut' })} onBlur={seal} testId="music-fade-out" />
            </div>
          </>
        ) : (
          <p className="muted">{t('inspector.noMusic')}</p>
        )}
      </fieldset>
      <label className="field">
        <span className="field__label">{t('inspector.loudnessLabel')}</span>
        <select
          value={String(project.loudnessLufs ?? LOUDNESS.integratedLufs)}
          onChange={(event) => {
            const lufs = Number(event.target.value);
            dispatch((current) => setLoudness({ project: current, lufs: lufs === LOUDNESS.integratedLufs ? undefined : lufs }));
          }}
          data-testid="loudness"
        >
          {LOUDNESS_CHOICES.map((lufs) => (
            <option key={lufs} value={lufs}>
              {t(`inspector.loudness.${lufs}`)}
            </option>
          ))}
        </select>
        <span className="muted">{t('inspector.loudnessPeak', { peak: LOUDNESS.truePeakDb })}</span>
      </label>
    </div>
  );
}
