import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { overdueReminders } from '../../domain/case/reminders';
import { builtInCalendar } from '../../domain/legal-time';
import { dataConverter } from '../../platform/temporal';
import { caseActionUpdate, caseStateQuery } from '../../workflows/case-contract';
import { HISTORY_EVENTS_BEFORE_CONTINUE } from '../../workflows/case-workflow';
import { reminderFirings } from '../helpers/history';
import { startTimeSkipping, type TimeSkipping } from '../helpers/time-skipping';

/**
 * Changes to the workflow that running cases must survive (workflows/case-workflow.ts PATCHES). Each
 * `before-<change>/` folder holds histories recorded by the code before that change; they must replay against
 * today's code, which takes the old path for them (patched() is false) and the new one for new runs.
 */
const FIXTURES = path.resolve(__dirname, '../fixtures/histories');
const KEY = Buffer.from(readFileSync(path.join(FIXTURES, 'test-payload.key'), 'utf8').trim(), 'base64');
const ctx = { calendar: builtInCalendar(), timeZone: 'Europe/Moscow' };
const DAY = 24 * 3600_000;

let ts: TimeSkipping;
beforeAll(async () => { ts = await startTimeSkipping({ payloadKey: KEY }); });
afterEach(async () => { await ts?.endOpenCases(); });
afterAll(async () => { await ts?.stop(); });

describe('histories recorded before a versioned change', () => {
  const recorded = readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name.startsWith('before-'))
    .flatMap((d) => readdirSync(path.join(FIXTURES, d.name)).filter((f) => f.endsWith('.history')).map((f) => path.join(d.name, f)));

  it('exist for each change', () => {
    expect(recorded).toContain('before-bounded-history/access-long-overdue.history');
    expect(recorded).toContain('before-calendar-replan/access-signalled.history');
    expect(recorded).toContain('before-repeated-permission/deletion-approved-twice.history');
  });

  it.each(recorded)('%s replays against the current workflow code', async (file) => {
    const history = temporal.api.history.v1.History.decode(readFileSync(path.join(FIXTURES, file)));
    // Long enough that today's code would have continued as new and planned more daily reminders.
    if (file.startsWith('before-bounded-history/')) expect(history.events!.length).toBeGreaterThan(HISTORY_EVENTS_BEFORE_CONTINUE);
    // A calendarChanged signal the code of the time did not handle: today's re-plans on it, behind patched().
    if (file.startsWith('before-calendar-replan/')) expect(history.events!.some((e) => e.workflowExecutionSignaledEventAttributes)).toBe(true);
    // approve_destruction twice, each recorded as a step by the code of the time; today's records the repeat as nothing.
    if (file.startsWith('before-repeated-permission/')) expect(history.events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length).toBe(2);
    await Worker.runReplayHistory({ workflowBundle: { code: inject('workflowBundleCode') }, dataConverter: dataConverter(KEY) }, history, file);
  });
});

describe('a case overdue for months', () => {
  it('is reminded every working day until it is answered, in runs of bounded history that carry its state', async () => {
    const { input, handle, taskQueue } = await ts.startCase('access');
    const worker = await ts.worker(taskQueue);
    const term = input.terms![0]!;
    let answeredAt = 0;
    await worker.runUntil(async () => {
      await ts.acknowledged(input.caseId);
      await ts.env.sleep(Date.parse(term.deadline.dueAt) - (await ts.env.currentTimeMs()) + 200 * DAY);
      const state = await handle.query(caseStateQuery); // the latest run answers for the case
      expect(state).toMatchObject({ status: 'overdue', transitions: 0 });
      answeredAt = await ts.env.currentTimeMs();
      const latest = ts.env.client.workflow.getHandle(input.caseId); // the case, whichever run it is in (as the API addresses it)
      const after = await latest.executeUpdate(caseActionUpdate, { args: [{ action: 'respond', actor: 'officer A' }] });
      expect(after).toMatchObject({ status: 'responded', transitions: 1 });
      expect((await latest.result()).status).toBe('responded');
    });

    // Every working day from the due date on, exactly once, on time (within the second), across the batches and the runs.
    const expected = overdueReminders(term.deadline, ctx, { ...ctx, halfTerm: true, assigneeBefore: [], dpoBefore: [], hour: 9, dailyAfterDue: 200 })
      .filter((r) => Date.parse(r.at) < answeredAt).map((r) => r.key);
    const { rows } = await ts.pool.query(
      `SELECT data->>'reminder' AS key, count(*)::int AS n, bool_and((data->>'firedAt')::timestamptz - acted_at BETWEEN '0' AND '1 second') AS on_time
       FROM audit_events WHERE case_id = $1 AND action = 'case.reminder' AND data->>'kind' = 'overdue_daily' GROUP BY 1 ORDER BY 1`, [input.caseId]);
    expect(rows.map((r) => r.key)).toEqual(expected);
    expect(rows.length).toBeGreaterThan(120); // far beyond one batch
    expect(rows.filter((r) => !r.on_time)).toEqual([]);
    // Once each, counted in the workflow's histories (every run), where a second firing would show; the audit rows above
    // cannot show it (a UNIQUE dedupe key absorbs it).
    const daily = (await reminderFirings(ts.env.client, input.caseId, ts.payloadKey)).filter((k) => k.includes(':overdue_'));
    expect(daily.map((k) => k.split(':')[1])).toEqual(expected);
    expect(await ts.auditActions(input.caseId)).toEqual(expect.arrayContaining(['case.opened', 'case.escalate', 'case.respond']));
    expect((await ts.auditActions(input.caseId)).filter((a) => a === 'case.opened' || a === 'case.escalate')).toHaveLength(2);
    expect((await ts.pool.query('SELECT count(*)::int AS n FROM case_faults WHERE case_id = $1', [input.caseId])).rows[0].n).toBe(0);
    const letters = await ts.pool.query(`SELECT count(*)::int AS n, count(DISTINCT dedupe_key)::int AS keys FROM letters WHERE case_id = $1`, [input.caseId]);
    expect(letters.rows[0].n).toBe(letters.rows[0].keys);

    // The runs: each continued as new below the bound, the last one answered.
    const runs = await runsOf(input.caseId, handle.firstExecutionRunId);
    expect(runs.length).toBeGreaterThan(1);
    for (const events of runs) expect(events).toBeLessThan(HISTORY_EVENTS_BEFORE_CONTINUE + 50);
  }, 180_000);
});

/** Each run's history length, following continue-as-new from the first run. */
async function runsOf(workflowId: string, firstRunId: string): Promise<number[]> {
  const lengths: number[] = [];
  for (let runId: string | undefined = firstRunId; runId; ) {
    const history = await ts.env.client.workflow.getHandle(workflowId, runId).fetchHistory();
    lengths.push(history.events!.length);
    runId = history.events!.at(-1)!.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return lengths;
}
