/** The Settings screen's words, Bahasa Indonesia first; merged into i18n.ts's table. */
export const SETTINGS_TEXT = {
  'settings.open': { id: 'Pengaturan', en: 'Settings' },
  'settings.title': { id: 'Pengaturan', en: 'Settings' },
  'settings.close': { id: 'Tutup', en: 'Close' },
  'settings.whisperTitle': { id: 'Model teks otomatis', en: 'Auto-caption model' },
  'settings.whisperHint': {
    id: 'Berkas model whisper.cpp (ggml) untuk "Buat teks otomatis", tanpa internet. Disarankan ggml-small.bin atau lebih besar untuk bahasa Indonesia; salin dari flashdisk atau folder bersama kantor.',
    en: 'The whisper.cpp (ggml) model file for "Make auto-captions", offline. ggml-small.bin or larger is recommended for Indonesian; copy it from the office USB stick or shared folder.',
  },
  'settings.whisperNone': { id: 'Belum dipilih', en: 'Not chosen yet' },
  'settings.whisperPick': { id: 'Pilih berkas model…', en: 'Choose model file…' },
  'settings.whisperUse': { id: 'Pakai', en: 'Use' },
  'settings.whisperPlaceholder': { id: 'D:\\Model\\ggml-small.bin', en: 'D:\\Models\\ggml-small.bin' },
  'settings.whisperClear': { id: 'Lepas model', en: 'Remove model' },
  'settings.whisperChecking': { id: 'Memeriksa berkas model (sekali saja untuk berkas besar)…', en: 'Checking the model file (once for a large file)…' },
  'settings.whisperVerified': { id: 'Siap: {name}, cocok dengan checksum resmi whisper.cpp.', en: 'Ready: {name}, matches whisper.cpp\'s official checksum.' },
  'settings.whisperUsable': { id: 'Dapat dipakai: model {name}.', en: 'Usable: model {name}.' },
  'settings.whisperFromEnv': { id: 'Dipakai dari variabel KLIPKOTA_WHISPER_MODEL (menggantikan pilihan di sini).', en: 'Used from the KLIPKOTA_WHISPER_MODEL variable (it overrides the choice here).' },
} as const;
