// The civil-date arithmetic every term is counted in: which dates exist, weekdays, months of unequal length.
import { describe, expect, it } from 'vitest';
import { addMonths, civilFromDays, daysFromCivil, formatDate, isWeekend, parseDate, tryParseDate, weekday } from '../../../domain/legal-time/civil-date';
import { errorOf } from './error-of';

describe('civil dates', () => {
  it('know the leap years of the Gregorian calendar (every 4th, not every 100th, every 400th)', () => {
    for (const date of ['2024-02-29', '2000-02-29', '2400-02-29']) expect(tryParseDate(date), date).not.toBeNull();
    for (const date of ['2025-02-29', '1900-02-29', '2100-02-29', '2024-02-30']) expect(tryParseDate(date), date).toBeNull();
  });

  it('give April, June, September and November 30 days, the other months 31', () => {
    for (const m of ['04', '06', '09', '11']) {
      expect(tryParseDate(`2025-${m}-30`)).not.toBeNull();
      expect(tryParseDate(`2025-${m}-31`)).toBeNull();
    }
    for (const m of ['01', '03', '05', '07', '08', '10', '12']) expect(tryParseDate(`2025-${m}-31`), m).not.toBeNull();
    expect(tryParseDate('2025-00-01')).toBeNull();
    expect(tryParseDate('2025-13-01')).toBeNull();
    expect(tryParseDate('2025-01-00')).toBeNull();
    expect(tryParseDate('1899-12-31')).toBeNull();
    expect(tryParseDate('3000-01-01')).toBeNull();
    expect(tryParseDate('2999-12-31')).toBe(daysFromCivil(2999, 12, 31));
    expect(tryParseDate('1900-01-01')).toBe(daysFromCivil(1900, 1, 1));
  });

  it('count days from 1970-01-01 and back, before and after it and across centuries', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(1969, 12, 31)).toBe(-1);
    expect(daysFromCivil(2000, 3, 1)).toBe(11_017);
    for (const [y, m, d] of [[1900, 1, 1], [1900, 3, 1], [1999, 12, 31], [2000, 2, 29], [2024, 12, 31], [2100, 3, 1], [2999, 12, 31]] as const) {
      expect(civilFromDays(daysFromCivil(y, m, d))).toEqual({ y, m, d });
    }
  });

  it('name weekdays and weekends (1970-01-01 was a Thursday)', () => {
    expect(weekday(0)).toBe(4);
    expect(weekday(-1)).toBe(3);
    expect(weekday(daysFromCivil(1900, 1, 1))).toBe(1);
    expect([4, 5, 6, 7].map((d) => isWeekend(daysFromCivil(2025, 10, 20 + d)))).toEqual([false, true, true, false]);
  });

  it('add months on the same day number, or the last day of a shorter month (Civil Code art. 192 p.3)', () => {
    const plus = (date: string, n: number) => formatDate(addMonths(parseDate(date), n));
    expect(plus('2025-01-31', 1)).toBe('2025-02-28');
    expect(plus('2024-01-31', 1)).toBe('2024-02-29');
    expect(plus('2025-08-31', 6)).toBe('2026-02-28');
    expect(plus('2025-11-15', 2)).toBe('2026-01-15');
    expect(plus('2025-12-31', 12)).toBe('2026-12-31');
    expect(plus('2025-03-31', -1)).toBe('2025-02-28');
  });

  it('refuse a date that is not YYYY-MM-DD in range, naming the range', () => {
    expect(errorOf(() => parseDate('2025-2-3'))).toMatchObject({ code: 'invalid_date', message: '"2025-2-3" is not a valid date: use YYYY-MM-DD between 1900-01-01 and 2999-12-31' });
    expect(errorOf(() => parseDate(20250203)).message).toMatch(/^20250203 is not a valid date/);
    expect(errorOf(() => parseDate('x', 'calendar_invalid_date')).code).toBe('calendar_invalid_date');
  });
});
