import { useEffect, useState, type DragEvent } from 'react';
import { useT } from '../../i18n.js';
import { importFiles } from '../../project/media.js';

function hasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer.types).includes('Files');
}

/** Drop videos here to import them; drops elsewhere in the window are ignored, never opened. */
export function DropZone() {
  const t = useT();
  const [over, setOver] = useState(false);

  useEffect(() => {
    const ignore = (event: Event) => event.preventDefault();
    window.addEventListener('dragover', ignore);
    window.addEventListener('drop', ignore);
    return () => {
      window.removeEventListener('dragover', ignore);
      window.removeEventListener('drop', ignore);
    };
  }, []);

  return (
    <div
      className={`dropzone${over ? ' dropzone--over' : ''}`}
      data-testid="dropzone"
      onDragEnter={(event) => hasFiles(event) && setOver(true)}
      onDragOver={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        void importFiles(Array.from(event.dataTransfer.files));
      }}
    >
      <svg className="dropzone__icon" viewBox="0 0 24 24" aria-hidden="true">
        <path d="M12 3v12m0 0-4-4m4 4 4-4M4 17v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-2" />
      </svg>
      <p className="dropzone__title">{t('media.drop')}</p>
      <p className="dropzone__hint">{t('media.dropHint')}</p>
    </div>
  );
}
