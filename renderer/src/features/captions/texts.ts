/**
 * The captions panel's words, Bahasa Indonesia first, English second: a
 * catalogue beside the app's (renderer/src/i18n.ts), as the timeline keeps its own.
 */
import { useLanguage, type Language } from '../../i18n.js';

const TEXTS = {
  'captions.title': { id: 'Subtitle', en: 'Captions' },
  'captions.tab': { id: 'Subtitle ({count})', en: 'Captions ({count})' },
  'captions.none': { id: 'Belum ada subtitle. Impor berkas .srt atau .vtt, atau tambah di posisi garis putar.', en: 'No captions yet. Import an .srt or .vtt file, or add one at the playhead.' },
  'captions.noProject': { id: 'Buat atau buka proyek dulu.', en: 'Create or open a project first.' },
  'captions.list': { id: 'Daftar subtitle', en: 'Caption list' },
  'captions.import': { id: 'Impor .srt/.vtt…', en: 'Import .srt/.vtt…' },
  'captions.paths': { id: 'Ketik lokasi berkas (impor / simpan .srt)', en: 'Type a file path (import / save .srt)' },
  'captions.importPath': { id: 'Lokasi berkas subtitle (.srt atau .vtt)', en: 'Subtitle file path (.srt or .vtt)' },
  'captions.importAction': { id: 'Impor', en: 'Import' },
  'captions.importReplace': {
    id: 'Mengimpor akan mengganti {count} subtitle yang ada. Lanjutkan? (Bisa dibatalkan dengan Ctrl+Z.)',
    en: 'Importing replaces the {count} captions there are now. Go on? (Ctrl+Z undoes it.)',
  },
  'captions.imported': { id: '{count} subtitle diimpor dari {name}.', en: '{count} captions imported from {name}.' },
  'captions.notSubtitle': { id: '{name} bukan berkas .srt atau .vtt. Pilih berkas subtitle.', en: '{name} is not an .srt or .vtt file. Choose a subtitle file.' },
  'captions.noPath': {
    id: 'Lokasi berkas {name} tidak bisa dibaca di sini. Ketik lokasinya di kolom di bawah.',
    en: 'The location of {name} cannot be read here. Type its path in the field below.',
  },
  'captions.export': { id: 'Simpan .srt', en: 'Save .srt' },
  'captions.exportPath': { id: 'Simpan subtitle ke berkas (.srt)', en: 'Save the captions to a file (.srt)' },
  'captions.exportAction': { id: 'Simpan', en: 'Save' },
  'captions.exported': { id: '{count} subtitle disimpan ke {path}.', en: '{count} captions saved to {path}.' },
  'captions.exportEmpty': { id: 'Belum ada subtitle untuk disimpan.', en: 'There are no captions to save yet.' },
  'captions.exportNotSrt': { id: 'Nama berkas harus berakhiran .srt, misalnya subtitle.srt.', en: 'The file name must end in .srt, for example captions.srt.' },
  'captions.burnIn': { id: 'Bakar subtitle ke video', en: 'Burn the captions into the video' },
  'captions.burnInOff': {
    id: 'Subtitle tidak masuk ke gambar video (pratinjau menampilkannya samar). Simpan .srt untuk diunggah terpisah.',
    en: 'The captions are not drawn into the video (the preview shows them faded). Save an .srt to upload beside it.',
  },
  'captions.add': { id: '+ Baru', en: '+ New' },
  'captions.addLabel': { id: 'Tambah subtitle di posisi garis putar (2 detik)', en: 'Add a caption at the playhead (2 seconds)' },
  'captions.newText': { id: 'Teks baru', en: 'New caption' },
  'captions.split': { id: 'Potong', en: 'Split' },
  'captions.splitLabel': { id: 'Potong subtitle terpilih di garis putar', en: 'Split the selected caption at the playhead' },
  'captions.merge': { id: 'Gabung', en: 'Merge' },
  'captions.mergeLabel': { id: 'Gabungkan subtitle terpilih dengan sesudahnya', en: 'Merge the selected caption with the next one' },
  'captions.delete': { id: 'Hapus', en: 'Delete' },
  'captions.deleteLabel': { id: 'Hapus subtitle terpilih', en: 'Delete the selected caption' },
  'captions.nudge': { id: 'Geser waktu', en: 'Nudge timing' },
  'captions.edge': { id: 'Bagian yang digeser', en: 'What to move' },
  'captions.edgeBoth': { id: 'Seluruhnya', en: 'Whole caption' },
  'captions.edgeStart': { id: 'Awal', en: 'Start' },
  'captions.edgeEnd': { id: 'Akhir', en: 'End' },
  'captions.nudgeBy': { id: 'Geser {amount}', en: 'Nudge by {amount}' },
  'captions.shiftAll': { id: 'Geser semua (detik)', en: 'Shift all (seconds)' },
  'captions.shiftAllAction': { id: 'Geser semua', en: 'Shift all' },
  'captions.shiftInvalid': { id: 'Tulis angka detik, misalnya 0,5 atau -1,2.', en: 'Type a number of seconds, for example 0.5 or -1.2.' },
  'captions.noSelection': { id: 'Pilih subtitle di daftar dulu.', en: 'Select a caption in the list first.' },
  'captions.splitOutside': {
    id: 'Garis putar tidak berada di dalam subtitle terpilih. Pindahkan garis putar ke tengah subtitle itu, lalu potong.',
    en: 'The playhead is not inside the selected caption. Move the playhead into that caption, then split.',
  },
  'captions.rowLabel': { id: 'Subtitle {index}, {start} sampai {end}', en: 'Caption {index}, {start} to {end}' },
  'captions.textLabel': { id: 'Teks subtitle {index}', en: 'Text of caption {index}' },
  'captions.count': { id: '{count}/{limit} huruf', en: '{count}/{limit} characters' },
  'captions.tooLong': { id: 'Terlalu panjang: paling banyak {limit} huruf. Potong menjadi dua subtitle.', en: 'Too long: at most {limit} characters. Split it into two captions.' },
  'captions.afterEnd': { id: 'Sesudah akhir video: tidak tampil', en: 'After the end of the video: not shown' },
  'captions.auto': { id: 'Buat teks otomatis', en: 'Auto captions' },
  'captions.autoLabel': {
    id: 'Buat subtitle dari ucapan klip terpilih (atau klip di garis putar), tanpa internet',
    en: 'Make captions from the speech of the selected clip (or the clip at the playhead), offline',
  },
  'captions.autoStarting': { id: 'Memeriksa model…', en: 'Checking the model…' },
  'captions.autoStage.model': { id: 'Memeriksa model', en: 'Checking the model' },
  'captions.autoStage.audio': { id: 'Mengambil suara', en: 'Reading the sound' },
  'captions.autoStage.loading': { id: 'Memuat model', en: 'Loading the model' },
  'captions.autoStage.speech': { id: 'Mendengarkan ucapan', en: 'Listening to the speech' },
  'captions.autoStageOf': { id: '{stage} · {clip}', en: '{stage} · {clip}' },
  'captions.autoProgressLabel': { id: 'Kemajuan teks otomatis untuk {clip}', en: 'Auto-caption progress for {clip}' },
  'captions.autoCancel': { id: 'Batal', en: 'Cancel' },
  'captions.autoCancelLabel': { id: 'Hentikan teks otomatis (subtitle yang ada tidak berubah)', en: 'Stop the auto-captions (the captions there are stay as they are)' },
  'captions.autoDone': {
    id: '{count} subtitle otomatis dibuat dari {name}. Periksa ejaannya; Ctrl+Z membatalkan.',
    en: '{count} auto-captions made from {name}. Check the spelling; Ctrl+Z undoes it.',
  },
  'captions.autoNone': { id: 'Tidak ada ucapan yang terdengar di {name}. Subtitle yang ada tidak berubah.', en: 'No speech was heard in {name}. The captions there are did not change.' },
  'captions.autoCancelled': { id: 'Teks otomatis untuk {name} dihentikan. Subtitle tidak berubah.', en: 'Auto-captions for {name} stopped. The captions did not change.' },
  'captions.autoClipGone': {
    id: 'Klip {name} sudah tidak ada di timeline proyek ini, jadi teks otomatisnya tidak dipasang. Buat lagi untuk klip yang ada.',
    en: 'The clip {name} is no longer on this project\'s timeline, so its auto-captions were not added. Make them again for a clip that is there.',
  },
  'captions.autoNoClip': { id: 'Belum ada klip di timeline. Impor klip dulu, lalu buat teks otomatis.', en: 'There is no clip on the timeline yet. Import a clip first, then make auto-captions.' },
} satisfies Record<string, { id: string; en: string }>;

export type CaptionsTextKey = keyof typeof TEXTS;
export type CaptionsTranslate = (key: CaptionsTextKey, values?: Record<string, string | number>) => string;

export function captionsText(language: Language, key: CaptionsTextKey, values?: Record<string, string | number>): string {
  const text = TEXTS[key][language];
  if (!values) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

export function useCaptionsT(): CaptionsTranslate {
  const language = useLanguage();
  return (key, values) => captionsText(language, key, values);
}
