/**
 * Re-planning a case's terms after the production calendar changed (an official year replaced a provisional one,
 * or a correction): each term not yet met is counted again from its recorded day 0 (`deadline.from`) and rule on
 * the new calendar. Pure; the worker's activity runs it, so the workflow receives the result as data (ADR 003, 015).
 */
import { computeDeadline, type DeadlineResult } from '../legal-time/compute-deadline';
import { planReminders } from './reminders';
import { dueOf } from './term-due';
import { extendTerm, workingDaysLeft, type CaseTerm, type TermContext } from './terms';

export interface DueMove {
  term: string;
  rule: string;
  fromVersion: string;
  toVersion: string;
  /** The due date and instant in force before and after (the extended ones for an extended term). */
  oldDue: string;
  newDue: string;
  oldDueAt: string;
  newDueAt: string;
}

export interface ReplannedTerm {
  key: CaseTerm['key'];
  deadline: DeadlineResult;
  /** The term's new schedule: only reminders still ahead at `now`, and the escalation. */
  reminders: CaseTerm['reminders'];
  move: DueMove;
  /** Working days from `now` to the new due date, for the letter that tells the assignee. */
  workingDaysLeft: number;
}

/** The dates a computation gives; the same dates on another calendar version are not a move. */
const datesOf = (d: DeadlineResult) => [d.due, d.dueAt, d.extendedDue, d.extendedDueAt, d.internal?.due, d.internal?.dueAt].join('|');

/**
 * The terms whose dates move on `ctx.calendar`, with their new computation and reminders. A term whose dates stay
 * keeps its recorded computation: the version it names still gives the dates the case shows. Met and cancelled
 * terms are history and never change. An overdue term gets its new dates too (the auditor sees when it really
 * ended); its daily reminders go on as planned, since the escalation already went out.
 */
export function replanTerms(terms: readonly CaseTerm[], ctx: TermContext, now: string): ReplannedTerm[] {
  const nowMs = Date.parse(now);
  const out: ReplannedTerm[] = [];
  for (const term of terms) {
    if (term.status !== 'running' && term.status !== 'overdue') continue;
    const old = term.deadline;
    const deadline = computeDeadline({ rule: term.rule, from: old.from }, ctx);
    if (datesOf(deadline) === datesOf(old)) continue;
    const moved = { ...term, deadline };
    const reminders = term.status === 'overdue' ? term.reminders
      : term.extended ? extendTerm(moved, ctx, now).reminders
        : planReminders(deadline, ctx, ctx.reminderPolicy).filter((r) => r.kind === 'escalation' || Date.parse(r.at) >= nowMs);
    const before = dueOf(term);
    const after = dueOf(moved);
    out.push({
      key: term.key, deadline, reminders,
      move: {
        term: term.key, rule: term.rule, fromVersion: old.calendarVersion, toVersion: deadline.calendarVersion,
        oldDue: before.due, newDue: after.due, oldDueAt: before.dueAt, newDueAt: after.dueAt,
      },
      workingDaysLeft: workingDaysLeft(ctx.calendar, ctx.timeZone, nowMs, after.due),
    });
  }
  return out;
}
