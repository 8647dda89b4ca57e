import { isHarness } from '../api/client.js';
import { useT } from '../i18n.js';
import { toggleLanguage } from '../features/settings/settingsStore.js';
import { openSettings } from '../features/settings/whisperModel.js';

export function Header() {
  const t = useT();
  return (
    <header className="header">
      <div className="brand">
        <svg className="brand__mark" viewBox="0 0 96 96" aria-hidden="true">
          <circle cx="48" cy="48" r="42" fill="none" stroke="#F2B705" strokeWidth="6" />
          <path d="M48 14 L56 30 L55 66 L41 66 L40 30 Z" fill="#FFFFFF" />
          <rect x="30" y="68" width="36" height="7" rx="2" fill="#FFFFFF" />
          <rect x="24" y="77" width="48" height="5" rx="2" fill="#F2B705" />
        </svg>
        <div>
          <h1 className="brand__name">
            Klip<span>Kota</span>
          </h1>
          <p className="brand__tagline">{t('app.tagline')}</p>
        </div>
      </div>
      <div className="header__tools">
        {isHarness() && <span className="badge">{t('app.harness')}</span>}
        <button type="button" className="button button--on-dark" onClick={openSettings} data-testid="settings-open">
          {t('settings.open')}
        </button>
        <button type="button" className="button button--on-dark" aria-label={t('app.languageLabel')} onClick={() => void toggleLanguage()} data-testid="language-toggle">
          {t('app.language')}
        </button>
      </div>
    </header>
  );
}
