import { useEffect, useState } from 'react';
import { formatEta } from '../../format.js';
import { useLanguage, useT } from '../../i18n.js';
import { useStore } from '../../store.js';
import { QueueJobRow } from './QueueJobRow.js';
import { cancelAll, clearFinished, pauseQueue, queueStore, resumeQueue, runProgress, watchQueue } from './queueStore.js';
import { SheetImport } from './SheetImport.js';
import { FarmSection } from './FarmSection.js';

/** The whole run's bar and time left (ticks every second while a run is on). */
function OverallProgress() {
  const t = useT();
  const language = useLanguage();
  const state = useStore(queueStore, (value) => value);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!state.run.ids.length) return undefined;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [state.run.ids.length]);
  if (!state.run.ids.length) {
    if (!state.lastRun) return null;
    return (
      <p className="queue__finished" role="status" data-testid="queue-finished">
        {t('queue.finishedBody', { done: state.lastRun.done, failed: state.lastRun.failed })}
      </p>
    );
  }
  const progress = runProgress(state, now);
  return (
    <div className="queue__overall" data-testid="queue-overall">
      <div className="job__progress">
        <progress className="progress" max={100} value={progress.percent} aria-label={t('queue.overall')} data-testid="queue-overall-progress" />
        <span className="job__percent">{Math.floor(progress.percent)}%</span>
      </div>
      <p className="muted" aria-live="polite">
        {t('queue.overallText', { done: progress.done, total: progress.total })} ·{' '}
        {progress.etaSeconds !== undefined ? t('queue.eta', { eta: formatEta(progress.etaSeconds, language) }) : t('queue.etaUnknown')}
      </p>
    </div>
  );
}

export function QueuePanel() {
  const t = useT();
  const jobs = useStore(queueStore, (state) => state.jobs);
  const paused = useStore(queueStore, (state) => state.paused);
  useEffect(() => watchQueue(), []);
  const waiting = jobs.filter((job) => job.state === 'queued');
  const open = jobs.filter((job) => job.state === 'queued' || job.state === 'running');
  const finished = jobs.length - open.length;
  return (
    <section className="panel queue" aria-labelledby="queue-title" data-testid="queue-panel">
      <div className="panel__head">
        <h2 id="queue-title" className="panel__title">{t('queue.title')}</h2>
        <div className="queue__controls">
          {paused ? (
            <button type="button" className="button button--primary button--small" aria-label={t('queue.resumeLabel')} onClick={() => void resumeQueue()} data-testid="queue-resume">
              {t('queue.resume')}
            </button>
          ) : (
            <button type="button" className="button button--secondary button--small" aria-label={t('queue.pauseLabel')} title={t('queue.pauseHint')} onClick={() => void pauseQueue()} data-testid="queue-pause">
              {t('queue.pause')}
            </button>
          )}
          <button
            type="button"
            className="button button--danger button--small"
            disabled={!open.length}
            onClick={() => window.confirm(t('queue.cancelAllConfirm')) && void cancelAll()}
            data-testid="queue-cancel-all"
          >
            {t('queue.cancelAll')}
          </button>
          <button type="button" className="button button--ghost button--small" disabled={!finished} title={t('queue.clearFinishedHint')} onClick={() => void clearFinished()} data-testid="queue-clear-finished">
            {t('queue.clearFinished')}
          </button>
        </div>
      </div>
      {paused && <p className="queue__paused" role="status" data-testid="queue-paused">{t('queue.paused')}</p>}
      <OverallProgress />
      <FarmSection />
      {jobs.length === 0 ? (
        <p className="muted" data-testid="queue-empty">{t('queue.empty')}</p>
      ) : (
        <ol className="queue__jobs" data-testid="queue-jobs">
          {jobs.map((job) => (
            <QueueJobRow key={job.jobId} job={job} first={waiting[0]?.jobId === job.jobId} last={waiting[waiting.length - 1]?.jobId === job.jobId} />
          ))}
        </ol>
      )}
      <SheetImport />
    </section>
  );
}
