import { continueAsNew, proxyActivities, sleep } from '@temporalio/workflow';
import type { RetentionActivities } from '../retention/activities';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Runs per history before continuing as new: a year of daily runs stays far below Temporal's history limits. */
const RUNS_PER_HISTORY = 100;

const { purgeExpiredActs, minimiseClosedCases } = proxyActivities<RetentionActivities>({
  startToCloseTimeout: '5 minutes',
  // A database outage is waited out; the next run would redo the work anyway.
  retry: { initialInterval: '10 seconds', maximumInterval: '10 minutes' },
});

export interface RetentionInput {
  /** Between runs; default a day. */
  everyMs?: number;
}

/**
 * The engine's retention workflow (id `dsar-retention:<task queue>`, started by every worker at start-up, idempotently:
 * retention/start-retention.ts). Every day: purge the acts past their retention (Order 179 p.4, 3 years from the destruction) and minimise
 * the closed cases past DSAR_MINIMISE_AFTER_DAYS. The activities do the SQL in short batches; "now" is the
 * workflow's time, so a replay decides nothing differently and the time-skipping server can test it.
 * A cron-like loop rather than a Temporal Schedule: it runs the same on the dev server, a cluster and the
 * time-skipping test server (which has no Schedules).
 */
export async function retentionWorkflow(input: RetentionInput = {}): Promise<void> {
  for (let run = 0; run < RUNS_PER_HISTORY; run++) {
    const asOf = new Date(Date.now()).toISOString();
    while ((await purgeExpiredActs(asOf)).more);
    while ((await minimiseClosedCases(asOf)).more);
    await sleep(input.everyMs ?? DAY_MS);
  }
  await continueAsNew<typeof retentionWorkflow>(input);
}
