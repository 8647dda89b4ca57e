/**
 * Every command the editor's keyboard (and later its menus) can run: an id,
 * its label in Bahasa Indonesia and English, its keys and its action. The
 * shortcuts and the shortcuts sheet (?) are both read from this one table.
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
  stepFrames,
  stepSeconds,
  zoomBy,
  zoomToFit,
} from '../features/timeline/actions.js';
import { redoEdit, undoEdit } from '../features/timeline/link.js';
import { shuttle, togglePlay } from '../features/timeline/transport.js';
import { timelineView } from '../features/timeline/viewStore.js';

export interface Command {
  id: string;
  label: { id: string; en: string };
  /** combinations as `Ctrl+Shift+Z`, `Space`, `ArrowLeft`, `?`; the first is shown in the sheet */
  keys: string[];
  run: () => void;
}

export const COMMANDS: Command[] = [
  { id: 'playback.toggle', label: { id: 'Putar / jeda', en: 'Play / pause' }, keys: ['Space'], run: togglePlay },
  { id: 'playback.backward', label: { id: 'Putar mundur (tekan lagi: lebih cepat)', en: 'Play backwards (again: faster)' }, keys: ['J'], run: () => shuttle(-1) },
  { id: 'playback.stop', label: { id: 'Berhenti', en: 'Stop' }, keys: ['K'], run: () => shuttle(0) },
  { id: 'playback.forward', label: { id: 'Putar maju (tekan lagi: lebih cepat)', en: 'Play forwards (again: faster)' }, keys: ['L'], run: () => shuttle(1) },
  { id: 'clip.in', label: { id: 'Titik awal klip di playhead', en: 'Clip in point at the playhead' }, keys: ['I'], run: () => setPointAtPlayhead('in') },
  { id: 'clip.out', label: { id: 'Titik akhir klip di playhead', en: 'Clip out point at the playhead' }, keys: ['O'], run: () => setPointAtPlayhead('out') },
  { id: 'playhead.previousFrame', label: { id: 'Mundur satu frame', en: 'One frame back' }, keys: ['ArrowLeft'], run: () => stepFrames(-1) },
  { id: 'playhead.nextFrame', label: { id: 'Maju satu frame', en: 'One frame forward' }, keys: ['ArrowRight'], run: () => stepFrames(1) },
  { id: 'playhead.previousSecond', label: { id: 'Mundur satu detik', en: 'One second back' }, keys: ['Shift+ArrowLeft'], run: () => stepSeconds(-1) },
  { id: 'playhead.nextSecond', label: { id: 'Maju satu detik', en: 'One second forward' }, keys: ['Shift+ArrowRight'], run: () => stepSeconds(1) },
  { id: 'playhead.start', label: { id: 'Ke awal video', en: 'To the start' }, keys: ['Home'], run: goToStart },
  { id: 'playhead.end', label: { id: 'Ke akhir video', en: 'To the end' }, keys: ['End'], run: goToEnd },
  { id: 'zoom.in', label: { id: 'Perbesar timeline', en: 'Zoom in' }, keys: ['+', '='], run: () => zoomBy(1.5) },
  { id: 'zoom.out', label: { id: 'Perkecil timeline', en: 'Zoom out' }, keys: ['-'], run: () => zoomBy(1 / 1.5) },
  { id: 'zoom.fit', label: { id: 'Tampilkan seluruh video', en: 'Fit the whole video' }, keys: ['Shift+Z'], run: zoomToFit },
  { id: 'edit.split', label: { id: 'Potong di playhead', en: 'Split at the playhead' }, keys: ['S'], run: splitAtPlayhead },
  { id: 'edit.rippleDelete', label: { id: 'Hapus dan rapatkan', en: 'Delete and close the gap' }, keys: ['Delete', 'Backspace'], run: () => deleteSelection({ ripple: true }) },
  { id: 'edit.lift', label: { id: 'Angkat (sisakan jeda)', en: 'Lift (leave a gap)' }, keys: ['Shift+Delete', 'Shift+Backspace'], run: () => deleteSelection({ ripple: false }) },
  { id: 'edit.copy', label: { id: 'Salin teks bawah', en: 'Copy lower thirds' }, keys: ['Ctrl+C'], run: copySelection },
  { id: 'edit.paste', label: { id: 'Tempel teks bawah di playhead', en: 'Paste lower thirds at the playhead' }, keys: ['Ctrl+V'], run: pasteAtPlayhead },
  { id: 'edit.undo', label: { id: 'Urungkan', en: 'Undo' }, keys: ['Ctrl+Z'], run: undoEdit },
  { id: 'edit.redo', label: { id: 'Ulangi', en: 'Redo' }, keys: ['Ctrl+Shift+Z', 'Ctrl+Y'], run: redoEdit },
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
