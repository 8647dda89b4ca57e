/**
 * The time ruler in the project's frames (timecode HH:MM:SS:FF and seconds),
 * marker flags, the playhead and the snap guide. Only the ticks on screen are drawn;
 * press on the ruler to move the playhead (drag to scrub).
 */
import type { Project } from '@core/model/project.js';
import { useStore } from '../../store.js';
import { END_CAP_PX, formatFrameTimecode, formatSeconds, frameToX, tickStepFrames, visibleFrames, type Viewport } from './geometry.js';
import { beginGesture, type GestureSurface } from './gestures.js';
import { useTimelineT } from './texts.js';
import { seekTimeline, useOutputPlayhead, useOutputSpans } from './link.js';
import { timelineView } from './viewStore.js';

/**
 * The ruler counts as the exported video does (and the preview's timecode): the
 * first clip starts where the intro card ends, so its labels are offset by the
 * intro's length and fall on round output times.
 */
export function Ruler(props: { project: Project; view: Viewport; surface: GestureSurface; length: number }) {
  const { project, view } = props;
  const offset = useOutputSpans().contentStart;
  const step = tickStepFrames({ zoom: view.zoom, fps: project.fps });
  const range = visibleFrames(view, 0);
  const ticks: number[] = [];
  // timeline frames whose output time is a multiple of the step
  const first = Math.max(Math.ceil(offset / step) * step, Math.floor((range.from + offset) / step) * step) - offset;
  for (let frame = first; frame <= Math.min(range.to, props.length); frame += step) ticks.push(frame);
  const minor = step / 5 >= 1 && (step / 5) * view.zoom >= 8 ? step / 5 : 0;
  return (
    <div
      className="tl-ruler"
      data-testid="timeline-ruler"
      onPointerDown={(event) => {
        if (event.button === 0) beginGesture({ gesture: { kind: 'scrub' }, event, surface: props.surface });
      }}
    >
      {ticks.map((frame) => (
        <div key={frame} className="tl-ruler__tick" style={{ left: frameToX(frame, view) }}>
          <span className="tl-ruler__tc">{formatFrameTimecode(frame + offset, project.fps)}</span>
          <span className="tl-ruler__sec">{formatSeconds(frame + offset, project.fps)}</span>
        </div>
      ))}
      {minor > 0 &&
        ticks.flatMap((frame) =>
          [1, 2, 3, 4].map((n) => <div key={`${frame}-${n}`} className="tl-ruler__minor" style={{ left: frameToX(frame + n * minor, view) }} />),
        )}
    </div>
  );
}

export function MarkerLines(props: { project: Project; view: Viewport }) {
  const t = useTimelineT();
  const range = visibleFrames(props.view);
  return (
    <>
      {props.project.timeline.markers
        .filter((marker) => marker.frame >= range.from && marker.frame <= range.to)
        .map((marker) => (
          <div
            key={marker.id}
            className="tl-marker"
            style={{ left: frameToX(marker.frame, props.view) }}
            data-testid="timeline-marker"
            data-frame={marker.frame}
            title={t('timeline.marker', { note: marker.note })}
          >
            <button
              type="button"
              className="tl-marker__flag"
              aria-label={t('timeline.marker', { note: marker.note })}
              title={t('timeline.marker', { note: marker.note })}
              onClick={() => seekTimeline(marker.frame, Number.MAX_SAFE_INTEGER)}
            />
          </div>
        ))}
    </>
  );
}

/**
 * Subscribes to the playhead alone, so playing does not redraw the tracks. While
 * the preview shows the intro or the outro card, the line runs through that
 * card's block (the cards are not drawn to scale).
 */
export function Playhead(props: { view: Viewport; length: number }) {
  const playhead = useStore(timelineView, (state) => state.playhead);
  const output = useOutputPlayhead();
  const { contentStart, contentEnd, totalFrames } = useOutputSpans();
  let x = frameToX(playhead, props.view);
  if (contentStart > 0 && output < contentStart) x = (output / contentStart) * props.view.lead;
  else if (totalFrames > contentEnd && output >= contentEnd) x = frameToX(props.length, props.view) + 2 + Math.min(1, (output - contentEnd) / (totalFrames - contentEnd)) * (END_CAP_PX - 2);
  return <div className="tl-playhead" data-testid="timeline-playhead" data-frame={playhead} style={{ transform: `translateX(${x}px)` }} />;
}

export function SnapGuide(props: { view: Viewport }) {
  const guide = useStore(timelineView, (state) => state.snapGuide);
  return guide === undefined ? null : <div className="tl-guide" style={{ left: frameToX(guide, props.view) }} />;
}
