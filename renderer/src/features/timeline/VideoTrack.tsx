/**
 * The video track: clip blocks with a strip of thumbnails and trim handles,
 * gaps, and the intro and outro as fixed ends. Only the blocks (and the
 * thumbnails) on screen are drawn.
 */
import { memo, useMemo } from 'react';
import type { Clip, Project } from '@core/model/project.js';
import { baseName } from '../../format.js';
import { useStore } from '../../store.js';
import { END_CAP_PX, frameToX, placeItems, visibleFrames, visibleItems, type Viewport } from './geometry.js';
import { beginGesture, type GestureSurface } from './gestures.js';
import { gridSeconds, useThumbnail } from './strips.js';
import { useTimelineT } from './texts.js';
import { TINY_CLIP_PX, TinyClips } from './TinyClips.js';
import { selectItem, timelineView } from './viewStore.js';

/** a thumbnail slot is 16:9 at the track's picture height */
const THUMB_WIDTH = 96;

function Thumb(props: { path: string; atSeconds: number; left: number; enabled: boolean }) {
  const url = useThumbnail(props.path, props.atSeconds, props.enabled);
  return url ? (
    <img className="tl-clip__thumb" src={url} alt="" style={{ left: props.left }} draggable={false} />
  ) : (
    <span className="tl-clip__thumb tl-clip__thumb--empty" style={{ left: props.left }} />
  );
}

interface ClipBlockProps {
  clip: Clip;
  start: number;
  end: number;
  fps: number;
  view: Viewport;
  selected: boolean;
  surface: GestureSurface;
}

function thumbSlots(props: ClipBlockProps, left: number, width: number): Array<{ left: number; atSeconds: number }> {
  const { view, clip } = props;
  const first = Math.max(0, Math.floor((view.scrollX - 100 - left) / THUMB_WIDTH));
  const last = Math.min(Math.ceil(width / THUMB_WIDTH) - 1, Math.floor((view.scrollX + view.width + 100 - left) / THUMB_WIDTH));
  const slots: Array<{ left: number; atSeconds: number }> = [];
  for (let slot = first; slot <= last; slot += 1) {
    const sourceFrame = clip.sourceRange.start + (slot * THUMB_WIDTH) / view.zoom;
    slots.push({ left: slot * THUMB_WIDTH, atSeconds: gridSeconds(sourceFrame / props.fps) });
  }
  return slots;
}

const ClipBlock = memo(function ClipBlock(props: ClipBlockProps) {
  const t = useTimelineT();
  const { clip, view, surface } = props;
  // the engine checks the file itself; only a file known to be missing is not asked for
  const known = !clip.media.missing;
  const left = frameToX(props.start, view);
  const width = Math.max(2, (props.end - props.start) * view.zoom);
  const name = clip.name ?? baseName(clip.media.path);
  const seconds = `${((props.end - props.start) / props.fps).toFixed(1)} s`;
  const onPointerDown = (event: React.PointerEvent) => {
    if (event.button !== 0) return;
    const additive = event.shiftKey || event.ctrlKey || event.metaKey;
    const { selection } = timelineView.get();
    const keep = !additive && selection.kind === 'video' && selection.ids.includes(clip.id);
    if (!keep) selectItem({ kind: 'video', id: clip.id, additive });
    const ids = timelineView.get().selection.ids;
    if (ids.includes(clip.id)) beginGesture({ gesture: { kind: 'move-clips', ids }, event, surface });
  };
  const trim = (edge: 'start' | 'end') => (event: React.PointerEvent) => {
    event.stopPropagation();
    if (event.button !== 0) return;
    selectItem({ kind: 'video', id: clip.id, additive: false });
    beginGesture({ gesture: { kind: 'trim', clipId: clip.id, edge }, event, surface });
  };
  return (
    <div
      className={`tl-clip${props.selected ? ' tl-clip--selected' : ''}${clip.media.missing ? ' tl-clip--missing' : ''}`}
      style={{ transform: `translateX(${left}px)`, width }}
      data-testid="timeline-clip"
      data-clip-id={clip.id}
      data-selected={props.selected}
      aria-label={t('timeline.clipLabel', { name, seconds })}
      onPointerDown={onPointerDown}
    >
      <div className="tl-clip__strip">
        {width > 24 && thumbSlots(props, left, width).map((slot) => <Thumb key={slot.left} path={clip.media.path} atSeconds={slot.atSeconds} left={slot.left} enabled={known} />)}
      </div>
      {width > 40 && (
        <span className="tl-clip__label">
          {name} · {seconds}
        </span>
      )}
      <span className="tl-handle tl-handle--start" data-testid="trim-start" aria-label={t('timeline.trimStart', { name })} onPointerDown={trim('start')} />
      <span className="tl-handle tl-handle--end" data-testid="trim-end" aria-label={t('timeline.trimEnd', { name })} onPointerDown={trim('end')} />
    </div>
  );
});

export function VideoTrack(props: { project: Project; view: Viewport; surface: GestureSurface }) {
  const t = useTimelineT();
  const { project, view } = props;
  const selection = useStore(timelineView, (state) => state.selection);
  const placed = useMemo(() => placeItems(project.timeline.tracks.video), [project.timeline.tracks.video]);
  const range = visibleFrames(view);
  const visible = visibleItems(placed, range.from, range.to);
  // clips too narrow to show anything go on one canvas (see TinyClips); the rest are elements
  const tiny = visible.filter((entry) => entry.item.kind === 'clip' && (entry.end - entry.start) * view.zoom < TINY_CLIP_PX);
  const shown = tiny.length === 0 ? visible : visible.filter((entry) => entry.item.kind !== 'clip' || (entry.end - entry.start) * view.zoom >= TINY_CLIP_PX);
  const selected = useMemo(() => new Set(selection.kind === 'video' ? selection.ids : []), [selection]);
  const endX = frameToX(placed[placed.length - 1]?.end ?? 0, view);
  return (
    <div className="tl-track tl-track--video" data-testid="track-video">
      {project.intro && (
        <div className="tl-cap tl-cap--intro" style={{ left: 0, width: END_CAP_PX - 2 }} data-testid="timeline-intro">
          {t('timeline.intro')}
        </div>
      )}
      <TinyClips items={tiny} view={view} selected={selected} surface={props.surface} height={56} />
      {shown.map((entry) =>
        entry.item.kind === 'clip' ? (
          <ClipBlock
            key={entry.item.id}
            clip={entry.item}
            start={entry.start}
            end={entry.end}
            fps={project.fps}
            view={view}
            selected={selected.has(entry.item.id)}
            surface={props.surface}
          />
        ) : (
          <div
            key={entry.item.id}
            className={`tl-gap${selected.has(entry.item.id) ? ' tl-gap--selected' : ''}`}
            style={{ left: frameToX(entry.start, view), width: (entry.end - entry.start) * view.zoom }}
            data-testid="timeline-gap"
            onPointerDown={(event) => selectItem({ kind: 'video', id: entry.item.id, additive: event.shiftKey || event.ctrlKey })}
          >
            {(entry.end - entry.start) * view.zoom > 40 ? t('timeline.gap') : ''}
          </div>
        ),
      )}
      {project.outro && (
        <div className="tl-cap tl-cap--outro" style={{ left: endX + 2, width: END_CAP_PX - 2 }} data-testid="timeline-outro">
          {t('timeline.outro')}
        </div>
      )}
    </div>
  );
}
