import type pg from 'pg';
import { minimiseClosedCases, MINIMISE_BATCH } from './minimise-cases';
import { purgeExpiredActs, PURGE_BATCH } from './purge-acts';

export interface RetentionSettings {
  /** DSAR_MINIMISE_AFTER_DAYS: closed cases are minimised this many days after closing. */
  minimiseAfterDays: number;
  /** The operator's time zone: an act's retain_until is a date there. */
  timeZone: string;
}

/**
 * 3 years: Order 179 keeps the proof of a destruction 3 years, and the general limitation period (Civil Code
 * art. 196) is 3 years too, so a case stays whole as long as the operator may have to show how it answered.
 */
export const DEFAULT_MINIMISE_AFTER_DAYS = 1095;

/** One batch each: the workflow calls again while `more` (a batch came back full), so no activity runs long. */
export function createRetentionActivities(pool: pg.Pool, settings: RetentionSettings) {
  return {
    async purgeExpiredActs(asOf: string): Promise<{ purged: string[]; more: boolean }> {
      const purged = await purgeExpiredActs(pool, asOf, settings.timeZone);
      return { purged: purged.map((a) => a.number), more: purged.length === PURGE_BATCH };
    },
    async minimiseClosedCases(asOf: string): Promise<{ minimised: string[]; more: boolean }> {
      const done = await minimiseClosedCases(pool, asOf, settings.minimiseAfterDays);
      return { minimised: done.map((c) => c.caseId), more: done.length === MINIMISE_BATCH };
    },
  };
}
export type RetentionActivities = ReturnType<typeof createRetentionActivities>;
