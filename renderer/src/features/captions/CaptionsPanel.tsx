/**
 * The captions panel (beside the preview, in the right column): import and
 * save subtitle files, offline auto-captions from a clip's speech, burn-in on or off, the caption list edited in place,
 * add at the playhead and shift all; the selected caption's row holds its own
 * tools (split, merge, delete, nudge). Every change is one undo step through
 * the project store.
 */
import { useRef } from 'react';
import { isHarness } from '../../api/client.js';
import { PathField } from '../../components/PathField.js';
import { projectStore } from '../../project/store.js';
import { viewStore } from '../../project/view.js';
import { useStore } from '../../store.js';
import { addCaptionAtPlayhead, exportCaptionFile, exportCaptionsWithDialog, importCaptionBlob, importCaptionFile, importCaptionsWithDialog, setBurnIn } from './actions.js';
import { AutoCaptionsButton, AutoCaptionsProgress } from './AutoCaptions.js';
import { CaptionRow } from './CaptionRow.js';
import { ShiftAll } from './CaptionTools.js';
import { captionsNotice } from './notice.js';
import { useCaptionsT } from './texts.js';
import './captions.css';

function FileActions() {
  const t = useCaptionsT();
  const picker = useRef<HTMLInputElement>(null);
  const burnIn = useStore(projectStore, (state) => state.project?.burnInCaptions ?? true);
  const harness = isHarness();
  return (
    <div className="captions__files">
      <div className="captions__row">
        <button
          type="button"
          className="button button--secondary button--small"
          data-testid="captions-import"
          onClick={() => void importCaptionsWithDialog().then((shown) => shown || picker.current?.click())}
        >
          {t('captions.import')}
        </button>
        <input
          ref={picker}
          type="file"
          accept=".srt,.vtt"
          hidden
          data-testid="captions-import-file"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void importCaptionBlob(file);
          }}
        />
        {!harness && (
          <button type="button" className="button button--secondary button--small" data-testid="captions-export" onClick={() => void exportCaptionsWithDialog()}>
            {t('captions.export')}
          </button>
        )}
        <button type="button" className="button button--secondary button--small" onClick={addCaptionAtPlayhead} title={t('captions.addLabel')} aria-label={t('captions.addLabel')} data-testid="caption-add">
          {t('captions.add')}
        </button>
        <AutoCaptionsButton />
      </div>
      <AutoCaptionsProgress />
      {harness && (
        // the browser has no save dialog: paths are typed here (folded, so the list keeps its room)
        <details className="captions__paths" data-testid="captions-paths">
          <summary>{t('captions.paths')}</summary>
          <PathField label={t('captions.importPath')} action={t('captions.importAction')} testId="captions-import-path" placeholder="/home/admin/subtitle.srt" onSubmit={(path) => void importCaptionFile(path)} />
          <PathField label={t('captions.exportPath')} action={t('captions.exportAction')} testId="captions-export-path" placeholder="/home/admin/subtitle.srt" onSubmit={(path) => void exportCaptionFile(path)} />
        </details>
      )}
      <label className="captions__burn">
        <input type="checkbox" checked={burnIn} onChange={(event) => setBurnIn(event.target.checked)} data-testid="captions-burn-in" />
        <span>{t('captions.burnIn')}</span>
      </label>
      {!burnIn && <p className="muted captions__hint">{t('captions.burnInOff')}</p>}
    </div>
  );
}

function Notice() {
  const t = useCaptionsT();
  const notice = useStore(captionsNotice, (state) => state);
  return (
    <p className="captions__notice" role="status" aria-live="polite" data-testid="captions-notice">
      {notice.key ? t(notice.key, notice.values) : ''}
    </p>
  );
}

export function CaptionsPanel() {
  const t = useCaptionsT();
  const project = useStore(projectStore, (state) => state.project);
  const selected = useStore(viewStore, (state) => state.caption);
  // the list says which captions fall after the last clip: it follows the preview's aspect (intro, outro)
  useStore(viewStore, (state) => state.aspect);
  if (!project) {
    return (
      <section className="panel panel--captions" data-testid="captions-panel" aria-labelledby="captions-title">
        <h2 id="captions-title" className="panel__title">{t('captions.title')}</h2>
        <p className="muted">{t('captions.noProject')}</p>
      </section>
    );
  }
  const captions = project.timeline.tracks.captions;
  return (
    <section
      className="panel panel--captions"
      data-testid="captions-panel"
      aria-labelledby="captions-title"
      onDragOver={(event) => {
        if (!Array.from(event.dataTransfer.types).includes('Files')) return;
        event.preventDefault();
      }}
      onDrop={(event) => {
        const file = event.dataTransfer.files[0];
        if (!file) return;
        event.preventDefault();
        void importCaptionBlob(file);
      }}
    >
      <h2 id="captions-title" className="panel__title">{t('captions.title')}</h2>
      <FileActions />
      {captions.length > 0 && <ShiftAll />}
      <Notice />
      {captions.length === 0 ? (
        <p className="muted">{t('captions.none')}</p>
      ) : (
        <ol className="captions__list" aria-label={t('captions.list')} data-testid="caption-list">
          {captions.map((caption, index) => (
            <CaptionRow key={caption.id} caption={caption} index={index} fps={project.fps} selected={caption.id === selected} />
          ))}
        </ol>
      )}
    </section>
  );
}
