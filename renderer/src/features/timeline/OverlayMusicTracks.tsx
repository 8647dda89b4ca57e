/**
 * The overlay track (lower thirds and titles, moved and stretched by drag) and
 * the music track (the bed with its waveform, drawn only where it is on screen).
 */
import { useEffect, useRef } from 'react';
import type { MusicItem, OverlayItem, Project } from '@core/model/project.js';
import { musicSpan } from '@core/model/track-edits.js';
import { baseName } from '../../format.js';
import { useStore } from '../../store.js';
import { frameToX, visibleFrames, type Viewport } from './geometry.js';
import { beginGesture, type GestureSurface } from './gestures.js';
import { useWaveform, type WaveformPeaks } from './strips.js';
import { useTimelineT } from './texts.js';
import { selectItem, timelineView } from './viewStore.js';

function overlayName(overlay: OverlayItem): string {
  return overlay.fields.name || overlay.fields.title || Object.values(overlay.fields).find(Boolean) || overlay.template;
}

function OverlayBlock(props: { overlay: OverlayItem; fps: number; view: Viewport; selected: boolean; surface: GestureSurface }) {
  const t = useTimelineT();
  const { overlay, view, surface } = props;
  const onPointerDown = (event: React.PointerEvent) => {
    if (event.button !== 0) return;
    const additive = event.shiftKey || event.ctrlKey || event.metaKey;
    const { selection } = timelineView.get();
    if (additive || selection.kind !== 'overlay' || !selection.ids.includes(overlay.id)) selectItem({ kind: 'overlay', id: overlay.id, additive });
    const ids = timelineView.get().selection.ids;
    if (ids.includes(overlay.id)) beginGesture({ gesture: { kind: 'move-overlays', ids, grabbed: overlay.id }, event, surface });
  };
  const resize = (edge: 'start' | 'end') => (event: React.PointerEvent) => {
    event.stopPropagation();
    selectItem({ kind: 'overlay', id: overlay.id, additive: false });
    beginGesture({ gesture: { kind: 'resize-overlay', id: overlay.id, edge }, event, surface });
  };
  const name = overlayName(overlay);
  return (
    <div
      className={`tl-overlay${props.selected ? ' tl-overlay--selected' : ''}`}
      style={{ left: frameToX(overlay.start, view), width: Math.max(4, overlay.duration * view.zoom) }}
      data-testid="timeline-overlay"
      data-overlay-id={overlay.id}
      data-selected={props.selected}
      aria-label={t('timeline.overlayLabel', { name, seconds: `${(overlay.duration / props.fps).toFixed(1)} s` })}
      onPointerDown={onPointerDown}
    >
      <span className="tl-overlay__label">{name}</span>
      <span className="tl-handle tl-handle--start" onPointerDown={resize('start')} />
      <span className="tl-handle tl-handle--end" onPointerDown={resize('end')} />
    </div>
  );
}

export function OverlayTrack(props: { project: Project; view: Viewport; surface: GestureSurface }) {
  const { view } = props;
  const selection = useStore(timelineView, (state) => state.selection);
  const range = visibleFrames(view);
  const shown = props.project.timeline.tracks.overlay.filter((item) => item.start < range.to && item.start + item.duration > range.from);
  return (
    <div className="tl-track tl-track--overlay" data-testid="track-overlay">
      {shown.map((overlay) => (
        <OverlayBlock
          key={overlay.id}
          overlay={overlay}
          fps={props.project.fps}
          view={view}
          selected={selection.kind === 'overlay' && selection.ids.includes(overlay.id)}
          surface={props.surface}
        />
      ))}
    </div>
  );
}

/** Peaks of the visible part of a music bed, one bar per pixel column. */
function drawWaveform(options: { canvas: HTMLCanvasElement; waveform: WaveformPeaks; fromFrame: number; fps: number; zoom: number; loop: boolean }): void {
  const { canvas, waveform, fromFrame, fps, zoom } = options;
  const count = waveform.peaks.length;
  const context = canvas.getContext('2d');
  if (!context) return;
  context.clearRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = 'rgba(220,255,240,0.8)';
  const middle = canvas.height / 2;
  const peaksPerFrame = waveform.peaksPerSecond / fps;
  // quiet files still show their shape: the loudest peak fills the height
  const scale = (canvas.height - 10) / Math.max(1, waveform.loudest);
  for (let x = 0; x < canvas.width; x += 1) {
    const first = Math.floor((fromFrame + x / zoom) * peaksPerFrame);
    const last = Math.max(first + 1, Math.floor((fromFrame + (x + 1) / zoom) * peaksPerFrame));
    let peak = 0;
    for (let index = first; index < last && count > 0 && (options.loop || index < count); index += 1) peak = Math.max(peak, waveform.peaks[index % count]!);
    const height = Math.max(1, peak * scale);
    context.fillRect(x, middle - height / 2, 1, height);
  }
}

function MusicBlock(props: { music: MusicItem; project: Project; view: Viewport; selected: boolean; surface: GestureSurface }) {
  const t = useTimelineT();
  const { music, view, surface } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  const waveform = useWaveform(music.media.path);
  const span = musicSpan(props.project, music);
  const left = frameToX(span.start, view);
  const right = left + Math.max(4, (span.end - span.start) * view.zoom);
  // the element covers only the part on screen (a long bed does not change size while clips are trimmed off screen)
  const shownLeft = Math.max(left, view.scrollX - 24);
  const shownRight = Math.min(right, view.scrollX + view.width + 24);
  const drawFrom = Math.max(left, view.scrollX);
  const drawWidth = Math.max(0, Math.round(Math.min(right, view.scrollX + view.width) - drawFrom));
  useEffect(() => {
    if (!canvas.current || !waveform || drawWidth === 0) return;
    // the music plays from its own beginning at span.start
    drawWaveform({ canvas: canvas.current, waveform, fromFrame: (drawFrom - left) / view.zoom, fps: props.project.fps, zoom: view.zoom, loop: music.loop });
  }, [waveform, drawFrom, drawWidth, left, view.zoom, props.project.fps, music.loop]);
  if (shownRight <= shownLeft) return null;
  const begin = (gesture: 'move' | 'start' | 'end') => (event: React.PointerEvent) => {
    event.stopPropagation();
    if (event.button !== 0) return;
    selectItem({ kind: 'music', id: music.id, additive: false });
    beginGesture({ gesture: gesture === 'move' ? { kind: 'move-music', id: music.id } : { kind: 'resize-music', id: music.id, edge: gesture }, event, surface });
  };
  return (
    <div
      className={`tl-music${props.selected ? ' tl-music--selected' : ''}${shownLeft > left ? ' tl-music--cut-start' : ''}${shownRight < right ? ' tl-music--cut-end' : ''}`}
      style={{ left: shownLeft, width: shownRight - shownLeft }}
      data-testid="timeline-music"
      aria-label={t('timeline.musicLabel', { name: baseName(music.media.path) })}
      onPointerDown={begin('move')}
    >
      {drawWidth > 0 && <canvas ref={canvas} className="tl-music__wave" width={drawWidth} height={40} style={{ left: drawFrom - shownLeft, width: drawWidth }} />}
      <span className="tl-music__label" style={{ left: Math.max(8, view.scrollX - shownLeft + 8) }}>
        {baseName(music.media.path)}
      </span>
      {shownLeft === left && <span className="tl-handle tl-handle--start" onPointerDown={begin('start')} />}
      {shownRight === right && <span className="tl-handle tl-handle--end" onPointerDown={begin('end')} />}
    </div>
  );
}

export function MusicTrack(props: { project: Project; view: Viewport; surface: GestureSurface }) {
  const selection = useStore(timelineView, (state) => state.selection);
  return (
    <div className="tl-track tl-track--music" data-testid="track-music">
      {props.project.timeline.tracks.audio.map((music) => (
        <MusicBlock
          key={music.id}
          music={music}
          project={props.project}
          view={props.view}
          selected={selection.kind === 'music' && selection.ids.includes(music.id)}
          surface={props.surface}
        />
      ))}
    </div>
  );
}
