/**
 * The auto-captions button and, while whisper works, its progress (stage,
 * clip, percent) with a cancel button. No model set: the engine's answer (what
 * to get, where to put it, Settings) shows in the error banner.
 */
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
    <div className="captions__auto" role="status" data-testid="captions-auto-progress">
      <span className="captions__auto-text">{t('captions.autoProgress', { stage, clip: job.clipName, percent })}</span>
      <div className="captions__row">
        <progress className="progress captions__auto-bar" max={100} value={percent} aria-label={t('captions.autoProgressLabel', { clip: job.clipName })} />
        <button type="button" className="button button--secondary button--small" aria-label={t('captions.autoCancelLabel')} title={t('captions.autoCancelLabel')} onClick={() => void cancelAutoCaptions()} data-testid="captions-auto-cancel">
          {t('captions.autoCancel')}
        </button>
      </div>
    </div>
  );
}
