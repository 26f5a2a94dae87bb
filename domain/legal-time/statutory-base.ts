/**
 * Fallback for a year without decree data: the Labour Code art. 112 holidays
 * (Jan 1–6 and 8 New Year holidays, Jan 7 Christmas, Feb 23, Mar 8, May 1,
 * May 9, Jun 12, Nov 4) on top of a Sat/Sun weekend.
 *
 * Approximation, deliberately simple: a non-January holiday that falls on a
 * Saturday or Sunday moves to the next working day (art. 112 p.2); January
 * holidays do not move on their own. The two January days that each decree
 * moves elsewhere, working Saturdays and other decree transfers are NOT
 * modelled, so results using such a year are always `provisional: true`.
 */
import { daysFromCivil, isWeekend, type DayNumber } from './civil-date';

/** Bump when the approximation changes: it feeds calendar.version. */
export const STATUTORY_BASE_REVISION = 'art112-v1';

const JANUARY_HOLIDAYS = [1, 2, 3, 4, 5, 6, 7, 8];
const MOVABLE_HOLIDAYS: ReadonlyArray<readonly [number, number]> = [
  [2, 23], [3, 8], [5, 1], [5, 9], [6, 12], [11, 4],
];

/** Working-day flags (1 = working) for a whole year, index 0 = Jan 1. */
export function statutoryYearFlags(year: number): Uint8Array {
  const start = daysFromCivil(year, 1, 1);
  const length = daysFromCivil(year + 1, 1, 1) - start;
  const flags = new Uint8Array(length);
  for (let i = 0; i < length; i += 1) flags[i] = isWeekend(start + i) ? 0 : 1;
  const holidays = new Set<DayNumber>(JANUARY_HOLIDAYS.map((d) => daysFromCivil(year, 1, d)));
  for (const [m, d] of MOVABLE_HOLIDAYS) holidays.add(daysFromCivil(year, m, d));
  for (const day of holidays) flags[day - start] = 0;
  for (const [m, d] of MOVABLE_HOLIDAYS) {
    const day = daysFromCivil(year, m, d);
    if (!isWeekend(day)) continue;
    let next = day + 1;
    // The moved day off lands on the next day that is still working (not a weekend, holiday or earlier move).
    while (next - start < length && flags[next - start] === 0) next += 1;
    if (next - start < length) flags[next - start] = 0;
  }
  return flags;
}
