/**
 * The keyboard: a keydown becomes a combination (`Ctrl+Shift+Z`, `Space`,
 * `?`) and runs the command that lists it. Nothing fires while the admin types
 * in a field (inputs, text areas, selects, editable text) or holds a dialog.
 */
import type { Command } from './table.js';

/** The combination a key event stands for; Shift is left out for symbols that need it (? +). */
export function comboOf(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): string {
  let key = event.key === ' ' ? 'Space' : event.key;
  if (key.length === 1 && /[a-z]/i.test(key)) key = key.toUpperCase();
  const symbol = key.length === 1 && !/[A-Z0-9]/.test(key);
  return [event.ctrlKey || event.metaKey ? 'Ctrl' : '', event.altKey ? 'Alt' : '', event.shiftKey && !symbol ? 'Shift' : '', key].filter(Boolean).join('+');
}

/** True when the key belongs to a field the admin is typing in. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== 'string') return false;
  const element = target as HTMLElement;
  const tag = element.tagName.toLowerCase();
  return tag === 'input' || tag === 'textarea' || tag === 'select' || element.isContentEditable;
}

export function findCommand(commands: readonly Command[], combo: string): Command | undefined {
  return commands.find((command) => command.keys.includes(combo));
}

/** Listen on the window; returns the cleanup. */
export function installShortcuts(commands: readonly Command[]): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.isComposing || isTypingTarget(event.target)) return;
    const command = findCommand(commands, comboOf(event));
    if (!command) return;
    event.preventDefault();
    command.run();
  };
  window.addEventListener('keydown', onKeyDown);
  return () => window.removeEventListener('keydown', onKeyDown);
}
