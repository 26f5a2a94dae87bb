// A result is provisional when any day its count depended on lies in a provisional year: the officer then knows
// the due date may still move when the decree is published (ADR 015 re-plans it).
import { describe, expect, it } from 'vitest';
import { addWorkingDays, computeDeadline, createCalendar, MAX_WORKING_DAYS } from '../../../domain/legal-time';
import { errorOf } from './error-of';

const y = (year: number, provisional: boolean) => ({ year, country: 'RU' as const, source: provisional ? 'projection' : `Test Decree No. ${year}`, provisional, days: [] });
// 2990 provisional, 2991 official (31.12.2990 is a Tuesday).
const calendar = createCalendar([y(2990, true), y(2991, false)]);
const due = (rule: string, from: string) => computeDeadline({ rule, from }, { calendar });

describe('provisional results', () => {
  it('depend on the days counted, not on day 0: received on the last day of a provisional year, counted in an official one', () => {
    expect(due('access', '2990-12-31')).toMatchObject({ due: '2991-01-14', provisional: false });
    expect(due('access', '2990-12-30')).toMatchObject({ provisional: true });
  });

  it('include the extension: a term inside an official year whose +5 working days reach a provisional one', () => {
    const official = createCalendar([y(2990, false), y(2991, true)]);
    const r = computeDeadline({ rule: 'access', from: '2990-12-17' }, { calendar: official });
    expect(r).toMatchObject({ due: '2990-12-31', extendedDue: '2991-01-07', provisional: true });
    expect(computeDeadline({ rule: 'access', from: '2990-12-10' }, { calendar: official })).toMatchObject({ due: '2990-12-24', extendedDue: '2990-12-31', provisional: false });
  });

  it('never for a term the calendar plays no part in (hours, at once, a minimum interval)', () => {
    expect(due('incident_initial', '2990-06-01T10:00:00+03:00').provisional).toBe(false);
    expect(due('block_on_report', '2990-06-01').provisional).toBe(false);
    expect(due('repeat_request_min_interval', '2990-06-01').provisional).toBe(false);
  });
});

describe('addWorkingDays', () => {
  it('takes up to MAX_WORKING_DAYS and refuses more, saying the range', () => {
    expect(addWorkingDays(calendar, '2990-01-01', MAX_WORKING_DAYS)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(errorOf(() => addWorkingDays(calendar, '2990-01-01', MAX_WORKING_DAYS + 1))).toMatchObject({
      code: 'invalid_n', message: `n must be an integer from 0 to ${MAX_WORKING_DAYS}, got ${MAX_WORKING_DAYS + 1}`,
    });
  });
});
