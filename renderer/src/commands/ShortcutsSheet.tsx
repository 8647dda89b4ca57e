/** The shortcuts sheet (?): every command of the table with its keys, in the admin's language. */
import { useLanguage } from '../i18n.js';
import { useStore } from '../store.js';
import { timelineText } from '../features/timeline/texts.js';
import { timelineView } from '../features/timeline/viewStore.js';
import { commandLabel, COMMANDS } from './commands.js';

function keyLabel(combo: string, language: 'id' | 'en'): string {
  const names: Record<string, { id: string; en: string }> = {
    Space: { id: 'Spasi', en: 'Space' },
    ArrowLeft: { id: '←', en: '←' },
    ArrowRight: { id: '→', en: '→' },
    Delete: { id: 'Delete', en: 'Delete' },
  };
  return combo
    .split('+')
    .map((part) => names[part]?.[language] ?? part)
    .join(' + ');
}

export function ShortcutsSheet() {
  const open = useStore(timelineView, (state) => state.shortcutsOpen);
  const language = useLanguage();
  if (!open) return null;
  const close = () => timelineView.set({ shortcutsOpen: false });
  return (
    <div className="shortcuts" role="dialog" aria-modal="true" aria-label={timelineText(language, 'timeline.shortcuts')} data-testid="shortcuts-sheet" onClick={close}>
      <div className="shortcuts__card" onClick={(event) => event.stopPropagation()}>
        <div className="shortcuts__head">
          <h2>{timelineText(language, 'timeline.shortcuts')}</h2>
          <button type="button" autoFocus onClick={close} onKeyDown={(event) => event.key === 'Escape' && close()}>
            {timelineText(language, 'timeline.shortcutsClose')}
          </button>
        </div>
        <table>
          <thead>
            <tr>
              <th>{timelineText(language, 'timeline.shortcutsKeys')}</th>
              <th>{timelineText(language, 'timeline.shortcutsAction')}</th>
            </tr>
          </thead>
          <tbody>
            {COMMANDS.map((command) => (
              <tr key={command.id} data-command={command.id}>
                <td>
                  {command.keys.map((combo) => (
                    <kbd key={combo}>{keyLabel(combo, language)}</kbd>
                  ))}
                </td>
                <td>{commandLabel(command, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
