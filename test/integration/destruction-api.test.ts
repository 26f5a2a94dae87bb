import { afterAll, beforeAll, expect, it } from 'vitest';
import { actData, getAct } from '../../acts/act-store';
import { pdfText } from '../helpers/acts';
import { runDsar } from '../helpers/dsar-cli';
import { eventually, startEngine, type Engine } from '../helpers/engine';
import { siteAndCrm, siteDatabase, type SiteDatabase } from '../helpers/site-database';

/**
 * Issue 9's "done when", through the API on the running engine (embedded PostgreSQL, Temporal dev server, worker):
 * a deletion case with one system destroyed by the PostgreSQL connector in a REAL second database and one confirmed
 * by its owner through the API produces an act in the register whose PDF shows the Order 179 fields and the log
 * extract, a destruction notice to the subject, and an audit log that verifies.
 */
let engine: Engine;
let site: SiteDatabase;
const SUBJECT = { name: 'Мария Удалова', email: 'maria.udalova@example.ru' };

beforeAll(async () => {
  site = await siteDatabase();
  process.env.WELLPRO_SITE_DATABASE_URL = site.url; // the worker's environment names the connection string
  engine = await startEngine({ config: (c) => ({ ...c, systems: siteAndCrm() }) });
});
afterAll(async () => {
  await engine?.stop();
  await site?.drop();
});

const destruction = async (id: string, role: 'officer' | 'auditor' = 'auditor') =>
  (await engine.app.inject({ method: 'GET', url: `/api/v1/cases/${id}/destruction`, headers: engine.auth(role) })).json();
const confirm = (id: string, system: string, payload: object, role: 'officer' | 'auditor' | 'dpo' = 'officer', key?: string) => engine.app.inject({
  method: 'POST', url: `/api/v1/cases/${id}/destruction/${system}/confirm`, payload,
  headers: { ...engine.auth(role), ...(key ? { 'idempotency-key': key } : {}) },
});
const byOwner = () => ({
  method: 'карточка контакта удалена, корзина CRM очищена', destroyedAt: new Date().toISOString(),
  destroyedBy: { name: 'Сидорова Анна Викторовна', position: 'руководитель отдела продаж' }, note: 'удалено вручную',
});

it('destroys in both systems, issues one act with every Order 179 field, and tells the subject', async () => {
  const other = await site.addUser('someone.else@example.ru', 'Другой Пользователь', 1);
  const subjectUser = await site.addUser(SUBJECT.email, SUBJECT.name, 2);
  const opened = await engine.app.inject({
    method: 'POST', url: '/api/v1/cases', headers: engine.auth('officer'),
    payload: { type: 'deletion', channel: 'email', receivedAt: new Date().toISOString(), subject: SUBJECT },
  });
  expect(opened.statusCode, opened.body).toBe(201);
  const id = opened.json().id as string;
  // The officer has checked the requester and the ground: only now may the engine destroy in the systems.
  const approved = await engine.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/actions`, headers: engine.auth('officer'), payload: { action: 'approve_destruction' } });
  expect(approved.statusCode, approved.body).toBe(200);
  // Approved again and again (a double click, a client's retries): answered like the first, recorded once.
  for (let i = 0; i < 19; i++) {
    const again = await engine.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/actions`, headers: engine.auth('officer'), payload: { action: 'approve_destruction' } });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ id, step: approved.json().step, status: approved.json().status });
  }
  const approvals = await engine.pool.query(`SELECT count(*)::int AS n FROM audit_events WHERE case_id = $1 AND action = 'case.approve_destruction'`, [id]);
  expect(approvals.rows[0].n).toBe(1);

  // The connector finishes by itself; the CRM waits for its owner and is in the owners' queue.
  const before = await eventually(async () => {
    const d = await destruction(id);
    return d.tasks.length === 2 && d.tasks.find((t: { systemId: string }) => t.systemId === 'website-database').status === 'done' && d;
  }, 60_000);
  expect(before).toMatchObject({ state: 'in_progress', act: null });
  expect(before.tasks.find((t: { systemId: string }) => t.systemId === 'crm')).toMatchObject({ kind: 'manual', status: 'pending', waitingForOwner: true, owner: { email: 'crm.owner@wellengineering.ru' } });
  expect(before.tasks.find((t: { systemId: string }) => t.systemId === 'website-database')).toMatchObject({ kind: 'connector', rows: { found: 1, blocked: 1, erased: 1 }, confirmedBy: 'engine' });
  expect((await site.users()).map((u) => u.id)).toEqual([other]);
  // Both of the subject's orders kept for accounting, anonymised (`.every` over a list would pass on none).
  expect(await site.orders(subjectUser)).toEqual([{ customer_name: 'обезличено', customer_phone: null, total: '100' }, { customer_name: 'обезличено', customer_phone: null, total: '101' }]);
  const queue = (await engine.app.inject({ method: 'GET', url: '/api/v1/destruction-tasks?status=pending', headers: engine.auth('auditor') })).json();
  expect(queue.items.map((t: { caseId: string; systemId: string }) => `${t.caseId}/${t.systemId}`)).toContain(`${id}/crm`);

  // Auditors read, never write; the connector's system waits for nobody; an unknown system is named.
  expect((await confirm(id, 'crm', byOwner(), 'auditor')).statusCode).toBe(403);
  const notWaiting = await confirm(id, 'website-database', byOwner());
  expect([notWaiting.statusCode, notWaiting.json().code]).toEqual([409, 'destruction_already_confirmed']);
  expect((await confirm(id, 'no-such-system', byOwner())).json().code).toBe('system_not_found');
  expect((await confirm(id, 'crm', { ...byOwner(), destroyedAt: new Date(Date.now() + 86_400_000).toISOString() })).json().code).toBe('invalid_destroyed_at');

  const confirmed = await confirm(id, 'crm', byOwner(), 'dpo', 'crm-confirm-0001');
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  expect(confirmed.json()).toMatchObject({ status: 'done', confirmedBy: 'test dpo', destroyedBy: { name: 'Сидорова Анна Викторовна' } });
  const repeated = await confirm(id, 'crm', byOwner(), 'dpo', 'crm-confirm-0001');
  expect([repeated.statusCode, repeated.json().status]).toEqual([200, 'done']);
  expect((await confirm(id, 'crm', byOwner())).json().code).toBe('destruction_already_confirmed');

  // Every system done: the engine issues the act and confirms the destruction; the officer answers the subject.
  const after = await eventually(async () => { const d = await destruction(id); return d.act && d; }, 60_000);
  expect(after.state).toBe('finished');
  const caseView = await eventually(async () => {
    const c = (await engine.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: engine.auth('officer') })).json();
    return c.step === 'answering' && c;
  });
  expect(caseView.status).toBe('received');
  const responded = await engine.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/actions`, headers: engine.auth('officer'), payload: { action: 'respond' } });
  expect(responded.statusCode, responded.body).toBe(200);
  await eventually(async () => (await engine.pool.query(`SELECT 1 FROM letters WHERE case_id = $1 AND kind = 'destruction_notice' AND recipient = $2`, [id, SUBJECT.email])).rowCount === 1);

  const register = (await engine.pool.query('SELECT number FROM destruction_acts WHERE case_id = $1', [id])).rows;
  expect(register).toEqual([{ number: after.act }]);
  const text = pdfText((await getAct(engine.pool, after.act))!.pdf).replace(/\s+/g, ' ');
  for (const shown of [
    `АКТ № ${after.act}`, 'ООО «ВЭЛ ИНЖИНИРИНГ»', SUBJECT.name, 'Петров Пётр Петрович, администратор сайта', 'Сидорова Анна Викторовна, руководитель отдела продаж',
    'База данных сайта https://wellpro.ru/', 'CRM-система', 'удаление учётной записи и обезличивание заказов', 'карточка контакта удалена, корзина CRM очищена',
    'ч. 3 ст. 20', `запрос № ${id}`, 'Выгрузка из журнала регистрации событий',
    'Событие: записи субъекта удалены в системе', 'Событие: владелец системы подтвердил уничтожение', // the log's events in words, never their ids
  ]) expect(text).toContain(shown);
  expect(text).not.toMatch(/destruction\.|case\.confirm/);
  // The extract cites the events by their numbers in the hash chain, the numbers `dsar audit verify` and the export use.
  const extract = actData((await getAct(engine.pool, after.act))!).logExtract;
  for (const entry of extract) {
    const { rows } = await engine.pool.query('SELECT chain_seq::text AS n FROM audit_events WHERE id = ANY($1::bigint[]) ORDER BY chain_seq', [entry.eventIds]);
    expect(entry.chainSeqs).toEqual(rows.map((r) => r.n));
    expect(text).toContain(`Номера записей в журнале: ${entry.chainSeqs.join(', ')}`);
  }

  const audit = (await engine.pool.query('SELECT actor, action FROM audit_events WHERE case_id = $1 ORDER BY chain_seq', [id])).rows;
  expect(audit.filter((e) => e.action.startsWith('destruction.')).map((e) => e.action).sort())
    .toEqual(['destruction.blocked', 'destruction.confirmed', 'destruction.erased', 'destruction.found']);
  expect(audit).toContainEqual({ actor: 'system', action: 'case.confirm_destruction' });
  const verified = runDsar(engine.config.databaseUrl, ['audit', 'verify']);
  expect(verified.status, verified.stderr).toBe(0);
}, 180_000);
