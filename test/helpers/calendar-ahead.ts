import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CalendarYear } from '../../domain/legal-time';
import ru2026 from '../../domain/legal-time/calendar-data/ru-2026.json';
import ru2027 from '../../domain/legal-time/calendar-data/ru-2027.json';
import { loadLegalTime, type LegalTime } from '../../platform/legal-time-config';

/**
 * A test that needs a moment of the calendar (the January holidays, a whole year of reminders) must still pass next
 * year, so it never uses the built-in years' dates, which pass. It gets two synthetic years ahead instead: the 2026
 * decree's days and 2027's, moved day for day to `year - 1` and `year`, the first such pair wholly after the current
 * year whose days fall on the same weekdays (1 January on a Thursday, then on a Friday). So the test reads as if it
 * ran on 2026/2027 (a working Saturday stays a Saturday) while its moments always lie ahead of the clock. The years
 * are written as DSAR_CALENDAR_DIR files and loaded the way the engine loads an operator's (platform/legal-time-config.ts).
 * `year` is a non-provisional copy: 2027's projected transfers (20.02 worked, 22.02, 05.11 and 31.12 off) apply.
 */
export interface CalendarAhead extends LegalTime {
  /** The year shaped like 2027; `year - 1` is shaped like 2026. */
  year: number;
  /** A date of either year written as `MM-DD` of `year` or, with `prev`, of `year - 1`. */
  date(monthDay: string, prev?: 'prev'): string;
}

const weekday = (year: number) => new Date(Date.UTC(year, 0, 1)).getUTCDay();
const leap = (year: number) => new Date(Date.UTC(year, 1, 29)).getUTCMonth() === 1;

/** The first year after `now`'s year + 1 laid out as 2027 (Friday 1 January, not leap), its year before as 2026. */
export function yearLike2027(now: number = Date.now()): number {
  let year = new Date(now).getUTCFullYear() + 2;
  while (!(weekday(year) === weekday(2027) && !leap(year) && weekday(year - 1) === weekday(2026))) year += 1;
  return year;
}

function moved(template: CalendarYear, to: number, source: string): CalendarYear {
  return {
    year: to, country: 'RU', provisional: false, source,
    days: template.days.map(({ projected: _, ...d }) => ({ ...d, date: `${to}${d.date.slice(4)}` })),
  };
}

export function calendarAhead(opts: { now?: number; timeZone?: string } = {}): CalendarAhead {
  const year = yearLike2027(opts.now);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dsar-calendar-ahead-'));
  try {
    for (const y of [
      moved(ru2026 as CalendarYear, year - 1, `synthetic test year: the 2026 decree's days on ${year - 1}'s identical weekdays`),
      moved(ru2027 as CalendarYear, year, `synthetic test year: 2027's days, transfers applied, on ${year}'s identical weekdays`),
    ]) writeFileSync(path.join(dir, `ru-${y.year}.json`), JSON.stringify(y));
    const legalTime = loadLegalTime({ calendarDir: dir, timeZone: opts.timeZone ?? 'Europe/Moscow', operator: { promisedTerms: {} } });
    return { ...legalTime, year, date: (monthDay, prev) => `${prev ? year - 1 : year}-${monthDay}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
