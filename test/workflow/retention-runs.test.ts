import { WorkflowContinuedAsNewError, type WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { RetentionActivities } from '../../retention/activities';
import { retentionWorkflow } from '../../workflows/retention-workflow';
import { eventually } from '../helpers/eventually';
import { skipUntil } from '../helpers/skip-until';
import { startTimeSkipping, type TimeSkipping } from '../helpers/time-skipping';

/**
 * The retention loop's own rules, with activities that only note when they were asked (what they do to the database
 * is in retention-workflow.test.ts): a batch that came back full is asked for again at the same instant, a run sleeps
 * the interval it was given (a day by default), and a history ends after 100 runs by continuing as new with the same
 * interval.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let ts: TimeSkipping;
// A test server of its own for each test: the server skips time only while no task is in flight, and a run ended
// under load with its activity still in flight (CI, 2026-12-08) held the clock for the next test until its timeout.
beforeEach(async () => { ts = await startTimeSkipping(); });
afterEach(async () => { await ts?.stop(); });

/**
 * Runs the retention workflow on its own queue while `body` runs, then ends its latest run (by id alone: a run may
 * have continued as new) while the worker still runs: a task left waiting for a stopped worker would keep the test
 * server from skipping time in the next test.
 */
async function whileRunning(
  id: string, activities: RetentionActivities, args: Parameters<typeof retentionWorkflow>,
  body: (handle: WorkflowHandleWithFirstExecutionRunId<typeof retentionWorkflow>) => Promise<void>,
) {
  const worker = await ts.worker(id, activities as never);
  await worker.runUntil(async () => {
    const handle = await ts.env.client.workflow.start(retentionWorkflow, { workflowId: id, taskQueue: id, args });
    try {
      await body(handle);
    } finally {
      await ts.env.client.workflow.getHandle(id).terminate('test finished').catch(() => undefined);
    }
  });
}
const anHourAfter = (ms: number) => ms >= HOUR && ms < HOUR + 5_000;

/** Activities that record each call's `asOf`; the first batch of each kind comes back full. */
function counting() {
  const purges: string[] = [];
  const minimises: string[] = [];
  const activities = {
    purgeExpiredActs: async (asOf: string) => { purges.push(asOf); return { purged: [], more: purges.length === 1 }; },
    minimiseClosedCases: async (asOf: string) => { minimises.push(asOf); return { minimised: [], more: minimises.length === 1 }; },
  } satisfies RetentionActivities;
  return { purges, minimises, activities };
}

it('runs once a day when started without an interval', async () => {
  const { purges, activities } = counting();
  await whileRunning('retention-daily', activities, [], async () => {
    await eventually(async () => purges.length >= 2);
    await ts.env.sleep(DAY - HOUR);
    expect(new Set(purges).size).toBe(1);
    await skipUntil(ts.env, async () => new Set(purges).size >= 2, { stepMs: 10 * 60_000, maxSkipMs: 2 * HOUR });
    expect(Date.parse(purges.at(-1)!) - Date.parse(purges[0]!) - DAY + HOUR).toSatisfy(anHourAfter);
  });
}, 120_000);

it('waits out a database outage, backing off from 10 seconds to at most 10 minutes between attempts', async () => {
  const attempts: number[] = [];
  const activities = {
    purgeExpiredActs: async () => {
      attempts.push(await ts.env.currentTimeMs());
      if (attempts.length <= 8) throw new Error('the database is down');
      return { purged: [], more: false };
    },
    minimiseClosedCases: async () => ({ minimised: [], more: false }),
  } satisfies RetentionActivities;
  await whileRunning('retention-outage', activities, [], async () => {
    await skipUntil(ts.env, async () => attempts.length >= 9, { stepMs: 5 * 60_000, maxSkipMs: 2 * HOUR });
  });
  // Doubling from 10 s (10, 20, … 320 s), then capped at 10 minutes, in the test server's time.
  // Each read a moment after its attempt starts (real time passes there too): within 2 s of the policy's gap.
  const gaps = attempts.slice(1).map((at, i) => (at - attempts[i]!) / 1000);
  const policy = [10, 20, 40, 80, 160, 320, 600, 600];
  expect(gaps.map((gap, i) => Math.abs(gap - policy[i]!) < 2), `gaps of ${gaps.join(', ')} s`).toEqual(policy.map(() => true));
}, 120_000);

it('asks again while a batch is full, runs at its interval, and continues as new after 100 runs with that interval', async () => {
  const { purges, minimises, activities } = counting();
  await whileRunning('retention-runs', activities, [{ everyMs: HOUR }], async (handle) => {
    const first = ts.env.client.workflow.getHandle(handle.workflowId, handle.firstExecutionRunId, { followRuns: false });
    expect(await first.result().then(() => undefined, (err: unknown) => err)).toBeInstanceOf(WorkflowContinuedAsNewError);

    // The first history: 100 runs an hour apart, each purge and minimise once, the two full batches asked again at once.
    const scheduled = (await first.fetchHistory()).events!.filter((e) => e.activityTaskScheduledEventAttributes).length;
    expect(scheduled).toBe(2 * 100 + 2);
    expect(purges[1]).toBe(purges[0]);
    expect([minimises[0], minimises[1]]).toEqual([purges[0], purges[0]]);
    const runs = [...new Set(purges.slice(0, 101))];
    expect(runs).toHaveLength(100);
    // An hour and the few milliseconds the activities took: each run reads the clock after the previous one's work.
    for (const [i, asOf] of runs.slice(1).entries()) expect(Date.parse(asOf) - Date.parse(runs[i]!)).toSatisfy(anHourAfter);
    expect(minimises.slice(0, 101)).toEqual(purges.slice(0, 101));

    // The next run starts at once and keeps the interval.
    const t0 = Date.parse(runs[99]!);
    await eventually(async () => purges.length >= 102);
    expect(Date.parse(purges[101]!) - t0).toSatisfy(anHourAfter);
    await skipUntil(ts.env, async () => purges.length >= 103, { stepMs: 10 * 60_000, maxSkipMs: 2 * HOUR });
    expect(Date.parse(purges[102]!) - Date.parse(purges[101]!)).toSatisfy(anHourAfter);
  });
}, 120_000);
