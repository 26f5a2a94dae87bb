import type pg from 'pg';
import { createPool, migrate } from '../platform/db';

/** What a database command needs from `dsar`: where PostgreSQL is, and how to say it cannot be used. */
export interface DatabaseDeps {
  databaseUrl: () => string;
  /** Reports that PostgreSQL cannot be used and exits. */
  unreachable: (err: unknown) => never;
}

/**
 * Runs a command with a one-connection pool, migrating first unless the command must not change the database
 * (`audit verify`); an unreachable database is reported, and the pool is always closed.
 */
export async function withPool(deps: DatabaseDeps, run: (pool: pg.Pool) => Promise<void>, opts: { migrate?: boolean } = {}): Promise<void> {
  const pool = createPool(deps.databaseUrl(), 1);
  try {
    if (opts.migrate !== false) await migrate(deps.databaseUrl());
    await run(pool);
  } catch (err) {
    deps.unreachable(err);
  } finally {
    await pool.end();
  }
}
