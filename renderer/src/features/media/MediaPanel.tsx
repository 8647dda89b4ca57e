import { isHarness } from '../../api/client.js';
import { FileChooser } from '../../components/FileChooser.js';
import { PathField } from '../../components/PathField.js';
import { useT } from '../../i18n.js';
import { ClipList } from './ClipList.js';
import { ClipPreview } from './ClipPreview.js';
import { DropZone } from './DropZone.js';
import { importFiles, importPaths, importWithDialog } from '../../project/media.js';

/** What the browser's picker offers: video, sound (the music bed) and stills. */
const MEDIA_ACCEPT = 'video/*,audio/*,image/*,.mp4,.mov,.mkv,.m4v,.avi,.mts,.3gp,.webm,.mp3,.wav,.m4a,.aac,.ogg,.flac';

export function MediaPanel() {
  const t = useT();
  const harness = isHarness();
  return (
    <section className="panel panel--wide" aria-labelledby="media-title" data-testid="media-panel">
      <div className="panel__head">
        <h2 id="media-title" className="panel__title">{t('media.title')}</h2>
        {harness ? (
          <FileChooser label={t('media.import')} accept={MEDIA_ACCEPT} multiple onFiles={(files) => void importFiles(files)} testId="media-choose" />
        ) : (
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
