import { WorkflowContinuedAsNewError } from '@temporalio/client';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { calendarReplanWorkflow } from '../../workflows/calendar-replan-workflow';
import { startTimeSkipping, type TimeSkipping } from '../helpers/time-skipping';

/**
 * The re-plan's walk over the open cases (docs/adr/015), with the page reader stubbed so thousands of cases cost no
 * rows: pages of 200 read after the last id of the page before, ten pages per run, then a new run that goes on
 * where this one stopped. Only cases that could be told count; the rows of the others (a case that ended, a
 * workflow that is gone) need no re-plan. calendar-replan.test.ts follows one real case through its re-plan.
 */
const PAGE = 200;
let ts: TimeSkipping;
beforeAll(async () => { ts = await startTimeSkipping(); });
afterEach(async () => { await ts?.endOpenCases(); });
afterAll(async () => { await ts?.stop(); });

it('tells the open cases page after page, continues as new after ten pages, and counts only the cases it told', async () => {
  const taskQueue = 'replan-pages';
  const [a, b] = [await ts.startCase('access', { taskQueue }), await ts.startCase('access', { taskQueue })];
  // 2,050 open rows: two running cases (on the first page and on the eleventh) among rows whose workflows are gone.
  const ids = Array.from({ length: 2_050 }, (_, i) => `GONE-${String(i).padStart(5, '0')}`);
  ids[3] = a.input.caseId;
  ids[2_010] = b.input.caseId;
  const reads: Array<{ after?: string; limit: number }> = [];
  const recorded: Array<{ version: string; cases: number }> = [];
  const activities = {
    ...ts.activities(),
    openCasesAfter: async (req: { after?: string; limit: number }) => {
      reads.push(req);
      const from = req.after === undefined ? 0 : ids.indexOf(req.after) + 1;
      return ids.slice(from, from + req.limit);
    },
    recordCalendarReplanned: async (req: { version: string; cases: number }) => { recorded.push(req); },
  };
  const worker = await ts.worker(taskQueue, activities);
  await worker.runUntil(async () => {
    await Promise.all([ts.acknowledged(a.input.caseId), ts.acknowledged(b.input.caseId)]);
    const handle = await ts.env.client.workflow.start(calendarReplanWorkflow, { workflowId: 'replan-pages', taskQueue, args: [{ version: 'v-test' }] });
    const first = ts.env.client.workflow.getHandle(handle.workflowId, handle.firstExecutionRunId, { followRuns: false });
    expect(await first.result().then(() => undefined, (err: unknown) => err)).toBeInstanceOf(WorkflowContinuedAsNewError);
    expect(await handle.result()).toBe(2);
  });

  // Ten pages in the first run, the eleventh (short) in the second; each read starts after the last id read.
  expect(reads.map((r) => r.limit)).toEqual(Array(11).fill(PAGE));
  expect(reads.map((r) => r.after)).toEqual([undefined, ...Array.from({ length: 10 }, (_, i) => ids[(i + 1) * PAGE - 1])]);
  expect(recorded).toEqual([{ version: 'v-test', cases: 2 }]);
}, 120_000);
