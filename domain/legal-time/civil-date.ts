/**
 * Civil dates as integer day numbers (days since 1970-01-01, proleptic
 * Gregorian). Pure integer arithmetic (H. Hinnant's algorithms): no Date
 * objects, no time zones, so it is fast and safe in the workflow sandbox.
 */
import { LegalTimeError, type LegalTimeErrorCode } from './errors';

export type DayNumber = number;

/** Supported civil years; keeps every rendered date at four digits. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;
export const MS_PER_DAY = 86_400_000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function daysFromCivil(y: number, m: number, d: number): DayNumber {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface CivilDate {
  y: number;
  m: number;
  d: number;
}

export function civilFromDays(day: DayNumber): CivilDate {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

export function yearOfDay(day: DayNumber): number {
  return civilFromDays(day).y;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: DayNumber): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isWeekend(day: DayNumber): boolean {
  const wd = weekday(day);
  return wd === 0 || wd === 6;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

export function isValidCivil(y: number, m: number, d: number): boolean {
  return y >= MIN_YEAR && y <= MAX_YEAR && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Parses a strict `YYYY-MM-DD`; returns null when it is not a real date in range. */
export function tryParseDate(text: string): DayNumber | null {
  const match = DATE_RE.exec(text);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  return isValidCivil(y, m, d) ? daysFromCivil(y, m, d) : null;
}

export function parseDate(text: unknown, code: LegalTimeErrorCode = 'invalid_date'): DayNumber {
  const day = typeof text === 'string' ? tryParseDate(text) : null;
  if (day === null) {
    throw new LegalTimeError(
      code,
      `${JSON.stringify(text)} is not a valid date: use YYYY-MM-DD between ${MIN_YEAR}-01-01 and ${MAX_YEAR}-12-31`,
    );
  }
  return day;
}

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function formatCivil(y: number, m: number, d: number): string {
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

export function formatDate(day: DayNumber): string {
  const { y, m, d } = civilFromDays(day);
  return formatCivil(y, m, d);
}

/** Same day number N months later, or that month's last day (Civil Code art. 192 p.3). */
export function addMonths(day: DayNumber, months: number): DayNumber {
  const { y, m, d } = civilFromDays(day);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = (index % 12) + 1;
  return daysFromCivil(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}
