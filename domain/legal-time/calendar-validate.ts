/**
 * Validation of calendar years, built-in or supplied by an operator. Data
 * that would silently shift a statutory deadline is refused with a message
 * naming the year, the day and the field to fix.
 */
import { LegalTimeError } from './errors';
import { isWeekend, MAX_YEAR, MIN_YEAR, tryParseDate } from './civil-date';
import { KINDS_BY_STATUS, type CalendarDay, type CalendarYear } from './calendar-types';

function fail(code: ConstructorParameters<typeof LegalTimeError>[0], message: string): never {
  throw new LegalTimeError(code, message);
}

function validateHeader(input: Record<string, unknown>, where: string): number {
  const year = input.year;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    fail('calendar_invalid_year', `${where}: "year" must be an integer between ${MIN_YEAR} and ${MAX_YEAR}, got ${JSON.stringify(year)}`);
  }
  if (input.country !== 'RU') {
    fail('calendar_invalid_country', `ru-${year}: "country" must be "RU", got ${JSON.stringify(input.country)}`);
  }
  if (typeof input.source !== 'string' || input.source.trim() === '') {
    fail('calendar_invalid_field', `ru-${year}: "source" must name the decree (non-empty string)`);
  }
  if (typeof input.provisional !== 'boolean') {
    fail('calendar_invalid_field', `ru-${year}: "provisional" must be true or false`);
  }
  if (!Array.isArray(input.days)) fail('calendar_invalid_field', `ru-${year}: "days" must be an array`);
  return year;
}

/**
 * `projected` marks a decree-dependent guess; once a year is no longer provisional every day must come from the
 * decree, so a leftover flag means the override was not checked day by day.
 */
function validateProjected(projected: unknown, year: number, text: string, provisional: boolean): boolean {
  if (projected === undefined) return false;
  if (typeof projected !== 'boolean') fail('calendar_invalid_field', `ru-${year}: ${text} "projected" must be true or false`);
  if (projected && !provisional) {
    fail(
      'calendar_invalid_field',
      `ru-${year}: ${text} is marked "projected" but the year is not provisional; check the day against the decree, ` +
        'then remove "projected" (or keep "provisional": true while no decree is published)',
    );
  }
  return projected;
}

function validateStatusAndKind(status: unknown, kind: unknown, year: number, text: string, day: number): void {
  if (status !== 'working' && status !== 'nonworking') {
    fail('calendar_invalid_status', `ru-${year}: ${text} has status ${JSON.stringify(status)}; use "working" or "nonworking"`);
  }
  const allowed = KINDS_BY_STATUS[status];
  if (!allowed.includes(kind as never)) {
    fail('calendar_invalid_kind', `ru-${year}: ${text} (${status}) has kind ${JSON.stringify(kind)}; use one of ${allowed.join(', ')}`);
  }
  // A working weekend must be a Sat/Sun and a shortened weekday a Mon–Fri; otherwise the entry is a typo.
  const weekendKind = kind === 'working_weekend' || kind === 'working_weekend_shortened';
  if (status === 'working' && weekendKind !== isWeekend(day)) {
    const must = weekendKind ? 'a Saturday or Sunday' : 'a weekday (use working_weekend_shortened for a Saturday)';
    fail('calendar_invalid_kind', `ru-${year}: ${text} has kind "${String(kind)}", which must fall on ${must}`);
  }
}

function validateDay(raw: unknown, year: number, provisional: boolean, seen: Set<string>): CalendarDay {
  if (typeof raw !== 'object' || raw === null) fail('calendar_invalid_field', `ru-${year}: every entry of "days" must be an object`);
  const { date, status, kind, projected, note } = raw as Record<string, unknown>;
  const day = typeof date === 'string' ? tryParseDate(date) : null;
  if (day === null) fail('calendar_invalid_date', `ru-${year}: ${JSON.stringify(date)} is not a valid YYYY-MM-DD date`);
  const text = date as string;
  if (!text.startsWith(`${year}-`)) fail('calendar_date_outside_year', `ru-${year}: ${text} belongs to another year; move it to that year's file`);
  if (seen.has(text)) fail('calendar_duplicate_date', `ru-${year}: ${text} is listed twice; keep one entry`);
  seen.add(text);
  validateStatusAndKind(status, kind, year, text, day);
  const isProjected = validateProjected(projected, year, text, provisional);
  if (note !== undefined && typeof note !== 'string') fail('calendar_invalid_field', `ru-${year}: ${text} "note" must be a string`);
  // `projected: false` means the same as no flag; dropping it keeps calendar.version identical for both spellings.
  const entry = { date: text, status, kind, ...(isProjected ? { projected: true } : {}) } as CalendarDay;
  return note === undefined ? entry : { ...entry, note: note as string };
}

/** Returns a frozen, date-sorted copy of a valid year; throws LegalTimeError otherwise. */
export function validateCalendarYear(input: unknown, index = 0): CalendarYear {
  if (typeof input !== 'object' || input === null) {
    fail('invalid_calendar', `calendar year #${index + 1} must be an object {year, country, source, provisional, days}`);
  }
  const record = input as Record<string, unknown>;
  const year = validateHeader(record, `calendar year #${index + 1}`);
  const seen = new Set<string>();
  const provisional = record.provisional as boolean;
  const days = (record.days as unknown[]).map((d) => Object.freeze(validateDay(d, year, provisional, seen)));
  days.sort((a, b) => (a.date < b.date ? -1 : 1));
  return Object.freeze({
    year, country: 'RU', source: record.source as string, provisional, days: Object.freeze(days),
  });
}

export function validateCalendarYears(input: unknown): CalendarYear[] {
  if (!Array.isArray(input)) fail('invalid_calendar', 'calendar years must be an array of {year, country, source, provisional, days}');
  const years = input.map((y, i) => validateCalendarYear(y, i));
  const seen = new Set<number>();
  for (const y of years) {
    if (seen.has(y.year)) fail('calendar_duplicate_year', `ru-${y.year} is given twice; pass each year once`);
    seen.add(y.year);
  }
  return years.sort((a, b) => a.year - b.year);
}
