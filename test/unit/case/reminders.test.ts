import { describe, expect, it } from 'vitest';
import { DEFAULT_REMINDER_POLICY, overdueReminders, planReminders } from '../../../domain/case/reminders';
import { builtInCalendar, computeDeadline, isWorkingDay } from '../../../domain/legal-time';

const calendar = builtInCalendar();
const ctx = { calendar, timeZone: 'Europe/Moscow' };
const plan = (rule: string, from: string) => planReminders(computeDeadline({ rule, from }, ctx), ctx);
const byKey = (r: ReturnType<typeof plan>) => Object.fromEntries(r.map((x) => [x.key, x]));

describe('reminder schedule on the production calendar', () => {
  it('reminds across the January holidays on working days only, at 09:00 Moscow time', () => {
    // access from 2025-12-26: due 2026-01-21 (152-fz.md worked example).
    const r = byKey(plan('access', '2025-12-26'));
    expect(r.before_2wd).toMatchObject({ at: '2026-01-19T09:00:00+03:00', to: 'assignee', workingDaysLeft: 2 });
    expect(r.before_1wd).toMatchObject({ at: '2026-01-20T09:00:00+03:00', to: 'assignee', workingDaysLeft: 1 });
    expect(r.dpo_before_1wd).toMatchObject({ at: '2026-01-20T09:00:00+03:00', to: 'dpo' });
    expect(r.escalation).toMatchObject({ at: '2026-01-22T00:00:00+03:00', to: 'dpo_and_head', kind: 'escalation' });
    // Half of 26 calendar days falls inside the holidays: the reminder waits for the first working day.
    expect(isWorkingDay(calendar, r.half_term!.at.slice(0, 10))).toBe(true);
    expect(r.half_term!.at.slice(0, 10) >= '2026-01-08').toBe(true);
    expect(r.half_term!.at.endsWith('T09:00:00+03:00')).toBe(true);
    expect(r['overdue_2026-01-22']).toMatchObject({ at: '2026-01-22T09:00:00+03:00', kind: 'overdue_daily', workingDaysLeft: -1 });
  });

  it('fires in order, every reminder before the escalation and every daily reminder on a working day after it', () => {
    for (const [rule, from] of [['access', '2025-10-24'], ['consent_withdrawn', '2025-12-01'], ['demand_cease', '2026-05-06'], ['rectify_on_evidence', '2026-04-30']]) {
      const r = plan(rule!, from!);
      const times = r.map((x) => Date.parse(x.at));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      const escalation = r.findIndex((x) => x.kind === 'escalation');
      expect(new Set(r.map((x) => x.key)).size).toBe(r.length);
      for (const daily of r.slice(escalation + 1)) expect(isWorkingDay(calendar, daily.at.slice(0, 10))).toBe(true);
      expect(r.slice(escalation + 1)).toHaveLength(DEFAULT_REMINDER_POLICY.dailyAfterDue);
    }
  });

  it('gives an "at once" term only its escalation at 24:00 of day 0 and the daily reminders after it', () => {
    const r = plan('block_on_report', '2026-03-02T15:00:00+03:00');
    expect(r[0]).toMatchObject({ key: 'escalation', at: '2026-03-03T00:00:00+03:00' });
    expect(r[1]).toMatchObject({ at: '2026-03-03T09:00:00+03:00', kind: 'overdue_daily' });
  });

  it('plans daily reminders after a missed term in batches that continue each other exactly, across the May holidays', () => {
    // access from 2026-04-10: due 2026-04-24; one batch of 60 equals three batches of 20 planned one after another.
    const deadline = computeDeadline({ rule: 'access', from: '2026-04-10' }, ctx);
    const whole = overdueReminders(deadline, ctx, { ...DEFAULT_REMINDER_POLICY, dailyAfterDue: 60 });
    const batches = [overdueReminders(deadline, ctx)];
    for (let i = 1; i < 3; i += 1) batches.push(overdueReminders(deadline, ctx, DEFAULT_REMINDER_POLICY, batches[i - 1]!.at(-1)));
    expect(batches.flat()).toEqual(whole);
    expect(whole.map((r) => r.workingDaysLeft)).toEqual(whole.map((_, i) => -(i + 1)));
    for (const r of whole) expect(isWorkingDay(calendar, r.at.slice(0, 10))).toBe(true);
    expect(whole.map((r) => r.at.slice(0, 10))).not.toContain('2026-05-11'); // Victory Day moved to Monday
    expect(overdueReminders(deadline, ctx, { ...DEFAULT_REMINDER_POLICY, dailyAfterDue: 0 })).toEqual([]);
  });
});
