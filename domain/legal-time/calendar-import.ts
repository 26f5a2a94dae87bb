/**
 * The import format of one official calendar year (`dsar calendar import FILE`): the year as calendar-data/ stores
 * it, plus the decree (number and date) and the transfers (which day off moved where). The transfers are what an
 * officer checks against the decree's text; here they must agree with the days, so a transfer typed in one place
 * and forgotten in the other is refused instead of silently shifting a statutory deadline.
 */
import { LegalTimeError, type LegalTimeErrorCode } from './errors';
import { isWeekend, pad2, tryParseDate } from './civil-date';
import type { CalendarYear } from './calendar-types';
import { validateCalendarYear } from './calendar-validate';

export interface CalendarTransfer {
  /** The weekend day (a Saturday or Sunday, possibly a holiday on it, possibly in the year before) that moved. */
  readonly from: string;
  /** The weekday it became: a `transferred_day_off` of this year. */
  readonly to: string;
}

export interface CalendarDecree {
  /** The decree's number, digits only: "1466". */
  readonly number: string;
  /** Its date, YYYY-MM-DD. */
  readonly date: string;
}

/** What `dsar calendar import` writes: a valid year (source built from the decree) that keeps its decree and transfers. */
export interface ImportedCalendarYear extends CalendarYear {
  readonly decree: CalendarDecree;
  readonly transfers: readonly CalendarTransfer[];
}

function fail(code: LegalTimeErrorCode, message: string): never {
  throw new LegalTimeError(code, message);
}

function validateDecree(raw: unknown, year: number): CalendarDecree {
  const d = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  if (typeof d.number !== 'string' || !/^\d{1,6}$/.test(d.number)) {
    fail('calendar_invalid_decree', `ru-${year}: "decree.number" must be the decree's number as digits in a string, e.g. "1466"; got ${JSON.stringify(d.number)}`);
  }
  const day = typeof d.date === 'string' ? tryParseDate(d.date) : null;
  if (day === null) fail('calendar_invalid_decree', `ru-${year}: "decree.date" must be the decree's date as YYYY-MM-DD; got ${JSON.stringify(d.date)}`);
  // A decree moves days off of the year it is for; it is published in the year before or (rarely) early in that year.
  if (!(d.date as string).startsWith(`${year - 1}-`) && !(d.date as string).startsWith(`${year}-`)) {
    fail('calendar_invalid_decree', `ru-${year}: "decree.date" ${d.date as string} is not in ${year - 1} or ${year}; check the decree is the one for ${year}`);
  }
  return { number: d.number, date: d.date as string };
}

function validateTransfers(raw: unknown, y: CalendarYear): CalendarTransfer[] {
  if (!Array.isArray(raw)) fail('calendar_invalid_transfer', `ru-${y.year}: "transfers" must be an array of {from, to} (an empty array when the decree moves nothing)`);
  const byDate = new Map(y.days.map((d) => [d.date, d] as const));
  const targets = new Set<string>();
  const sources = new Set<string>();
  const transfers = raw.map((t: unknown) => {
    const { from, to } = (typeof t === 'object' && t !== null ? t : {}) as Record<string, unknown>;
    const fromDay = typeof from === 'string' ? tryParseDate(from) : null;
    if (fromDay === null || !isWeekend(fromDay)) {
      fail('calendar_invalid_transfer', `ru-${y.year}: transfer from ${JSON.stringify(from)}: "from" must be a Saturday or Sunday as YYYY-MM-DD (the weekend day the decree moves)`);
    }
    const target = typeof to === 'string' ? byDate.get(to) : undefined;
    if (!target || target.status !== 'nonworking' || target.kind !== 'transferred_day_off') {
      fail('calendar_invalid_transfer', `ru-${y.year}: transfer ${String(from)} → ${JSON.stringify(to)}: "to" must be listed in "days" as {"status": "nonworking", "kind": "transferred_day_off"}`);
    }
    if (targets.has(target.date)) fail('calendar_invalid_transfer', `ru-${y.year}: two transfers end on ${target.date}; each day off comes from one weekend day`);
    if (sources.has(from as string)) fail('calendar_invalid_transfer', `ru-${y.year}: ${String(from)} is moved twice; keep one transfer`);
    targets.add(target.date);
    sources.add(from as string);
    return { from: from as string, to: target.date };
  });
  for (const d of y.days) {
    if (d.kind === 'transferred_day_off' && !targets.has(d.date)) {
      fail('calendar_invalid_transfer', `ru-${y.year}: ${d.date} is a transferred_day_off but no transfer ends there; add {"from": "<the weekend day>", "to": "${d.date}"}`);
    }
    // A working Saturday or Sunday is always a weekend day whose rest the decree moved to a weekday.
    if ((d.kind === 'working_weekend' || d.kind === 'working_weekend_shortened') && !sources.has(d.date)) {
      fail('calendar_invalid_transfer', `ru-${y.year}: ${d.date} is a working weekend day but no transfer starts there; add {"from": "${d.date}", "to": "<the weekday off>"}`);
    }
  }
  return transfers;
}

/** "Government Decree No. 1466 of 24.09.2025", as the built-in years' `source` reads (so calendar.version labels it 1466). */
export function decreeSource(decree: CalendarDecree): string {
  const [y, m, d] = decree.date.split('-').map(Number) as [number, number, number];
  return `Government Decree No. ${decree.number} of ${pad2(d)}.${pad2(m)}.${y}`;
}

/**
 * Validates one official year in the import format and returns it in the stored format. The year is official
 * (`provisional` absent or false: a provisional year is the engine's own projection, not something to import).
 */
export function parseCalendarImport(input: unknown): ImportedCalendarYear {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    fail('invalid_calendar', 'the file must hold one JSON object {year, country, decree, days, transfers}');
  }
  const raw = input as Record<string, unknown>;
  const yearHint = typeof raw.year === 'number' ? raw.year : 0;
  if (raw.provisional !== undefined && raw.provisional !== false) {
    fail('calendar_not_official', `ru-${yearHint}: only an official year (a published decree) is imported; remove "provisional" or set it to false`);
  }
  const decree = validateDecree(raw.decree, yearHint);
  const source = decreeSource(decree);
  if (raw.source !== undefined && raw.source !== source) {
    fail('calendar_invalid_decree', `ru-${yearHint}: "source" ${JSON.stringify(raw.source)} does not match the decree; remove "source" (it is built from "decree": "${source}")`);
  }
  const year = validateCalendarYear({ ...raw, source, provisional: false });
  const transfers = validateTransfers(raw.transfers, year);
  return { ...year, decree, transfers };
}
