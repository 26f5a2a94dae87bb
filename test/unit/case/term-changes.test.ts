import { describe, expect, it } from 'vitest';
import { replanTerms } from '../../../domain/case/replan';
import { extendTerm, planTerm } from '../../../domain/case/terms';
import { createCalendar } from '../../../domain/legal-time';

// Plain Mon–Fri weeks far ahead (2990-03-01 is a Monday), and the same with a day off on Wed 2990-03-03.
const plain = { calendar: createCalendar([{ year: 2990, country: 'RU', source: 'projection', provisional: true, days: [] }]), timeZone: 'Europe/Moscow' };
const dayOff = {
  ...plain,
  calendar: createCalendar([{ year: 2990, country: 'RU', source: 'Test Decree No. 9 of 01.09.2989', provisional: false, days: [{ date: '2990-03-03', status: 'nonworking', kind: 'holiday' }] }]),
};
const RECEIVED = '2990-03-01T10:00:00+03:00';

describe('changing a term after it was planned', () => {
  it('refuses to extend a term whose rule has no extension', () => {
    expect(() => extendTerm(planTerm('answer', 'consent_withdrawn', RECEIVED, plain, RECEIVED), plain)).toThrow('the consent_withdrawn term has no extension');
  });

  it('re-plans running and overdue terms on a new calendar, never met or cancelled ones', () => {
    const term = planTerm('answer', 'access', RECEIVED, plain, RECEIVED);
    const now = '2990-03-02T09:00:00+03:00';
    expect(replanTerms([{ ...term, status: 'cancelled' }, { ...term, status: 'met' }], dayOff, now)).toEqual([]);
    const moved = replanTerms([term, { ...term, key: 'block', status: 'overdue' }], dayOff, now);
    expect(moved.map((m) => [m.key, m.move.oldDue, m.move.newDue])).toEqual([['answer', '2990-03-15', '2990-03-16'], ['block', '2990-03-15', '2990-03-16']]);
    expect(moved[0]!.move).toMatchObject({ fromVersion: plain.calendar.version, toVersion: dayOff.calendar.version });
  });

  it('gives a moved term its new internal (policy) due date too, and leaves a term received after the day off alone', () => {
    // An internal term of 1 WD from Tue 03-02 ends Wed 03-03 on the plain weeks, Thu 03-04 with 03-03 off.
    const internal = { access: { n: 1 } };
    const term = planTerm('answer', 'access', '2990-03-02T10:00:00+03:00', { ...plain, internalTerms: internal }, '2990-03-02T10:00:00+03:00');
    const [r] = replanTerms([term], { ...dayOff, internalTerms: internal }, '2990-03-02T11:00:00+03:00');
    expect(r!.deadline.internal).toEqual({ n: 1, due: '2990-03-04', dueAt: '2990-03-05T00:00:00+03:00' });
    const after = planTerm('answer', 'access', '2990-03-04T10:00:00+03:00', { ...plain, internalTerms: internal }, '2990-03-04T10:00:00+03:00');
    expect(replanTerms([after], { ...dayOff, internalTerms: internal }, '2990-03-04T11:00:00+03:00')).toEqual([]);
  });

  it('keeps, from the new schedule, only reminders still ahead and the escalation', () => {
    const term = planTerm('answer', 'access', RECEIVED, plain, RECEIVED);
    const now = '2990-03-12T09:00:00+03:00'; // the 1 WD reminders of the new due (03-16) fire at this very instant
    const [r] = replanTerms([term], dayOff, now);
    expect(r!.reminders.slice(0, 3).map((x) => [x.key, x.at])).toEqual([
      ['before_2wd', '2990-03-12T09:00:00+03:00'], ['before_1wd', '2990-03-15T09:00:00+03:00'], ['dpo_before_1wd', '2990-03-15T09:00:00+03:00'],
    ]);
    expect(r!.workingDaysLeft).toBe(2);
  });
});
