import { describe, expect, it } from 'vitest';
import { termFrom, workingDaysLeft } from '../../../domain/case/terms';
import { createCalendar, type CalendarYear } from '../../../domain/legal-time';

const RECEIVED = '2990-03-01T10:00:00+03:00'; // a Monday
const terms = [{ key: 'answer' as const, due: '2990-03-15' }, { key: 'block' as const, due: '2990-03-01' }];

describe('the day a step\'s term counts from', () => {
  it('is the receipt, the officer\'s finding date (the receipt without one), or the end of another term', () => {
    expect(termFrom({ key: 'answer', rule: 'access', from: 'receipt' }, { receivedAt: RECEIVED, findingDate: '2990-03-05', terms })).toBe(RECEIVED);
    expect(termFrom({ key: 'rectify', rule: 'rectify_on_evidence', from: 'finding' }, { receivedAt: RECEIVED, findingDate: '2990-03-05', terms })).toBe('2990-03-05');
    expect(termFrom({ key: 'rectify', rule: 'rectify_on_evidence', from: 'finding' }, { receivedAt: RECEIVED, terms })).toBe(RECEIVED);
    // destroy_fallback: 6 months from the end of the original term, not from receipt or from today.
    expect(termFrom({ key: 'fallback', rule: 'destroy_fallback', from: 'due:answer' }, { receivedAt: RECEIVED, terms })).toBe('2990-03-15');
  });

  it('refuses to count from a term the case does not have', () => {
    expect(() => termFrom({ key: 'fallback', rule: 'destroy_fallback', from: 'due:destroy' }, { receivedAt: RECEIVED, terms }))
      .toThrow('no term "destroy" to count from');
  });
});

describe('working days left until a due date (operator time)', () => {
  // A plain Mon–Fri year far ahead: 2990-03-01 is a Monday, 03-06/07 is the weekend.
  const year: CalendarYear = { year: 2990, country: 'RU', source: 'projection', provisional: true, days: [] };
  const calendar = createCalendar([year]);
  const at = (instant: string) => Date.parse(instant);
  const left = (now: string, due: string) => workingDaysLeft(calendar, 'Europe/Moscow', at(now), due);

  it('is 0 on the due day, counts only working days ahead, and goes negative once the due day passed', () => {
    expect(left('2990-03-01T23:30:00+03:00', '2990-03-01')).toBe(0);
    expect(left('2990-03-01T10:00:00+03:00', '2990-03-02')).toBe(1);
    expect(left('2990-03-04T10:00:00+03:00', '2990-03-08')).toBe(2); // Thu → Mon: the weekend does not count
    expect(left('2990-03-02T10:00:00+03:00', '2990-03-09')).toBe(5);
    expect(left('2990-03-02T10:00:00+03:00', '2990-03-01')).toBe(-1);
    expect(left('2990-03-05T10:00:00+03:00', '2990-03-01')).toBe(-4);
  });

  it('takes today in the operator\'s zone, not in UTC', () => {
    // 22:30 UTC on 03-01 is already 03-02 in Moscow: due 03-02 is today there.
    expect(left('2990-03-01T22:30:00Z', '2990-03-02')).toBe(0);
  });

  it('counts a term overdue by at least one day even when only days off passed since', () => {
    // Due Saturday, today Sunday: no working day in between, yet the term ended.
    expect(left('2990-03-07T10:00:00+03:00', '2990-03-06')).toBe(-1);
  });
});
