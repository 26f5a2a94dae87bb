import { WorkflowFailedError, WorkflowUpdateFailedError } from '@temporalio/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CaseStatus } from '../../domain/case/case-status';
import { caseActionUpdate, type CaseOpened } from '../../workflows/case-contract';
import { skipTo } from '../helpers/case-actions';
import { skipUntil } from '../helpers/skip-until';
import { startTimeSkipping, type Activities, type TimeSkipping } from '../helpers/time-skipping';

let ts: TimeSkipping;
beforeAll(async () => { ts = await startTimeSkipping(); });
afterEach(async () => { await ts?.endOpenCases(); });
afterAll(async () => { await ts?.stop(); });

const ackQueued = async (caseId: string) =>
  (await ts.pool.query(`SELECT 1 FROM letters WHERE case_id = $1 AND kind = 'acknowledgement'`, [caseId])).rowCount === 1;

const faultsOf = async (caseId: string) =>
  (await ts.pool.query('SELECT kind, message FROM case_faults WHERE case_id = $1', [caseId])).rows as Array<{ kind: string; message: string }>;

/** The workflow failed (ended) on a recorded fault instead of retrying its task for ever. */
async function expectEndedOnFault(result: Promise<unknown>) {
  const err = await result.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(WorkflowFailedError);
  expect((err as WorkflowFailedError).cause).toMatchObject({ type: 'CaseFault' });
}

describe('a case workflow never loops on a permanent fault', () => {
  it('ends a case whose input it cannot count (an offset in seconds) as a visible fault, with the failure encrypted', async () => {
    const { input, handle, taskQueue } = await ts.startCase('access', {
      row: false,
      change: (i) => ({ ...i, deadline: { ...i.deadline, due: '1900-01-10', dueAt: '1900-01-11T00:00:00+02:30:17' } }),
    });
    const worker = await ts.worker(taskQueue);
    await worker.runUntil(expectEndedOnFault(handle.result()));
    expect(await faultsOf(input.caseId)).toEqual([{ kind: 'invalid_input', message: expect.stringMatching(/dueAt is not an RFC 3339 instant/) }]);

    // The failure's message is moved into an encrypted payload: the server stores no readable text.
    const failed = (await handle.fetchHistory()).events?.find((e) => e.workflowExecutionFailedEventAttributes);
    const failure = failed?.workflowExecutionFailedEventAttributes?.failure;
    expect(failure?.message).toBe('Encoded failure');
    expect(Buffer.from(failure?.encodedAttributes?.metadata?.encoding ?? []).toString()).toBe('binary/encrypted');
  });

  it('does not retry a write PostgreSQL can never accept: one attempt, a fault, the workflow ends', async () => {
    let attempts = 0;
    const real = ts.activities();
    const activities: Activities = { ...real, recordCaseOpened: async (i: CaseOpened) => { attempts += 1; return real.recordCaseOpened(i); } };
    // No subject name: the case row's NOT NULL constraint refuses it on every attempt.
    const { input, handle, taskQueue } = await ts.startCase('access', { row: false, change: (i) => ({ ...i, subject: {} as CaseOpened['subject'] }) });
    const worker = await ts.worker(taskQueue, activities);
    await worker.runUntil(expectEndedOnFault(handle.result()));
    expect(attempts).toBe(1);
    expect(await faultsOf(input.caseId)).toEqual([{ kind: 'permanent_database_error', message: expect.stringContaining('SQLSTATE 23502') }]);
  });

  it('ends the case on a permanent failure while applying an officer action, recording the fault in its history', async () => {
    const real = ts.activities();
    // A status the table's CHECK constraint refuses: the write fails the same way on every attempt.
    const activities: Activities = { ...real, recordStep: (t) => real.recordStep({ ...t, to: 'lost' as CaseStatus }) };
    const { input, handle, taskQueue } = await ts.startCase('access');
    const worker = await ts.worker(taskQueue, activities);
    await worker.runUntil(async () => {
      await ts.acknowledged(input.caseId);
      await expect(handle.executeUpdate(caseActionUpdate, { args: [{ action: 'respond', actor: 'officer A' }] }))
        .rejects.toBeInstanceOf(WorkflowUpdateFailedError);
      await expectEndedOnFault(handle.result());
    });
    expect((await faultsOf(input.caseId)).map((f) => f.kind)).toEqual(['permanent_database_error']);
    expect(await ts.auditActions(input.caseId)).toEqual(['case.opened', 'case.fault']);
    expect(await ts.statusOf(input.caseId)).toBe('received');
  });
});

describe('the projection converges and never writes twice', () => {
  it('writes the case row and its opened event when intake crashed before writing them', async () => {
    const { input, taskQueue } = await ts.startCase('correction', { row: false });
    expect(await ts.statusOf(input.caseId)).toBeUndefined();
    const worker = await ts.worker(taskQueue);
    await worker.runUntil(async () => {
      await expect.poll(() => ts.statusOf(input.caseId), { timeout: 10_000 }).toBe('received');
      await ts.acknowledged(input.caseId);
    });

    expect(await ts.auditActions(input.caseId)).toEqual(['case.opened']);
  });

  it('records each event once when an activity is retried after its write (completion lost)', async () => {
    const real = ts.activities();
    const calls = { recordCaseOpened: 0, recordReminder: 0, recordStep: 0 };
    // Each activity does its write, then fails its first attempt as if the worker died before reporting it.
    const activities: Activities = {
      ...real,
      recordCaseOpened: async (i) => { await real.recordCaseOpened(i); if (calls.recordCaseOpened++ === 0) throw new Error('completion lost'); },
      recordReminder: async (r) => { await real.recordReminder(r); if (calls.recordReminder++ === 0) throw new Error('completion lost'); },
      recordStep: async (t) => { await real.recordStep(t); if (calls.recordStep++ === 0) throw new Error('completion lost'); },
    };
    const { input, handle, taskQueue } = await ts.startCase('access');
    const reminders = input.terms![0]!.reminders.filter((r) => Date.parse(r.at) <= Date.parse(input.deadline.dueAt)).length;
    const worker = await ts.worker(taskQueue, activities);
    await worker.runUntil(async () => {
      // The case's first task and its retried opening write come before any long skip (one made while the first task
      // waits for the worker jumps past what the case has not yet planned). The retry waits out a 1 s backoff on the
      // test server's clock, which is moved in 1 s steps until the acknowledgement is queued, so the retry never
      // depends on that clock moving by itself (under load it did not, within 60 s). The skip to the end of the term
      // is then made in steps until the escalation is written, not once and then waited for on the real clock.
      await skipUntil(ts.env, () => ackQueued(input.caseId), { stepMs: 1_000, maxSkipMs: 60_000 });
      await skipTo(ts, Date.parse(input.deadline.dueAt) - 3_600_000);
      await skipUntil(ts.env, async () => (await ts.statusOf(input.caseId)) === 'overdue', { stepMs: 60_000, maxSkipMs: 2 * 3_600_000 });
      // Every reminder up to the escalation fired, the first one twice (its retry after the lost completion).
      await expect.poll(() => calls.recordReminder, { timeout: 20_000 }).toBe(reminders + 1);
      await handle.executeUpdate(caseActionUpdate, { args: [{ action: 'respond', actor: 'officer A' }] });
    });
    expect(calls).toEqual({ recordCaseOpened: 2, recordReminder: reminders + 1, recordStep: 2 });
    const actions = await ts.auditActions(input.caseId);
    expect(actions).toEqual(['case.opened', ...Array(reminders - 1).fill('case.reminder'), 'case.escalate', 'case.respond']);
    const escalation = (await ts.pool.query(`SELECT acted_at, at FROM audit_events WHERE case_id = $1 AND action = 'case.escalate'`, [input.caseId])).rows[0];
    // The engine acted at the end of the term; the event records that instant beside the moment it was written.
    expect((escalation.acted_at as Date).toISOString()).toBe(new Date(input.deadline.dueAt).toISOString());
  });

});
