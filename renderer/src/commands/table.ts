/**
 * The timeline's commands in the editor's one command table (commands.ts):
 * id, label in Bahasa Indonesia and English, keys and action. Play/pause,
 * frame and second steps, undo and redo are the editor's rows.
 */
import { startExport } from '../features/export/exportStore.js';
import { saveProjectWithDialog } from '../features/project/projectDialogs.js';
import {
  copySelection,
  deleteSelection,
  goToEnd,
  goToStart,
  pasteAtPlayhead,
  setPointAtPlayhead,
  splitAtPlayhead,
  startMarker,
  zoomBy,
  zoomToFit,
} from '../features/timeline/actions.js';
import { shuttle } from '../features/timeline/transport.js';
import { timelineView } from '../features/timeline/viewStore.js';
import type { Command } from './command.js';

export const TIMELINE_COMMANDS: Command[] = [
  { id: 'playback.backward', label: { id: 'Putar mundur (tekan lagi: lebih cepat)', en: 'Play backwards (again: faster)' }, keys: ['J'], run: () => shuttle(-1) },
  { id: 'playback.stop', label: { id: 'Berhenti', en: 'Stop' }, keys: ['K'], run: () => shuttle(0) },
  { id: 'playback.forward', label: { id: 'Putar maju (tekan lagi: lebih cepat)', en: 'Play forwards (again: faster)' }, keys: ['L'], run: () => shuttle(1) },
  { id: 'clip.in', label: { id: 'Titik awal klip di playhead', en: 'Clip in point at the playhead' }, keys: ['I'], run: () => setPointAtPlayhead('in') },
  { id: 'clip.out', label: { id: 'Titik akhir klip di playhead', en: 'Clip out point at the playhead' }, keys: ['O'], run: () => setPointAtPlayhead('out') },
  { id: 'playhead.start', label: { id: 'Ke awal video', en: 'To the start' }, keys: ['Home'], run: goToStart },
  { id: 'playhead.end', label: { id: 'Ke akhir video', en: 'To the end' }, keys: ['End'], run: goToEnd },
  { id: 'zoom.in', label: { id: 'Perbesar timeline', en: 'Zoom in' }, keys: ['+', '='], run: () => zoomBy(1.5) },
  { id: 'zoom.out', label: { id: 'Perkecil timeline', en: 'Zoom out' }, keys: ['-'], run: () => zoomBy(1 / 1.5) },
  { id: 'zoom.fit', label: { id: 'Tampilkan seluruh video', en: 'Fit the whole video' }, keys: ['Shift+Z'], run: zoomToFit },
  { id: 'edit.split', label: { id: 'Potong di playhead', en: 'Split at the playhead' }, keys: ['S'], run: splitAtPlayhead },
  { id: 'edit.rippleDelete', label: { id: 'Hapus dan rapatkan', en: 'Delete and close the gap' }, keys: ['Delete', 'Backspace'], run: () => deleteSelection({ ripple: true }) },
  { id: 'edit.lift', label: { id: 'Angkat (sisakan jeda)', en: 'Lift (leave a gap)' }, keys: ['Shift+Delete', 'Shift+Backspace'], run: () => deleteSelection({ ripple: false }) },
  { id: 'edit.copy', label: { id: 'Salin teks bawah', en: 'Copy lower thirds' }, keys: ['Ctrl+C'], run: copySelection, when: () => timelineView.get().selection.kind === 'overlay' && timelineView.get().selection.ids.length > 0 },
  { id: 'edit.paste', label: { id: 'Tempel teks bawah di playhead', en: 'Paste lower thirds at the playhead' }, keys: ['Ctrl+V'], run: pasteAtPlayhead, when: () => timelineView.get().clipboard !== undefined },
  { id: 'marker.add', label: { id: 'Penanda di playhead (dengan catatan)', en: 'Marker at the playhead (with a note)' }, keys: ['M'], run: startMarker },
  { id: 'project.save', label: { id: 'Simpan proyek', en: 'Save the project' }, keys: ['Ctrl+S'], run: () => void saveProjectWithDialog(false) },
  { id: 'export.start', label: { id: 'Ekspor', en: 'Export' }, keys: ['Ctrl+E'], run: () => void startExport() },
  {
    id: 'view.escape',
    label: { id: 'Tutup daftar / batalkan pilihan', en: 'Close the sheet / clear the selection' },
    keys: ['Escape'],
    run: () => timelineView.set((state) => (state.shortcutsOpen ? { shortcutsOpen: false } : { selection: { kind: state.selection.kind, ids: [] } })),
  },
  {
    id: 'help.shortcuts',
    label: { id: 'Daftar pintasan keyboard', en: 'Keyboard shortcuts' },
    keys: ['?'],
    run: () => timelineView.set((state) => ({ shortcutsOpen: !state.shortcutsOpen })),
  },
];
