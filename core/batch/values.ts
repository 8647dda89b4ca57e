/**
 * Cell values as office spreadsheets write them: dates in the Indonesian
 * order (17/08/2026), ISO (2026-08-17, what the engine makes of a spreadsheet
 * date cell) or in words (17 Agustus 2026); seconds with a decimal comma.
 */
import type { Language } from '../errors.js';
import { formatDate } from '../model/fields.js';

const MONTHS: Record<string, number> = {
  januari: 1, january: 1, jan: 1,
  februari: 2, february: 2, pebruari: 2, feb: 2, peb: 2,
  maret: 3, march: 3, mar: 3,
  april: 4, apr: 4,
  mei: 5, may: 5,
  juni: 6, june: 6, jun: 6,
  juli: 7, july: 7, jul: 7,
  agustus: 8, august: 8, agu: 8, agt: 8, aug: 8,
  september: 9, sep: 9, sept: 9,
  oktober: 10, october: 10, okt: 10, oct: 10,
  november: 11, nopember: 11, nov: 11, nop: 11,
  desember: 12, december: 12, des: 12, dec: 12,
};

function calendarDate(year: number, month: number, day: number): Date | undefined {
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day, 12));
  // 31/02 rolls over into March: refuse it
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : undefined;
}

function dateOf(text: string): Date | undefined {
  const value = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  if (iso) return calendarDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  // day first, as Indonesia writes it
  const numeric = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (numeric) return calendarDate(Number(numeric[3]), Number(numeric[2]), Number(numeric[1]));
  const words = /^(\d{1,2})\s+([a-zA-Z]+)\.?\s+(\d{4})$/.exec(value);
  if (words) {
    const month = MONTHS[words[2]!.toLowerCase()];
    return month === undefined ? undefined : calendarDate(Number(words[3]), month, Number(words[1]));
  }
  return undefined;
}

/** The date as it goes on the intro card, or undefined when it is not a date. */
export function parseSheetDate(text: string, language: Language): string | undefined {
  const date = dateOf(text);
  // formatDate reads the local calendar day; noon UTC is that day in every Indonesian time zone
  return date ? formatDate(date, language) : undefined;
}

/** Seconds from "2", "2,5", "2.5", "0:02" or "1:02.5"; undefined when not a time. */
export function parseStartSeconds(text: string): number | undefined {
  const value = text.trim().replace(',', '.');
  const clock = /^(\d{1,3}):([0-5]?\d(?:\.\d+)?)$/.exec(value);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]);
  if (!/^\d+(?:\.\d+)?$/.test(value)) return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds <= 3 * 3600 ? seconds : undefined;
}
