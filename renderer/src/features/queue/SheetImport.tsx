import { useEffect, useRef, useState, type DragEvent } from 'react';
import { isHarness } from '../../api/client.js';
import { PathField } from '../../components/PathField.js';
import { PLATFORMS } from '@core/platforms.js';
import { PRESET_IDS } from '@core/presets.js';
import { baseName } from '../../format.js';
import { useT } from '../../i18n.js';
import { useStore } from '../../store.js';
import { SheetReportView } from './SheetReportView.js';
import { checkSheet, chooseSheet, chooseSheetFolder, discardSheet, dropSheet, queueSheet, rowsToQueue, setSheetOutDir, sheetStore, toggleSheetPreset } from './sheetStore.js';

function hasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer.types).includes('Files');
}

/** Where a spreadsheet comes in: dropped on the zone, chosen in a dialog (or typed, in the browser harness). */
function SheetDrop() {
  const t = useT();
  const [over, setOver] = useState(false);
  const checking = useStore(sheetStore, (state) => state.checking);
  return (
    <div
      className={`dropzone dropzone--sheet${over ? ' dropzone--over' : ''}`}
      data-testid="sheet-drop"
      onDragEnter={(event) => hasFiles(event) && setOver(true)}
      onDragOver={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        event.stopPropagation();
        event.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        event.preventDefault();
        event.stopPropagation();
        setOver(false);
        void dropSheet(Array.from(event.dataTransfer.files));
      }}
    >
      <p className="dropzone__title">{checking ? t('sheet.checking') : t('sheet.drop')}</p>
      <p className="dropzone__hint">{t('sheet.dropHint')}</p>
      {isHarness() ? <p className="dropzone__hint">{t('sheet.dropHintBrowser')}</p> : null}
      {isHarness() ? (
        <PathField label={t('sheet.pathLabel')} action={t('sheet.check')} testId="sheet-path" onSubmit={checkSheet} />
      ) : (
        <button type="button" className="button button--secondary button--small" onClick={() => void chooseSheet()} data-testid="sheet-choose">
          {t('sheet.choose')}
        </button>
      )}
    </div>
  );
}

/** Formats, output folder and the queue button under the report. */
function SheetQueueForm() {
  const t = useT();
  const state = useStore(sheetStore, (value) => value);
  const count = rowsToQueue(state).length;
  const blocker = !state.presets.length ? t('sheet.needPreset') : !state.outDir ? t('sheet.needFolder') : !count ? t('sheet.needRow') : undefined;
  return (
    <div className="sheet__form">
      <fieldset className="sheet__presets">
        <legend>{t('sheet.presets')}</legend>
        {PRESET_IDS.map((id) => (
          <label key={id} className="sheet__preset">
            <input type="checkbox" checked={state.presets.includes(id)} onChange={() => toggleSheetPreset(id)} data-testid={`sheet-preset-${id}`} />
            {PLATFORMS[id].label}
          </label>
        ))}
      </fieldset>
      <div className="folder">
        <p className="folder__label">{t('sheet.folder')}</p>
        <p className="folder__value" data-testid="sheet-folder" title={state.outDir}>
          {state.outDir ? baseName(state.outDir) || state.outDir : <span className="muted">{t('sheet.folderNone')}</span>}
        </p>
        {isHarness() ? (
          <PathField label={t('sheet.folder')} action={t('sheet.folderSet')} testId="sheet-folder-path" onSubmit={setSheetOutDir} />
        ) : (
          <button type="button" className="button button--secondary button--small" onClick={() => void chooseSheetFolder()}>
            {t('sheet.folderPick')}
          </button>
        )}
      </div>
      <div className="sheet__buttons">
        <button type="button" className="button button--primary" disabled={blocker !== undefined || state.adding} onClick={() => void queueSheet()} data-testid="sheet-queue">
          {t('sheet.queue', { count })}
        </button>
        <button type="button" className="button button--ghost" onClick={discardSheet} data-testid="sheet-discard">
          {t('sheet.discard')}
        </button>
      </div>
      {blocker && <p className="hint">{blocker}</p>}
    </div>
  );
}

/**
 * The report and the queue form in a modal dialog (the table needs room the
 * editor's panels do not have); Escape or "Close the report" leaves it, and
 * nothing is queued.
 */
function SheetDialog() {
  const t = useT();
  const report = useStore(sheetStore, (state) => state.report);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (report && !element.open) element.showModal();
    if (!report && element.open) element.close();
  }, [report]);
  return (
    <dialog ref={dialog} className="sheet-dialog" aria-labelledby="sheet-dialog-title" onClose={discardSheet} data-testid="sheet-dialog">
      {report && (
        <>
          <h2 id="sheet-dialog-title" className="panel__title">{t('sheet.title')}</h2>
          <SheetReportView report={report} />
          <SheetQueueForm />
        </>
      )}
    </dialog>
  );
}

export function SheetImport() {
  const queued = useStore(sheetStore, (state) => state.queued);
  const t = useT();
  return (
    <div className="sheet" data-testid="sheet">
      <SheetDrop />
      <SheetDialog />
      {queued !== undefined && <p className="muted" role="status" data-testid="sheet-queued">{t('sheet.queued', { count: queued })}</p>}
    </div>
  );
}
