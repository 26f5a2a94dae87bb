import path from 'node:path';
import pg from 'pg';
import { runner } from 'node-pg-migrate';
import { dbAppRole, withAppRole } from './db-role';

export const migrationsDir = path.resolve(__dirname, '..', 'migrations');

/**
 * The application's pool: its connections work as the application role (DSAR_DB_APP_ROLE, default
 * dsar_app), which cannot UPDATE, DELETE or TRUNCATE the audit log (docs/adr/011). Migrations use their
 * own connection as the owner.
 */
export function createPool(databaseUrl: string, max = 10, role: string | null = dbAppRole()): pg.Pool {
  // A request must fail (503), not hang, when PostgreSQL is unreachable.
  const pool = new pg.Pool({ connectionString: withAppRole(databaseUrl, role), max, connectionTimeoutMillis: 5000 });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return pool;
}

// Any constant works; it only has to be the same for every process of this engine.
const MIGRATION_LOCK = 152_2006;

/**
 * Applies pending versioned migrations. Several processes (API, worker, CLI) may start together:
 * each waits on a PostgreSQL advisory lock, so every migration is applied exactly once and nobody
 * fails. (node-pg-migrate's own lock refuses instead of waiting, so it is replaced by this one.)
 */
export async function migrate(databaseUrl: string, log: (msg: string) => void = () => undefined): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await runner({
      dbClient: client,
      noLock: true,
      dir: migrationsDir,
      direction: 'up',
      migrationsTable: 'schema_migrations',
      count: Infinity,
      log,
      verbose: false,
      checkOrder: true,
    });
  } finally {
    await client.end(); // ends the session, which releases the advisory lock
  }
}

/** Runs `fn` in a transaction; rolls back on any error. */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
