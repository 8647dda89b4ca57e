import { call, isHarness } from '../../api/client.js';
import { PathField } from '../../components/PathField.js';
import { PLATFORMS } from '../../../../core/platforms.js';
import { PRESET_IDS } from '../../../../core/presets.js';
import { useT } from '../../i18n.js';
import { useStore } from '../../store.js';
import { guarded } from '../errors/errorStore.js';
import { projectStore } from '../../project/store.js';
import { clipsOf } from '../../project/clips.js';
import { exportStore, setOutDir, startExport, togglePreset } from './exportStore.js';
import { JobCard } from './JobCard.js';

async function chooseFolderWithDialog(current: string): Promise<void> {
  const chosen = await guarded(() => call('dialog.chooseFolder', current ? { defaultPath: current } : {}));
  if (chosen?.path) setOutDir(chosen.path);
}

export function ExportPanel() {
  const t = useT();
  const { presets, outDir, jobs } = useStore(exportStore, (state) => state);
  const project = useStore(projectStore, (state) => state.project);
  const hasClips = clipsOf(project).length > 0;
  const blocker = !hasClips ? t('export.needClips') : presets.length === 0 ? t('export.needPreset') : !outDir ? t('export.needFolder') : undefined;

  return (
    <section className="panel" aria-labelledby="export-title" data-testid="export-panel">
      <h2 id="export-title" className="panel__title">{t('export.title')}</h2>
      <fieldset className="presets">
        <legend>{t('export.presets')}</legend>
        {PRESET_IDS.map((id) => {
          const spec = PLATFORMS[id];
          return (
            <label key={id} className={`preset${presets.includes(id) ? ' preset--on' : ''}`}>
              <input type="checkbox" checked={presets.includes(id)} onChange={() => togglePreset(id)} data-testid={`preset-${id}`} />
              <span className={`preset__frame preset__frame--${spec.aspect === '9:16' ? 'tall' : 'wide'}`} aria-hidden="true" />
              <span className="preset__text">
                <span className="preset__name">{spec.label}</span>
                <span className="preset__size">
                  {spec.aspect} · {spec.width}×{spec.height}
                </span>
              </span>
            </label>
          );
        })}
      </fieldset>
      <div className="folder">
        <p className="folder__label">{t('export.folder')}</p>
        <p className="folder__value" data-testid="export-folder" title={outDir}>
          {outDir || <span className="muted">{t('export.folderNone')}</span>}
        </p>
        {isHarness() ? (
          <PathField label={t('export.folder')} placeholder={t('export.folderPlaceholder')} action={t('export.folderPick')} testId="export-folder-path" onSubmit={setOutDir} />
        ) : (
          <button type="button" className="button button--secondary" onClick={() => void chooseFolderWithDialog(outDir)}>
            {t('export.folderPick')}
          </button>
        )}
      </div>
      <button type="button" className="button button--primary button--block" disabled={blocker !== undefined} onClick={() => void startExport()} data-testid="export-start">
        {t('export.start')}
      </button>
      {blocker && <p className="hint">{blocker}</p>}
      {jobs.length > 0 && (
        <>
          <h3 className="panel__subtitle">{t('export.jobs')}</h3>
          <ul className="jobs" data-testid="jobs">
            {jobs.map((job) => (
              <JobCard key={job.jobId} job={job} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
