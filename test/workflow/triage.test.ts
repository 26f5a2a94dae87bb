import type { ApplicationFailure } from '@temporalio/common';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { openingTerms, planTerm, termFrom } from '../../domain/case/terms';
import { LEGAL_PATHS } from '../../domain/case/legal-paths';
import { builtInCalendar } from '../../domain/legal-time';
import { caseActionUpdate, caseStateQuery } from '../../workflows/case-contract';
import { startTimeSkipping, type TimeSkipping } from '../helpers/time-skipping';

/** A letter intake could not classify: it waits in triage on a same-day term, and classifying never restarts a term. */
const ctx = { calendar: builtInCalendar(), timeZone: 'Europe/Moscow' };
let ts: TimeSkipping;
beforeAll(async () => { ts = await startTimeSkipping(); });
afterEach(async () => { await ts?.endOpenCases(); });
afterAll(async () => { await ts?.stop(); });

const letters = async (caseId: string) =>
  (await ts.pool.query('SELECT kind, dedupe_key FROM letters WHERE case_id = $1 ORDER BY id', [caseId])).rows as Array<{ kind: string }>;

it('escalates an unclassified letter at 24:00 of the day it arrived, and acknowledges nothing yet', async () => {
  const { input, handle, taskQueue } = await ts.startCase('unclassified');
  expect(input.terms!.map((t) => [t.key, t.rule])).toEqual([['triage', 'block_on_report']]);
  const worker = await ts.worker(taskQueue);
  await worker.runUntil(async () => {
    await ts.env.sleep(Date.parse(input.deadline.dueAt) - (await ts.env.currentTimeMs()) - 1000);
    expect((await handle.query(caseStateQuery)).status).toBe('received');
    await ts.env.sleep(2000);
    expect(await handle.query(caseStateQuery)).toMatchObject({ status: 'overdue', step: 'triage' });
  });
  await expect.poll(() => ts.statusOf(input.caseId)).toBe('overdue');
  expect(await letters(input.caseId)).toEqual(expect.not.arrayContaining([expect.objectContaining({ kind: 'acknowledgement' })]));
});

it('classified hours later as access: the 10 WD term counts from the original receipt, and the subject is acknowledged once', async () => {
  const { input, handle, taskQueue } = await ts.startCase('unclassified');
  const worker = await ts.worker(taskQueue);
  const expected = openingTerms('access', input.receivedAt, ctx)[0]!.deadline;
  await worker.runUntil(async () => {
    await ts.env.sleep(5 * 3600_000);
    const now = new Date(await ts.env.currentTimeMs()).toISOString();
    const terms = LEGAL_PATHS.access.opening.map((s) => planTerm(s.key, s.rule, termFrom(s, { receivedAt: input.receivedAt, terms: [] }), ctx, now));
    const after = await handle.executeUpdate(caseActionUpdate, { args: [{ action: 'classify', actor: 'officer A', details: { type: 'access' }, terms, actedAt: now }] });
    expect(after).toMatchObject({ step: 'review', status: 'received', due: expected.due });
    expect(after.terms.map((t) => [t.key, t.status])).toEqual([['triage', 'met'], ['answer', 'running']]);
    await expect.poll(async () => (await letters(input.caseId)).map((l) => l.kind)).toEqual(['acknowledgement']);
    // Classifying again is refused: the case is an access request now.
    const again = await handle.executeUpdate(caseActionUpdate, { args: [{ action: 'classify', actor: 'officer A', details: { type: 'deletion' }, terms: [], actedAt: now }] })
      .then(() => undefined, (err: Error) => err.cause as ApplicationFailure);
    expect(again).toMatchObject({ type: 'TransitionNotAllowed', details: [{ code: 'action_not_allowed_in_step' }] });
  });
  const row = (await ts.pool.query(`SELECT type, step, rule_id, to_char(due, 'YYYY-MM-DD') AS due FROM cases WHERE id = $1`, [input.caseId])).rows[0];
  expect(row).toEqual({ type: 'access', step: 'review', rule_id: 'access', due: expected.due });
  expect((await letters(input.caseId))[0]).toMatchObject({ dedupe_key: `${input.caseId}:acknowledgement:subject` });
});
