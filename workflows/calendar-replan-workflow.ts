/**
 * One re-plan per calendar version (docs/adr/015): tells every open case, read from PostgreSQL a page at a time,
 * that the calendar changed; each case then counts its own terms again. Started by the worker that first runs
 * with the version (calendar/start-replan.ts), with a fixed workflow id, so it runs once however many workers start.
 */
import { continueAsNew, getExternalWorkflowHandle, proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities';
import { calendarChangedSignal } from './case-contract';

const { openCasesAfter, recordCalendarReplanned } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const PAGE = 200;
/** Pages per run: about 3 events per signal keeps a run's history far below Temporal's limits. */
const PAGES_PER_RUN = 10;

export interface CalendarReplanInput {
  version: string;
  /** Where the previous run stopped (continue-as-new). */
  after?: string;
  signalled?: number;
}

export async function calendarReplanWorkflow(input: CalendarReplanInput): Promise<number> {
  let after = input.after;
  let signalled = input.signalled ?? 0;
  for (let page = 0; page < PAGES_PER_RUN; page += 1) {
    const ids = await openCasesAfter({ after, limit: PAGE });
    // A case that ended since the read (or a row whose workflow is gone) cannot be told, and needs no re-plan.
    const told = await Promise.all(ids.map((id) => getExternalWorkflowHandle(id)
      .signal(calendarChangedSignal, { version: input.version }).then(() => 1, () => 0)));
    signalled += told.reduce<number>((a, b) => a + b, 0);
    if (ids.length < PAGE) {
      await recordCalendarReplanned({ version: input.version, cases: signalled });
      return signalled;
    }
    after = ids.at(-1);
  }
  return await continueAsNew<typeof calendarReplanWorkflow>({ version: input.version, after, signalled });
}
