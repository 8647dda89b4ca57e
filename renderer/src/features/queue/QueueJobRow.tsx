import type { QueueEntry } from '../../../../core/api/contract.js';
import { PLATFORMS } from '../../../../core/platforms.js';
import { baseName, formatEta } from '../../format.js';
import { useLanguage, useT } from '../../i18n.js';
import { useStore } from '../../store.js';
import { cancelJob, entryPercent, moveJob, queueStore, retryJob, showInFolder } from './queueStore.js';

function presetLabel(id: string): string {
  return PLATFORMS[id as keyof typeof PLATFORMS]?.label ?? id;
}

/** One job of the queue: name, formats, state, progress, error in plain words, and what can be done with it. */
export function QueueJobRow({ job, first, last }: { job: QueueEntry; first: boolean; last: boolean }) {
  const t = useT();
  const language = useLanguage();
  const busy = useStore(queueStore, (state) => state.busy.includes(job.jobId));
  const name = job.projectName;
  const percent = entryPercent(job);
  const waiting = job.state === 'queued';
  return (
    <li className={`qjob qjob--${job.state}`} data-testid="queue-job" data-queue-state={job.state} data-queue-job-id={job.jobId}>
      <div className="qjob__head">
        <div className="qjob__name">
          <strong title={name}>{name}</strong>
          <span className="muted">
            {job.presets.map(presetLabel).join(', ')}
            {job.queuedBy === 'cli' ? ` · ${t('queue.byCli')}` : ''}
          </span>
        </div>
        <span className={`tag tag--${job.state}`} data-testid="queue-job-state">{t(`queue.state.${job.state}`)}</span>
      </div>
      {(job.state === 'running' || job.state === 'done') && (
        <div className="job__progress">
          <progress className="progress" max={100} value={percent} aria-label={t('queue.progressLabel', { name })} data-testid="queue-job-progress" />
          <span className="job__percent">{Math.floor(percent)}%</span>
        </div>
      )}
      {job.state === 'running' && job.progress?.etaSeconds !== undefined && (
        <span className="muted">{presetLabel(job.progress.preset)} · {t('export.eta', { eta: formatEta(job.progress.etaSeconds, language) })}</span>
      )}
      {job.error && (job.state === 'failed' || job.state === 'cancelled') && (
        <p className="job__error" data-testid="queue-job-error">{job.error.message}</p>
      )}
      {job.state === 'done' && job.outputs.length > 0 && (
        <ul className="qjob__outputs">
          {job.outputs.map((output) => (
            <li key={output.path} title={output.path} data-testid="queue-job-output">{baseName(output.path)}</li>
          ))}
        </ul>
      )}
      <div className="qjob__actions">
        {waiting && (
          <>
            <button type="button" className="button button--ghost button--icon" disabled={first} aria-label={t('queue.moveUp', { name })} title={t('queue.moveUp', { name })} onClick={() => void moveJob(job.jobId, 'up')} data-testid="queue-job-up">
              <span aria-hidden="true">▲</span>
            </button>
            <button type="button" className="button button--ghost button--icon" disabled={last} aria-label={t('queue.moveDown', { name })} title={t('queue.moveDown', { name })} onClick={() => void moveJob(job.jobId, 'down')} data-testid="queue-job-down">
              <span aria-hidden="true">▼</span>
            </button>
          </>
        )}
        {(waiting || job.state === 'running') && (
          <button type="button" className="button button--danger button--small" disabled={busy} aria-label={t('queue.cancelLabel', { name })} onClick={() => void cancelJob(job.jobId)} data-testid="queue-job-cancel">
            {t('queue.cancel')}
          </button>
        )}
        {(job.state === 'failed' || job.state === 'cancelled') && (
          <button type="button" className="button button--secondary button--small" aria-label={t('queue.retryLabel', { name })} onClick={() => void retryJob(job.jobId)} data-testid="queue-job-retry">
            {t('queue.retry')}
          </button>
        )}
        {job.state === 'done' && (
          <button type="button" className="button button--secondary button--small" aria-label={t('queue.showInFolderLabel', { name })} onClick={() => void showInFolder(job.outDir)} data-testid="queue-job-folder">
            {t('queue.showInFolder')}
          </button>
        )}
      </div>
    </li>
  );
}
