/**
 * Clips narrower than a few pixels (a zoomed-out view of hundreds of clips)
 * are drawn on one canvas the width of the screen instead of one element
 * each, so "fit" on a 500-clip project stays as quick as a close-up. A press
 * on the canvas selects (and starts dragging) the clip under the pointer.
 */
import { useEffect, useRef } from 'react';
import { frameToX, type PlacedItem, type Viewport } from './geometry.js';
import { beginGesture, type GestureSurface } from './gestures.js';
import { selectItem, timelineView } from './viewStore.js';

/** below this width a clip is drawn on the canvas */
export const TINY_CLIP_PX = 8;

const COLOURS = { clip: '#2f5ea6', clipEdge: '#14294d', gap: '#15243f', selected: '#f2b705' };

function draw(canvas: HTMLCanvasElement, items: readonly PlacedItem[], view: Viewport, selected: ReadonlySet<string>): void {
  const context = canvas.getContext('2d');
  if (!context) return;
  context.clearRect(0, 0, canvas.width, canvas.height);
  for (const entry of items) {
    const x = frameToX(entry.start, view) - view.scrollX;
    const width = Math.max(1, (entry.end - entry.start) * view.zoom);
    if (entry.item.kind === 'gap') continue;
    context.fillStyle = selected.has(entry.item.id) ? COLOURS.selected : COLOURS.clip;
    context.fillRect(x, 0, width, canvas.height);
    // a dark line at each clip's start keeps neighbours apart when there is room for it
    if (width >= 3) {
      context.fillStyle = COLOURS.clipEdge;
      context.fillRect(x, 0, 1, canvas.height);
    }
  }
}

export function TinyClips(props: { items: readonly PlacedItem[]; view: Viewport; selected: ReadonlySet<string>; surface: GestureSurface; height: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { items, view, selected } = props;
  useEffect(() => {
    if (canvas.current) draw(canvas.current, items, view, selected);
  }, [items, view, selected]);
  if (items.length === 0) return null;
  const onPointerDown = (event: React.PointerEvent<HTMLCanvasElement>) => {
    if (event.button !== 0) return;
    const frame = (props.surface.contentX(event.clientX) - view.lead) / view.zoom;
    const hit = items.find((entry) => frame >= entry.start && frame < entry.end);
    if (!hit) return;
    const additive = event.shiftKey || event.ctrlKey || event.metaKey;
    selectItem({ kind: 'video', id: hit.item.id, additive });
    const ids = timelineView.get().selection.ids;
    if (ids.includes(hit.item.id)) beginGesture({ gesture: { kind: 'move-clips', ids }, event, surface: props.surface });
  };
  return (
    <canvas
      ref={canvas}
      className="tl-tiny"
      data-testid="timeline-tiny-clips"
      width={Math.max(1, Math.round(view.width))}
      height={props.height}
      // the CSS height follows the track; the width must stay the screen's, or the canvas keeps its aspect and shrinks
      style={{ transform: `translateX(${view.scrollX}px)`, width: Math.max(1, Math.round(view.width)) }}
      onPointerDown={onPointerDown}
    />
  );
}
