import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectorActivities } from '../../activities/destruction-connector';
import { openDestructionTask } from '../../activities/destruction-tasks';
import { ConnectorFault, postgresConnector } from '../../connectors/postgres';
import type { PostgresConnectorSettings } from '../../operator/systems-schema';
import { createPool } from '../../platform/db';
import { freshDatabase } from '../helpers/database';
import { freePort } from '../helpers/free-port';
import { siteAndCrm, siteDatabase, type SiteDatabase } from '../helpers/site-database';

/**
 * The PostgreSQL connector and its activities against a REAL second database (`wellpro_site_…`) on the embedded
 * PostgreSQL: what it finds, blocks and erases, which refusals are permanent, and that a step run again after a
 * crash neither fails nor counts twice.
 */
let site: SiteDatabase;
let db: Awaited<ReturnType<typeof freshDatabase>>;
let pool: pg.Pool;
const registry = siteAndCrm();
const settings = registry.systems[0]!.connector as PostgresConnectorSettings;
const env = () => ({ WELLPRO_SITE_DATABASE_URL: site.url });

beforeAll(async () => {
  site = await siteDatabase();
  db = await freshDatabase();
  pool = createPool(db.url, 4);
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
  await site?.drop();
});

describe('postgresConnector', () => {
  it('finds the subject\'s rows by e-mail, blocks them, deletes the account and anonymises the orders', async () => {
    const other = await site.addUser('keep.me@example.ru', 'Оставить', 1);
    const id = await site.addUser('Find.Me@Example.ru', 'Найти Меня', 2);
    const connector = postgresConnector('website-database', settings, env());
    const keys = await connector.find({ email: 'find.me@example.ru', name: 'Найти Меня', caseId: 'DSAR-2026-000001' });
    expect(keys).toEqual([String(id)]);
    expect(await connector.block(keys, 'DSAR-2026-000001')).toBe(1);
    expect((await site.users()).find((u) => u.id === id)?.blocked).toBe(true);
    expect(await connector.erase(keys, 'DSAR-2026-000001')).toBe(1);
    expect((await site.users()).map((u) => u.id)).not.toContain(id);
    expect((await site.users()).map((u) => u.id)).toContain(other);
    expect(await site.orders(id)).toEqual([{ customer_name: 'обезличено', customer_phone: null, total: '100' }, { customer_name: 'обезличено', customer_phone: null, total: '101' }]);
    expect(await site.orders(other)).toEqual([{ customer_name: 'Оставить', customer_phone: '+7 900 000-00-00', total: '100' }]);
    // Erasing again is harmless (the statement must be safe to run twice).
    expect(await connector.erase(keys, 'DSAR-2026-000001')).toBe(1);
  });

  it('blocks and erases every row find returned, each by its own key: a subject with two accounts keeps neither', async () => {
    const bystander = await site.addUser('bystander@example.ru', 'Посторонний', 1);
    const first = await site.addUser('two.accounts@example.ru', 'Два Аккаунта', 1);
    const second = await site.addUser('Two.Accounts@example.ru', 'Два Аккаунта', 2);
    const connector = postgresConnector('website-database', settings, env());
    const keys = await connector.find({ email: 'two.accounts@example.ru', name: 'Два Аккаунта', caseId: 'DSAR-2026-000002' });
    expect(keys).toEqual([String(first), String(second)]);
    expect(await connector.block(keys, 'DSAR-2026-000002')).toBe(2);
    expect((await site.users()).filter((u) => u.id === first || u.id === second).map((u) => u.blocked)).toEqual([true, true]);
    expect(await connector.erase(keys, 'DSAR-2026-000002')).toBe(2);
    // The task will say "done" and the act will certify destruction: both accounts must be gone, every order anonymised.
    const left = (await site.users()).map((u) => u.id);
    expect(left.filter((id) => id === first || id === second)).toEqual([]);
    expect(left).toContain(bystander);
    expect([...await site.orders(first), ...await site.orders(second)].map((o) => o.customer_name)).toEqual(['обезличено', 'обезличено', 'обезличено']);
    expect(await site.orders(bystander)).toEqual([{ customer_name: 'Посторонний', customer_phone: '+7 900 000-00-00', total: '100' }]);
  });

  it('refuses for good what no retry can fix, naming the SQLSTATE and never the rows; an unreachable server stays retryable', async () => {
    const bad = postgresConnector('website-database', { ...settings, find: 'SELECT id FROM no_such_table WHERE email = $1' }, env());
    await expect(bad.find({ email: 'x@example.ru', name: 'X', caseId: 'DSAR-2026-000001' })).rejects.toThrow(/SQLSTATE 42P01/);
    const unset = postgresConnector('website-database', settings, {});
    await expect(unset.find({ email: 'x@example.ru', name: 'X', caseId: 'DSAR-2026-000001' })).rejects.toThrow(ConnectorFault);
    await expect(unset.find({ email: 'x@example.ru', name: 'X', caseId: 'DSAR-2026-000001' })).rejects.toThrow(/WELLPRO_SITE_DATABASE_URL is not set/);
    const down = postgresConnector('website-database', settings, { WELLPRO_SITE_DATABASE_URL: `postgres://nobody@127.0.0.1:${await freePort()}/x` });
    const err = await down.find({ email: 'x@example.ru', name: 'X', caseId: 'DSAR-2026-000001' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(ConnectorFault);
  });
});

describe('the connector activities', () => {
  it('run again after a crash neither fail nor count twice', async () => {
    const id = await site.addUser('again@example.ru', 'Повтор Повторов', 1);
    const caseId = 'DSAR-2026-000777';
    await pool.query(`INSERT INTO cases (id, type, status, channel, subject_name, subject_email, received_at, rule_id, calendar_version, due, due_at, provisional, deadline, opened_by)
      VALUES ($1, 'deletion', 'received', 'email', 'Повтор Повторов', 'again@example.ru', now(), 'destroy_on_evidence', 'v', '2026-12-11', now(), false, '{}', 'test')`, [caseId]);
    const ref = { caseId, systemId: 'website-database' };
    const system = { id: 'website-database', kind: 'connector' as const, owner: registry.systems[0]!.owner };
    expect(await openDestructionTask(pool)({ ...ref, system, dueAt: new Date().toISOString() })).toBe('pending');
    const a = connectorActivities(pool, { registry, env: env() });
    expect(await a.findSubjectRows(ref)).toBe(1);
    await site.addUser('again@example.ru', 'Повтор Повторов', 0); // appears later: the case works on the rows it found
    expect(await a.findSubjectRows(ref)).toBe(1);
    expect(await a.blockSubjectRows(ref)).toBe(1);
    expect(await a.blockSubjectRows(ref)).toBe(1);
    expect(await a.eraseSubjectRows(ref)).toBe('done');
    // A crash after the system's database committed but before the engine recorded it: the step runs again.
    await pool.query(`UPDATE destruction_tasks SET status = 'blocked' WHERE case_id = $1`, [caseId]);
    expect(await a.eraseSubjectRows(ref)).toBe('done');
    expect(await a.eraseSubjectRows(ref)).toBe('done');
    const { rows: [task] } = await pool.query('SELECT status, rows_found, rows_blocked, rows_erased FROM destruction_tasks WHERE case_id = $1', [caseId]);
    expect(task).toEqual({ status: 'done', rows_found: 1, rows_blocked: 1, rows_erased: 1 });
    const { rows } = await pool.query(`SELECT action, count(*)::int AS n FROM audit_events WHERE case_id = $1 GROUP BY 1 ORDER BY 1`, [caseId]);
    expect(rows).toEqual([{ action: 'destruction.blocked', n: 1 }, { action: 'destruction.erased', n: 1 }, { action: 'destruction.found', n: 1 }]);
    expect((await site.users()).filter((u) => u.id === id)).toEqual([]);
  });
});
