import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import { actData, getAct } from '../../acts/act-store';
import { DEFAULT_REMINDER_POLICY } from '../../domain/case/reminders';
import { builtInCalendar } from '../../domain/legal-time';
import type { SystemsRegistry } from '../../operator/systems-schema';
import { letterDeps } from '../../worker/letter-deps';
import { caseStateQuery, type CaseState } from '../../workflows/case-contract';
import { confirmSystemDestructionUpdate, destructionWorkflowId } from '../../workflows/destruction-contract';
import { ended, officer, records } from '../helpers/case-actions';
import { eventually } from '../helpers/eventually';
import { siteAndCrm, siteDatabase, type SiteDatabase } from '../helpers/site-database';
import { skipUntil } from '../helpers/skip-until';
import { startTimeSkipping, type TimeSkipping } from '../helpers/time-skipping';

/**
 * Destruction across the operator's systems inside a deletion case (docs/adr/012), on the time-skipping server:
 * one child workflow per system, a REAL second database destroyed through the PostgreSQL connector, a manual system
 * confirmed by its owner, the act issued when every system is done, and the art. 21 p.6 fallback when one is late.
 */
let ts: TimeSkipping;
let site: SiteDatabase;
const reminders = { calendar: builtInCalendar(), timeZone: 'Europe/Moscow', reminderPolicy: DEFAULT_REMINDER_POLICY };
const SUBJECT = 'subject@example.ru'; // the time-skipping helper's subject

beforeAll(async () => {
  ts = await startTimeSkipping();
  site = await siteDatabase();
});
afterEach(async () => { await ts?.endOpenCases(); });
afterAll(async () => {
  await ts?.stop();
  await site?.drop();
});

const activitiesWith = (registry: SystemsRegistry) => {
  for (const s of registry.systems) ts.destructionSystems.add(s.id);
  return createActivities({ pool: ts.pool, letters: letterDeps(), reminders, destruction: { registry, env: { WELLPRO_SITE_DATABASE_URL: site.url } } });
};
const onlySite = (): SystemsRegistry => ({ ...siteAndCrm(), systems: siteAndCrm().systems.filter((s) => s.id === 'website-database') });
const tasks = async (caseId: string) => (await ts.pool.query(
  `SELECT system_id, status, rows_found, rows_blocked, rows_erased, destroyed_by_name, confirmed_by, fault FROM destruction_tasks WHERE case_id = $1 ORDER BY system_id`, [caseId])).rows;
const actOf = async (caseId: string) => {
  const { rows: [row] } = await ts.pool.query('SELECT number FROM destruction_acts WHERE case_id = $1', [caseId]);
  return row ? actData((await getAct(ts.pool, row.number as string))!) : undefined;
};
const stateOf = (c: { handle: { query: (q: typeof caseStateQuery) => Promise<CaseState> } }) => c.handle.query(caseStateQuery);

describe('a deletion case whose only system has a PostgreSQL connector', () => {
  it('destroys the subject\'s rows in the second database, issues the act and confirms the destruction itself', async () => {
    const kept = await site.addUser('someone.else@example.ru', 'Другой Пользователь');
    const gone = await site.addUser(SUBJECT, 'Test Subject', 2);
    const c = await ts.startCase('deletion');
    const worker = await ts.worker(c.taskQueue, activitiesWith(onlySite()));
    await worker.runUntil(async () => {
      // Nothing is destroyed before an officer has checked the requester and the ground, however long it waits.
      await ts.env.sleep(3_600_000);
      expect((await stateOf(c)).destruction).toBeUndefined();
      expect(await tasks(c.input.caseId)).toEqual([]);
      expect((await site.users()).map((u) => u.id).sort()).toEqual([kept, gone].sort());
      await officer(ts, c).act('approve_destruction');
      const state = await eventually(async () => { const s = await stateOf(c); return s.step === 'answering' && s; }, 30_000);
      expect(state.destruction).toMatchObject({ systems: ['website-database'], finished: { 'website-database': 'done' }, act: expect.stringMatching(/^179-\d{4}-\d{6}$/) });
      expect(state.terms.find((t) => t.key === 'answer')?.status).toBe('met');
      expect((await officer(ts, c).act('respond')).status).toBe('responded');
      expect((await ended(c.handle)).status).toBe('responded');
    });
    expect((await site.users()).map((u) => u.id)).toEqual([kept]);
    expect(await site.orders(gone)).toEqual([
      { customer_name: 'обезличено', customer_phone: null, total: '100' }, { customer_name: 'обезличено', customer_phone: null, total: '101' },
    ]);
    expect(await tasks(c.input.caseId)).toEqual([{
      system_id: 'website-database', status: 'done', rows_found: 1, rows_blocked: 1, rows_erased: 1, destroyed_by_name: 'Петров Пётр Петрович', confirmed_by: 'engine', fault: null,
    }]);
    const audit = await records(ts).audit(c.input.caseId);
    expect(audit.map((e) => e.action)).toEqual([
      'case.opened', 'case.approve_destruction', 'destruction.found', 'destruction.blocked', 'destruction.erased', 'case.confirm_destruction', 'case.respond',
    ]);
    expect(audit[5]!.data).toMatchObject({ actNumber: expect.any(String), destroyedBy: [{ name: 'Петров Пётр Петрович', position: 'администратор сайта' }] });
    const act = (await actOf(c.input.caseId))!;
    expect(act.informationSystems.map((s) => s.id)).toEqual(['website-database']);
    expect(act.reason.legalBasis).toMatch(/^ч\. 3 ст\. 20/);
    expect(act.logExtract).toHaveLength(1);
    expect((await records(ts).letters(c.input.caseId)).map((l) => l.kind)).toEqual(['acknowledgement', 'destruction_notice']);
  });
});

describe('a manual system confirmed after the term', () => {
  it('blocks the case at the end of the term (destroy_fallback), reminds the owner, and issues the act once the owner confirms', async () => {
    await site.addUser(SUBJECT, 'Test Subject', 1);
    const c = await ts.startCase('deletion');
    const answer = c.input.terms![0]!;
    const worker = await ts.worker(c.taskQueue, activitiesWith(siteAndCrm()));
    await worker.runUntil(async () => {
      await officer(ts, c).act('approve_destruction');
      await eventually(async () => (await stateOf(c)).destruction?.finished['website-database'] === 'done', 30_000);
      await ts.env.sleep(Date.parse(answer.deadline.dueAt) - (await ts.env.currentTimeMs()) + 3_600_000);
      const blocked = await eventually(async () => { const s = await stateOf(c); return s.step === 'destroying_deferred' && s; });
      expect(blocked.terms.map((t) => [t.key, t.rule, t.status])).toEqual([['answer', 'destroy_on_evidence', 'met'], ['fallback', 'destroy_fallback', 'running']]);
      const crm = ts.env.client.workflow.getHandle(destructionWorkflowId(c.input.caseId, 'crm'));
      const now = new Date(await ts.env.currentTimeMs()).toISOString();
      await crm.executeUpdate(confirmSystemDestructionUpdate, {
        args: [{ method: 'карточка контакта удалена, корзина очищена', destroyedAt: now, destroyedBy: { name: 'Сидорова Анна Викторовна', position: 'руководитель отдела продаж' }, actor: 'crm owner' }],
      });
      const done = await eventually(async () => { const s = await stateOf(c); return s.step === 'answering' && s; }, 30_000);
      expect(done.terms.map((t) => [t.key, t.status])).toEqual([['answer', 'met'], ['fallback', 'met']]);
    });
    const audit = await records(ts).audit(c.input.caseId);
    expect(audit.filter((e) => e.action === 'case.block')).toHaveLength(1);
    expect(audit.map((e) => e.action)).not.toContain('case.escalate'); // blocked when the term ended, not escalated
    expect(audit.map((e) => e.action)).toContain('destruction.confirmed');
    const ownerReminders = (await ts.pool.query(`SELECT dedupe_key, recipient FROM letters WHERE case_id = $1 AND kind = 'staff_reminder' ORDER BY id`, [c.input.caseId])).rows;
    expect(ownerReminders.length).toBeGreaterThan(0);
    expect(ownerReminders.every((l) => l.dedupe_key.includes(':destroy:crm:reminder:answer:') && l.recipient === 'crm.owner@wellengineering.ru')).toBe(true);
    const act = (await actOf(c.input.caseId))!;
    expect(act.informationSystems.map((s) => s.id).sort()).toEqual(['crm', 'website-database']);
    expect(act.methods.find((m) => m.system === 'crm')!.method.ru).toBe('карточка контакта удалена, корзина очищена');
    expect(act.destroyedBy.map((p) => p.name).sort()).toEqual(['Петров Пётр Петрович', 'Сидорова Анна Викторовна']);
    expect(act.reason.legalBasis).toMatch(/ч\. 6 ст\. 21/);
    expect((await tasks(c.input.caseId)).map((t) => [t.system_id, t.status, t.confirmed_by])).toEqual([['crm', 'done', 'crm owner'], ['website-database', 'done', 'engine']]);
  });
});

describe('a connector whose database is down for a while', () => {
  it('is retried with backoff until it answers, and counts the rows once', async () => {
    await site.addUser(SUBJECT, 'Test Subject', 1);
    const c = await ts.startCase('deletion');
    const real = activitiesWith(onlySite());
    let calls = 0;
    const worker = await ts.worker(c.taskQueue, {
      ...real,
      findSubjectRows: async (t) => {
        calls += 1;
        if (calls <= 2) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
        return real.findSubjectRows(t);
      },
    });
    await worker.runUntil(async () => {
      await officer(ts, c).act('approve_destruction');
      // The retries' backoff (5 s, 10 s) passes on the test server's clock, skipped until the third attempt has answered.
      await skipUntil(ts.env, async () => (await stateOf(c)).step === 'answering', { stepMs: 1000, maxSkipMs: 120_000, timeoutMs: 45_000 });
    });
    expect(calls).toBe(3);
    expect(await tasks(c.input.caseId)).toMatchObject([{ status: 'done', rows_found: 1, rows_erased: 1, fault: null }]);
    expect((await ts.pool.query('SELECT count(*)::int AS n FROM destruction_acts WHERE case_id = $1', [c.input.caseId])).rows[0].n).toBe(1);
  });

  it('shows a permanent SQL fault on the task instead of retrying for ever, and then waits for the owner', async () => {
    const broken = onlySite();
    const system = broken.systems[0]!;
    if (system.connector.kind === 'postgres') system.connector.find = 'SELECT id FROM no_such_table WHERE email = $1';
    const c = await ts.startCase('deletion');
    const worker = await ts.worker(c.taskQueue, activitiesWith(broken));
    await worker.runUntil(async () => {
      await officer(ts, c).act('approve_destruction');
      const [task] = await eventually(async () => { const t = await tasks(c.input.caseId); return t[0]?.status === 'failed' && t; }, 30_000);
      expect(task.fault).toMatch(/SQLSTATE 42P01.*no_such_table/);
      const handle = ts.env.client.workflow.getHandle(destructionWorkflowId(c.input.caseId, 'website-database'));
      const now = new Date(await ts.env.currentTimeMs()).toISOString();
      await handle.executeUpdate(confirmSystemDestructionUpdate, {
        args: [{ method: 'удалено администратором вручную', destroyedAt: now, destroyedBy: { name: 'Петров Пётр Петрович', position: 'администратор сайта' }, actor: 'site owner' }],
      });
      await eventually(async () => (await stateOf(c)).step === 'answering', 30_000);
    });
    expect(await tasks(c.input.caseId)).toMatchObject([{ status: 'done', confirmed_by: 'site owner' }]);
  });
});

describe('an officer confirming the whole case while systems are open', () => {
  it('supersedes them: the case moves on at once, the open tasks are cancelled, no act is issued', async () => {
    const c = await ts.startCase('deletion');
    const worker = await ts.worker(c.taskQueue, activitiesWith(siteAndCrm()));
    await worker.runUntil(async () => {
      await officer(ts, c).act('approve_destruction');
      await eventually(async () => (await tasks(c.input.caseId)).find((t) => t.system_id === 'crm')?.status === 'pending', 30_000);
      const now = new Date(await ts.env.currentTimeMs()).toISOString();
      const moved = await officer(ts, c).act('confirm_destruction', {
        what: 'e-mail', where: 'CRM', method: 'deleted', destroyedAt: now, destroyedBy: [{ name: 'Irina Admin', position: 'administrator' }],
      });
      expect(moved.step).toBe('answering');
      await eventually(async () => (await tasks(c.input.caseId)).find((t) => t.system_id === 'crm')?.status === 'cancelled', 30_000);
      expect((await officer(ts, c).act('respond')).status).toBe('responded');
      expect((await ended(c.handle)).status).toBe('responded');
    });
    expect((await ts.pool.query('SELECT count(*)::int AS n FROM destruction_acts WHERE case_id = $1', [c.input.caseId])).rows[0].n).toBe(0);
    expect((await records(ts).audit(c.input.caseId)).filter((e) => e.action === 'case.confirm_destruction')).toHaveLength(1);
  });
});
