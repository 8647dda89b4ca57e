/**
 * The office farm in the queue panel: shown only when this PC joined a farm
 * (`klipkota farm serve` or `farm work --join`). Counts, the worker PCs, the
 * jobs rendering now (which PC, how far), the parked ones with their error and
 * the last finished ones with the PC that made them.
 * Asked every few seconds while the panel is shown.
 */
import { useEffect, useState } from 'react';
import type { ApiResponse } from '@core/api/contract.js';
import { call } from '../../api/client.js';
import { useT } from '../../i18n.js';

const FARM_POLL_MS = 3000;
const RECENT_DONE = 3;

type FarmAnswer = ApiResponse<'farm.status'>;

function useFarmStatus(): FarmAnswer | undefined {
  const [answer, setAnswer] = useState<FarmAnswer>();
  useEffect(() => {
    let stopped = false;
    const ask = () =>
      void call('farm.status', {}).then(
        (value) => !stopped && setAnswer(value),
        () => undefined,
      );
    ask();
    const timer = window.setInterval(ask, FARM_POLL_MS);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, []);
  return answer;
}

export function FarmSection() {
  const t = useT();
  const answer = useFarmStatus();
  if (!answer?.joined) return null;
  const status = answer.status;
  const jobs = status?.jobs ?? [];
  // rendering and parked jobs, then the last few finished, newest first (which PC made them):
  // a job shorter than one poll would otherwise never show who rendered it
  const shown = [...jobs.filter((job) => job.state === 'active' || job.state === 'parked'), ...jobs.filter((job) => job.state === 'done').slice(0, RECENT_DONE)];
  return (
    <section className="queue__farm" aria-labelledby="farm-title" data-testid="farm-section">
      <h3 id="farm-title" className="panel__subtitle">
        {t('farm.title')} {status && <span className="muted">{status.address}</span>}
      </h3>
      {answer.error && <p className="queue__paused" role="status" data-testid="farm-error">{answer.error}</p>}
      {status && (
        <>
          <p data-testid="farm-counts">{t('farm.counts', status.counts)}</p>
          <p className="muted" data-testid="farm-workers">
            {status.workers.length ? t('farm.workers', { names: status.workers.map((worker) => worker.name).join(', ') }) : t('farm.noWorkers')}
          </p>
          {shown.length > 0 && (
            <ul className="queue__farm-jobs" data-testid="farm-jobs">
              {shown.map((job) => (
                <li key={job.id}>
                  <strong>{job.projectName}</strong>{' '}
                  {job.state === 'active' ? (
                    <span>
                      {Math.floor(job.percent ?? 0)}% · {job.worker ?? ''}
                    </span>
                  ) : job.state === 'done' ? (
                    <span className="muted">{t('farm.doneOn', { worker: job.worker ?? '?' })}</span>
                  ) : (
                    <span title={job.error}>
                      {t('farm.parked')}: {job.error ?? ''}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
