import { baseName } from '../../format.js';
import { useT } from '../../i18n.js';
import { useStore } from '../../store.js';
import { mediaStore, selectClipMedia } from '../../project/media.js';

/** The chosen clip played from its media URL (klipkota-media:// in the app, /media/ in the harness). */
export function ClipPreview() {
  const t = useT();
  const selected = useStore(mediaStore, (state) => (state.selectedPath ? state.byPath[state.selectedPath] : undefined));
  if (!selected?.mediaUrl || !selected.info?.video) return null;
  return (
    <figure className="preview" data-testid="clip-preview">
      <video key={selected.mediaUrl} src={selected.mediaUrl} controls preload="metadata" poster={selected.thumbnail} />
      <figcaption>
        <span>{baseName(selected.path)}</span>
        <button type="button" className="button button--ghost button--small" onClick={() => selectClipMedia(undefined)}>
          {t('media.closePreview')}
        </button>
      </figcaption>
    </figure>
  );
}
