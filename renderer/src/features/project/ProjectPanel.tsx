import { useState } from 'react';
import { isHarness } from '../../api/client.js';
import { PathField } from '../../components/PathField.js';
import { useT } from '../../i18n.js';
import { useStore } from '../../store.js';
import { importProjectMedia } from '../../project/media.js';
import { openProjectWithDialog, saveProjectWithDialog } from './projectDialogs.js';
import { renameProject } from '../../../../core/model/edits.js';
import { dispatch, newProject, openProject, projectStore, saveProject } from '../../project/store.js';

export function ProjectPanel() {
  const t = useT();
  const { project, path, dirty } = useStore(projectStore, (state) => state);
  const [editing, setEditing] = useState(false);
  const harness = isHarness();
  const status = !path ? t('project.unsaved') : dirty ? t('project.changed') : t('project.saved');

  return (
    <section className="panel" aria-labelledby="project-title" data-testid="project-panel">
      <h2 id="project-title" className="panel__title">{t('project.title')}</h2>
      {project ? (
        <div className="project">
          {editing ? (
            <input
              className="project__name-input"
              aria-label={t('project.name')}
              defaultValue={project.name}
              autoFocus
              onBlur={(event) => {
                if (event.target.value.trim()) dispatch((current) => renameProject({ project: current, name: event.target.value }));
                setEditing(false);
              }}
              onKeyDown={(event) => event.key === 'Enter' && event.currentTarget.blur()}
            />
          ) : (
            <button type="button" className="project__name" title={t('project.name')} onClick={() => setEditing(true)} data-testid="project-name">
              {project.name}
            </button>
          )}
          <p className="project__meta">
            <span className={`dot ${dirty || !path ? 'dot--warn' : 'dot--ok'}`} aria-hidden="true" />
            {status}
            {path && <span className="project__path" title={path}>{path}</span>}
          </p>
        </div>
      ) : (
        <p className="muted">{t('project.none')}</p>
      )}
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={() => void newProject()} data-testid="project-new">
          {t('project.new')}
        </button>
        {!harness && (
          <>
            <button type="button" className="button button--secondary" onClick={() => void openProjectWithDialog()}>
              {t('project.open')}
            </button>
            <button type="button" className="button button--secondary" disabled={!project} onClick={() => void saveProjectWithDialog(false)}>
              {t('project.save')}
            </button>
          </>
        )}
      </div>
      {harness && (
        <>
          <PathField
            label={t('project.pathLabel')}
            placeholder="/tmp/video.klipkota.json"
            action={t('project.open')}
            testId="project-open-path"
            onSubmit={async (value) => {
              if (await openProject(value)) await importProjectMedia();
            }}
          />
          {project && (
            <PathField label={t('project.savePathLabel')} placeholder="/tmp/video.klipkota.json" action={t('project.saveAs')} testId="project-save-path" onSubmit={(value) => void saveProject(value)} />
          )}
          {project && path && (
            <button type="button" className="button button--secondary" onClick={() => void saveProject()} data-testid="project-save">
              {t('project.save')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
