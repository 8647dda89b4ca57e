/** The timeline's toolbar: play, where the playhead is, zoom slider and fit, selection, the marker note and the shortcuts sheet. */
import { useState } from 'react';
import { useStore } from '../../store.js';
import { saveMarker, zoomToFit } from './actions.js';
import { clampZoom, END_CAP_PX, formatFrameTimecode, formatSeconds, MAX_PIXELS_PER_FRAME, MIN_PIXELS_PER_FRAME } from './geometry.js';
import { useTimelineT } from './texts.js';
import { useOutputPlayhead, usePlaying } from './link.js';
import { togglePlay } from './transport.js';
import { timelineView, zoomAround } from './viewStore.js';

const LOG_MIN = Math.log(MIN_PIXELS_PER_FRAME);
const LOG_MAX = Math.log(MAX_PIXELS_PER_FRAME);

/** The preview's clock (the exported video's time, the intro card included), so the two never disagree. */
function PlayheadReadout(props: { fps: number }) {
  const playhead = useOutputPlayhead();
  return (
    <span className="tl-toolbar__time" data-testid="timeline-timecode" aria-label={useTimelineT()('timeline.playhead')}>
      <strong>{formatFrameTimecode(playhead, props.fps)}</strong> <span>{formatSeconds(playhead, props.fps)}</span>
    </span>
  );
}

function MarkerNote() {
  const t = useTimelineT();
  const [note, setNote] = useState('');
  const editing = useStore(timelineView, (state) => state.editingMarker);
  if (!editing) return null;
  const finish = (save: boolean) => {
    if (save) saveMarker(note);
    else timelineView.set({ editingMarker: undefined });
    setNote('');
  };
  return (
    <form
      className="tl-toolbar__marker"
      onSubmit={(event) => {
        event.preventDefault();
        finish(true);
      }}
    >
      <input
        autoFocus
        aria-label={t('timeline.markerNote')}
        data-testid="marker-note"
        maxLength={500}
        value={note}
        placeholder={t('timeline.markerNote')}
        onChange={(event) => setNote(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') finish(false);
        }}
      />
      <button type="submit">{t('timeline.markerSave')}</button>
      <button type="button" onClick={() => finish(false)}>
        {t('timeline.markerCancel')}
      </button>
    </form>
  );
}

export function TimelineToolbar(props: { length: number; fps: number; clipCount: number }) {
  const t = useTimelineT();
  const zoom = useStore(timelineView, (state) => state.zoom);
  const speed = useStore(timelineView, (state) => state.speed);
  const playing = usePlaying() || speed !== 0;
  const selected = useStore(timelineView, (state) => state.selection.ids.length);
  const collapsed = useStore(timelineView, (state) => state.collapsed);
  return (
    <div className="tl-toolbar">
      <button type="button" className="tl-toolbar__play" onClick={togglePlay} aria-label={playing ? t('timeline.pause') : t('timeline.play')} data-testid="timeline-play">
        {playing ? '❚❚' : '▶'}
      </button>
      <PlayheadReadout fps={props.fps} />
      {speed !== 0 && speed !== 1 && <span className="tl-toolbar__speed">{speed}x</span>}
      <span className="tl-toolbar__info">
        {t('timeline.clips', { count: props.clipCount })}
        {selected > 0 && ` · ${t('timeline.selected', { count: selected })}`}
      </span>
      <MarkerNote />
      <span className="tl-toolbar__spacer" />
      <span className="tl-toolbar__hint">{t('timeline.snapOn')}</span>
      <input
        type="range"
        className="tl-toolbar__zoom"
        aria-label={t('timeline.zoom')}
        data-testid="timeline-zoom"
        min={0}
        max={1000}
        value={Math.round(((Math.log(zoom) - LOG_MIN) / (LOG_MAX - LOG_MIN)) * 1000)}
        onChange={(event) => {
          const next = clampZoom(Math.exp(LOG_MIN + (Number(event.target.value) / 1000) * (LOG_MAX - LOG_MIN)));
          zoomAround({ zoom: next, anchorX: timelineView.get().width / 2, lead: END_CAP_PX });
        }}
      />
      <button type="button" onClick={zoomToFit} aria-label={t('timeline.fitLabel')} data-testid="timeline-fit">
        {t('timeline.fit')}
      </button>
      <button
        type="button"
        onClick={() => timelineView.set({ collapsed: !collapsed })}
        aria-expanded={!collapsed}
        aria-label={collapsed ? t('timeline.expand') : t('timeline.collapse')}
        title={collapsed ? t('timeline.expand') : t('timeline.collapse')}
        data-testid="timeline-collapse"
      >
        {collapsed ? '▴' : '▾'}
      </button>
      <button type="button" onClick={() => timelineView.set({ shortcutsOpen: true })} aria-label={t('timeline.shortcuts')} data-testid="shortcuts-open">
        ?
      </button>
    </div>
  );
}
