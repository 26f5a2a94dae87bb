/**
 * When each reminder and escalation of a term fires, computed once on the production calendar and handed to
 * the workflow as data (like the term itself, ADR 003), so a replay never recomputes it. Pure: no clock, no I/O.
 *
 * Default policy (configurable, DSAR_REMINDER_POLICY): remind the assignee when half the term has passed and 2 and
 * 1 working days before the due date; tell the DPO 1 working day before; at the end of the term mark the case
 * overdue and tell the DPO and the head; then remind daily, on working days, until the term is met (planned in
 * batches: overdueReminders()).
 */
import { calendarIndex, onOrNextWorkingDay, type Calendar } from '../legal-time/calendar';
import { daysFromCivil, formatDate, type DayNumber } from '../legal-time/civil-date';
import type { DeadlineResult } from '../legal-time/compute-deadline';
import { formatInstant, localDay, startOfLocalDay } from '../legal-time/time-zone';

export interface ReminderPolicy {
  /** Remind the assignee on the first working day after half the term has passed. */
  halfTerm: boolean;
  /** Remind the assignee this many working days before the due date (e.g. [2, 1]). */
  assigneeBefore: number[];
  /** Tell the DPO this many working days before the due date. */
  dpoBefore: number[];
  /** Local hour (operator time zone) at which day reminders fire. */
  hour: number;
  /** After the term ended unmet: a reminder each working day until it is met, planned this many at a time (0: none). */
  dailyAfterDue: number;
}

export const DEFAULT_REMINDER_POLICY: ReminderPolicy = { halfTerm: true, assigneeBefore: [2, 1], dpoBefore: [1], hour: 9, dailyAfterDue: 20 };

export type Recipient = 'assignee' | 'dpo' | 'dpo_and_head';
export type ReminderKind = 'half_term' | 'before_due' | 'escalation' | 'overdue_daily';

export interface ScheduledReminder {
  /** Stable within the term: with the case and term it makes "sent at most once" checkable. */
  key: string;
  at: string;
  kind: ReminderKind;
  to: Recipient;
  /** Working days left until the due date (negative: overdue by that many). */
  workingDaysLeft: number;
}

const parseDay = (date: string): DayNumber => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return daysFromCivil(y, m, d);
};

/** The schedule of one term, in firing order. Terms without working days to count (hours) get only the escalation. */
export function planReminders(
  deadline: DeadlineResult, ctx: { calendar: Calendar; timeZone: string }, policy: ReminderPolicy = DEFAULT_REMINDER_POLICY,
): ScheduledReminder[] {
  const index = calendarIndex(ctx.calendar);
  const zone = ctx.timeZone;
  const dueAtMs = Date.parse(deadline.dueAt);
  const startMs = Date.parse(deadline.from.length === 10 ? formatInstant(zone, startOfLocalDay(zone, parseDay(deadline.from))) : deadline.from);
  const due = parseDay(deadline.due);
  const at = (day: DayNumber) => startOfLocalDay(zone, day) + policy.hour * 3_600_000;
  /** Working days strictly after `day` up to and including the due date. */
  const workingDaysUntilDue = (day: DayNumber) => {
    let n = 0;
    for (let d = day + 1; d <= due; d += 1) if (index.isWorking(d)) n += 1;
    return n;
  };
  const before = (n: number) => {
    let day = due;
    for (let left = n; left > 0; ) { day -= 1; if (index.isWorking(day)) left -= 1; }
    return day;
  };
  const out: ScheduledReminder[] = [];
  const add = (key: string, ms: number, kind: ReminderKind, to: Recipient, left: number) => {
    if (ms > startMs && ms < dueAtMs) out.push({ key, at: formatInstant(zone, ms), kind, to, workingDaysLeft: left });
  };
  if (deadline.unit !== 'hours' && deadline.unit !== 'immediate') {
    if (policy.halfTerm) {
      const half = onOrNextWorkingDay(index, localDay(zone, startMs + (dueAtMs - startMs) / 2));
      add('half_term', at(half), 'half_term', 'assignee', workingDaysUntilDue(half));
    }
    for (const n of policy.assigneeBefore) add(`before_${n}wd`, at(before(n)), 'before_due', 'assignee', n);
    for (const n of policy.dpoBefore) add(`dpo_before_${n}wd`, at(before(n)), 'before_due', 'dpo', n);
  }
  out.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.key.localeCompare(b.key));
  out.push({ key: 'escalation', at: deadline.dueAt, kind: 'escalation', to: 'dpo_and_head', workingDaysLeft: 0 });
  return [...out, ...overdueReminders(deadline, ctx, policy)];
}

/**
 * The next `policy.dailyAfterDue` daily reminders of a term that ended unmet, on working days at `policy.hour`
 * (the first on the due day's own day when that is still ahead, else the next working day), after `last` — the
 * latest daily reminder already planned — or from the due date. The workflow asks for the next batch when one
 * runs out, so an overdue case is reminded every working day until it is closed, with a bounded schedule.
 */
export function overdueReminders(
  deadline: Pick<DeadlineResult, 'dueAt'>, ctx: { calendar: Calendar; timeZone: string }, policy: ReminderPolicy = DEFAULT_REMINDER_POLICY,
  last?: Pick<ScheduledReminder, 'at' | 'workingDaysLeft'>,
): ScheduledReminder[] {
  const index = calendarIndex(ctx.calendar);
  const zone = ctx.timeZone;
  const dueAtMs = Date.parse(deadline.dueAt);
  const out: ScheduledReminder[] = [];
  let day = last ? localDay(zone, Date.parse(last.at)) : localDay(zone, dueAtMs) - 1;
  const skipped = last ? -last.workingDaysLeft : 0;
  for (let i = skipped + 1; i <= skipped + policy.dailyAfterDue; i += 1) {
    day = onOrNextWorkingDay(index, day + 1);
    const ms = Math.max(startOfLocalDay(zone, day) + policy.hour * 3_600_000, dueAtMs + 1);
    out.push({ key: `overdue_${formatDate(day)}`, at: formatInstant(zone, ms), kind: 'overdue_daily', to: 'assignee', workingDaysLeft: -i });
  }
  return out;
}
