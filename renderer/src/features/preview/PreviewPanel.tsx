/** The centre of the window: the stage, the aspect switch, the safe-zone guide and the transport (play, timecode). */
import { useEffect, useState } from 'react';
import { formatTimecode, parseTimecode } from '@core/timecode.js';
import { useT } from '../../i18n.js';
import { guidesFor } from '../../project/presets.js';
import { projectStore } from '../../project/store.js';
import { seek, setAspect, setGuide, togglePlaying, viewStore, type Aspect, type Guide } from '../../project/view.js';
import { useStore } from '../../store.js';
import { currentLayout } from '../../project/layout.js';
import { mediaStore } from '../../project/media.js';
import { packStore } from '../../project/packs.js';
import { Stage } from './Stage.js';

function Timecode() {
  const t = useT();
  const fps = useStore(projectStore, (state) => state.project?.fps ?? 30);
  const playhead = useStore(viewStore, (state) => state.playhead);
  const shown = formatTimecode(playhead, fps);
  const [text, setText] = useState(shown);
  const [editing, setEditing] = useState(false);
  const [invalid, setInvalid] = useState(false);
  useEffect(() => {
    if (!editing) setText(shown);
  }, [shown, editing]);
  const jump = () => {
    const frame = parseTimecode(text, fps);
    setInvalid(frame === undefined);
    if (frame === undefined) return;
    seek(frame);
    // what was typed ("4,5") shows as the timecode it went to
    setText(formatTimecode(viewStore.get().playhead, fps));
  };
  return (
    <input
      className={`timecode${invalid ? ' timecode--invalid' : ''}`}
      data-testid="timecode"
      aria-label={t('preview.timecode')}
      aria-invalid={invalid}
      title={t('preview.timecodeHint')}
      value={text}
      spellCheck={false}
      onFocus={() => setEditing(true)}
      onChange={(event) => setText(event.target.value)}
      onBlur={() => {
        setEditing(false);
        setInvalid(false);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter') jump();
        if (event.key === 'Escape') event.currentTarget.blur();
        event.stopPropagation();
      }}
    />
  );
}

const GUIDE_LABELS: Record<Guide, string> = { none: '', tiktok: 'TikTok', reels: 'Reels', shorts: 'Shorts', youtube: 'YouTube' };

export function PreviewPanel() {
  const t = useT();
  const aspect = useStore(viewStore, (state) => state.aspect);
  const guide = useStore(viewStore, (state) => state.guide);
  const playing = useStore(viewStore, (state) => state.playing);
  const hasProject = useStore(projectStore, (state) => Boolean(state.project));
  // the length follows the project, the pack and what is known of the media
  useStore(projectStore, (state) => state.project);
  useStore(packStore, (state) => state.packs);
  useStore(mediaStore, (state) => state.byPath);
  const total = currentLayout()?.totalFrames ?? 0;
  const fps = useStore(projectStore, (state) => state.project?.fps ?? 30);
  return (
    <section className="panel panel--preview" aria-labelledby="preview-title" data-testid="preview-panel">
      <div className="panel__head">
        <h2 id="preview-title" className="panel__title">{t('preview.title')}</h2>
        <div className="segmented" role="radiogroup" aria-label={t('preview.aspect')}>
          {(['9:16', '16:9'] as Aspect[]).map((value) => (
            <button key={value} type="button" role="radio" aria-checked={aspect === value} className={`segmented__item${aspect === value ? ' segmented__item--on' : ''}`} onClick={() => setAspect(value)} data-testid={`aspect-${value.replace(':', 'x')}`}>
              {value}
            </button>
          ))}
        </div>
        <label className="guide">
          <span>{t('preview.guide')}</span>
          <select value={guide} onChange={(event) => setGuide(event.target.value as Guide)} data-testid="guide">
            {guidesFor(aspect).map((value) => (
              <option key={value} value={value}>
                {value === 'none' ? t('preview.guideNone') : GUIDE_LABELS[value]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {hasProject ? <Stage /> : <p className="muted stage__empty">{t('preview.empty')}</p>}
      <div className="transport">
        <button type="button" className="button button--secondary button--small" onClick={togglePlaying} aria-label={playing ? t('preview.pause') : t('preview.play')} data-testid="play" disabled={!hasProject}>
          {playing ? '❚❚' : '▶'}
        </button>
        <Timecode />
        <span className="muted transport__total">/ {formatTimecode(Math.max(0, total - 1), fps)}</span>
      </div>
    </section>
  );
}
