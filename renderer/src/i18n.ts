/**
 * The UI's words, Bahasa Indonesia first with English beside it. `useT()` gives a
 * translate function for the chosen language; `{name}` placeholders are filled
 * from the second argument. Error texts come from the engine already translated.
 */
import { QUEUE_TEXT } from './i18n-queue.js';
import { EDITOR_TEXT } from './i18n-editor.js';
import { SETTINGS_TEXT } from './i18n-settings.js';
import { createStore, useStore } from './store.js';

export type Language = 'id' | 'en';

const TABLE = {
  'app.tagline': { id: 'Video pendek untuk admin media sosial Pemkot Malang', en: 'Short videos for the Malang city social-media admins' },
  'app.language': { id: 'English', en: 'Bahasa Indonesia' },
  'app.languageLabel': { id: 'Ganti bahasa', en: 'Change language' },
  'app.harness': { id: 'Mode peramban (uji)', en: 'Browser mode (testing)' },

  'project.title': { id: 'Proyek', en: 'Project' },
  'project.none': { id: 'Belum ada proyek. Buat proyek baru atau buka yang sudah ada.', en: 'No project yet. Create a new one or open an existing one.' },
  'project.new': { id: 'Proyek baru', en: 'New project' },
  'project.open': { id: 'Buka proyek…', en: 'Open project…' },
  'project.save': { id: 'Simpan', en: 'Save' },
  'project.saveAs': { id: 'Simpan sebagai…', en: 'Save as…' },
  'project.name': { id: 'Nama proyek', en: 'Project name' },
  'project.defaultName': { id: 'Video baru', en: 'New video' },
  'project.unsaved': { id: 'Belum disimpan', en: 'Not saved yet' },
  'project.saved': { id: 'Tersimpan', en: 'Saved' },
  'project.changed': { id: 'Ada perubahan', en: 'Unsaved changes' },
  'project.pathLabel': { id: 'Buka berkas proyek (.klipkota.json)', en: 'Open a project file (.klipkota.json)' },
  'project.savePathLabel': { id: 'Simpan ke berkas (.klipkota.json)', en: 'Save to a file (.klipkota.json)' },

  'recovery.title': { id: 'Ada suntingan yang belum disimpan', en: 'There is an unsaved edit' },
  'recovery.text': {
    id: 'KlipKota tidak ditutup dengan benar. Suntingan "{name}" dari {time} bisa dipulihkan.',
    en: 'KlipKota did not close properly. The edit of "{name}" from {time} can be restored.',
  },
  'recovery.paused': {
    id: 'Suntingan baru belum dicadangkan otomatis sampai Anda memilih Pulihkan atau Buang.',
    en: 'New edits are not backed up automatically until you choose Restore or Discard.',
  },
  'recovery.restore': { id: 'Pulihkan', en: 'Restore' },
  'recovery.discard': { id: 'Buang', en: 'Discard' },

  'media.title': { id: 'Klip', en: 'Clips' },
  'media.import': { id: 'Impor klip…', en: 'Import clips…' },
  'media.pathLabel': { id: 'Lokasi berkas video', en: 'Video file path' },
  'media.pathPlaceholder': { id: '/home/admin/Video/klip.mp4', en: '/home/admin/Videos/clip.mp4' },
  'media.add': { id: 'Tambah', en: 'Add' },
  'media.drop': { id: 'Tarik dan lepas video di sini', en: 'Drag and drop videos here' },
  'media.dropHint': { id: 'MP4, MOV, MKV dari ponsel atau kamera', en: 'MP4, MOV, MKV from a phone or camera' },
  'media.empty': { id: 'Belum ada klip.', en: 'No clips yet.' },
  'media.probing': { id: 'Membaca {name}…', en: 'Reading {name}…' },
  'media.noAudio': { id: 'tanpa suara', en: 'no sound' },
  'media.previewLabel': { id: 'Putar {name}', en: 'Play {name}' },
  'media.closePreview': { id: 'Tutup pratinjau', en: 'Close preview' },
  'media.remove': { id: 'Hapus', en: 'Remove' },
  'media.moveEarlier': { id: 'Pindah lebih awal', en: 'Move earlier' },
  'media.moveLater': { id: 'Pindah lebih akhir', en: 'Move later' },
  'media.moveEarlierLabel': { id: 'Pindahkan {name} lebih awal di video', en: 'Move {name} earlier in the video' },
  'media.moveLaterLabel': { id: 'Pindahkan {name} lebih akhir di video', en: 'Move {name} later in the video' },
  'media.removeLabel': { id: 'Hapus {name} dari proyek', en: 'Remove {name} from the project' },
  'media.notVideo': { id: '{name} tidak berisi gambar video, jadi tidak ditambahkan.', en: '{name} has no video picture, so it was not added.' },
  'media.missing': { id: 'Berkas tidak ditemukan', en: 'File not found' },
  'media.total': { id: '{count} klip · total {duration}', en: '{count} clips · {duration} in total' },
  'media.totalOne': { id: '1 klip · total {duration}', en: '1 clip · {duration} in total' },

  'export.title': { id: 'Ekspor', en: 'Export' },
  'export.presets': { id: 'Format tujuan', en: 'Target formats' },
  'export.folder': { id: 'Folder hasil', en: 'Output folder' },
  'export.folderPick': { id: 'Pilih folder…', en: 'Choose folder…' },
  'export.folderSet': { id: 'Pakai', en: 'Use' },
  'export.folderPlaceholder': { id: '/home/admin/Video/Ekspor', en: '/home/admin/Videos/Exports' },
  'export.folderNone': { id: 'Belum dipilih', en: 'Not chosen yet' },
  'export.start': { id: 'Mulai ekspor', en: 'Start export' },
  'export.needClips': { id: 'Tambahkan minimal satu klip dulu.', en: 'Add at least one clip first.' },
  'export.needPreset': { id: 'Pilih minimal satu format.', en: 'Choose at least one format.' },
  'export.needFolder': { id: 'Pilih folder hasil dulu.', en: 'Choose an output folder first.' },
  'export.jobs': { id: 'Ekspor dari jendela ini', en: 'Exports from this window' },
  'export.queued': { id: 'Menunggu giliran', en: 'Waiting' },
  'export.running': { id: 'Mengekspor', en: 'Exporting' },
  'export.eta': { id: 'sisa {eta}', en: '{eta} left' },
  'export.etaUnknown': { id: 'menghitung sisa waktu…', en: 'estimating time left…' },
  'export.done': { id: 'Selesai', en: 'Done' },
  'export.failed': { id: 'Gagal', en: 'Failed' },
  'export.cancelled': { id: 'Dibatalkan', en: 'Cancelled' },
  'export.cancel': { id: 'Batal', en: 'Cancel' },
  'export.cancelLabel': { id: 'Batalkan ekspor {preset}', en: 'Cancel the {preset} export' },
  'export.openFolder': { id: 'Buka folder', en: 'Open folder' },
  'export.progressLabel': { id: 'Kemajuan ekspor {preset}', en: '{preset} export progress' },

  'error.title': { id: 'Ada masalah', en: 'Something went wrong' },
  'error.dismiss': { id: 'Tutup', en: 'Close' },
  'error.connection': {
    id: 'Tidak bisa terhubung ke mesin KlipKota. Pastikan aplikasi masih berjalan, lalu coba lagi.',
    en: 'Cannot reach the KlipKota engine. Make sure the app is still running, then try again.',
  },
  ...QUEUE_TEXT,
  ...EDITOR_TEXT,
  ...SETTINGS_TEXT,
} satisfies Record<string, { id: string; en: string }>;

export type TextKey = keyof typeof TABLE;

function initialLanguage(): Language {
  try {
    const saved = globalThis.localStorage?.getItem('klipkota.language');
    if (saved === 'id' || saved === 'en') return saved;
  } catch {
    // storage may be unavailable (sandboxed pages)
  }
  return 'id';
}

export const languageStore = createStore({ language: initialLanguage() });

export function setLanguage(language: Language): void {
  languageStore.set({ language });
  document.documentElement.lang = language;
  try {
    globalThis.localStorage?.setItem('klipkota.language', language);
  } catch {
    // not persisted; the choice still holds for this session
  }
}

export function translate(language: Language, key: TextKey, values?: Record<string, string | number>): string {
  const text = TABLE[key][language];
  if (!values) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

export type Translate = (key: TextKey, values?: Record<string, string | number>) => string;

export function useLanguage(): Language {
  return useStore(languageStore, (state) => state.language);
}

export function useT(): Translate {
  const language = useLanguage();
  return (key, values) => translate(language, key, values);
}
