/**
 * App settings (FFmpeg path override, default output folder, language, export
 * defaults), checked with the contract's zod schema and kept in
 * `<home>/settings.json`. A missing file gives the defaults; a corrupt one is
 * kept beside it as `.bak` (never lost) and the defaults are used.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { SettingsSchema, type Settings, type SettingsPatch } from '../../../core/api/contract.js';
import { readJsonFile, writeFileAtomic } from '../files/atomic.js';

export const SETTINGS_FILE = 'settings.json';

export function defaultSettings(): Settings {
  return SettingsSchema.parse({});
}

/** `KLIPKOTA_HOME` when set (tests, portable installs), else the platform's user-data folder. */
export function resolveHome(options: { env?: NodeJS.ProcessEnv; userData: string }): string {
  const override = (options.env ?? process.env).KLIPKOTA_HOME;
  return path.resolve(override && override.trim() !== '' ? override : options.userData);
}

async function firstFreeBackupName(file: string): Promise<string> {
  for (let n = 0; ; n += 1) {
    const candidate = n === 0 ? `${file}.bak` : `${file}.${n}.bak`;
    try {
      await fs.access(candidate);
    } catch {
      return candidate;
    }
  }
}

export interface LoadedSettings {
  settings: Settings;
  /** where a corrupt file was moved to, if it was */
  recoveredFrom?: string;
}

export async function loadSettings(options: { home: string }): Promise<LoadedSettings> {
  const file = path.join(options.home, SETTINGS_FILE);
  const read = await readJsonFile(file);
  if (!read.found) return { settings: defaultSettings() };
  const parsed = read.parseError === undefined ? SettingsSchema.safeParse(read.value) : undefined;
  if (parsed?.success) return { settings: parsed.data };
  const backup = await firstFreeBackupName(file);
  await fs.rename(file, backup);
  return { settings: defaultSettings(), recoveredFrom: backup };
}

export async function saveSettings(options: { home: string; settings: Settings }): Promise<Settings> {
  const settings = SettingsSchema.parse(options.settings);
  await writeFileAtomic({ path: path.join(options.home, SETTINGS_FILE), data: `${JSON.stringify(settings, null, 2)}\n` });
  return settings;
}

/** What the engine may change: the renderer's patch plus the binaries (set only by the main process, see ffmpeg-choice.ts). */
export type EngineSettingsPatch = SettingsPatch & { ffmpegPath?: string | null; ffprobePath?: string | null };

export function applySettingsPatch(settings: Settings, patch: EngineSettingsPatch): Settings {
  const { exportDefaults, ...rest } = patch;
  const defined = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
  return SettingsSchema.parse({
    ...settings,
    ...defined,
    exportDefaults: {
      ...settings.exportDefaults,
      ...Object.fromEntries(Object.entries(exportDefaults ?? {}).filter(([, value]) => value !== undefined)),
    },
  });
}

/** Read, patch and write back, atomically. */
export async function updateSettings(options: { home: string; patch: EngineSettingsPatch }): Promise<Settings> {
  const { settings } = await loadSettings({ home: options.home });
  return saveSettings({ home: options.home, settings: applySettingsPatch(settings, options.patch) });
}
