/** One command of the editor: what the shortcuts, the menus and the command table share. */
import type { TextKey } from '../i18n.js';

export interface Command {
  id: string;
  /** a catalogue key, or the words themselves in both languages */
  label: TextKey | { id: string; en: string };
  keys: string[];
  run: () => void;
  /** also runs while a text field has focus (undo/redo of project edits) */
  inFields?: boolean;
  /** only then does the key belong to the command (else the browser keeps it, e.g. Ctrl+C on selected text) */
  when?: () => boolean;
}
