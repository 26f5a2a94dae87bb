/**
 * computeDeadline: one statutory term from a receipt date or instant.
 * Counting (Civil Code arts. 191–194, by analogy; see README.md):
 * day 0 = operator-local date of receipt; working-day terms end on the Nth
 * working day after day 0; calendar-day and month terms on day 0 + N, moved
 * to the next working day; the term runs until 24:00 of its last day, so
 * `dueAt` = the start of the following day in operator time. An immediate
 * term ends at 24:00 of day 0. A minimum interval ends at the start of day
 * 0 + N, unshifted. Hour terms run from the exact instant and never shift.
 */
import { LegalTimeError } from './errors';
import { addMonths, daysFromCivil, formatDate, yearOfDay, type DayNumber } from './civil-date';
import { addWorkingDayNumbers, calendarIndex, onOrNextWorkingDay, type Calendar, type CalendarIndex } from './calendar';
import { parseFrom, type ParsedFrom } from './from-input';
import { checkInternalTerm, type InternalTerms } from './internal-terms';
import { ruleById, type Rule, type RuleId, type TermUnit } from './rules';
import { assertTimeZone, formatInstant, localDay, startOfLocalDay } from './time-zone';

export interface DeadlineRequest {
  readonly rule: RuleId | string;
  readonly from: string;
}

export interface DeadlineOptions {
  readonly calendar: Calendar;
  /** IANA zone of the operator; default Europe/Moscow. */
  readonly timeZone?: string;
  readonly internalTerms?: InternalTerms;
}

export interface DeadlineResult {
  rule: RuleId;
  from: string;
  due: string;
  dueAt: string;
  extendedDue?: string;
  extendedDueAt?: string;
  unit: TermUnit;
  n: number;
  basis: string;
  calendarVersion: string;
  provisional: boolean;
  internal?: { n: number; due: string; dueAt: string };
}

export const DEFAULT_TIME_ZONE = 'Europe/Moscow';

/**
 * 152-FZ of 27.07.2006 entered into force on 26.01.2007 (art. 25: 180 days after its publication on 29.07.2006).
 * No term under it can start earlier, and an earlier receipt is a typing error the engine must not count.
 */
export const LAW_IN_FORCE = '2007-01-26';
const LAW_IN_FORCE_DAY = daysFromCivil(2007, 1, 26);

function assertUnderLaw(zone: string, from: ParsedFrom, text: string): void {
  const day0 = from.kind === 'date' ? from.day : localDay(zone, from.ms);
  if (day0 < LAW_IN_FORCE_DAY) {
    throw new LegalTimeError('before_law', `from ${JSON.stringify(text)} is before ${LAW_IN_FORCE}, when 152-FZ entered into force: no statutory term can start earlier; check the date of receipt`);
  }
}

interface Term {
  due: string;
  dueAt: string;
  /** Calendar days the count depended on (for `provisional`); null when the calendar played no part. */
  days: { first: DayNumber; last: DayNumber } | null;
}

function endOfDay(zone: string, day: DayNumber): string {
  return formatInstant(zone, startOfLocalDay(zone, day + 1));
}

function dayTerm(index: CalendarIndex, zone: string, unit: TermUnit, day0: DayNumber, n: number): Term {
  let due: DayNumber;
  if (unit === 'working_days') due = addWorkingDayNumbers(index, day0, n);
  else if (unit === 'calendar_days') due = onOrNextWorkingDay(index, day0 + n);
  else due = onOrNextWorkingDay(index, addMonths(day0, n));
  return { due: formatDate(due), dueAt: endOfDay(zone, due), days: { first: day0 + 1, last: due } };
}

function hourTerm(zone: string, rule: Rule, from: ParsedFrom, n: number): Term {
  if (from.kind === 'date') {
    throw new LegalTimeError(
      'instant_required',
      `rule "${rule.id}" counts ${rule.unit} from the exact instant: pass from as an ISO-8601 instant with an offset, e.g. 2025-10-24T18:00:00+03:00`,
    );
  }
  const at = from.ms + n * 3_600_000;
  return { due: formatDate(localDay(zone, at)), dueAt: formatInstant(zone, at), days: null };
}

function term(index: CalendarIndex, zone: string, rule: Rule, from: ParsedFrom, n: number): Term {
  if (rule.unit === 'hours') return hourTerm(zone, rule, from, n);
  const day0 = from.kind === 'date' ? from.day : localDay(zone, from.ms);
  // "At once" cannot be met at the receipt instant itself; escalate if the block is not recorded by 24:00 of day 0.
  if (rule.unit === 'immediate') return { due: formatDate(day0), dueAt: endOfDay(zone, day0), days: null };
  if (rule.unit === 'calendar_days_min_interval') {
    // The first day a repeat request is allowed; from its first instant it can no longer be refused as premature.
    const end = day0 + n;
    return { due: formatDate(end), dueAt: formatInstant(zone, startOfLocalDay(zone, end)), days: null };
  }
  return dayTerm(index, zone, rule.unit, day0, n);
}

function touchesProvisional(index: CalendarIndex, days: Term['days']): boolean {
  if (days === null) return false;
  for (let y = yearOfDay(days.first), last = yearOfDay(days.last); y <= last; y += 1) {
    if (index.isProvisionalYear(y)) return true;
  }
  return false;
}

function extend(index: CalendarIndex, zone: string, rule: Rule, main: Term): Term | null {
  if (!rule.extension || main.days === null) return null;
  // The extension counts from the original due date (152-fz.md, Counting 6).
  const day = addWorkingDayNumbers(index, main.days.last, rule.extension.n);
  return { due: formatDate(day), dueAt: endOfDay(zone, day), days: { first: main.days.first, last: day } };
}

/** Throws LegalTimeError: unknown_rule, invalid_from, before_law, instant_required, invalid_time_zone, invalid_calendar, internal-term codes. */
export function computeDeadline(request: DeadlineRequest, options: DeadlineOptions): DeadlineResult {
  const rule = ruleById(request.rule);
  const zone = assertTimeZone(options.timeZone ?? DEFAULT_TIME_ZONE);
  const index = calendarIndex(options.calendar);
  const from = parseFrom(request.from);
  assertUnderLaw(zone, from, request.from);
  const main = term(index, zone, rule, from, rule.n);
  const extended = extend(index, zone, rule, main);
  const { id, unit, n, basis } = rule;
  const calendarVersion = options.calendar.version;
  const provisional = touchesProvisional(index, (extended ?? main).days);
  // Two plain literals, no spread: they keep the documented key order and are ~2x faster in the batch path.
  const result: DeadlineResult = extended
    ? {
        rule: id, from: request.from, due: main.due, dueAt: main.dueAt,
        extendedDue: extended.due, extendedDueAt: extended.dueAt,
        unit, n, basis, calendarVersion, provisional,
      }
    : { rule: id, from: request.from, due: main.due, dueAt: main.dueAt, unit, n, basis, calendarVersion, provisional };
  const configured = options.internalTerms?.[rule.id];
  if (configured !== undefined) {
    const internalN = checkInternalTerm(rule, configured).n;
    const internal = term(index, zone, rule, from, internalN);
    result.internal = { n: internalN, due: internal.due, dueAt: internal.dueAt };
  }
  return result;
}
