/** Numbers as an admin reads them: durations, file sizes, time left. */
import type { Language } from './i18n.js';

/** 75.4 -> "1:15", 3725 -> "1:02:05" */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

/** 1536 -> "1,5 KB" (id) or "1.5 KB" (en) */
export function formatBytes(bytes: number, language: Language): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  const locale = language === 'id' ? 'id-ID' : 'en-GB';
  return `${value.toLocaleString(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${units[unit]}`;
}

/** seconds left -> "12 dtk" / "3 mnt 5 dtk" (id), "12 s" / "3 min 5 s" (en) */
export function formatEta(seconds: number, language: Language): string {
  const total = Math.max(0, Math.round(seconds));
  const m = Math.floor(total / 60);
  const s = total % 60;
  const [min, sec] = language === 'id' ? ['mnt', 'dtk'] : ['min', 's'];
  return m > 0 ? `${m} ${min} ${s} ${sec}` : `${s} ${sec}`;
}

/** the last part of a path, for either separator */
export function baseName(filePath: string): string {
  const parts = filePath.split(/[\\/]/);
  return parts[parts.length - 1] || filePath;
}

/** the folder part of a path, for either separator */
export function dirName(filePath: string): string {
  const index = Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\'));
  return index > 0 ? filePath.slice(0, index) : filePath;
}
