import { overdueReminders, type ReminderPolicy, type ScheduledReminder } from '../domain/case/reminders';
import type { Calendar, InternalTerms } from '../domain/legal-time';

/** What the worker counts reminders with: the operator's calendar (built-in + overrides), zone and policy. */
export interface ReminderContext {
  calendar: Calendar;
  timeZone: string;
  reminderPolicy: ReminderPolicy;
  /** The operator's internal terms: a re-plan counts them again too (the worker passes its legal-time settings). */
  internalTerms?: InternalTerms;
}

export interface MoreRemindersRequest {
  /** The instant the term ended (its extended end, when extended). */
  dueAt: string;
  /** The latest daily reminder already planned. */
  last?: Pick<ScheduledReminder, 'at' | 'workingDaysLeft'>;
}

/**
 * The next batch of daily reminders of an overdue term, on the production calendar the worker runs with: pure
 * code (domain/case/reminders.ts) behind an activity, so the workflow gets the schedule as data and a replay
 * reads it from history instead of recounting it.
 */
export const planOverdueReminders = (ctx: ReminderContext) => async (req: MoreRemindersRequest): Promise<ScheduledReminder[]> =>
  overdueReminders(req, ctx, ctx.reminderPolicy, req.last);
