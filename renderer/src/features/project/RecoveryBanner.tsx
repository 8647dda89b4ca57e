import { useLanguage, useT } from '../../i18n.js';
import { useStore } from '../../store.js';
import { projectStore } from '../../project/store.js';
import { discardRecovery, recoveryStore, restoreRecovery } from './recovery.js';

export function RecoveryBanner() {
  const t = useT();
  const language = useLanguage();
  const offer = useStore(recoveryStore, (state) => state.offer);
  // work begun before answering is not backed up (the one recovery copy is the offered edit)
  const newWork = useStore(projectStore, (state) => Boolean(state.project && state.dirty));
  if (!offer) return null;
  const time = new Date(offer.savedAt).toLocaleString(language === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <div className="notice" role="status" data-testid="recovery">
      <div>
        <strong>{t('recovery.title')}</strong>
        <p>{t('recovery.text', { name: offer.name, time })}</p>
        {newWork && <p data-testid="recovery-paused">{t('recovery.paused')}</p>}
      </div>
      <div className="actions">
        <button type="button" className="button button--primary" onClick={() => void restoreRecovery()} data-testid="recovery-restore">
          {t('recovery.restore')}
        </button>
        <button type="button" className="button button--ghost" onClick={() => void discardRecovery()} data-testid="recovery-discard">
          {t('recovery.discard')}
        </button>
      </div>
    </div>
  );
}
