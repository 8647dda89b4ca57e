/** The caption editor's commands in the editor's one command table (commands.ts). */
import { addCaptionAtPlayhead, splitWorkingCaption } from '../features/captions/actions.js';
import type { Command } from './command.js';

export const CAPTION_COMMANDS: Command[] = [
  { id: 'captions.add', label: { id: 'Subtitle baru di garis putar', en: 'New caption at the playhead' }, keys: ['Shift+C'], run: addCaptionAtPlayhead },
  { id: 'captions.split', label: { id: 'Potong subtitle di garis putar', en: 'Split the caption at the playhead' }, keys: ['Shift+S'], run: splitWorkingCaption },
];
