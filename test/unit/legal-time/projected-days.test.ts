// Conservative counting in a provisional year: decree-dependent (projected) days count as working days.
import { describe, expect, it } from 'vitest';
import {
  builtInCalendar,
  computeDeadline,
  createCalendar,
  isWorkingDay,
  withOverrides,
  type Calendar,
  type CalendarYear,
} from '../../../domain/legal-time';
import { errorOf } from './error-of';

const calendar = builtInCalendar();
const y2027 = calendar.years.find((y) => y.year === 2027);
if (!y2027) throw new Error('2027 missing from built-in data');
const unflagged = y2027.days.map(({ projected: _, ...d }) => d);
// The same days taken at face value: what counting projected days off as days off would give.
const faceValue = withOverrides(calendar, [{ ...y2027, days: unflagged }]);
// A published decree that confirms the projections exactly.
const decree = withOverrides(calendar, [{ ...y2027, source: 'Government Decree No. 1999', provisional: false, days: unflagged }]);

const due = (rule: string, from: string, cal: Calendar = calendar) => computeDeadline({ rule, from }, { calendar: cal });

describe('projected days in the built-in 2027', () => {
  it('count as working days, whatever their status; certain days keep theirs', () => {
    for (const d of ['2027-02-20', '2027-02-22', '2027-11-05', '2027-12-31']) expect(isWorkingDay(calendar, d), d).toBe(true);
    for (const d of ['2027-02-23', '2027-05-03', '2027-05-10', '2027-06-14', '2027-11-04']) expect(isWorkingDay(calendar, d), d).toBe(false);
    expect(isWorkingDay(faceValue, '2027-02-22')).toBe(false);
  });

  it.each([
    ['cease_unlawful', '2027-02-21', '2027-02-25', '2027-02-26'],
    ['access', '2027-10-25', '2027-11-09', '2027-11-10'],
    ['access', '2027-12-20', '2028-01-10', '2028-01-11'],
  ])('%s from %s gives the earlier %s (face value %s), still provisional', (rule, from, conservative, late) => {
    expect(due(rule, from)).toMatchObject({ due: conservative, provisional: true });
    expect(due(rule, from, faceValue).due).toBe(late);
  });

  it('are part of calendar.version', () => {
    expect(calendar.version).toBe('ru-2024.1314-2025.1335-2026.1466-2027.provisional+e38f95c0');
    expect(faceValue.version).not.toBe(calendar.version);
    expect(createCalendar(calendar.years).version).toBe(calendar.version);
  });
});

describe('a decree year replacing 2027', () => {
  it('uses exactly its own days: no projected day, no conservative adjustment', () => {
    expect(isWorkingDay(decree, '2027-02-22')).toBe(false);
    expect(isWorkingDay(decree, '2027-12-31')).toBe(false);
    expect(due('cease_unlawful', '2027-02-21', decree)).toMatchObject({ due: '2027-02-26', provisional: false });
    expect(due('access', '2027-10-25', decree)).toMatchObject({ due: '2027-11-10', provisional: false });
    // Runs into 2028, which has no data: provisional through the statutory base, not through 2027.
    expect(due('access', '2027-12-20', decree)).toMatchObject({ due: '2028-01-11', provisional: true });
  });
});

describe('validation of "projected"', () => {
  const base: CalendarYear = { year: 2027, country: 'RU', source: 'Decree No. 1', provisional: false, days: [] };
  const day = { date: '2027-11-05', status: 'nonworking', kind: 'transferred_day_off' } as const;

  it('refuses it in a year that is not provisional, saying what to fix', () => {
    const error = errorOf(() => withOverrides(calendar, [{ ...base, days: [{ ...day, projected: true }] }]));
    expect(error.code).toBe('calendar_invalid_field');
    expect(error.message).toMatch(/ru-2027: 2027-11-05 is marked "projected" but the year is not provisional/);
    expect(error.message).toMatch(/remove "projected"/);
  });

  it('refuses a value that is not a boolean', () => {
    const raw = { ...base, provisional: true, days: [{ ...day, projected: 'yes' }] } as unknown as CalendarYear;
    const error = errorOf(() => createCalendar([raw]));
    expect(error.code).toBe('calendar_invalid_field');
    expect(error.message).toBe('ru-2027: 2027-11-05 "projected" must be true or false');
  });

  it('treats projected: false as no flag, in any year', () => {
    const plain = createCalendar([{ ...base, days: [day] }]);
    const explicit = createCalendar([{ ...base, days: [{ ...day, projected: false }] }]);
    expect(explicit.version).toBe(plain.version);
    expect(explicit.years[0]?.days[0]).not.toHaveProperty('projected');
    expect(isWorkingDay(explicit, '2027-11-05')).toBe(false);
  });
});
