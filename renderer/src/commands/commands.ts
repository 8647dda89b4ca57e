/**
 * One table of the editor's commands: id, label, keys and action, used by the
 * keyboard shortcuts (and the menus). Keys are written as `Ctrl+Shift+Z`;
 * `Ctrl` also matches Cmd on a Mac.
 */
import { useEffect } from 'react';
import { translate, type Language } from '../i18n.js';
import { projectStore, redo, undo } from '../project/store.js';
import { stepFrames, togglePlaying } from '../project/view.js';
import { CAPTION_COMMANDS } from './captions.js';
import { TIMELINE_COMMANDS } from './table.js';
import type { Command } from './command.js';

export type { Command };

export function commandLabel(command: Command, language: Language): string {
  return typeof command.label === 'string' ? translate(language, command.label) : command.label[language];
}

const secondFrames = () => projectStore.get().project?.fps ?? 30;

export const COMMANDS: Command[] = [
  { id: 'edit.undo', label: 'command.undo', keys: ['Ctrl+Z'], run: undo, inFields: true },
  { id: 'edit.redo', label: 'command.redo', keys: ['Ctrl+Shift+Z', 'Ctrl+Y'], run: redo, inFields: true },
  { id: 'preview.playPause', label: 'command.playPause', keys: ['Space'], run: togglePlaying },
  { id: 'preview.previousFrame', label: 'command.previousFrame', keys: ['ArrowLeft'], run: () => stepFrames(-1) },
  { id: 'preview.nextFrame', label: 'command.nextFrame', keys: ['ArrowRight'], run: () => stepFrames(1) },
  { id: 'preview.back1s', label: 'command.back1s', keys: ['Shift+ArrowLeft'], run: () => stepFrames(-secondFrames()) },
  { id: 'preview.forward1s', label: 'command.forward1s', keys: ['Shift+ArrowRight'], run: () => stepFrames(secondFrames()) },
  ...TIMELINE_COMMANDS,
  ...CAPTION_COMMANDS,
];

/** The key of an event as the table writes it; Shift is left out for symbols that need it on some keyboards (? +). */
export function keyOf(event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): string {
  const name = event.code === 'Space' || event.key === ' ' ? 'Space' : event.key.length === 1 ? event.key.toUpperCase() : event.key;
  const symbol = name.length === 1 && !/[A-Z0-9]/.test(name);
  return [event.ctrlKey || event.metaKey ? 'Ctrl' : '', event.altKey ? 'Alt' : '', event.shiftKey && !symbol ? 'Shift' : '', name].filter(Boolean).join('+');
}

function inTextField(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element?.tagName) return false;
  return element.tagName === 'INPUT' || element.tagName === 'TEXTAREA' || element.tagName === 'SELECT' || element.isContentEditable;
}

/** Space, Enter and the arrows on a focused button, link or slider keep their own meaning. */
function onControl(target: EventTarget | null, key: string): boolean {
  if (!/^(Shift\+)?(Space|Enter|Arrow\w+)$/.test(key)) return false;
  const element = target as HTMLElement | null;
  return Boolean(element?.closest?.('button, a, [role="radio"], [role="slider"]'));
}

/** Install the table's shortcuts on the window for the app's lifetime. */
export function useShortcuts(): void {
  useEffect(() => {
    const listener = (event: KeyboardEvent) => {
      const key = keyOf(event);
      const command = COMMANDS.find((candidate) => candidate.keys.includes(key));
      if (!command || event.defaultPrevented || event.isComposing) return;
      if (inTextField(event.target) && !command.inFields) return;
      // Space and arrows on a focused button keep their own meaning (press it, move in a group)
      if (!command.inFields && onControl(event.target, key)) return;
      if (command.when && !command.when()) return;
      event.preventDefault();
      command.run();
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}
