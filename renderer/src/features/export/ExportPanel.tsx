import { call, isHarness } from '../../api/client.js';
import { PathField } from '../../components/PathField.js';
import { PLATFORMS } from '@core/platforms.js';
import { PRESET_IDS } from '@core/presets.js';
import { useT } from '../../i18n.js';
import { useStore } from '../../store.js';
import { guarded } from '../errors/errorStore.js';
import { packOf, packStore } from '../../project/packs.js';
import { projectStore } from '../../project/store.js';
import { clipsOf } from '../../project/clips.js';
import { answerExisting, clearFinished, exportStore, setOutDir, setSidecar, startExport, togglePreset } from './exportStore.js';
import { JobCard } from './JobCard.js';

async function chooseFolderWithDialog(current: string): Promise<void> {
  const chosen = await guarded(() => call('dialog.chooseFolder', current ? { defaultPath: current } : {}));
  if (chosen?.path) setOutDir(chosen.path);
}

/** The intro card's title is still empty (the export would otherwise print the project's name). */
function useTitleMissing(): boolean {
  const project = useStore(projectStore, (state) => state.project);
  const pack = useStore(packStore, (state) => packOf(state.packs, project));
  const intro = pack?.layout.manifest.intro;
  if (!project?.intro || intro?.type !== 'svg' || !intro.fields.some((field) => field.name === 'title')) return false;
  return !(project.fields.title ?? '').trim();
}

function ExistingDialog() {
  const t = useT();
  const existing = useStore(exportStore, (state) => state.existing);
  if (!existing) return null;
  return (
    <div className="dialog" role="alertdialog" aria-labelledby="exists-title" data-testid="export-exists">
      <strong id="exists-title">{t('export.existsTitle')}</strong>
      <p>{t('export.existsText', { files: existing.files.join(', ') })}</p>
      <div className="actions">
        <button type="button" className="button button--danger button--small" onClick={() => void answerExisting('replace')} data-testid="export-replace">{t('export.replace')}</button>
        <button type="button" className="button button--secondary button--small" onClick={() => void answerExisting('keepBoth')} data-testid="export-keep-both">{t('export.keepBoth', { name: existing.keepBothName })}</button>
        <button type="button" className="button button--ghost button--small" onClick={() => void answerExisting('cancel')} data-testid="export-cancel-start">{t('export.cancel')}</button>
      </div>
    </div>
  );
}

function PresetChoice() {
  const t = useT();
  const presets = useStore(exportStore, (state) => state.presets);
  return (
    <fieldset className="presets">
      <legend>{t('export.presets')}</legend>
      {PRESET_IDS.map((id) => {
        const spec = PLATFORMS[id];
        return (
          <label key={id} className={`preset${presets.includes(id) ? ' preset--on' : ''}`} title={`${spec.label} · ${spec.aspect} · ${spec.width}×${spec.height}`}>
            <input type="checkbox" checked={presets.includes(id)} onChange={() => togglePreset(id)} data-testid={`preset-${id}`} />
            <span className={`preset__frame preset__frame--${spec.aspect === '9:16' ? 'tall' : 'wide'}`} aria-hidden="true" />
            <span className="preset__text">
              <span className="preset__name">{spec.label}</span>
              <span className="preset__size">
                {spec.aspect}
                <span className="preset__pixels"> · {spec.width}×{spec.height}</span>
              </span>
            </span>
          </label>
        );
      })}
    </fieldset>
  );
}

/** With captions in the project: also save them as an .srt next to each video (YouTube takes it as a caption track). */
function SidecarChoice() {
  const t = useT();
  const hasCaptions = useStore(projectStore, (state) => (state.project?.timeline.tracks.captions.length ?? 0) > 0);
  const sidecar = useStore(exportStore, (state) => state.sidecar);
  if (!hasCaptions) return null;
  return (
    <label className="export__sidecar" title={t('export.sidecarHint')}>
      <input type="checkbox" checked={sidecar} onChange={(event) => setSidecar(event.target.checked)} data-testid="export-sidecar" />
      <span>{t('export.sidecar')}</span>
    </label>
  );
}

export function ExportPanel() {
  const t = useT();
  const { presets, outDir, jobs, cleared } = useStore(exportStore, (state) => state);
  const project = useStore(projectStore, (state) => state.project);
  const titleMissing = useTitleMissing();
  const hasClips = clipsOf(project).length > 0;
  const blocker = !hasClips ? t('export.needClips') : presets.length === 0 ? t('export.needPreset') : !outDir ? t('export.needFolder') : titleMissing ? t('export.needTitle') : undefined;
  const shown = jobs.filter((job) => !cleared.includes(job.jobId));

  return (
    <section className="panel panel--export" aria-labelledby="export-title" data-testid="export-panel">
      <div className="export__formats">
        <h2 id="export-title" className="panel__title">{t('export.title')}</h2>
        <PresetChoice />
      </div>
      <div className="folder">
        <p className="folder__label">{t('export.folder')}</p>
        <p className="folder__value" data-testid="export-folder" title={outDir}>
          {outDir || <span className="muted">{t('export.folderNone')}</span>}
        </p>
        {isHarness() ? (
          <PathField label={t('export.folder')} placeholder={t('export.folderPlaceholder')} action={t('export.folderSet')} testId="export-folder-path" onSubmit={setOutDir} />
        ) : (
          <button type="button" className="button button--secondary" onClick={() => void chooseFolderWithDialog(outDir)}>
            {t('export.folderPick')}
          </button>
        )}
      </div>
      <div className="export__go">
        <button type="button" className="button button--primary button--block" disabled={blocker !== undefined} onClick={() => void startExport()} data-testid="export-start">
          {t('export.start')}
        </button>
        {blocker && <p className="hint" data-testid="export-blocker">{blocker}</p>}
        <SidecarChoice />
        {titleMissing && hasClips && (
          <button type="button" className="button button--secondary button--small" onClick={() => document.getElementById('intro-field-title')?.focus()} data-testid="export-fill-title">
            {t('export.needTitleAction')}
          </button>
        )}
        <ExistingDialog />
      </div>
      <div className="jobs-area">
        {shown.length > 0 && (
          <>
            <div className="panel__head">
              <h3 className="panel__subtitle">{t('export.jobs')}</h3>
              {shown.some((job) => job.state !== 'running') && (
                <button type="button" className="button button--ghost button--small" onClick={clearFinished} data-testid="jobs-clear">
                  {t('export.clearFinished')}
                </button>
              )}
            </div>
            <ul className="jobs" data-testid="jobs">
              {shown.map((job) => (
                <JobCard key={job.jobId} job={job} />
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
