/**
 * One table of the editor's commands: id, label, keys and action, used by the
 * keyboard shortcuts (and the menus). Keys are written as `Ctrl+Shift+Z`;
 * `Ctrl` also matches Cmd on a Mac.
 */
import { useEffect } from 'react';
import type { TextKey } from '../i18n.js';
import { redo, undo } from '../project/store.js';
import { stepFrames, togglePlaying } from '../project/view.js';

export interface Command {
  id: string;
  label: TextKey;
  keys: string[];
  run: () => void;
  /** also runs while a text field has focus (undo/redo of project edits) */
  inFields?: boolean;
}

export const COMMANDS: Command[] = [
  { id: 'edit.undo', label: 'command.undo', keys: ['Ctrl+Z'], run: undo, inFields: true },
  { id: 'edit.redo', label: 'command.redo', keys: ['Ctrl+Shift+Z', 'Ctrl+Y'], run: redo, inFields: true },
  { id: 'preview.playPause', label: 'command.playPause', keys: ['Space'], run: togglePlaying },
  { id: 'preview.previousFrame', label: 'command.previousFrame', keys: ['ArrowLeft'], run: () => stepFrames(-1) },
  { id: 'preview.nextFrame', label: 'command.nextFrame', keys: ['ArrowRight'], run: () => stepFrames(1) },
  { id: 'preview.back1s', label: 'command.back1s', keys: ['Shift+ArrowLeft'], run: () => stepFrames(-30) },
  { id: 'preview.forward1s', label: 'command.forward1s', keys: ['Shift+ArrowRight'], run: () => stepFrames(30) },
];

/** The key of an event as the table writes it. */
export function keyOf(event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): string {
  const name = event.code === 'Space' ? 'Space' : event.key.length === 1 ? event.key.toUpperCase() : event.key;
  return [event.ctrlKey || event.metaKey ? 'Ctrl' : '', event.altKey ? 'Alt' : '', event.shiftKey ? 'Shift' : '', name].filter(Boolean).join('+');
}

function inTextField(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element?.tagName) return false;
  return element.tagName === 'INPUT' || element.tagName === 'TEXTAREA' || element.tagName === 'SELECT' || element.isContentEditable;
}

function onControl(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return Boolean(element?.closest?.('button, a, [role="radio"], [role="slider"]'));
}

/** Install the table's shortcuts on the window for the app's lifetime. */
export function useShortcuts(): void {
  useEffect(() => {
    const listener = (event: KeyboardEvent) => {
      const key = keyOf(event);
      const command = COMMANDS.find((candidate) => candidate.keys.includes(key));
      if (!command) return;
      if (inTextField(event.target) && !command.inFields) return;
      // Space and arrows on a focused button keep their own meaning (press it, move in a group)
      if (!command.inFields && onControl(event.target)) return;
      event.preventDefault();
      command.run();
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}
