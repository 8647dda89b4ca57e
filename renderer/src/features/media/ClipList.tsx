import type { Clip } from '@core/model/project.js';
import { baseName, formatBytes, formatDuration } from '../../format.js';
import { useLanguage, useT } from '../../i18n.js';
import { useStore } from '../../store.js';
import { deleteItem, moveItem } from '@core/model/edits.js';
import { dispatch, projectStore } from '../../project/store.js';
import { clipsOf } from '../../project/clips.js';
import { mediaStore, selectClipMedia } from '../../project/media.js';
import { select, viewStore } from '../../project/view.js';

/** Move a clip one place earlier or later among the clips (past a gap, if one is between). */
function moveClip(clip: Clip, neighbour: Clip | undefined): void {
  if (!neighbour) return;
  dispatch((project) => moveItem({ project, itemId: clip.id, toIndex: project.timeline.tracks.video.findIndex((item) => item.id === neighbour.id) }));
}

function ClipRow({ clip, index, missing, previous, next }: { clip: Clip; index: number; missing: boolean; previous?: Clip; next?: Clip }) {
  const t = useT();
  const language = useLanguage();
  const media = useStore(mediaStore, (state) => state.byPath[clip.media.path]);
  const info = media?.info;
  const name = clip.name ?? baseName(clip.media.path);
  const seconds = clip.sourceRange.duration / (projectStore.get().project?.fps ?? 30);
  const selected = useStore(viewStore, (state) => state.selection.kind === 'clip' && state.selection.id === clip.id);
  return (
    <li className={`clip${missing ? ' clip--missing' : ''}`} data-testid="clip">
      <span className="clip__index">{index + 1}</span>
      <button
        type="button"
        className="clip__thumb"
        aria-label={t('media.previewLabel', { name })}
        disabled={!media?.mediaUrl}
        onClick={() => selectClipMedia(clip.media.path)}
        data-testid="clip-open-preview"
      >
        {media?.thumbnail ? <img src={media.thumbnail} alt="" data-testid="clip-thumbnail" /> : <span className="clip__thumb-empty" aria-hidden="true" />}
        <span className="clip__duration" data-testid="clip-duration">{formatDuration(seconds)}</span>
      </button>
      <div className="clip__body">
        <button type="button" className={`clip__name${selected ? ' clip__name--on' : ''}`} title={clip.media.path} aria-pressed={selected} onClick={() => select({ kind: 'clip', id: clip.id })} data-testid="clip-select">{name}</button>
        <p className="clip__meta">
          {missing && <span className="tag tag--danger">{t('media.missing')}</span>}
          {info?.video && (
            <span data-testid="clip-resolution">
              {info.video.displayWidth}×{info.video.displayHeight}
              {!info.video.still && ` · ${Math.round(info.video.fps * 100) / 100} fps`}
            </span>
          )}
          {info && <span data-testid="clip-size">{formatBytes(info.sizeBytes, language)}</span>}
          {info && !info.audio && <span className="tag">{t('media.noAudio')}</span>}
          {media?.needsProxy && (
            <span className="tag" data-testid="clip-proxy" data-state={media.proxyUrl ? 'ready' : media.proxyError ? 'failed' : 'making'} title={media.proxyError}>
              {media.proxyUrl ? t('media.proxyReady') : media.proxyError ? t('media.proxyFailed') : t('media.proxyMaking', { percent: Math.floor(media.proxyPercent ?? 0) })}
            </span>
          )}
        </p>
      </div>
      <div className="clip__actions">
        <button type="button" className="button button--ghost button--small clip__move" aria-label={t('media.moveEarlierLabel', { name })} title={t('media.moveEarlier')} disabled={!previous} onClick={() => moveClip(clip, previous)} data-testid="clip-move-up">
          ↑
        </button>
        <button type="button" className="button button--ghost button--small clip__move" aria-label={t('media.moveLaterLabel', { name })} title={t('media.moveLater')} disabled={!next} onClick={() => moveClip(clip, next)} data-testid="clip-move-down">
          ↓
        </button>
        <button
          type="button"
          className="button button--ghost button--small"
          aria-label={t('media.removeLabel', { name })}
          onClick={() => {
            if (dispatch((project) => deleteItem({ project, itemId: clip.id })) && selected) select({ kind: 'project' });
          }}
          data-testid="clip-remove"
        >
          {t('media.remove')}
        </button>
      </div>
    </li>
  );
}

export function ClipList() {
  const t = useT();
  const project = useStore(projectStore, (state) => state.project);
  const missingIds = useStore(projectStore, (state) => state.missingClipIds);
  const pending = useStore(mediaStore, (state) => state.pending);
  const clips = clipsOf(project);
  const total = clips.reduce((sum, clip) => sum + clip.sourceRange.duration, 0) / (project?.fps ?? 30);
  return (
    <div className="clips">
      {clips.length === 0 && pending.length === 0 && <p className="muted">{t('media.empty')}</p>}
      {clips.length > 0 && (
        <ol className="clip-list" data-testid="clip-list">
          {clips.map((clip, index) => (
            <ClipRow key={clip.id} clip={clip} index={index} previous={clips[index - 1]} next={clips[index + 1]} missing={Boolean(clip.media.missing) || missingIds.includes(clip.id)} />
          ))}
        </ol>
      )}
      {pending.map((name, index) => (
        <p className="pending" key={`${name}-${index}`} role="status">
          <span className="spinner" aria-hidden="true" />
          {t('media.probing', { name })}
        </p>
      ))}
      {clips.length > 0 && <p className="muted clips__total">{t(clips.length === 1 ? 'media.totalOne' : 'media.total', { count: clips.length, duration: formatDuration(total) })}</p>}
    </div>
  );
}
