import type pg from 'pg';
import { recordFault } from './case-faults';
import { sendCaseLetter, type LetterDeps } from './case-letters';
import { recordCaseOpened, recordReminder, recordStep } from './case-projection';
import { planOverdueReminders, type ReminderContext } from './reminder-plans';
import { createRetentionActivities, DEFAULT_MINIMISE_AFTER_DAYS, type RetentionSettings } from '../retention/activities';

/**
 * Activities are thin I/O. Built once in the worker with their dependencies (the pool), so tests can
 * run them against any database.
 */
export function createActivities(deps: { pool: pg.Pool; letters: LetterDeps; reminders: ReminderContext; retention?: RetentionSettings }) {
  return {
    recordCaseOpened: recordCaseOpened(deps.pool),
    recordStep: recordStep(deps.pool),
    recordReminder: recordReminder(deps.pool),
    recordFault: recordFault(deps.pool),
    sendCaseLetter: sendCaseLetter(deps.pool, deps.letters),
    planOverdueReminders: planOverdueReminders(deps.reminders),
    ...createRetentionActivities(deps.pool, deps.retention ?? { minimiseAfterDays: DEFAULT_MINIMISE_AFTER_DAYS, timeZone: deps.reminders.timeZone }),
  };
}
