/**
 * The production calendar: decree data per year, the statutory base for any
 * other year, and fast working-day lookups (one Uint8Array of flags per year,
 * built once and indexed by day number).
 */
import { LegalTimeError } from './errors';
import { daysFromCivil, formatDate, isWeekend, parseDate, yearOfDay, type DayNumber } from './civil-date';
import type { CalendarYear } from './calendar-types';
import { validateCalendarYears } from './calendar-validate';
import { calendarVersion } from './calendar-version';
import { statutoryYearFlags } from './statutory-base';
import ru2024 from './calendar-data/ru-2024.json';
import ru2025 from './calendar-data/ru-2025.json';
import ru2026 from './calendar-data/ru-2026.json';
import ru2027 from './calendar-data/ru-2027.json';

export interface Calendar {
  /** Stable identifier of the data; see calendar-version.ts for the format. */
  readonly version: string;
  /** Validated data years, ascending; `days[].projected` tells the decree-dependent days of a provisional year. */
  readonly years: readonly CalendarYear[];
  /** What the count uses: a projected day is a working day here even when its data status is nonworking. */
  isWorkingDay(date: string): boolean;
  /** True for a year whose data is provisional or that falls back to the statutory base. */
  isProvisionalYear(year: number): boolean;
}

interface YearSegment {
  readonly start: DayNumber;
  readonly flags: Uint8Array;
}

/** Day-number level access used by the deadline code; not part of the public API. */
export interface CalendarIndex {
  isWorking(day: DayNumber): boolean;
  isProvisionalYear(year: number): boolean;
}

const indexes = new WeakMap<Calendar, CalendarIndex>();

function dataYearFlags(year: CalendarYear): Uint8Array {
  const start = daysFromCivil(year.year, 1, 1);
  const flags = new Uint8Array(daysFromCivil(year.year + 1, 1, 1) - start);
  for (let i = 0; i < flags.length; i += 1) flags[i] = isWeekend(start + i) ? 0 : 1;
  // A projected day counts as working whatever its status: should the decree differ, an extra working day
  // can only have made a due date earlier, never later than the law allows (the conservative date).
  for (const d of year.days) flags[parseDate(d.date) - start] = d.status === 'working' || d.projected === true ? 1 : 0;
  return flags;
}

function buildIndex(years: readonly CalendarYear[]): CalendarIndex {
  const byYear = new Map(years.map((y) => [y.year, y] as const));
  const segments = new Map<number, YearSegment>();
  let last: YearSegment = { start: 0, flags: new Uint8Array(0) };
  const segmentOf = (day: DayNumber): YearSegment => {
    const year = yearOfDay(day);
    let segment = segments.get(year);
    if (!segment) {
      const data = byYear.get(year);
      // Fallback years are built lazily: any year may be asked for, few ever are.
      segment = { start: daysFromCivil(year, 1, 1), flags: data ? dataYearFlags(data) : statutoryYearFlags(year) };
      segments.set(year, segment);
    }
    return segment;
  };
  return {
    isWorking(day) {
      if (day < last.start || day >= last.start + last.flags.length) last = segmentOf(day);
      return last.flags[day - last.start] === 1;
    },
    isProvisionalYear: (year) => byYear.get(year)?.provisional ?? true,
  };
}

/** Builds a calendar from decree years (validated; throws LegalTimeError with what to fix). */
export function createCalendar(years: readonly CalendarYear[]): Calendar {
  const valid = validateCalendarYears(years);
  const index = buildIndex(valid);
  const calendar: Calendar = Object.freeze({
    version: calendarVersion(valid),
    years: Object.freeze(valid),
    isWorkingDay: (date: string) => index.isWorking(parseDate(date)),
    isProvisionalYear: (year: number) => index.isProvisionalYear(year),
  });
  indexes.set(calendar, index);
  return calendar;
}

/** Operator overrides: each given year replaces the base's year of the same number, or is added. */
export function withOverrides(base: Calendar, years: readonly CalendarYear[]): Calendar {
  const overrides = validateCalendarYears(years);
  const replaced = new Set(overrides.map((y) => y.year));
  return createCalendar([...base.years.filter((y) => !replaced.has(y.year)), ...overrides]);
}

let builtIn: Calendar | undefined;

/** RU 2024–2027 as shipped in calendar-data/ (2027 provisional). */
export function builtInCalendar(): Calendar {
  builtIn ??= createCalendar([ru2024, ru2025, ru2026, ru2027] as unknown as CalendarYear[]);
  return builtIn;
}

export function calendarIndex(calendar: Calendar): CalendarIndex {
  const index = indexes.get(calendar);
  if (!index) {
    throw new LegalTimeError('invalid_calendar', 'calendar must come from createCalendar, builtInCalendar or withOverrides');
  }
  return index;
}

/** What the count uses (a projected day is working); the data status is in `calendar.years`. */
export function isWorkingDay(calendar: Calendar, date: string): boolean {
  return calendarIndex(calendar).isWorking(parseDate(date));
}

/** The Nth working day after `day` (day itself when n = 0). */
export function addWorkingDayNumbers(index: CalendarIndex, day: DayNumber, n: number): DayNumber {
  let current = day;
  for (let left = n; left > 0; ) {
    current += 1;
    if (index.isWorking(current)) left -= 1;
  }
  return current;
}

/** `day` itself when it is a working day, else the next working day (Civil Code art. 193). */
export function onOrNextWorkingDay(index: CalendarIndex, day: DayNumber): DayNumber {
  let current = day;
  while (!index.isWorking(current)) current += 1;
  return current;
}

export const MAX_WORKING_DAYS = 10_000;

/** Date (YYYY-MM-DD) of the Nth working day after `date`; n = 0 returns `date`. */
export function addWorkingDays(calendar: Calendar, date: string, n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > MAX_WORKING_DAYS) {
    throw new LegalTimeError('invalid_n', `n must be an integer from 0 to ${MAX_WORKING_DAYS}, got ${String(n)}`);
  }
  return formatDate(addWorkingDayNumbers(calendarIndex(calendar), parseDate(date), n));
}
