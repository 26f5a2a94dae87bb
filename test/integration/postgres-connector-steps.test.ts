import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorFault, postgresConnector } from '../../connectors/postgres';
import type { PostgresConnectorSettings } from '../../operator/systems-schema';
import { siteAndCrm, siteDatabase, type SiteDatabase } from '../helpers/site-database';

/**
 * The PostgreSQL connector's steps against a REAL site database, with the SQL an operator may write: which parameters
 * a statement gets, that a step is one transaction, and which refusals are permanent (a ConnectorFault that names
 * the system, the step and the SQLSTATE, never row values) and which stay retryable.
 */
let site: SiteDatabase;
const settings = siteAndCrm().systems[0]!.connector as PostgresConnectorSettings;
const subject = { email: 'steps@example.ru', name: 'Шаги Шагов', caseId: 'DSAR-2026-000555' };
const connector = (changes: Partial<PostgresConnectorSettings>) =>
  postgresConnector('website-database', { ...settings, ...changes }, { WELLPRO_SITE_DATABASE_URL: site.url });
/** A statement that fails with the given SQLSTATE, and a detail that quotes a row as PostgreSQL's own errors do. */
const failing = (sqlstate: string) =>
  `DO $$BEGIN RAISE EXCEPTION 'refused here' USING ERRCODE = '${sqlstate}', DETAIL = 'Key (email)=(secret.row@example.ru)'; END$$`;

beforeAll(async () => { site = await siteDatabase(); });
afterAll(async () => { await site?.drop(); });

describe('the statements an operator writes', () => {
  it('gets the e-mail, name and case number as $1, $2, $3, and only as many as it uses', async () => {
    const id = await site.addUser(subject.email, subject.name, 0);
    expect(await connector({ find: 'SELECT id FROM users WHERE email = $1 AND name = $2' }).find(subject)).toEqual([String(id)]);
    const byCase = (caseId: string) => connector({ find: `SELECT id FROM users WHERE email = $1 AND name = $2 AND $3::text = 'DSAR-2026-000555'` })
      .find({ ...subject, caseId });
    expect(await byCase(subject.caseId)).toEqual([String(id)]);
    expect(await byCase('DSAR-2026-000999')).toEqual([]);
    expect(await connector({ find: `SELECT 41 + 1` }).find(subject)).toEqual(['42']);
    // Block and erase get the key and the case number, and none when they use neither.
    expect(await connector({ block: `UPDATE users SET name = $2 WHERE id = $1::int` }).block([String(id)], 'DSAR-2026-000555')).toBe(1);
    expect((await site.pool.query('SELECT name FROM users WHERE id = $1', [id])).rows[0].name).toBe('DSAR-2026-000555');
    expect(await connector({ erase: `UPDATE users SET phone = NULL WHERE id = ${id}` }).erase([String(id)], 'DSAR-2026-000555')).toBe(1);
  });

  it('returns each key once, as text, whatever the first column\'s type', async () => {
    const id = await site.addUser('twice@example.ru', 'Дважды', 2);
    const keys = await connector({ find: `SELECT u.id FROM users u JOIN orders o ON o.user_id = u.id WHERE u.email = $1` })
      .find({ ...subject, email: 'twice@example.ru' });
    expect(keys).toEqual([String(id)]);
  });

  it('refuses a find that returns no columns, saying what it must select', async () => {
    const err = await connector({ find: 'SELECT FROM users' }).find(subject).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectorFault);
    expect((err as Error).message).toBe('system website-database: the find statement returns no columns; it must SELECT the rows\' keys');
    expect((err as Error).name).toBe('ConnectorFault'); // what Temporal's nonRetryableErrorTypes matches
  });

  it('runs no statement and needs no connection when there is nothing to do', async () => {
    const nowhere = postgresConnector('website-database', { ...settings, block: undefined }, {});
    expect(await nowhere.block(['1'], subject.caseId)).toBe(0);
    expect(await nowhere.erase([], subject.caseId)).toBe(0);
    expect(await nowhere.block([], subject.caseId)).toBe(0);
  });
});

describe('a step', () => {
  it('is one transaction: a key that fails undoes the keys before it', async () => {
    const first = await site.addUser('first@example.ru', 'Первый', 0);
    const second = await site.addUser('second@example.ru', 'Второй', 0);
    const erase = `DELETE FROM users WHERE id = $1::int AND (CASE WHEN $1::int = ${second} THEN 1 / 0 ELSE 1 END) = 1`;
    const err = await connector({ erase }).erase([String(first), String(second)], subject.caseId).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectorFault);
    expect((err as Error).message).toMatch(/^system website-database: the erase step was refused by PostgreSQL \(SQLSTATE 22012: division by zero\); fix the connector's SQL or settings in the systems registry$/);
    expect((await site.users()).map((u) => u.id)).toEqual(expect.arrayContaining([first, second]));
  });

  it('turns data, integrity, authorisation, unknown-database and SQL errors into a ConnectorFault without the row in detail', async () => {
    for (const sqlstate of ['22023', '23505', '28000', '3D000', '42501']) {
      const err = await connector({ block: failing(sqlstate) }).block(['1'], subject.caseId).catch((e: unknown) => e);
      expect(err, sqlstate).toBeInstanceOf(ConnectorFault);
      expect((err as Error).message).toBe(`system website-database: the block step was refused by PostgreSQL (SQLSTATE ${sqlstate}: refused here); fix the connector's SQL or settings in the systems registry`);
    }
  });

  it('leaves a fault a retry can fix (a serialisation failure, a deadlock, a cancelled query) as it is', async () => {
    for (const sqlstate of ['40001', '40P01', '57014', '53300']) {
      const err = await connector({ erase: failing(sqlstate) }).erase(['1'], subject.caseId).catch((e: unknown) => e);
      expect(err, sqlstate).not.toBeInstanceOf(ConnectorFault);
      expect(err).toMatchObject({ code: sqlstate, message: 'refused here' });
    }
  });

  it('names the step that was refused', async () => {
    const err = await connector({ find: 'SELECT id FROM no_such_table' }).find(subject).catch((e: unknown) => e);
    expect((err as Error).message).toBe(`system website-database: the find step was refused by PostgreSQL (SQLSTATE 42P01: relation "no_such_table" does not exist); fix the connector's SQL or settings in the systems registry`);
  });

  it('leaves a connection cut mid-step retryable', async () => {
    const slow = connector({ find: 'SELECT id FROM users WHERE email = $1 AND pg_sleep(5) IS NOT NULL' }).find(subject).catch((e: unknown) => e);
    let cut = 0;
    for (let i = 0; i < 100 && cut === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      cut = (await site.pool.query(`SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE query LIKE '%pg_sleep(5)%' AND pid <> pg_backend_pid()`)).rows[0].n;
    }
    expect(cut).toBe(1);
    const err = await slow;
    expect(err).not.toBeInstanceOf(ConnectorFault);
    expect(err).toMatchObject({ code: '57P01' }); // terminating connection due to administrator command
  }, 15_000);

  it('leaves a server that hangs up before PostgreSQL speaks retryable, and does not wait for it for ever', async () => {
    const hangUp = net.createServer((socket) => socket.destroy());
    await new Promise<void>((r) => hangUp.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (hangUp.address() as net.AddressInfo).port;
      const gone = postgresConnector('website-database', settings, { WELLPRO_SITE_DATABASE_URL: `postgres://nobody@127.0.0.1:${port}/x` });
      const refused = await gone.find(subject).catch((e: unknown) => e);
      expect(refused).not.toBeInstanceOf(ConnectorFault);
      expect((refused as Error).message).toMatch(/Connection terminated unexpectedly/);
    } finally {
      await new Promise((r) => hangUp.close(r));
    }
  }, 15_000);

  it('closes its connection after every step, failed or not', async () => {
    const before = await site.pool.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()`);
    const c = connector({});
    for (let i = 0; i < 5; i++) {
      await c.find(subject);
      await connector({ block: failing('23505') }).block(['1'], subject.caseId).catch(() => undefined);
    }
    const after = await site.pool.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()`);
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });
});
