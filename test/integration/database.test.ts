import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { ensureDatabase } from '../../platform/embedded-postgres';
import { createPool, migrate } from '../../platform/db';
import { freshDatabase } from '../helpers/database';

const drops: Array<() => Promise<void>> = [];
afterAll(async () => { for (const d of drops) await d(); });

describe('schema migrations', () => {
  it('apply exactly once when several processes start at the same moment', async () => {
    const admin = inject('pgAdminUrl');
    const name = `dsar_migrate_${randomBytes(4).toString('hex')}`;
    await ensureDatabase(admin, name);
    const url = admin.replace(/\/[^/]*$/, `/${name}`);
    drops.push(async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await c.end();
    });
    await Promise.all([migrate(url), migrate(url), migrate(url), migrate(url)]);
    const pool = createPool(url, 1);
    const applied = await pool.query('SELECT name FROM schema_migrations');
    const tables = await pool.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`);
    await pool.end();
    expect(applied.rowCount).toBeGreaterThan(0);
    expect(new Set(applied.rows.map((r) => r.name)).size).toBe(applied.rowCount);
    expect(tables.rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(['api_tokens', 'audit_events', 'cases', 'schema_migrations']));
  });
});

describe('the audit log', () => {
  it('is append-only: updates, deletes and truncation are refused by the database itself, even to its owner', async () => {
    const db = await freshDatabase();
    drops.push(db.drop);
    // The owner, not the app role (which is refused by privilege: test/integration/audit-chain.test.ts): the triggers remain.
    const pool = new pg.Pool({ connectionString: db.url, max: 1 });
    try {
      await pool.query(`INSERT INTO cases (id, type, status, channel, subject_name, received_at, rule_id, calendar_version, due, due_at, provisional, deadline, opened_by)
        VALUES ('DSAR-2026-000001', 'access', 'received', 'email', 'X', now(), 'access', 'v', '2026-01-01', now(), false, '{}', 't')`);
      await pool.query(`INSERT INTO audit_events (case_id, actor, action, dedupe_key) VALUES ('DSAR-2026-000001', 't', 'case.opened', 'k1')`);
      await expect(pool.query(`UPDATE audit_events SET actor = 'someone else'`)).rejects.toThrow(/append-only/);
      await expect(pool.query('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
      await expect(pool.query('TRUNCATE audit_events CASCADE')).rejects.toThrow(/append-only/);
      expect((await pool.query('SELECT actor FROM audit_events')).rows).toEqual([{ actor: 't' }]);
    } finally {
      await pool.end();
    }
  });
});
