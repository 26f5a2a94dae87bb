/**
 * The PostgreSQL connector: destroys a subject's data in one of the operator's own PostgreSQL databases through
 * SQL the operator writes in the systems registry (operator/systems-schema.ts). Each step — find, block, erase —
 * runs in one transaction on its own connection, so a step either happened whole or not at all, and a step run
 * again after a crash does the same to the same rows (block and erase work on the keys `find` returned, which the
 * caller keeps). Faults a retry can never fix are `ConnectorFault`s; outages are thrown as they are.
 */
import pg from 'pg';
import type { PostgresConnectorSettings } from '../operator/systems-schema';

/** A refusal no retry can change: the SQL or the settings are wrong. The message names what to fix, never row values. */
export class ConnectorFault extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectorFault';
  }
}

/**
 * SQLSTATE classes a retry cannot fix: data exceptions (22), integrity violations (23), invalid authorisation (28),
 * unknown database (3D), syntax errors, unknown tables or columns, missing privileges (42).
 */
const PERMANENT = new Set(['22', '23', '28', '3D', '42']);

export interface SubjectKeys {
  email: string | null;
  name: string;
  caseId: string;
}

export interface PostgresConnector {
  /** The keys (as text) of the subject's rows. */
  find(subject: SubjectKeys): Promise<string[]>;
  /** Runs `block` for each key; returns how many keys it ran for (0 without a `block` statement). */
  block(keys: readonly string[], caseId: string): Promise<number>;
  /** Runs `erase` for each key; returns how many keys it ran for. */
  erase(keys: readonly string[], caseId: string): Promise<number>;
}

/** The parameters a statement uses: as many as its highest `$n` (PostgreSQL refuses extra ones). */
const paramsFor = (sql: string, values: readonly unknown[]) => {
  // Stryker disable next-line Regex: statements get at most three values ($1–$3); \d and \d+ differ only from $10 on.
  const highest = Math.max(0, ...[...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
  return values.slice(0, highest);
};

export function postgresConnector(systemId: string, settings: PostgresConnectorSettings, env: NodeJS.ProcessEnv = process.env): PostgresConnector {
  const run = async <T>(step: string, fn: (client: pg.Client) => Promise<T>): Promise<T> => {
    const url = env[settings.connectionStringEnv];
    if (!url) throw new ConnectorFault(`system ${systemId}: ${settings.connectionStringEnv} is not set; set it to the database's connection string in the worker's environment`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
    client.on('error', () => undefined); // a connection lost mid-step surfaces as the query's error
    // A client whose connect() failed never settles a query (pg queues it): no ROLLBACK there, or the step hangs.
    let connected = false;
    try {
      await client.connect();
      connected = true;
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      // Stryker disable next-line StringLiteral: unobservable, client.end() below ends the transaction unfinished, which rolls it back too.
      if (connected) await client.query('ROLLBACK').catch(() => undefined);
      throw faultOf(systemId, step, err);
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  const perKey = (step: 'block' | 'erase', sql: string | undefined) => async (keys: readonly string[], caseId: string) => {
    if (!sql || keys.length === 0) return 0;
    return run(step, async (client) => {
      for (const key of keys) await client.query(sql, paramsFor(sql, [key, caseId]));
      return keys.length;
    });
  };
  return {
    find: (s) => run('find', async (client) => {
      const result = await client.query({ text: settings.find, values: paramsFor(settings.find, [s.email, s.name, s.caseId]), rowMode: 'array' });
      if (result.fields.length === 0) throw new ConnectorFault(`system ${systemId}: the find statement returns no columns; it must SELECT the rows' keys`);
      return [...new Set((result.rows as unknown[][]).map((r) => String(r[0])))];
    }),
    block: perKey('block', settings.block),
    erase: perKey('erase', settings.erase),
  };
}

/** A permanent refusal becomes a ConnectorFault (SQLSTATE and PostgreSQL's message, never `detail`, which quotes rows). */
function faultOf(systemId: string, step: string, err: unknown): unknown {
  // Stryker disable next-line ConditionalExpression: a ConnectorFault has no SQLSTATE and is returned below as it is; this only says so first.
  if (err instanceof ConnectorFault) return err;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && PERMANENT.has(code.slice(0, 2))) {
    return new ConnectorFault(`system ${systemId}: the ${step} step was refused by PostgreSQL (SQLSTATE ${code}: ${(err as Error).message}); fix the connector's SQL or settings in the systems registry`);
  }
  return err;
}
