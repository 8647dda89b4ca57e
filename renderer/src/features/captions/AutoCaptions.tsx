/**
 * The auto-captions button and, while whisper works, its progress (stage,
 * clip, percent) with a cancel button. No model set: the engine's answer (what
 * to get, where to put it, Settings) shows in the error banner.
 */
import { useLanguage } from '../../i18n.js';
import { useStore } from '../../store.js';
import { autoCaptionStore, cancelAutoCaptions, startAutoCaptions } from './autoCaptions.js';
import { useCaptionsT, type CaptionsTextKey } from './texts.js';

export function AutoCaptionsButton() {
  const t = useCaptionsT();
  const busy = useStore(autoCaptionStore, (state) => state.starting || state.job !== undefined);
  return (
    <button
      type="button"
      className="button button--secondary button--small"
      title={t('captions.autoLabel')}
      aria-label={t('captions.autoLabel')}
      disabled={busy}
      onClick={() => void startAutoCaptions()}
      data-testid="captions-auto"
    >
      {t('captions.auto')}
    </button>
  );
}

export function AutoCaptionsProgress() {
  const t = useCaptionsT();
  const language = useLanguage();
  const job = useStore(autoCaptionStore, (state) => state.job);
  const starting = useStore(autoCaptionStore, (state) => state.starting);
  if (!job && !starting) return null;
  if (!job) {
    return (
      <p className="captions__auto muted" role="status" data-testid="captions-auto-progress">
        {t('captions.autoStarting')}
      </p>
    );
  }
  const stage = t(`captions.autoStage.${job.stage}` as CaptionsTextKey);
  const percent = Math.floor(job.percent);
  return (
    <div className="captions__auto" data-testid="captions-auto-progress">
      {/* only the stage is read out (a percent on every event would talk over everything) */}
      <span className="captions__auto-text">
        <span role="status">{t('captions.autoStageOf', { stage, clip: job.clipName })}</span> <span aria-hidden="true">· {percent}%</span>
      </span>
      {job.warnings.map((warning) => (
        <span key={warning.en} className="captions__auto-warning">
          {warning[language]}
        </span>
      ))}
      <div className="captions__row">
        <progress className="progress captions__auto-bar" max={100} value={percent} aria-label={t('captions.autoProgressLabel', { clip: job.clipName })} />
        <button type="button" className="button button--secondary button--small" aria-label={t('captions.autoCancelLabel')} title={t('captions.autoCancelLabel')} onClick={() => void cancelAutoCaptions()} data-testid="captions-auto-cancel">
          {t('captions.autoCancel')}
        </button>
      </div>
    </div>
  );
}
