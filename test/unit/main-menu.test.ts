import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate } from '../../electron/main/menu.js';

function labels(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [item.label ?? '', ...(Array.isArray(item.submenu) ? labels(item.submenu) : [])]).filter(Boolean);
}

function find(items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions | undefined {
  for (const item of items) {
    if (item.label === label) return item;
    const inner = Array.isArray(item.submenu) ? find(item.submenu, label) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

describe('app menu', () => {
  it('speaks Indonesian by default and English when asked', () => {
    const id = buildMenuTemplate({ language: 'id', onAction: vi.fn(), onLanguage: vi.fn() });
    expect(labels(id)).toEqual(expect.arrayContaining(['Berkas', 'Buka Proyek…', 'Simpan', 'Impor Klip…', 'Ekspor…', 'Keluar', 'Sunting', 'Bahasa']));
    const en = buildMenuTemplate({ language: 'en', onAction: vi.fn(), onLanguage: vi.fn() });
    expect(labels(en)).toEqual(expect.arrayContaining(['File', 'Open Project…', 'Save', 'Import Clips…', 'Export…', 'Quit', 'Edit', 'Language']));
    expect(labels(en)).not.toContain('Berkas');
  });

  it('sends editor actions to the renderer and switches language', () => {
    const onAction = vi.fn();
    const onLanguage = vi.fn();
    const template = buildMenuTemplate({ language: 'id', onAction, onLanguage });
    (find(template, 'Buka Proyek…')!.click as () => void)();
    expect(onAction).toHaveBeenCalledWith('project.open');
    expect(find(template, 'Simpan')!.accelerator).toBe('CmdOrCtrl+S');
    (find(template, 'English')!.click as () => void)();
    expect(onLanguage).toHaveBeenCalledWith('en');
    expect(find(template, 'Bahasa Indonesia')!.checked).toBe(true);
  });

  it('hides reload and developer tools outside development', () => {
    expect(labels(buildMenuTemplate({ language: 'en', onAction: vi.fn(), onLanguage: vi.fn() }))).not.toContain('Developer Tools');
    expect(labels(buildMenuTemplate({ language: 'en', onAction: vi.fn(), onLanguage: vi.fn(), isDev: true }))).toContain('Developer Tools');
  });
});
