/**
 * The app menu in Bahasa Indonesia or English. Items that act on the editor
 * send a `menu.action` event to the renderer; the rest use Electron roles.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { Language } from '../../core/errors.js';

type MenuAction = 'project.new' | 'project.open' | 'project.save' | 'project.saveAs' | 'media.import' | 'export.start' | 'settings.open';

const LABELS = {
  id: {
    file: 'Berkas',
    'project.new': 'Proyek Baru',
    'project.open': 'Buka Proyek…',
    'project.save': 'Simpan',
    'project.saveAs': 'Simpan Sebagai…',
    'media.import': 'Impor Klip…',
    'export.start': 'Ekspor…',
    'settings.open': 'Pengaturan…',
    chooseFfmpeg: 'Pilih FFmpeg…',
    quit: 'Keluar',
    edit: 'Sunting',
    undo: 'Urungkan',
    redo: 'Ulangi',
    cut: 'Potong',
    copy: 'Salin',
    paste: 'Tempel',
    selectAll: 'Pilih Semua',
    view: 'Tampilan',
    reload: 'Muat Ulang',
    zoomIn: 'Perbesar',
    zoomOut: 'Perkecil',
    resetZoom: 'Ukuran Asli',
    fullscreen: 'Layar Penuh',
    devTools: 'Alat Pengembang',
    help: 'Bantuan',
    language: 'Bahasa',
  },
  en: {
    file: 'File',
    'project.new': 'New Project',
    'project.open': 'Open Project…',
    'project.save': 'Save',
    'project.saveAs': 'Save As…',
    'media.import': 'Import Clips…',
    'export.start': 'Export…',
    'settings.open': 'Settings…',
    chooseFfmpeg: 'Choose FFmpeg…',
    quit: 'Quit',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    view: 'View',
    reload: 'Reload',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    resetZoom: 'Actual Size',
    fullscreen: 'Full Screen',
    devTools: 'Developer Tools',
    help: 'Help',
    language: 'Language',
  },
} as const;

export function menuLabels(language: Language) {
  return LABELS[language];
}

/** The menu template (pure, so tests can read it). */
export function buildMenuTemplate(options: {
  language: Language;
  onAction: (action: MenuAction) => void;
  onLanguage: (language: Language) => void;
  /** the main process's own dialog for another FFmpeg (the renderer cannot name an executable) */
  onChooseFfmpeg?: () => void;
  isDev?: boolean;
}): MenuItemConstructorOptions[] {
  const t = LABELS[options.language];
  const action = (name: MenuAction, accelerator?: string): MenuItemConstructorOptions => ({
    label: t[name],
    ...(accelerator ? { accelerator } : {}),
    click: () => options.onAction(name),
  });
  return [
    {
      label: t.file,
      submenu: [
        action('project.new', 'CmdOrCtrl+N'),
        action('project.open', 'CmdOrCtrl+O'),
        action('project.save', 'CmdOrCtrl+S'),
        action('project.saveAs', 'CmdOrCtrl+Shift+S'),
        { type: 'separator' },
        action('media.import', 'CmdOrCtrl+I'),
        action('export.start', 'CmdOrCtrl+E'),
        { type: 'separator' },
        action('settings.open', 'CmdOrCtrl+,'),
        ...(options.onChooseFfmpeg ? [{ label: t.chooseFfmpeg, click: options.onChooseFfmpeg }] : []),
        { type: 'separator' },
        { role: 'quit', label: t.quit },
      ],
    },
    {
      label: t.edit,
      submenu: [
        { role: 'undo', label: t.undo },
        { role: 'redo', label: t.redo },
        { type: 'separator' },
        { role: 'cut', label: t.cut },
        { role: 'copy', label: t.copy },
        { role: 'paste', label: t.paste },
        { role: 'selectAll', label: t.selectAll },
      ],
    },
    {
      label: t.view,
      submenu: [
        { role: 'zoomIn', label: t.zoomIn },
        { role: 'zoomOut', label: t.zoomOut },
        { role: 'resetZoom', label: t.resetZoom },
        { type: 'separator' },
        { role: 'togglefullscreen', label: t.fullscreen },
        ...(options.isDev ? ([{ role: 'reload', label: t.reload }, { role: 'toggleDevTools', label: t.devTools }] as MenuItemConstructorOptions[]) : []),
      ],
    },
    {
      label: t.language,
      submenu: [
        { label: 'Bahasa Indonesia', type: 'radio', checked: options.language === 'id', click: () => options.onLanguage('id') },
        { label: 'English', type: 'radio', checked: options.language === 'en', click: () => options.onLanguage('en') },
      ],
    },
  ];
}
