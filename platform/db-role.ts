import { ConfigError } from './config-error';

/** The role the migration creates for the application (docs/adr/011). */
export const DEFAULT_APP_ROLE = 'dsar_app';

/**
 * DSAR_DB_APP_ROLE: the role every pooled connection works as (may append to audit_events, never alter
 * it). Default `dsar_app`; `none` when DATABASE_URL already logs in as a restricted role of its own.
 */
export function dbAppRole(env: NodeJS.ProcessEnv = process.env): string | null {
  const raw = env.DSAR_DB_APP_ROLE;
  if (raw === undefined || raw === '') return DEFAULT_APP_ROLE;
  if (raw === 'none') return null;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(raw)) {
    throw new ConfigError(`DSAR_DB_APP_ROLE=${raw} is not a PostgreSQL role name: use lower-case letters, digits and _ (default dsar_app), or none.`);
  }
  return raw;
}

/**
 * Puts the role into the connection's startup options (`-c role=…`), next to any options the URL has.
 * Unlike a `SET ROLE` after connecting, a missing role or membership fails the connection itself, so a
 * misconfiguration never silently runs as the owner; and `RESET ROLE` returns to this role, not the owner.
 */
export function withAppRole(databaseUrl: string, role: string | null): string {
  if (!role) return databaseUrl;
  const url = new URL(databaseUrl);
  const options = [url.searchParams.get('options'), `-c role=${role}`].filter(Boolean).join(' ');
  url.searchParams.set('options', options);
  return url.toString();
}
