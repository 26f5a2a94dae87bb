import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { DEFAULT_APP_ROLE } from './db-role';

/** The login role `npm start` (and the tests) give the API, worker and intake on the embedded PostgreSQL. */
export const APP_LOGIN = 'dsar_api';

/**
 * The app login's password for the embedded PostgreSQL, generated once into the data folder (0600) like the payload
 * key: the app's credentials are not the owner's, and not a constant anyone can read in this repository.
 */
export function appLoginPassword(dataDir: string): string {
  const file = path.join(dataDir, 'db-app.password');
  if (!existsSync(file)) writeFileSync(file, randomBytes(24).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/** `databaseUrl` logging in as `login` instead (same host, port, database and options). */
export function asLogin(databaseUrl: string, login: string, password: string): string {
  const url = new URL(databaseUrl);
  url.username = encodeURIComponent(login);
  url.password = encodeURIComponent(password);
  return url.toString();
}

/**
 * Creates (or resets) the app's login role as the owner, after the migrations created `dsar_app`: it can log in and
 * nothing else — not a superuser, no CREATEDB/CREATEROLE/REPLICATION/BYPASSRLS — and holds the app's rights only
 * through membership in `dsar_app` (NOLOGIN, append-only on audit_events). It is never made a member of the owner,
 * so neither `SET ROLE <owner>` nor the owner's rights are within its reach. Idempotent: every start re-asserts it.
 */
export async function ensureAppLogin(ownerUrl: string, login: string, password: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const role = client.escapeIdentifier(login);
    const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT PASSWORD ${client.escapeLiteral(password)}`;
    const exists = (await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [login])).rowCount === 1;
    // Two processes (test files, engines on one cluster) may create it at once: the loser alters what the winner made.
    await client.query(exists ? `ALTER ROLE ${role} ${attributes}` : `CREATE ROLE ${role} ${attributes}`).catch(async (err: { code?: string }) => {
      if (err.code !== '42710' && err.code !== '23505') throw err;
      await client.query(`ALTER ROLE ${role} ${attributes}`);
    });
    await client.query(`GRANT ${client.escapeIdentifier(DEFAULT_APP_ROLE)} TO ${role}`);
  } finally {
    await client.end();
  }
}
