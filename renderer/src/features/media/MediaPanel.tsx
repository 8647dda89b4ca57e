import { isHarness } from '../../api/client.js';
import { PathField } from '../../components/PathField.js';
import { useT } from '../../i18n.js';
import { ClipList } from './ClipList.js';
import { ClipPreview } from './ClipPreview.js';
import { DropZone } from './DropZone.js';
import { importPaths, importWithDialog } from '../../project/media.js';

export function MediaPanel() {
  const t = useT();
  const harness = isHarness();
  return (
    <section className="panel panel--wide" aria-labelledby="media-title" data-testid="media-panel">
      <div className="panel__head">
        <h2 id="media-title" className="panel__title">{t('media.title')}</h2>
        {!harness && (
          <button type="button" className="button button--primary" onClick={() => void importWithDialog()} data-testid="media-import">
            {t('media.import')}
          </button>
        )}
      </div>
      {harness && (
        <PathField
          label={t('media.pathLabel')}
          placeholder={t('media.pathPlaceholder')}
          action={t('media.add')}
          testId="media-path"
          onSubmit={(path) => importPaths([path])}
        />
      )}
      <ClipPreview />
      <DropZone />
      <ClipList />
    </section>
  );
}
