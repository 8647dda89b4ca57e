/**
 * The timeline's and the shortcuts' words, Bahasa Indonesia first, English
 * second: a catalogue beside the app's (renderer/src/i18n.ts), so features can
 * add words without touching each other's lines.
 */
import { useLanguage, type Language } from '../../i18n.js';

const TEXTS = {
  'timeline.title': { id: 'Timeline', en: 'Timeline' },
  'timeline.empty': { id: 'Impor klip untuk mulai menyusun video.', en: 'Import clips to start building the video.' },
  'timeline.video': { id: 'Video', en: 'Video' },
  'timeline.overlay': { id: 'Teks', en: 'Titles' },
  'timeline.music': { id: 'Musik', en: 'Music' },
  'timeline.captions': { id: 'Subtitle', en: 'Captions' },
  'timeline.captionLabel': { id: 'Subtitle "{text}" di {start}', en: 'Caption "{text}" at {start}' },
  'timeline.intro': { id: 'Intro', en: 'Intro' },
  'timeline.outro': { id: 'Outro', en: 'Outro' },
  'timeline.gap': { id: 'Jeda', en: 'Gap' },
  'timeline.zoom': { id: 'Perbesaran timeline', en: 'Timeline zoom' },
  'timeline.fit': { id: 'Pas layar', en: 'Fit' },
  'timeline.fitLabel': { id: 'Tampilkan seluruh video', en: 'Show the whole video' },
  'timeline.playhead': { id: 'Posisi garis putar', en: 'Playhead position' },
  'timeline.play': { id: 'Putar', en: 'Play' },
  'timeline.pause': { id: 'Jeda', en: 'Pause' },
  'timeline.snapOn': { id: 'Magnet aktif (tahan Alt untuk mematikan)', en: 'Snapping on (hold Alt to turn it off)' },
  'timeline.snapOff': { id: 'Magnet mati', en: 'Snapping off' },
  'timeline.trimStart': { id: 'Potong awal {name}', en: 'Trim the start of {name}' },
  'timeline.trimEnd': { id: 'Potong akhir {name}', en: 'Trim the end of {name}' },
  'timeline.clipLabel': { id: 'Klip {name}, {seconds}', en: 'Clip {name}, {seconds}' },
  'timeline.overlayLabel': { id: 'Teks {name}, {seconds}', en: 'Title {name}, {seconds}' },
  'timeline.musicLabel': { id: 'Musik {name}', en: 'Music {name}' },
  'timeline.marker': { id: 'Penanda: {note}', en: 'Marker: {note}' },
  'timeline.markerNote': { id: 'Catatan penanda', en: 'Marker note' },
  'timeline.markerSave': { id: 'Simpan', en: 'Save' },
  'timeline.markerCancel': { id: 'Batal', en: 'Cancel' },
  'timeline.selected': { id: '{count} dipilih', en: '{count} selected' },
  'timeline.clips': { id: '{count} klip', en: '{count} clips' },
  'timeline.collapse': { id: 'Sembunyikan timeline', en: 'Hide the timeline' },
  'timeline.expand': { id: 'Tampilkan timeline', en: 'Show the timeline' },
  'timeline.shortcuts': { id: 'Pintasan keyboard', en: 'Keyboard shortcuts' },
  'timeline.shortcutsClose': { id: 'Tutup', en: 'Close' },
  'timeline.shortcutsKeys': { id: 'Tombol', en: 'Keys' },
  'timeline.shortcutsAction': { id: 'Perintah', en: 'Command' },
  'timeline.noSourceLength': {
    id: 'Panjang berkas {name} belum diketahui, jadi klip belum bisa dipotong. Tunggu sampai berkasnya selesai dibaca, lalu coba lagi.',
    en: 'The length of {name} is not known yet, so the clip cannot be trimmed. Wait until the file has been read, then try again.',
  },
} satisfies Record<string, { id: string; en: string }>;

export type TimelineTextKey = keyof typeof TEXTS;
export type TimelineTranslate = (key: TimelineTextKey, values?: Record<string, string | number>) => string;

export function timelineText(language: Language, key: TimelineTextKey, values?: Record<string, string | number>): string {
  const text = TEXTS[key][language];
  if (!values) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

export function useTimelineT(): TimelineTranslate {
  const language = useLanguage();
  return (key, values) => timelineText(language, key, values);
}
