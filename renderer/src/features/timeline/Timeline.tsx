/**
 * The timeline panel: toolbar (play, timecode, zoom, fit, shortcuts), track
 * heads, and the scrolling area with the ruler, the video, overlay, caption and music
 * tracks, markers and the playhead. Ctrl+wheel zooms around the mouse; the
 * wheel and the scroll bar scroll. It draws the drag's draft while one is on.
 */
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useStore } from '../../store.js';
import { CaptionTrack } from './CaptionTrack.js';
import { END_CAP_PX, projectFrames, type Viewport } from './geometry.js';
import type { GestureSurface } from './gestures.js';
import { useProject } from './link.js';
import { MusicTrack, OverlayTrack } from './OverlayMusicTracks.js';
import { MarkerLines, Playhead, Ruler, SnapGuide } from './Ruler.js';
import { useTimelineT } from './texts.js';
import { TimelineToolbar } from './Toolbar.js';
import { VideoTrack } from './VideoTrack.js';
import { clearSelection, timelineView, zoomAround } from './viewStore.js';
import './timeline.css';

function useViewportSync(element: React.RefObject<HTMLDivElement | null>, lead: number): void {
  const scrollX = useStore(timelineView, (state) => state.scrollX);
  // the store's scroll (zoom, Home) moves the element; the element's scroll (bar, wheel) moves the store
  useLayoutEffect(() => {
    const node = element.current;
    if (node && Math.abs(node.scrollLeft - scrollX) > 0.5) node.scrollLeft = scrollX;
  }, [element, scrollX]);
  useLayoutEffect(() => {
    const node = element.current;
    if (!node) return undefined;
    const measure = () => timelineView.set({ width: node.clientWidth });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(node);
    return () => observer.disconnect();
  }, [element]);
  useEffect(() => {
    const node = element.current;
    if (!node) return undefined;
    const onWheel = (event: WheelEvent) => {
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      const anchorX = event.clientX - node.getBoundingClientRect().left;
      zoomAround({ zoom: timelineView.get().zoom * Math.exp(-event.deltaY / 300), anchorX, lead });
    };
    node.addEventListener('wheel', onWheel, { passive: false });
    return () => node.removeEventListener('wheel', onWheel);
  }, [element, lead]);
}

export function Timeline() {
  const t = useTimelineT();
  const saved = useProject();
  const draft = useStore(timelineView, (state) => state.draft);
  const zoom = useStore(timelineView, (state) => state.zoom);
  const scrollX = useStore(timelineView, (state) => state.scrollX);
  const width = useStore(timelineView, (state) => state.width);
  const collapsed = useStore(timelineView, (state) => state.collapsed);
  const viewportRef = useRef<HTMLDivElement>(null);
  const project = draft ?? saved;
  const lead = project?.intro ? END_CAP_PX : 8;
  const tail = project?.outro ? END_CAP_PX : 8;
  useViewportSync(viewportRef, lead);
  const view: Viewport = useMemo(() => ({ zoom, scrollX, width, lead }), [zoom, scrollX, width, lead]);
  const surface: GestureSurface = useMemo(
    () => ({
      lead,
      contentX: (clientX: number) => clientX - (viewportRef.current?.getBoundingClientRect().left ?? 0) + (viewportRef.current?.scrollLeft ?? 0),
    }),
    [lead],
  );
  const length = projectFrames(project);
  const captions = (project?.timeline.tracks.captions.length ?? 0) > 0;
  const contentWidth = Math.max(width, lead + length * zoom + tail + 120);
  return (
    <section className={`timeline${captions ? ' timeline--captions' : ''}`} data-testid="timeline" aria-label={t('timeline.title')}>
      <TimelineToolbar length={length} fps={project?.fps ?? 30} clipCount={project?.timeline.tracks.video.length ?? 0} />
      <div className="timeline__body" hidden={collapsed}>
        <div className="timeline__heads" aria-hidden="true">
          <div className="timeline__head timeline__head--ruler" />
          <div className="timeline__head timeline__head--video">{t('timeline.video')}</div>
          <div className="timeline__head">{t('timeline.overlay')}</div>
          {captions && <div className="timeline__head timeline__head--caption">{t('timeline.captions')}</div>}
          <div className="timeline__head">{t('timeline.music')}</div>
        </div>
        <div
          className="timeline__viewport"
          ref={viewportRef}
          data-testid="timeline-viewport"
          onScroll={(event) => {
            const left = event.currentTarget.scrollLeft;
            if (Math.abs(left - timelineView.get().scrollX) > 0.5) timelineView.set({ scrollX: left });
          }}
          onPointerDown={(event) => {
            if (event.target === event.currentTarget) clearSelection();
          }}
        >
          <div className="timeline__content" style={{ width: contentWidth }}>
            {project ? (
              <>
                <Ruler project={project} view={view} surface={surface} length={length} />
                <VideoTrack project={project} view={view} surface={surface} />
                <OverlayTrack project={project} view={view} surface={surface} />
                {captions && <CaptionTrack project={project} view={view} surface={surface} />}
                <MusicTrack project={project} view={view} surface={surface} />
                <MarkerLines project={project} view={view} />
                <SnapGuide view={view} />
                <Playhead view={view} length={length} />
              </>
            ) : (
              <p className="timeline__empty">{t('timeline.empty')}</p>
            )}
          </div>
        </div>
      </div>
    </section>
  );
}
