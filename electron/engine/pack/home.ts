/**
 * Where a user's packs and trust list live: `KLIPKOTA_HOME` when set, else the
 * OS user-data folder (the same folder Electron's app.getPath('userData') gives
 * for "KlipKota"), so the CLI and the app share one library.
 */
import os from 'node:os';
import path from 'node:path';
import { resolveHome } from '../settings/settings.js';

export const APP_FOLDER = 'KlipKota';
export const PACKS_FOLDER = 'packs';
export const TRUST_FILE = 'trust.json';

/** The OS user-data folder for KlipKota (Windows %APPDATA%, macOS Application Support, Linux XDG config). */
export function userDataDir(options: { env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform; homedir?: string } = {}): string {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const home = options.homedir ?? os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA && env.APPDATA !== '' ? env.APPDATA : path.join(home, 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER);
  return path.join(env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME !== '' ? env.XDG_CONFIG_HOME : path.join(home, '.config'), APP_FOLDER);
}

export function klipkotaHome(options: { env?: NodeJS.ProcessEnv } = {}): string {
  return resolveHome({ env: options.env, userData: userDataDir({ env: options.env }) });
}

/** `<home>/packs`: the user's pack library. */
export function packLibraryDir(options: { env?: NodeJS.ProcessEnv } = {}): string {
  return path.join(klipkotaHome(options), PACKS_FOLDER);
}

/** `<home>/trust.json`: the issuers this user trusts. */
export function trustFilePath(options: { env?: NodeJS.ProcessEnv } = {}): string {
  return path.join(klipkotaHome(options), TRUST_FILE);
}
