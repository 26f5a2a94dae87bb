import type pg from 'pg';
import { recordFault } from './case-faults';
import { recordCaseOpened, recordReminder, recordStep } from './case-projection';

/**
 * Activities are thin I/O. Built once in the worker with their dependencies (the pool), so tests can
 * run them against any database.
 */
export function createActivities(deps: { pool: pg.Pool }) {
  return {
    recordCaseOpened: recordCaseOpened(deps.pool),
    recordStep: recordStep(deps.pool),
    recordReminder: recordReminder(deps.pool),
    recordFault: recordFault(deps.pool),
  };
}
