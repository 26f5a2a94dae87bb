import pg from 'pg';
import { ConfigError } from './config-error';

/** What the app's login (the session user, whatever `-c role=` it then works as) could do beyond its grants. */
export interface LoginPrivileges {
  login: string;
  superuser: boolean;
  createRole: boolean;
  /** Owners of the database or of audit_events that the login is, or is a member of (may SET ROLE to). */
  owners: string[];
}

/**
 * session_user, not current_user: `-c role=dsar_app` changes only the latter, and a session user that is a
 * superuser or the owner can `RESET ROLE`/`SET ROLE` back and rewrite the audit log (ADR 017).
 */
export async function loginPrivileges(client: pg.ClientBase): Promise<LoginPrivileges> {
  const { rows } = await client.query(`
    SELECT s.rolname AS login, s.rolsuper AS superuser, s.rolcreaterole AS "createRole",
      coalesce(array(SELECT o.rolname FROM pg_roles o
        WHERE o.oid IN (SELECT datdba FROM pg_database WHERE datname = current_database()
                        UNION SELECT relowner FROM pg_class WHERE oid = to_regclass('public.audit_events'))
          AND pg_has_role(s.oid, o.oid, 'MEMBER') ORDER BY o.rolname)::text[], '{}') AS owners
    FROM pg_roles s WHERE s.rolname = session_user`);
  return rows[0] as LoginPrivileges;
}

/** Why this login must not run the engine, or undefined when it may. */
export function privilegeProblem(p: LoginPrivileges): string | undefined {
  const reasons = [
    p.superuser && 'is a superuser',
    p.owners.length > 0 && `is or may become the owner (${p.owners.join(', ')})`,
    p.createRole && 'has CREATEROLE (it could grant itself other roles)',
  ].filter(Boolean);
  if (reasons.length === 0) return undefined;
  return `the database login ${p.login} ${reasons.join(', ')}: it could SET ROLE back and rewrite the audit log. ` +
    'Give DATABASE_URL a login role that is only a member of dsar_app (README, "Database roles"; migrations run as the owner ' +
    'with DATABASE_OWNER_URL), or set DSAR_DB_ALLOW_PRIVILEGED_LOGIN=true on a development machine.';
}

/** DSAR_DB_ALLOW_PRIVILEGED_LOGIN: `true` lets a superuser or owner login run the engine (development only). */
export function allowPrivilegedLogin(env: NodeJS.ProcessEnv = process.env): boolean {
  const raw = env.DSAR_DB_ALLOW_PRIVILEGED_LOGIN || 'false';
  if (raw !== 'true' && raw !== 'false') throw new ConfigError(`DSAR_DB_ALLOW_PRIVILEGED_LOGIN=${raw} must be true or false.`);
  return raw === 'true';
}

/**
 * Checked by the API, worker and intake at boot, before anything else touches the database: a privileged login is
 * a configuration error (exit 78), unless DSAR_DB_ALLOW_PRIVILEGED_LOGIN=true, which only warns.
 */
export async function refusePrivilegedLogin(databaseUrl: string, warn: (msg: string) => void, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const allowed = allowPrivilegedLogin(env);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let problem: string | undefined;
  try {
    problem = privilegeProblem(await loginPrivileges(client));
  } finally {
    await client.end();
  }
  if (!problem) return;
  if (!allowed) throw new ConfigError(`Refusing to start: ${problem}`);
  warn(`DSAR_DB_ALLOW_PRIVILEGED_LOGIN=true: ${problem}`);
}
