import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OfficerAction } from '../../domain/case/legal-paths';
import { extendTerm } from '../../domain/case/terms';
import { isWorkingDay } from '../../domain/legal-time';
import { caseStateQuery } from '../../workflows/case-contract';
import { ctx, ended, lateness, officer, ON_TIME_MS, records, refusalCode, skipTo, type Details } from '../helpers/case-actions';
import { eventually } from '../helpers/eventually';
import { startTimeSkipping, type TimeSkipping } from '../helpers/time-skipping';

/**
 * The exception paths of the legal-path table (domain/case/legal-paths.ts), walked on the time-skipping server:
 * refusals, extensions (accepted, too late, twice), evidence not confirmed, unlawful processing, a legal ground kept.
 * Deadlines that need months or the January holidays: exception-deadlines.test.ts.
 */
let ts: TimeSkipping;
let db: ReturnType<typeof records>;
beforeAll(async () => { ts = await startTimeSkipping(); db = records(ts); });
afterEach(async () => { await ts?.endOpenCases(); });
afterAll(async () => { await ts?.stop(); });

const HOUR = 3600_000;
const actions = async (caseId: string) => (await db.audit(caseId)).map((e) => e.action).filter((a) => a !== 'case.reminder');
/** Working days strictly after `from` up to and including `to` (dates), counted on the built-in calendar. */
function workingDaysBetween(from: string, to: string): number {
  let n = 0;
  for (let d = Date.parse(`${from}T00:00:00Z`) + 86_400_000; d <= Date.parse(`${to}T00:00:00Z`); d += 86_400_000) {
    if (isWorkingDay(ctx.calendar, new Date(d).toISOString().slice(0, 10))) n += 1;
  }
  return n;
}
const today = async () => new Intl.DateTimeFormat('en-CA', { timeZone: ctx.timeZone }).format(await ts.env.currentTimeMs());

// The clock starts at real now; each case below counts from whatever day it is received on.
describe('refusal', () => {
  const grounds: Array<[string, Array<[OfficerAction, Details]>, string]> = [
    ['repeat_request', [], 'части 4–6 статьи 14'],
    ['request_incomplete', [['request_information', { missing: ['identity_document'] }]], 'часть 3 статьи 14'],
  ];
  it.each(grounds)('refuses an access request on the ground %s: the case ends refused, the refusal letter is queued', async (ground, before, cited) => {
    const c = await ts.startCase('access');
    const o = officer(ts, c);
    await (await ts.worker(c.taskQueue)).runUntil(async () => {
      await ts.acknowledged(c.input.caseId);
      for (const [action, details] of before) await o.act(action, details);
      const after = await o.act('refuse', { ground, reasons: 'the first answer was complete' });
      expect(after).toMatchObject({ status: 'refused', step: 'done' });
      expect((await ended(c.handle)).status).toBe('refused');
    });
    expect(await ts.statusOf(c.input.caseId)).toBe('refused');
    expect((await db.terms(c.input.caseId)).map((t) => [t.key, t.status])).toEqual([['answer', 'met']]);
    const refusal = (await db.audit(c.input.caseId)).find((e) => e.action === 'case.refuse');
    expect(refusal?.data).toMatchObject({ ground, letters: ['refusal'] });
    const letters = (await db.letters(c.input.caseId)).filter((l) => l.kind === 'refusal');
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ status: 'queued' }); // no SMTP in the tests: kept in the outbox
    expect(letters[0]!.body_text).toContain(cited);
  });
});

describe('extension', () => {
  it('extends an access term before its due date by +5 WD: the escalation fires at 24:00 of the new due day, not the old', async () => {
    const c = await ts.startCase('access');
    const o = officer(ts, c);
    const original = c.input.terms![0]!.deadline;
    await (await ts.worker(c.taskQueue)).runUntil(async () => {
      await ts.acknowledged(c.input.caseId);
      await skipTo(ts, Date.parse(original.dueAt) - HOUR); // the last hour of the original term
      const after = await o.act('extend', { reason: 'the data are in the archive' });
      const extended = extendTerm(c.input.terms![0]!, ctx).deadline;
      expect(after.terms).toEqual([expect.objectContaining({ key: 'answer', due: extended.extendedDue, dueAt: extended.extendedDueAt, extended: true })]);
      expect(workingDaysBetween(original.due, after.terms[0]!.due)).toBe(5);
      expect(isWorkingDay(ctx.calendar, after.terms[0]!.due)).toBe(true);

      await skipTo(ts, Date.parse(original.dueAt) + HOUR); // past the old due date: nothing happens
      expect((await c.handle.query(caseStateQuery)).status).toBe('received');
      expect(await actions(c.input.caseId)).toEqual(['case.opened', 'case.extend']);
      await skipTo(ts, Date.parse(extended.extendedDueAt!) - 1000);
      expect((await c.handle.query(caseStateQuery)).status).toBe('received');
      await ts.env.sleep(2000);
      expect((await c.handle.query(caseStateQuery)).status).toBe('overdue');
      const escalation = await eventually(async () => (await db.audit(c.input.caseId)).find((e) => e.action === 'case.escalate'));
      expect(escalation.data).toMatchObject({ term: 'answer', reminder: 'extended_escalation' });
      expect(escalation.acted_at.getTime()).toBe(Date.parse(extended.extendedDueAt!));
      expect(lateness(escalation)).toBeGreaterThanOrEqual(0);
      expect(lateness(escalation)).toBeLessThan(ON_TIME_MS);
    });
    const letters = await db.letters(c.input.caseId);
    expect(letters.filter((l) => l.kind === 'extension_notice')).toHaveLength(1);
    // Every reminder of the original and the extended term fired at its planned instant, none late.
    const reminders = (await db.audit(c.input.caseId)).filter((e) => e.action === 'case.reminder');
    expect(reminders.map((e) => [e.data.reminder, lateness(e) >= 0 && lateness(e) < ON_TIME_MS])).toEqual(reminders.map((e) => [e.data.reminder, true]));
  });

  /** The Update is refused by the workflow's validator: state, history, audit trail and letters stay as they were. */
  async function expectRefused(c: Awaited<ReturnType<TimeSkipping['startCase']>>, update: () => Promise<unknown>, code: string) {
    const before = { state: await c.handle.query(caseStateQuery), audit: await db.audit(c.input.caseId), letters: await db.letters(c.input.caseId) };
    const updatesIn = async () => (await c.handle.fetchHistory()).events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length;
    const accepted = await updatesIn();
    expect(await refusalCode(update())).toBe(code);
    expect(await c.handle.query(caseStateQuery)).toEqual(before.state);
    expect(await updatesIn()).toBe(accepted);
    expect(await db.audit(c.input.caseId)).toEqual(before.audit);
    expect(await db.letters(c.input.caseId)).toEqual(before.letters);
  }

  it('refuses an extension after the due date (extension_too_late) and records nothing', async () => {
    const c = await ts.startCase('access');
    const o = officer(ts, c);
    await (await ts.worker(c.taskQueue)).runUntil(async () => {
      await ts.acknowledged(c.input.caseId);
      await skipTo(ts, Date.parse(c.input.deadline.dueAt) + 1000);
      await eventually(async () => (await actions(c.input.caseId)).includes('case.escalate'));
      const now = new Date(await ts.env.currentTimeMs()).toISOString();
      await expectRefused(c, () => o.update('extend', { reason: 'late' }, [extendTerm(o.terms[0]!, ctx)], now), 'extension_too_late');
    });
  });

  it('refuses a second extension (extension_already_used) and records nothing', async () => {
    const c = await ts.startCase('cease_processing');
    const o = officer(ts, c);
    await (await ts.worker(c.taskQueue)).runUntil(async () => {
      await ts.acknowledged(c.input.caseId);
      await o.act('extend', { reason: 'several systems' });
      await ts.env.sleep(HOUR);
      const now = new Date(await ts.env.currentTimeMs()).toISOString();
      await expectRefused(c, () => o.update('extend', { reason: 'again' }, [extendTerm(o.terms[0]!, ctx)], now), 'extension_already_used');
      expect((await c.handle.query(caseStateQuery)).terms[0]).toMatchObject({ extended: true, status: 'running' });
    });
    expect((await db.letters(c.input.caseId)).filter((l) => l.kind === 'extension_notice')).toHaveLength(1);
  });

  it('refuses to extend a term the law gives no extension (deletion: extension_not_allowed)', async () => {
    const c = await ts.startCase('deletion');
    const o = officer(ts, c);
    await (await ts.worker(c.taskQueue)).runUntil(async () => {
      await ts.acknowledged(c.input.caseId);
      const now = new Date(await ts.env.currentTimeMs()).toISOString();
      await expectRefused(c, () => o.update('extend', { reason: 'busy' }, [], now), 'extension_not_allowed');
    });
  });
});

describe('correction with evidence not confirmed', () => {
  it('unblocks and answers with reasons; no rectify term is started, none is left running', async () => {
    const c = await ts.startCase('correction');
    const o = officer(ts, c);
    await (await ts.worker(c.taskQueue)).runUntil(async () => {
      await ts.acknowledged(c.input.caseId);
      await o.act('block');
      const found = await o.act('record_information', { finding: 'not_confirmed', findingDate: await today() });
      expect(found.step).toBe('unblocking');
      expect(found.terms.map((t) => [t.key, t.status])).toEqual([['block', 'met']]);
      const now = new Date(await ts.env.currentTimeMs()).toISOString();
      expect(await refusalCode(o.update('correct', { changes: 'address' }, [], now))).toBe('action_not_allowed_in_step');
      await o.act('unblock');
      const done = await o.act('respond', { note: 'the passport copy shows the address we hold' });
      expect(done).toMatchObject({ status: 'responded', step: 'done' });
      await ended(c.handle);
    });
    expect((await db.terms(c.input.caseId)).map((t) => [t.key, t.status])).toEqual([['block', 'met']]);
    expect(await actions(c.input.caseId)).toEqual(['case.opened', 'case.block', 'case.record_information', 'case.unblock', 'case.respond']);
    const answer = (await db.letters(c.input.caseId)).filter((l) => l.kind === 'unblocking_notice');
    expect(answer).toHaveLength(1);
    expect(answer[0]!.body_text).toContain('Обоснование: the passport copy shows the address we hold');
    expect((await db.letters(c.input.caseId)).map((l) => l.kind)).not.toContain('correction_notice');
  });
});

describe('blocking: unlawful processing', () => {
  it('ceases within 3 WD and destroys within 10 WD of the finding, each term met by its action', async () => {
    const c = await ts.startCase('blocking');
    const o = officer(ts, c);
    const destroyed = { what: 'e-mail', where: 'CRM', method: 'erased', destroyedAt: '', destroyedBy: [{ name: 'Irina Admin', position: 'administrator' }] };
    await (await ts.worker(c.taskQueue)).runUntil(async () => {
      await ts.acknowledged(c.input.caseId);
      await o.act('block');
      const findingDate = await today();
      const found = await o.act('record_information', { finding: 'unlawful', findingDate });
      const cease = found.terms.find((t) => t.key === 'cease')!;
      const destroy = found.terms.find((t) => t.key === 'destroy')!;
      expect(found.step).toBe('ceasing');
      expect([cease.rule, cease.status, destroy.rule, destroy.status]).toEqual(['cease_unlawful', 'running', 'destroy_unlawful', 'running']);
      expect(workingDaysBetween(findingDate, cease.due)).toBe(3);
      expect(workingDaysBetween(findingDate, destroy.due)).toBe(10);
      expect([isWorkingDay(ctx.calendar, cease.due), isWorkingDay(ctx.calendar, destroy.due)]).toEqual([true, true]);

      await skipTo(ts, Date.parse(cease.dueAt) - HOUR); // ceased in the last hour of its term
      const ceased = await o.act('cease');
      expect(ceased.terms.map((t) => [t.key, t.status])).toEqual([['block', 'met'], ['cease', 'met'], ['destroy', 'running']]);
      await skipTo(ts, Date.parse(destroy.dueAt) - HOUR);
      const now = new Date(await ts.env.currentTimeMs()).toISOString();
      const gone = await o.act('confirm_destruction', { ...destroyed, destroyedAt: now });
      expect(gone.terms.map((t) => [t.key, t.status])).toEqual([['block', 'met'], ['cease', 'met'], ['destroy', 'met']]);
      await ts.env.sleep(2 * HOUR); // past 24:00 of the destroy term's last day: no escalation
      expect((await c.handle.query(caseStateQuery)).status).toBe('received');
      expect((await o.act('respond')).status).toBe('responded');
      await ended(c.handle);
    });
    const terms = await db.terms(c.input.caseId);
    expect(terms.map((t) => [t.key, t.rule_id, t.status])).toEqual([
      ['block', 'block_on_report', 'met'], ['cease', 'cease_unlawful', 'met'], ['destroy', 'destroy_unlawful', 'met'],
    ]);
    expect(await actions(c.input.caseId)).not.toContain('case.escalate');
    expect((await db.letters(c.input.caseId)).map((l) => l.kind)).toContain('destruction_notice');
  });
});

describe('withdrawal with a legal ground kept', () => {
  it('records the ground, tells the subject, destroys nothing', async () => {
    const c = await ts.startCase('withdrawal');
    const o = officer(ts, c);
    const ground = 'a contract with the subject (art. 6 p.1.5)';
    await (await ts.worker(c.taskQueue)).runUntil(async () => {
      await ts.acknowledged(c.input.caseId);
      await o.act('cease');
      const kept = await o.act('record_legal_ground', { ground, retentionUntil: '2029-12-31' });
      expect(kept.step).toBe('answering');
      expect(kept.terms.map((t) => [t.key, t.status])).toEqual([['answer', 'met']]);
      const now = new Date(await ts.env.currentTimeMs()).toISOString();
      expect(await refusalCode(o.update('confirm_destruction', { what: 'e-mail' }, [], now))).toBe('action_not_allowed_in_step');
      expect((await o.act('respond')).status).toBe('responded');
      await ended(c.handle);
    });
    expect(await actions(c.input.caseId)).toEqual(['case.opened', 'case.cease', 'case.record_legal_ground', 'case.respond']);
    expect((await db.terms(c.input.caseId)).map((t) => t.key)).toEqual(['answer']);
    const kinds = (await db.letters(c.input.caseId)).map((l) => l.kind);
    expect(kinds).toEqual(['acknowledgement', 'legal_ground_notice']);
    const notice = (await db.letters(c.input.caseId)).find((l) => l.kind === 'legal_ground_notice')!;
    expect(notice.body_text).toContain(ground);
  });
});
