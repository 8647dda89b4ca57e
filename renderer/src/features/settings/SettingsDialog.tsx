/** The Settings screen (menu Settings…, or the header button): for now, the auto-caption model file. */
import { useId, useState, type FormEvent } from 'react';
import { isHarness } from '../../api/client.js';
import { useLanguage, useT } from '../../i18n.js';
import { useStore } from '../../store.js';
import { chooseWhisperModelWithDialog, closeSettings, useWhisperModel, whisperModelStore } from './whisperModel.js';

/** The harness has no file dialogs: the path is typed (the app uses its own dialog). */
function ModelPathField() {
  const t = useT();
  const id = useId();
  const [value, setValue] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const path = value.trim().replace(/^(["'])(.*)\1$/, '$2');
    if (path) void useWhisperModel(path);
  };
  return (
    <form className="path-field" onSubmit={submit} data-testid="whisper-model-field">
      <label htmlFor={id}>{t('settings.whisperTitle')}</label>
      <div className="path-field__row">
        <input id={id} type="text" spellCheck={false} autoComplete="off" placeholder={t('settings.whisperPlaceholder')} value={value} onChange={(event) => setValue(event.target.value)} />
        <button type="submit" className="button button--secondary" disabled={!value.trim()}>
          {t('settings.whisperUse')}
        </button>
      </div>
    </form>
  );
}

function ModelStatus() {
  const t = useT();
  const language = useLanguage();
  const { state, checking } = useStore(whisperModelStore, (s) => s);
  if (checking) return <p className="hint" data-testid="whisper-model-status">{t('settings.whisperChecking')}</p>;
  if (!state) return null;
  return (
    <div data-testid="whisper-model-status" data-ok={state.ok ? 'true' : 'false'}>
      {state.ok && (
        <p className="hint">
          {state.published ? t('settings.whisperVerified', { name: `ggml-${state.published}.bin` }) : t('settings.whisperUsable', { name: state.label ?? '' })}
        </p>
      )}
      {state.source === 'env' && <p className="hint">{t('settings.whisperFromEnv')}</p>}
      {state.warnings.map((warning) => (
        <p key={warning.en} className="hint hint--warning">{warning[language]}</p>
      ))}
      {state.problem && (
        <p className="hint hint--error" role="alert">
          {state.problem.text[language]}
        </p>
      )}
    </div>
  );
}

export function SettingsDialog() {
  const t = useT();
  const open = useStore(whisperModelStore, (s) => s.open);
  const path = useStore(whisperModelStore, (s) => (s.state?.set ? s.state.path : undefined));
  if (!open) return null;
  return (
    <div className="shortcuts" role="dialog" aria-modal="true" aria-label={t('settings.title')} data-testid="settings-dialog" onClick={closeSettings} onKeyDown={(event) => event.key === 'Escape' && closeSettings()}>
      <div className="shortcuts__card settings" onClick={(event) => event.stopPropagation()}>
        <div className="shortcuts__head">
          <h2>{t('settings.title')}</h2>
          <button type="button" autoFocus onClick={closeSettings}>
            {t('settings.close')}
          </button>
        </div>
        <section aria-labelledby="settings-whisper">
          <h3 id="settings-whisper">{t('settings.whisperTitle')}</h3>
          <p className="hint">{t('settings.whisperHint')}</p>
          <p className="folder__value" data-testid="whisper-model-path" title={path}>
            {path ?? <span className="muted">{t('settings.whisperNone')}</span>}
          </p>
          {isHarness() ? (
            <ModelPathField />
          ) : (
            <button type="button" className="button button--secondary" onClick={() => void chooseWhisperModelWithDialog()} data-testid="whisper-model-choose">
              {t('settings.whisperPick')}
            </button>
          )}
          {path && (
            <button type="button" className="button button--ghost" onClick={() => void useWhisperModel(null)} data-testid="whisper-model-clear">
              {t('settings.whisperClear')}
            </button>
          )}
          <ModelStatus />
        </section>
      </div>
    </div>
  );
}
