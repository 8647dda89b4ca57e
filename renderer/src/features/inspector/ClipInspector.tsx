/** A clip's properties: name, in and out points, volume and mute, how it fills the other aspect. */
import { renameClip, setMuted, setReframe, setVolume, trimClip } from '../../../../core/model/edits.js';
import type { Clip } from '../../../../core/model/project.js';
import { useT } from '../../i18n.js';
import { mediaStore } from '../../project/media.js';
import { packOf, packStore } from '../../project/packs.js';
import { dispatch, projectStore, seal } from '../../project/store.js';
import { useStore } from '../../store.js';
import { NumberField } from './NumberField.js';

function ReframeFields({ clip }: { clip: Clip }) {
  const t = useT();
  const project = useStore(projectStore, (state) => state.project);
  const colors = useStore(packStore, (state) => packOf(state.packs, project)?.colors ?? {});
  const reframe = clip.reframe;
  const set = (value: Parameters<typeof setReframe>[0]['reframe'], key?: string) =>
    dispatch((current) => setReframe({ project: current, clipId: clip.id, reframe: value }), key ? { key } : {});
  return (
    <fieldset className="form">
      <legend>{t('inspector.reframe')}</legend>
      <div className="segmented" role="radiogroup" aria-label={t('inspector.reframe')}>
        {(['blur', 'crop', 'pad'] as const).map((mode) => (
          <button
            key={mode}
            type="button"
            role="radio"
            aria-checked={reframe.mode === mode}
            className={`segmented__item${reframe.mode === mode ? ' segmented__item--on' : ''}`}
            onClick={() => set(mode === 'crop' ? { mode, focusX: 0.5, focusY: 0.5 } : mode === 'pad' ? { mode, color: 'primary' } : { mode })}
            data-testid={`reframe-${mode}`}
          >
            {t(`inspector.reframe.${mode}`)}
          </button>
        ))}
      </div>
      {reframe.mode === 'crop' && (
        <>
          <p className="hint">{t('inspector.focusHint')}</p>
          <div className="field-pair">
            <NumberField label={t('inspector.focusX')} value={reframe.focusX * 100} step={1} min={0} max={100} unit="%" onChange={(value) => set({ ...reframe, focusX: Math.min(1, Math.max(0, value / 100)) }, `focus:${clip.id}`)} onBlur={seal} testId="focus-x" />
            <NumberField label={t('inspector.focusY')} value={reframe.focusY * 100} step={1} min={0} max={100} unit="%" onChange={(value) => set({ ...reframe, focusY: Math.min(1, Math.max(0, value / 100)) }, `focus:${clip.id}`)} onBlur={seal} testId="focus-y" />
          </div>
        </>
      )}
      {reframe.mode === 'pad' && (
        <label className="field">
          <span className="field__label">{t('inspector.padColor')}</span>
          <select value={reframe.color} onChange={(event) => set({ mode: 'pad', color: event.target.value })} data-testid="pad-color">
            {Object.entries(colors).map(([name, hex]) => (
              <option key={name} value={name}>
                {name} ({hex})
              </option>
            ))}
          </select>
        </label>
      )}
    </fieldset>
  );
}

export function ClipInspector({ clip }: { clip: Clip }) {
  const t = useT();
  const fps = useStore(projectStore, (state) => state.project?.fps ?? 30);
  const info = useStore(mediaStore, (state) => state.byPath[clip.media.path]?.info);
  const length = info ? Math.floor(Math.min(info.durationSeconds, info.video?.durationSeconds ?? Infinity) * fps + 1e-6) : undefined;
  const trim = (change: { start?: number; end?: number }, key: string) =>
    dispatch((project) => trimClip({ project, clipId: clip.id, ...change, ...(length !== undefined && !info?.video?.still ? { sourceDurationFrames: length } : {}) }), { key });
  const inPoint = clip.sourceRange.start / fps;
  const outPoint = (clip.sourceRange.start + clip.sourceRange.duration) / fps;
  return (
    <div className="inspector__body" data-testid="clip-inspector">
      <label className="field">
        <span className="field__label">{t('inspector.clipName')}</span>
        <input value={clip.name ?? ''} maxLength={200} onChange={(event) => dispatch((project) => renameClip({ project, clipId: clip.id, name: event.target.value }), { key: `name:${clip.id}` })} onBlur={seal} data-testid="clip-name" />
      </label>
      <div className="field-pair">
        <NumberField label={t('inspector.in')} value={inPoint} step={1 / fps} min={0} unit="s" onChange={(value) => trim({ start: Math.round(value * fps) }, `in:${clip.id}`)} onBlur={seal} testId="clip-in" />
        <NumberField label={t('inspector.out')} value={outPoint} step={1 / fps} min={0} unit="s" onChange={(value) => trim({ end: Math.round(value * fps) }, `out:${clip.id}`)} onBlur={seal} testId="clip-out" />
      </div>
      <div className="field-pair">
        <NumberField label={t('inspector.volume')} value={clip.volume * 100} step={5} min={0} max={400} unit="%" onChange={(value) => dispatch((project) => setVolume({ project, clipId: clip.id, volume: value / 100 }), { key: `volume:${clip.id}` })} onBlur={seal} testId="clip-volume" />
        <label className="check">
          <input type="checkbox" checked={clip.muted} onChange={(event) => dispatch((project) => setMuted({ project, clipId: clip.id, muted: event.target.checked }))} data-testid="clip-mute" />
          {t('inspector.mute')}
        </label>
      </div>
      <ReframeFields clip={clip} />
    </div>
  );
}
