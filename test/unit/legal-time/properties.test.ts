// Property tests over the whole data range and into the statutory-base years.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addWorkingDays, builtInCalendar, computeDeadline, RULE_IDS, RULES } from '../../../domain/legal-time';

const calendar = builtInCalendar();
const DAY = 86_400_000;
const START = Date.UTC(2023, 0, 1);
const SPAN = Math.round((Date.UTC(2029, 11, 31) - START) / DAY);

const dateArb = fc.integer({ min: 0, max: SPAN }).map((i) => new Date(START + i * DAY).toISOString().slice(0, 10));
const dayRuleArb = fc.constantFrom(...RULE_IDS.filter((id) => ['working_days', 'calendar_days', 'months'].includes(RULES[id].unit)));
// Every rule counted on dates: the day terms above plus the minimum interval (never shifted, so not always a working day).
const datedRuleArb = fc.constantFrom(...RULE_IDS.filter((id) => RULES[id].unit !== 'hours' && RULES[id].unit !== 'immediate'));
const extendableArb = fc.constantFrom(...RULE_IDS.filter((id) => RULES[id].extension !== null));

function workingDaysIn(after: string, upTo: string): number {
  let count = 0;
  for (let t = Date.parse(after) + DAY; t <= Date.parse(upTo); t += DAY) {
    if (calendar.isWorkingDay(new Date(t).toISOString().slice(0, 10))) count += 1;
  }
  return count;
}

describe('properties', () => {
  it('every day-based due date is a working day after day 0', () => {
    fc.assert(
      fc.property(dayRuleArb, dateArb, (rule, from) => {
        const { due } = computeDeadline({ rule, from }, { calendar });
        expect(calendar.isWorkingDay(due)).toBe(true);
        expect(due > from).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('addWorkingDays lands on a working day with exactly n working days in between', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 40 }), (date, n) => {
        const result = addWorkingDays(calendar, date, n);
        expect(calendar.isWorkingDay(result)).toBe(true);
        expect(workingDaysIn(date, result)).toBe(n);
      }),
      { numRuns: 500 },
    );
  });

  it('more days never give an earlier date', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), (date, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(addWorkingDays(calendar, date, lo) <= addWorkingDays(calendar, date, hi)).toBe(true);
      }),
    );
  });

  it('a later receipt never gives an earlier due date', () => {
    fc.assert(
      fc.property(datedRuleArb, dateArb, dateArb, (rule, a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const dueEarly = computeDeadline({ rule, from: early }, { calendar }).due;
        expect(dueEarly <= computeDeadline({ rule, from: late }, { calendar }).due).toBe(true);
      }),
    );
  });

  it('the extended due is exactly 5 working days after the due date', () => {
    fc.assert(
      fc.property(extendableArb, dateArb, (rule, from) => {
        const result = computeDeadline({ rule, from }, { calendar });
        if (result.extendedDue === undefined) throw new Error('extendable rule without extendedDue');
        expect(addWorkingDays(calendar, result.due, 5)).toBe(result.extendedDue);
        expect(workingDaysIn(result.due, result.extendedDue)).toBe(5);
        expect(calendar.isWorkingDay(result.extendedDue)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('an instant and its Moscow date give the same day-based result', () => {
    fc.assert(
      fc.property(datedRuleArb, dateArb, fc.integer({ min: 0, max: DAY - 1 }), (rule, date, ms) => {
        const instant = new Date(Date.parse(date) + ms - 3 * 3_600_000).toISOString(); // Moscow is UTC+3 throughout
        const a = computeDeadline({ rule, from: instant }, { calendar });
        const b = computeDeadline({ rule, from: date }, { calendar });
        expect([a.due, a.dueAt, a.extendedDue]).toEqual([b.due, b.dueAt, b.extendedDue]);
      }),
    );
  });

  it('the minimum interval is exactly day 0 + 30, from the first instant of that day, whatever the calendar', () => {
    fc.assert(
      fc.property(dateArb, (from) => {
        const result = computeDeadline({ rule: 'repeat_request_min_interval', from }, { calendar });
        const expected = new Date(Date.parse(from) + 30 * DAY).toISOString().slice(0, 10);
        expect([result.due, result.dueAt, result.provisional]).toEqual([expected, `${expected}T00:00:00+03:00`, false]);
      }),
    );
  });

  it('a blocking term always ends at 24:00 of day 0', () => {
    fc.assert(
      fc.property(dateArb, (from) => {
        const next = new Date(Date.parse(from) + DAY).toISOString().slice(0, 10);
        const result = computeDeadline({ rule: 'block_on_report', from }, { calendar });
        expect([result.due, result.dueAt, result.provisional]).toEqual([from, `${next}T00:00:00+03:00`, false]);
      }),
    );
  });
});
