import { calendarStatus, type Calendar, type CalendarStatus } from '../domain/legal-time';

/** Today's date in the operator's time zone, YYYY-MM-DD. */
export const operatorToday = (timeZone: string, nowMs: number = Date.now()): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(nowMs);

/**
 * The calendar's status as of now (operator time): what `dsar calendar status`, `/health`, `/metrics` and the
 * console banner all show, so they never disagree about the day the warning starts.
 */
export const calendarStatusNow = (legalTime: { calendar: Calendar; timeZone: string }, nowMs: number = Date.now()): CalendarStatus =>
  calendarStatus(legalTime.calendar, operatorToday(legalTime.timeZone, nowMs));
