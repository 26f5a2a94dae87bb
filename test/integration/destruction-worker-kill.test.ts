import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { actData, getAct } from '../../acts/act-store';
import { parseSystemsRegistry } from '../../operator/systems';
import type { SystemsRegistry } from '../../operator/systems-schema';
import { runDsar } from '../helpers/dsar-cli';
import { eventually, startEngine, type Engine } from '../helpers/engine';
import { kill, startEntryPoint } from '../helpers/processes';
import { siteAndCrm, siteDatabase, type SiteDatabase } from '../helpers/site-database';

/**
 * The production worker process is SIGKILLed while the connector erases the subject's rows in the second database,
 * and again right after the owner confirms the manual system: each system is destroyed once, none is skipped, and
 * the case gets one act.
 */
let engine: Engine;
let site: SiteDatabase;
let worker: ChildProcess | undefined;
let systemsFile: string;
let registry: SystemsRegistry;

beforeAll(async () => {
  site = await siteDatabase();
  // The erase step holds its transaction open for 4 s before it commits: long enough to kill the worker inside it.
  const slow = structuredClone(siteAndCrm());
  const connector = slow.systems[0]!.connector;
  if (connector.kind !== 'postgres') throw new Error('the fixture\'s first system has the PostgreSQL connector');
  connector.erase = `WITH pause AS (SELECT pg_sleep(4)),
    anonymised AS (UPDATE orders SET customer_name = 'обезличено', customer_phone = NULL WHERE user_id = $1::int AND EXISTS (SELECT 1 FROM pause))
    DELETE FROM users WHERE id = $1::int AND EXISTS (SELECT 1 FROM pause)`;
  registry = parseSystemsRegistry(slow, 'slow test registry');
  systemsFile = path.join(mkdtempSync(path.join(tmpdir(), 'dsar-destroy-kill-')), 'systems.json');
  writeFileSync(systemsFile, JSON.stringify(slow));
  engine = await startEngine({ worker: false, config: (c) => ({ ...c, systems: registry }) });
});
afterAll(async () => {
  await kill(worker, 'SIGKILL');
  await engine?.stop();
  await site?.drop();
});

const startWorker = () => startEntryPoint('worker/main.ts', engine.config, { DSAR_SYSTEMS_FILE: systemsFile, WELLPRO_SITE_DATABASE_URL: site.url });
const taskOf = async (id: string, system: string) =>
  (await engine.pool.query('SELECT status, rows_found, rows_blocked, rows_erased FROM destruction_tasks WHERE case_id = $1 AND system_id = $2', [id, system])).rows[0];
const count = async (id: string, action: string) =>
  (await engine.pool.query('SELECT count(*)::int AS n FROM audit_events WHERE case_id = $1 AND action = $2', [id, action])).rows[0].n as number;

it('resumes each system where it stopped: none destroyed twice, none skipped, one act', async () => {
  worker = startWorker();
  const userId = await site.addUser('kira.destroy@example.ru', 'Кира Уничтожаемая', 3);
  const opened = await engine.app.inject({
    method: 'POST', url: '/api/v1/cases', headers: engine.auth('officer'),
    payload: { type: 'deletion', channel: 'email', receivedAt: new Date().toISOString(), subject: { name: 'Кира Уничтожаемая', email: 'kira.destroy@example.ru' } },
  });
  expect(opened.statusCode, opened.body).toBe(201);
  const id = opened.json().id as string;
  // The officer has checked the requester and the ground: only now may the engine destroy in the systems.
  // (Answered 503 `worker_unavailable`, not sent, until the worker process just started has polled.)
  const approve = () => engine.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/actions`, headers: engine.auth('officer'), payload: { action: 'approve_destruction' } });
  await eventually(async () => (await approve()).statusCode !== 503, 120_000);
  expect(await count(id, 'case.approve_destruction')).toBe(1);

  // Found and blocked; the erase transaction is open (pg_sleep) when the worker dies.
  await eventually(async () => (await taskOf(id, 'website-database'))?.status === 'blocked', 120_000);
  await new Promise((r) => setTimeout(r, 1_000));
  await kill(worker, 'SIGKILL');
  expect((await site.users()).map((u) => u.id)).toEqual([userId]); // rolled back with the worker's connection
  worker = startWorker();
  await eventually(async () => (await taskOf(id, 'website-database'))?.status === 'done', 120_000);

  const confirmed = await eventually(async () => {
    const res = await engine.app.inject({
      method: 'POST', url: `/api/v1/cases/${id}/destruction/crm/confirm`, headers: { ...engine.auth('officer'), 'idempotency-key': 'kill-crm-0001' },
      payload: { method: 'удалено в CRM', destroyedAt: new Date().toISOString(), destroyedBy: { name: 'Сидорова Анна Викторовна', position: 'руководитель отдела продаж' } },
    });
    return res.statusCode === 200 && res;
  }, 60_000);
  expect(confirmed.json().status).toBe('done');
  await kill(worker, 'SIGKILL'); // before (or while) the case issues its act
  worker = startWorker();

  const act = await eventually(async () => (await engine.pool.query('SELECT number FROM destruction_acts WHERE case_id = $1', [id])).rows[0]?.number as string | undefined, 120_000);
  await eventually(async () => (await engine.pool.query('SELECT step FROM cases WHERE id = $1', [id])).rows[0].step === 'answering', 60_000);

  expect(await site.users()).toEqual([]);
  expect((await site.orders(userId)).map((o) => o.customer_name)).toEqual(['обезличено', 'обезличено', 'обезличено']);
  expect(await taskOf(id, 'website-database')).toEqual({ status: 'done', rows_found: 1, rows_blocked: 1, rows_erased: 1 });
  expect((await taskOf(id, 'crm')).status).toBe('done');
  for (const action of ['destruction.found', 'destruction.blocked', 'destruction.erased', 'destruction.confirmed', 'case.confirm_destruction']) {
    expect([action, await count(id, action)]).toEqual([action, 1]);
  }
  expect((await engine.pool.query('SELECT count(*)::int AS n FROM destruction_acts WHERE case_id = $1', [id])).rows[0].n).toBe(1);
  const data = actData((await getAct(engine.pool, act))!);
  expect(data.informationSystems.map((s) => s.id).sort()).toEqual(['crm', 'website-database']);
  expect(data.logExtract).toHaveLength(2);
  const verified = runDsar(engine.config.databaseUrl, ['audit', 'verify']);
  expect(verified.status, verified.stderr).toBe(0);
}, 420_000);
