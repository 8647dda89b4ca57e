/** The right column: the properties of what is selected (a clip, a lower third) or of the project. */
import type { Clip } from '../../../../core/model/project.js';
import { useT } from '../../i18n.js';
import { projectStore } from '../../project/store.js';
import { select, viewStore } from '../../project/view.js';
import { useStore } from '../../store.js';
import { ClipInspector } from './ClipInspector.js';
import { OverlayInspector } from './OverlayInspector.js';
import { ProjectInspector } from './ProjectInspector.js';

export function Inspector() {
  const t = useT();
  const selection = useStore(viewStore, (state) => state.selection);
  const project = useStore(projectStore, (state) => state.project);
  const clip = selection.kind === 'clip' ? project?.timeline.tracks.video.find((item): item is Clip => item.kind === 'clip' && item.id === selection.id) : undefined;
  const overlay = selection.kind === 'overlay' ? project?.timeline.tracks.overlay.find((item) => item.id === selection.id) : undefined;
  const title = clip ? t('inspector.clip') : overlay ? t('inspector.overlay') : t('inspector.project');
  return (
    <section className="panel panel--inspector" aria-labelledby="inspector-title" data-testid="inspector">
      <div className="panel__head">
        <h2 id="inspector-title" className="panel__title">{title}</h2>
        {(clip || overlay) && (
          <button type="button" className="button button--ghost button--small" onClick={() => select({ kind: 'project' })} data-testid="inspector-project">
            {t('inspector.project')}
          </button>
        )}
      </div>
      {!project ? <p className="muted">{t('project.none')}</p> : clip ? <ClipInspector clip={clip} /> : overlay ? <OverlayInspector overlay={overlay} /> : <ProjectInspector />}
    </section>
  );
}
