/**
 * The preview stage: a canvas at the output's size drawing frameLayout() for
 * the playhead, with the safe-zone guide, marks on overlays outside it, and
 * the crop's focus point to drag.
 */
import { useEffect, useRef, useState } from 'react';
import { safeZoneBox, type FrameLayout } from '@core/layout.js';
import { currentLayout } from '../../project/layout.js';
import { formatDate } from '@core/model/fields.js';
import { getPreset } from '@core/presets.js';
import { useLanguage, useT } from '../../i18n.js';
import { mediaStore } from '../../project/media.js';
import { packOf, packStore } from '../../project/packs.js';
import { previewPreset } from '../../project/presets.js';
import { projectStore } from '../../project/store.js';
import { seek, viewStore } from '../../project/view.js';
import { useStore } from '../../store.js';
import { drawFrame, type FrameSources } from './draw.js';
import { FocusHandle } from './FocusHandle.js';
import { captionImage, captionSources } from './captionImages.js';
import { captionsAtFrame } from '../../project/captions.js';
import { graphicImage, graphicsStore } from './graphics.js';
import { holdStill, pauseAllExcept, playStep, videoFor } from './playback.js';

function playbackUrl(path: string): string | undefined {
  const item = mediaStore.get().byPath[path];
  return item?.proxyUrl ?? (item?.needsProxy ? undefined : item?.mediaUrl);
}

function sourcesFor(layout: FrameLayout, scratch: HTMLCanvasElement, language: 'id' | 'en'): { sources: FrameSources; exact: boolean } {
  const { project } = projectStore.get();
  const pack = packOf(packStore.get().packs, project);
  const sources: FrameSources = { overlays: new Map(), captions: [], scratch };
  let exact = true;
  if (!project || !pack) return { sources, exact: false };
  const use = (found: { image?: HTMLImageElement; exact: boolean }) => {
    if (!found.exact) exact = false;
    return found.image;
  };
  const base = { pack: pack.id, aspect: layout.aspect };
  if (layout.card?.type === 'svg') {
    const fields = { ...project.fields, date: project.fields.date?.trim() || formatDate(new Date(), language) };
    sources.card = use(graphicImage({ ...base, graphic: { kind: layout.card.kind }, fields, slot: layout.card.kind }));
  }
  for (const overlay of layout.overlays) {
    const item = project.timeline.tracks.overlay.find((candidate) => candidate.id === overlay.id);
    const image = use(graphicImage({ ...base, graphic: { kind: 'overlay', template: overlay.template }, fields: item?.fields ?? {}, slot: overlay.id }));
    if (image) sources.overlays.set(overlay.id, image);
  }
  const captions = captionSources({ layout, project, pack: pack.id });
  sources.captions = captions.captions;
  sources.captionsMissing = captions.missing;
  if (!captions.exact) exact = false;
  if (layout.logo) sources.logo = use(graphicImage({ ...base, graphic: { kind: 'logo' }, fields: {}, slot: 'logo' }));
  if (layout.clip) {
    const url = playbackUrl(layout.clip.mediaPath);
    if (url) sources.video = videoFor(url);
  }
  return { sources, exact };
}

/** Runs the clock and draws; `ready` says the last drawing was complete and exact (video frame at the playhead, final images). */
interface StageState {
  ready: boolean;
  layout?: FrameLayout;
  project?: unknown;
}

function useStageLoop(canvas: React.RefObject<HTMLCanvasElement | null>, language: 'id' | 'en'): StageState {
  const [state, setState] = useState<StageState>({ ready: false });
  useEffect(() => {
    const scratch = document.createElement('canvas');
    let position = viewStore.get().playhead;
    let last = performance.now();
    let frameId = 0;
    let dirty = true;
    const touch = () => (dirty = true);
    const stops = [projectStore.subscribe(touch), packStore.subscribe(touch), mediaStore.subscribe(touch), graphicsStore.subscribe(touch), viewStore.subscribe(touch)];
    const tick = (now: number) => {
      frameId = requestAnimationFrame(tick);
      const view = viewStore.get();
      const elapsed = now - last;
      last = now;
      let layout = currentLayout(view.playing ? position : view.playhead);
      if (!layout || !canvas.current) return;
      if (!view.playing) position = layout.index;
      let { sources, exact } = sourcesFor(layout, scratch, language);
      const video = sources.video;
      if (view.playing) {
        position = playStep({ layout, position, elapsedMs: elapsed, ...(video ? { video } : {}) });
        layout = currentLayout(Math.floor(position)) ?? layout;
        ({ sources, exact } = sourcesFor(layout, scratch, language));
        if (Math.floor(position) !== view.playhead) seek(Math.floor(position));
        dirty = true;
      } else if (!holdStill({ layout, touch, ...(video ? { video } : {}) })) exact = false;
      if (!dirty) return;
      const context = canvas.current.getContext('2d');
      if (!context) return;
      if (canvas.current.width !== layout.frame.width) canvas.current.width = layout.frame.width;
      if (canvas.current.height !== layout.frame.height) canvas.current.height = layout.frame.height;
      const complete = drawFrame(context, layout, sources);
      dirty = !complete;
      const ready = complete && exact && !view.playing && !(video?.seeking ?? false);
      // React hears of a new frame only when what it shows changed (not on every display frame)
      const shown = layout;
      const project = projectStore.get().project;
      setState((previous) =>
        previous.ready === ready && previous.layout?.index === shown.index && previous.layout.aspect === shown.aspect && previous.project === project ? previous : { ready, layout: shown, project },
      );
    };
    frameId = requestAnimationFrame(tick);
    return () => {
      cancelAnimationFrame(frameId);
      stops.forEach((stop) => stop());
      pauseAllExcept([]);
    };
  }, [canvas, language]);
  return state;
}

/** Over the stage while a clip's preview copy is still being made. */
function ProxyNotice({ path }: { path: string }) {
  const t = useT();
  const media = useStore(mediaStore, (state) => state.byPath[path]);
  if (!media?.needsProxy || media.proxyUrl) return null;
  return (
    <p className="stage__notice" role="status" data-testid="stage-proxy">
      {media.proxyError ? `${t('media.proxyFailed')}: ${media.proxyError}` : t('media.proxyMaking', { percent: Math.floor(media.proxyPercent ?? 0) })}
    </p>
  );
}

/**
 * Over the stage while it shows an intro or outro card still (nearly) black in
 * its fade: the export is black there too, so the preview says why instead of
 * looking broken.
 */
function CardFadeNotice({ layout }: { layout: FrameLayout }) {
  const t = useT();
  const playing = useStore(viewStore, (state) => state.playing);
  const card = layout.card;
  if (!card || playing || card.opacity >= 0.25) return null;
  const name = t(card.kind === 'intro' ? 'preview.cardIntro' : 'preview.cardOutro');
  const segmentSeconds = (layout.segment?.frames ?? 0) / layout.fps;
  const text = card.seconds < segmentSeconds / 2 ? t('preview.cardFadeIn', { card: name }) : t('preview.cardFadeOut', { card: name });
  return (
    <p className="stage__notice" role="status" data-testid="stage-card-fade">
      {text}
    </p>
  );
}

const percent = (value: number, of: number) => `${(value / of) * 100}%`;

/** The words of the captions on screen, over their box (for screen readers and tests; drawn on the canvas, invisible here). */
function CaptionMarks({ layout }: { layout: FrameLayout }) {
  const project = useStore(projectStore, (state) => state.project);
  const pack = useStore(packStore, (state) => packOf(state.packs, project));
  useStore(graphicsStore, (state) => state.version);
  if (!project || !pack) return null;
  return captionsAtFrame(layout.index).map((shown) => {
    const drawn = captionImage({ pack: pack.id, aspect: layout.aspect, text: shown.text, style: project.captionStyle, slot: shown.id }).caption;
    const box = drawn?.textBox;
    if (!drawn || !box) return null;
    const { frame } = drawn;
    return (
      <div
        key={shown.id}
        className="stage__caption"
        data-testid="stage-caption"
        data-caption-id={shown.id}
        data-box={[box.x, box.y, box.width, box.height].join(',')}
        style={{ left: percent(box.x, frame.width), top: percent(box.y, frame.height), width: percent(box.width, frame.width), height: percent(box.height, frame.height) }}
      >
        {shown.text}
      </div>
    );
  });
}

export function Stage() {
  const t = useT();
  const language = useLanguage();
  const canvas = useRef<HTMLCanvasElement>(null);
  const { ready, layout } = useStageLoop(canvas, language);
  const aspect = useStore(viewStore, (state) => state.aspect);
  const guide = useStore(viewStore, (state) => state.guide);
  const frame = previewPreset(aspect);
  const zone = guide !== 'none' ? safeZoneBox(getPreset(guide).safeZone, frame) : undefined;
  return (
    <div className={`stage stage--${aspect === '9:16' ? 'tall' : 'wide'}`}>
      <div className="stage__frame" style={{ aspectRatio: `${frame.width} / ${frame.height}` }}>
        <canvas
          ref={canvas}
          className="stage__canvas"
          width={frame.width}
          height={frame.height}
          data-testid="preview-stage"
          data-ready={ready ? 'true' : 'false'}
          data-frame={layout?.index ?? 0}
          role="img"
          aria-label={t('preview.stageLabel', { aspect })}
        />
        {zone && (
          <div
            className="stage__zone"
            data-testid="safe-zone"
            style={{ left: percent(zone.x, frame.width), top: percent(zone.y, frame.height), width: percent(zone.width, frame.width), height: percent(zone.height, frame.height) }}
          />
        )}
        {zone &&
          layout?.overlays.map((overlay) => {
            const inside = overlay.box.x >= zone.x && overlay.box.y >= zone.y && overlay.box.x + overlay.box.width <= zone.x + zone.width && overlay.box.y + overlay.box.height <= zone.y + zone.height;
            return inside ? null : (
              <div
                key={overlay.id}
                className="stage__outside"
                data-testid="outside-safe-zone"
                title={t('preview.outsideZone')}
                style={{ left: percent(overlay.box.x, frame.width), top: percent(overlay.box.y, frame.height), width: percent(overlay.box.width, frame.width), height: percent(overlay.box.height, frame.height) }}
              />
            );
          })}
        {layout && <CaptionMarks layout={layout} />}
        {layout?.clip && <FocusHandle layout={layout} />}
        {layout?.clip && <ProxyNotice path={layout.clip.mediaPath} />}
        {layout?.card && <CardFadeNotice layout={layout} />}
      </div>
    </div>
  );
}
