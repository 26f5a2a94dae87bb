/**
 * How current the calendar is: the years it covers, which are provisional, and the days left until the last
 * official year ends. Past that day every new term is counted on the statutory base or a projection, so the
 * operator is warned `CALENDAR_WARNING_DAYS` before it, in time to import the next decree (usually published in
 * September–October). Pure: "today" is given by the caller (the API's clock, the CLI's).
 */
import { daysFromCivil } from './civil-date';
import type { Calendar } from './calendar';

export const CALENDAR_WARNING_DAYS = 90;

export interface CalendarStatus {
  version: string;
  /** Data years, ascending. */
  years: number[];
  provisional: number[];
  /** The last year with a published decree; null with none. */
  lastOfficialYear: number | null;
  /** 31 December of that year. */
  officialUntil: string | null;
  /** Calendar days from today to the end of officialUntil (0 on 31.12 itself, negative once it passed). */
  daysLeft: number | null;
  /** True within CALENDAR_WARNING_DAYS of officialUntil, after it, or with no official year at all. */
  warning: boolean;
  /** Why, in one sentence (English, for logs, /health and the CLI); absent without a warning. */
  message?: string;
}

/** `today` is the operator-local date YYYY-MM-DD. */
export function calendarStatus(calendar: Calendar, today: string): CalendarStatus {
  const years = calendar.years.map((y) => y.year);
  const provisional = calendar.years.filter((y) => y.provisional).map((y) => y.year);
  const official = calendar.years.filter((y) => !y.provisional).map((y) => y.year);
  const last = official.length ? Math.max(...official) : null;
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const daysLeft = last === null ? null : daysFromCivil(last, 12, 31) - daysFromCivil(ty, tm, td);
  const warning = daysLeft === null || daysLeft <= CALENDAR_WARNING_DAYS;
  const status: CalendarStatus = {
    version: calendar.version, years, provisional, lastOfficialYear: last,
    officialUntil: last === null ? null : `${last}-12-31`, daysLeft, warning,
  };
  if (!warning) return status;
  const next = last === null ? ty : last + 1;
  status.message = daysLeft === null
    ? 'No official production-calendar year is loaded: terms are counted on the statutory base. Import the decree with `dsar calendar import`.'
    : daysLeft < 0
      ? `The official production calendar ended on ${last}-12-31, ${-daysLeft} day(s) ago: terms are counted on a projection or the statutory base. Import the ${next} decree with \`dsar calendar import\`.`
      : `The official production calendar ends on ${last}-12-31, in ${daysLeft} day(s): import the ${next} decree with \`dsar calendar import\` when it is published.`;
  return status;
}
