/**
 * calendar.version: `ru-<year>.<label>-…+<hash>`, e.g.
 * `ru-2024.1314-2025.1335-2026.1466-2027.provisional+1a2b3c4d`.
 *
 * - one `<year>.<label>` per data year, ascending; label = the decree number
 *   taken from `source` ("No. 1335" → 1335), `provisional` for a provisional
 *   year, `custom` when the source names no number;
 * - `<hash>` = 8 lowercase hex digits of 32-bit FNV-1a over the UTF-8 bytes of
 *   the canonical data (below), so any change of a day's date, status, kind or
 *   projected flag, of a year's source or provisional flag, or of the statutory
 *   fallback revision changes the version. Notes are commentary and do not count.
 * - with no data years at all: `ru-statutory+<hash>`.
 */
import type { CalendarYear } from './calendar-types';
import { STATUTORY_BASE_REVISION } from './statutory-base';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** 32-bit FNV-1a over the UTF-8 encoding of `text` (no TextEncoder needed). */
export function fnv1a32(text: string): string {
  let hash = FNV_OFFSET;
  const step = (byte: number): void => {
    hash = Math.imul(hash ^ byte, FNV_PRIME) >>> 0;
  };
  for (const char of text) {
    const cp = char.codePointAt(0) ?? 0;
    if (cp < 0x80) step(cp);
    else if (cp < 0x800) { step(0xc0 | (cp >> 6)); step(0x80 | (cp & 63)); }
    else if (cp < 0x10000) { step(0xe0 | (cp >> 12)); step(0x80 | ((cp >> 6) & 63)); step(0x80 | (cp & 63)); }
    else { step(0xf0 | (cp >> 18)); step(0x80 | ((cp >> 12) & 63)); step(0x80 | ((cp >> 6) & 63)); step(0x80 | (cp & 63)); }
  }
  return hash.toString(16).padStart(8, '0');
}

/** One line per year and per day, sorted; years are already validated and sorted. */
export function canonicalCalendarText(years: readonly CalendarYear[]): string {
  const lines = [`base|${STATUTORY_BASE_REVISION}`];
  for (const y of years) {
    lines.push(`year|${y.year}|${y.country}|${y.provisional}|${y.source}`);
    // A projected day counts differently (as working), so the flag is data; appended only when set.
    for (const d of y.days) lines.push(`day|${d.date}|${d.status}|${d.kind}${d.projected === true ? '|projected' : ''}`);
  }
  return lines.join('\n');
}

function yearLabel(y: CalendarYear): string {
  if (y.provisional) return 'provisional';
  const decree = /No\.?\s*(\d+)/i.exec(y.source);
  return decree?.[1] ?? 'custom';
}

export function calendarVersion(years: readonly CalendarYear[]): string {
  const labels = years.map((y) => `${y.year}.${yearLabel(y)}`);
  const head = labels.length > 0 ? `ru-${labels.join('-')}` : 'ru-statutory';
  return `${head}+${fnv1a32(canonicalCalendarText(years))}`;
}
