import { describe, expect, it } from 'vitest';
import { DEFAULT_REMINDER_POLICY } from '../../../domain/case/reminders';
import { replanTerms } from '../../../domain/case/replan';
import { extendTerm, planTerm } from '../../../domain/case/terms';
import { createCalendar, type CalendarYear } from '../../../domain/legal-time';

/** Synthetic years far ahead: plain Mon–Fri weeks, and the same with a decree day off on Wed 2990-03-08. */
const ZONE = 'Europe/Moscow';
const year = (y: number, days: CalendarYear['days'] = [], provisional = true): CalendarYear =>
  ({ year: y, country: 'RU', source: provisional ? 'projection' : 'Test Decree No. 5 of 01.09.2989', provisional, days });
const before = { calendar: createCalendar([year(2990)]), timeZone: ZONE, reminderPolicy: DEFAULT_REMINDER_POLICY };
const after = { ...before, calendar: createCalendar([year(2990, [{ date: '2990-03-08', status: 'nonworking', kind: 'holiday' }], false)]) };
const RECEIVED = '2990-03-01T10:00:00+03:00'; // a Wednesday
const NOW = '2990-03-02T12:00:00+03:00';

describe('replanTerms', () => {
  it('counts a running term again from its day 0 and rule: a day off inside it moves the due one working day later', () => {
    const term = planTerm('answer', 'access', RECEIVED, before, RECEIVED);
    const [r] = replanTerms([term], after, NOW);
    expect(r!.move).toEqual({
      term: 'answer', rule: 'access', fromVersion: before.calendar.version, toVersion: after.calendar.version,
      oldDue: term.deadline.due, newDue: '2990-03-16', oldDueAt: term.deadline.dueAt, newDueAt: '2990-03-17T00:00:00+03:00',
    });
    expect(term.deadline.due).toBe('2990-03-15');
    expect(r!.deadline).toMatchObject({ from: RECEIVED, rule: 'access', due: '2990-03-16', calendarVersion: after.calendar.version });
    // Reminders follow the new due; none of them is already past at NOW.
    expect(r!.reminders.at(-1 - DEFAULT_REMINDER_POLICY.dailyAfterDue)).toMatchObject({ key: 'escalation', at: '2990-03-17T00:00:00+03:00' });
    expect(r!.reminders.every((x) => Date.parse(x.at) >= Date.parse(NOW))).toBe(true);
    expect(r!.workingDaysLeft).toBe(9);
  });

  it('re-plans an extended term up to its new extended due, and leaves met terms and unmoved dates alone', () => {
    const extended = extendTerm(planTerm('answer', 'access', RECEIVED, before, RECEIVED), before, NOW);
    const [r] = replanTerms([extended], after, NOW);
    expect(r!.move.newDue).toBe(r!.deadline.extendedDue);
    expect(r!.reminders.find((x) => x.kind === 'escalation')).toMatchObject({ key: 'extended_escalation', at: r!.deadline.extendedDueAt });
    const met = { ...planTerm('answer', 'access', RECEIVED, before, RECEIVED), status: 'met' as const };
    expect(replanTerms([met], after, NOW)).toEqual([]);
    // Received after the new day off: the same dates on either calendar, so the recorded computation stays.
    const later = planTerm('answer', 'access', '2990-03-09T10:00:00+03:00', before, '2990-03-09T10:00:00+03:00');
    expect(replanTerms([later], after, '2990-03-09T12:00:00+03:00')).toEqual([]);
  });

  it('gives an overdue term its new dates but keeps its reminders: the escalation went out', () => {
    const term = { ...planTerm('answer', 'access', RECEIVED, before, RECEIVED), status: 'overdue' as const };
    const [r] = replanTerms([term], after, '2990-03-16T12:00:00+03:00');
    expect(r!.move.newDue).toBe('2990-03-16');
    expect(r!.reminders).toEqual(term.reminders);
  });
});
