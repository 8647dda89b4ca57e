import { PLATFORMS } from '@core/platforms.js';
import { baseName, formatBytes, formatEta } from '../../format.js';
import { useLanguage, useT } from '../../i18n.js';
import { cancelExport, jobPercent, openFolder, type JobView } from './exportStore.js';

function presetLabel(id: string): string {
  return PLATFORMS[id as keyof typeof PLATFORMS]?.label ?? id;
}

export function JobCard({ job }: { job: JobView }) {
  const t = useT();
  const language = useLanguage();
  const percent = jobPercent(job);
  const label = job.presets.map(presetLabel).join(', ');
  const stateText = { running: t('export.running'), done: t('export.done'), failed: t('export.failed'), cancelled: t('export.cancelled') }[job.state];
  return (
    <li className={`job job--${job.state}`} data-testid="job" data-state={job.state} data-job-id={job.jobId}>
      <div className="job__head">
        <strong className="job__label" data-testid="job-label">
          {job.projectName ? `${job.projectName} · ` : ''}
          {label}
        </strong>
        <span className={`tag tag--${job.state}`} data-testid="job-state">{stateText}</span>
      </div>
      {job.state !== 'cancelled' && job.state !== 'failed' && (
        <div className="job__progress">
          <progress
            className="progress"
            max={100}
            value={percent}
            aria-label={t('export.progressLabel', { preset: label })}
            data-testid="job-progress"
          />
          <span className="job__percent" data-testid="job-percent">{Math.floor(percent)}%</span>
        </div>
      )}
      {job.state === 'running' && (
        <div className="job__foot">
          <span className="muted" data-testid="job-eta">
            {job.preset ? `${presetLabel(job.preset)} · ` : ''}
            {job.jobEtaSeconds !== undefined ? t('export.etaJob', { eta: formatEta(Math.round(job.jobEtaSeconds), language) }) : t('export.etaUnknown')}
          </span>
          <button
            type="button"
            className="button button--danger button--small"
            disabled={job.cancelling}
            aria-label={t('export.cancelLabel', { preset: label })}
            onClick={() => void cancelExport(job.jobId)}
            data-testid="job-cancel"
          >
            {t('export.cancel')}
          </button>
        </div>
      )}
      {job.state === 'failed' && job.error && <p className="job__error" role="alert">{job.error.message}</p>}
      {job.state === 'done' && (
        <div className="job__result">
          <ul className="outputs">
            {job.outputs.map((output) => (
              <li key={output.path} className="output" data-testid="job-output">
                <span className="output__name" title={output.path}>{baseName(output.path)}</span>
                <span className="muted">
                  {output.width}×{output.height} · {formatBytes(output.bytes, language)}
                  {output.sidecar && (
                    <span title={output.sidecar} data-testid="job-output-sidecar">
                      {' '}
                      · + {baseName(output.sidecar)}
                    </span>
                  )}
                </span>
                <code className="output__path" title={output.path} data-testid="job-output-path">{output.path}</code>
              </li>
            ))}
          </ul>
          <button type="button" className="button button--secondary button--small" onClick={() => void openFolder(job.outDir || job.outputs[0]?.path || '')} data-testid="job-open-folder">
            {t('export.openFolder')}
          </button>
        </div>
      )}
    </li>
  );
}
