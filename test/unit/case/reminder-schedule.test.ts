import { describe, expect, it } from 'vitest';
import { DEFAULT_REMINDER_POLICY, planReminders, type ReminderPolicy } from '../../../domain/case/reminders';
import { computeDeadline, createCalendar } from '../../../domain/legal-time';

// Plain Mon–Fri weeks far ahead (2990-03-01 is a Monday; 03-06/07 and 03-13/14 are weekends), so every instant
// below follows from the policy alone.
const ctx = { calendar: createCalendar([{ year: 2990, country: 'RU', source: 'projection', provisional: true, days: [] }]), timeZone: 'Europe/Moscow' };
const plan = (rule: string, from: string, policy: Partial<ReminderPolicy> = {}) =>
  planReminders(computeDeadline({ rule, from }, ctx), ctx, { ...DEFAULT_REMINDER_POLICY, dailyAfterDue: 2, ...policy });
const row = (key: string, at: string, kind: string, to: string, workingDaysLeft: number) => ({ key, at, kind, to, workingDaysLeft });

describe('the reminders of one term, by policy', () => {
  it('default: half term, 2 and 1 working days before for the assignee, 1 before for the DPO, escalation at the end, then daily', () => {
    // access received Mon 03-01: due Mon 03-15, ends 24:00 (03-16 00:00); half of it is Mon 03-08.
    expect(plan('access', '2990-03-01T10:00:00+03:00')).toEqual([
      row('half_term', '2990-03-08T09:00:00+03:00', 'half_term', 'assignee', 5),
      row('before_2wd', '2990-03-11T09:00:00+03:00', 'before_due', 'assignee', 2),
      row('before_1wd', '2990-03-12T09:00:00+03:00', 'before_due', 'assignee', 1),
      row('dpo_before_1wd', '2990-03-12T09:00:00+03:00', 'before_due', 'dpo', 1),
      row('escalation', '2990-03-16T00:00:00+03:00', 'escalation', 'dpo_and_head', 0),
      row('overdue_2990-03-16', '2990-03-16T09:00:00+03:00', 'overdue_daily', 'assignee', -1),
      row('overdue_2990-03-17', '2990-03-17T09:00:00+03:00', 'overdue_daily', 'assignee', -2),
    ]);
  });

  it('follows the operator\'s policy: no half-term reminder, other day counts, another hour', () => {
    expect(plan('access', '2990-03-01T10:00:00+03:00', { halfTerm: false, assigneeBefore: [3], dpoBefore: [2], hour: 10 })).toEqual([
      row('before_3wd', '2990-03-10T10:00:00+03:00', 'before_due', 'assignee', 3),
      row('dpo_before_2wd', '2990-03-11T10:00:00+03:00', 'before_due', 'dpo', 2),
      row('escalation', '2990-03-16T00:00:00+03:00', 'escalation', 'dpo_and_head', 0),
      row('overdue_2990-03-16', '2990-03-16T10:00:00+03:00', 'overdue_daily', 'assignee', -1),
      row('overdue_2990-03-17', '2990-03-17T10:00:00+03:00', 'overdue_daily', 'assignee', -2),
    ]);
  });

  it('fires in time order whatever order the policy lists its day counts in; reminders at one instant by key', () => {
    // 5 WD before the due date (Mon 03-15) is Mon 03-08, the half-term day: the same instant, ordered by key.
    expect(plan('access', '2990-03-01T10:00:00+03:00', { assigneeBefore: [1, 5, 3], dpoBefore: [] }).slice(0, 4).map((r) => [r.key, r.at])).toEqual([
      ['before_5wd', '2990-03-08T09:00:00+03:00'], ['half_term', '2990-03-08T09:00:00+03:00'],
      ['before_3wd', '2990-03-10T09:00:00+03:00'], ['before_1wd', '2990-03-12T09:00:00+03:00'],
    ]);
  });

  it('plans no reminder at or before the receipt: a reminder for a moment already gone is never sent', () => {
    // cease_unlawful (3 WD) received Fri 03-05 at 09:00: due Wed 03-10; 3 WD before the due date is the receipt itself.
    const keys = (from: string) => plan('cease_unlawful', from, { assigneeBefore: [3, 1] }).map((r) => r.key);
    expect(keys('2990-03-05T08:59:59+03:00')).toContain('before_3wd');
    expect(keys('2990-03-05T09:00:00+03:00')).not.toContain('before_3wd');
    expect(keys('2990-03-05T09:00:00+03:00')).toContain('before_1wd');
  });

  it('gives an "at once" term received before the reminder hour no half-term or day reminder, only its escalation', () => {
    expect(plan('block_on_report', '2990-03-01T08:00:00+03:00').map((r) => r.kind)).toEqual(['escalation', 'overdue_daily', 'overdue_daily']);
  });

  it('gives an hour term (incident notice) only its escalation at the exact instant, and the daily reminders after it', () => {
    // incident_initial: 24 hours from 10:00 Mon; the first daily reminder follows the escalation at once (09:00 is gone).
    expect(plan('incident_initial', '2990-03-01T10:00:00+03:00')).toEqual([
      row('escalation', '2990-03-02T10:00:00+03:00', 'escalation', 'dpo_and_head', 0),
      row('overdue_2990-03-02', '2990-03-02T10:00:00.001+03:00', 'overdue_daily', 'assignee', -1),
      row('overdue_2990-03-03', '2990-03-03T09:00:00+03:00', 'overdue_daily', 'assignee', -2),
    ]);
  });
});
