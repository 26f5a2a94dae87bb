/**
 * The terms on a case: computed once on the production calendar with their reminder schedule (ADR 003), then
 * handed to the workflow as data. Pure; the API computes them, the workflow only reads them.
 */
import { calendarIndex, type Calendar } from '../legal-time/calendar';
import { daysFromCivil } from '../legal-time/civil-date';
import { computeDeadline, type DeadlineOptions, type DeadlineResult } from '../legal-time/compute-deadline';
import { localDay } from '../legal-time/time-zone';
import type { RuleId } from '../legal-time/rules';
import type { TermStatus } from './decide';
import { DELETION_GROUNDS, LEGAL_PATHS, type DeletionGround, type TermKey, type TermStart } from './legal-paths';
import { planReminders, type ReminderPolicy, type ScheduledReminder } from './reminders';
import type { RequestType } from './request-types';

export interface CaseTerm {
  key: TermKey;
  rule: RuleId;
  deadline: DeadlineResult;
  reminders: ScheduledReminder[];
  status: TermStatus;
  startedAt: string;
  extended?: boolean;
  metAt?: string;
}

export type TermContext = DeadlineOptions & { timeZone: string; reminderPolicy?: ReminderPolicy };

/**
 * One term counted from `from` (a date or instant), with its reminders. Reminders already past at `startedAt`
 * are left out (a request entered late gets no reminder for a moment that is gone), except the escalation.
 */
export function planTerm(key: TermKey, rule: RuleId, from: string, ctx: TermContext, startedAt: string): CaseTerm {
  const deadline = computeDeadline({ rule, from }, ctx);
  const started = Date.parse(startedAt);
  const reminders = planReminders(deadline, ctx, ctx.reminderPolicy).filter((r) => r.kind === 'escalation' || Date.parse(r.at) >= started);
  return { key, rule, deadline, reminders, status: 'running', startedAt };
}

/**
 * The same term extended by its +5 WD (art. 20 p.2, art. 21 p.5.1) at `extendedAt`: new reminders up to the
 * extended due date. Those already past when it is extended are left out, as in planTerm: the workflow would
 * otherwise send them at once (a "half the term has passed" reminder at the moment of the extension).
 */
export function extendTerm(term: CaseTerm, ctx: TermContext, extendedAt: string): CaseTerm {
  const d = term.deadline;
  if (!d.extendedDue || !d.extendedDueAt) throw new Error(`the ${term.rule} term has no extension`);
  const extended = Date.parse(extendedAt);
  const reminders = planReminders({ ...d, due: d.extendedDue, dueAt: d.extendedDueAt }, ctx, ctx.reminderPolicy)
    .filter((r) => Date.parse(r.at) >= extended)
    .map((r) => ({ ...r, key: `extended_${r.key}` }));
  return { ...term, reminders, extended: true };
}

/** The instant or date day 0 of a step's term counts from. */
export function termFrom(start: TermStart, c: { receivedAt: string; findingDate?: string; terms: ReadonlyArray<{ key: TermKey; due: string }> }): string {
  if (start.from === 'receipt') return c.receivedAt;
  if (start.from === 'finding') return c.findingDate ?? c.receivedAt;
  const of = start.from.slice('due:'.length);
  const term = c.terms.find((t) => t.key === of);
  if (!term) throw new Error(`no term "${of}" to count from`);
  return term.due; // counted from the end of that term (152-fz.md: destroy_fallback)
}

/** Every term a request starts at receipt; a deletion's term depends on the ground the officer picked. */
export function openingTerms(
  type: RequestType, receivedAt: string, ctx: TermContext, ground: DeletionGround = 'evidence', openedAt: string = receivedAt,
): CaseTerm[] {
  return LEGAL_PATHS[type].opening.map((t) => {
    const rule = type === 'deletion' && t.key === 'answer' ? DELETION_GROUNDS[ground] : t.rule;
    return planTerm(t.key, rule, receivedAt, ctx, openedAt);
  });
}

/**
 * Working days from today (operator time) to the due date: 0 when due today, 1 when due on the next working day,
 * negative when overdue (−1: the due date was the last working day before today).
 */
export function workingDaysLeft(calendar: Calendar, timeZone: string, nowMs: number, due: string): number {
  const index = calendarIndex(calendar);
  const today = localDay(timeZone, nowMs);
  const [y, m, d] = due.split('-').map(Number) as [number, number, number];
  const dueDay = daysFromCivil(y, m, d);
  let n = 0;
  if (dueDay >= today) { for (let day = today + 1; day <= dueDay; day += 1) if (index.isWorking(day)) n += 1; return n; }
  for (let day = dueDay + 1; day <= today; day += 1) if (index.isWorking(day)) n -= 1;
  return Math.min(n, -1);
}
