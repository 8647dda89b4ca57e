/**
 * The captions' own track row: one block per caption (its first words), a
 * click selects it, puts the playhead on it and opens it in the captions
 * panel; dragging moves it, its edges change its start or end (one undo step
 * per drag, as lower thirds).
 */
import type { CaptionSegment, Project } from '@core/model/project.js';
import { formatTimecode } from '@core/timecode.js';
import { useStore } from '../../store.js';
import { frameToX, projectFrames, visibleFrames, type Viewport } from './geometry.js';
import { beginGesture, type GestureSurface } from './gestures.js';
import { useWorkingCaption, workOnCaption } from './link.js';
import { useTimelineT } from './texts.js';
import { selectItem, timelineView } from './viewStore.js';

function CaptionBlock(props: { caption: CaptionSegment; project: Project; view: Viewport; selected: boolean; surface: GestureSurface }) {
  const t = useTimelineT();
  const { caption, view, surface, project } = props;
  const pick = () => {
    selectItem({ kind: 'caption', id: caption.id, additive: false });
    workOnCaption(caption, projectFrames(project));
  };
  const begin = (gesture: 'move' | 'start' | 'end') => (event: React.PointerEvent) => {
    event.stopPropagation();
    if (event.button !== 0) return;
    pick();
    beginGesture({ gesture: gesture === 'move' ? { kind: 'move-caption', id: caption.id } : { kind: 'resize-caption', id: caption.id, edge: gesture }, event, surface });
  };
  const start = formatTimecode(caption.start, project.fps);
  return (
    <div
      className={`tl-caption${props.selected ? ' tl-caption--selected' : ''}`}
      style={{ left: frameToX(caption.start, view), width: Math.max(4, caption.duration * view.zoom) }}
      data-testid="timeline-caption"
      data-caption-id={caption.id}
      data-selected={props.selected}
      role="button"
      tabIndex={0}
      aria-pressed={props.selected}
      aria-label={t('timeline.captionLabel', { text: caption.text, start })}
      title={caption.text}
      onPointerDown={begin('move')}
      onKeyDown={(event) => {
        if (event.key !== 'Enter' && event.key !== ' ') return;
        event.preventDefault();
        event.stopPropagation();
        pick();
      }}
    >
      <span className="tl-caption__label">{caption.text}</span>
      <span className="tl-handle tl-handle--start" onPointerDown={begin('start')} />
      <span className="tl-handle tl-handle--end" onPointerDown={begin('end')} />
    </div>
  );
}

export function CaptionTrack(props: { project: Project; view: Viewport; surface: GestureSurface }) {
  const { view } = props;
  const selection = useStore(timelineView, (state) => state.selection);
  const working = useWorkingCaption();
  const range = visibleFrames(view);
  const shown = props.project.timeline.tracks.captions.filter((item) => item.start < range.to && item.start + item.duration > range.from);
  return (
    <div className="tl-track tl-track--caption" data-testid="track-caption">
      {shown.map((caption) => (
        <CaptionBlock
          key={caption.id}
          caption={caption}
          project={props.project}
          view={view}
          selected={(selection.kind === 'caption' && selection.ids.includes(caption.id)) || working === caption.id}
          surface={props.surface}
        />
      ))}
    </div>
  );
}
