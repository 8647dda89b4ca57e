import { useStore } from '../../store.js';
import { useT } from '../../i18n.js';
import { dismissError, errorStore } from './errorStore.js';

/** The open errors, each with what happened and what to do (the engine's text) and a close button. */
export function ErrorBanner() {
  const errors = useStore(errorStore, (state) => state.errors);
  const t = useT();
  if (errors.length === 0) return null;
  return (
    <div className="errors" role="alert" aria-live="assertive">
      {errors.map(({ id, error }) => (
        <div className="error" key={id} data-code={error.code}>
          <div className="error__text">
            <strong>{t('error.title')}</strong>
            <p>{error.code === 'connection' ? t('error.connection') : error.message}</p>
          </div>
          <button type="button" className="button button--ghost" onClick={() => dismissError(id)}>
            {t('error.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}
