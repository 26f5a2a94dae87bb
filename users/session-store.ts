import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { ConsoleUser, UserRole } from './user-store';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new session for the user; the token goes into the cookie and only its hash into the table. */
export async function createSession(pool: pg.Pool, userId: number, lifetimeMs: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await pool.query(
    `INSERT INTO console_sessions (token_hash, user_id, expires_at) VALUES ($1, $2, now() + $3 * interval '1 millisecond')`,
    [hash(token), userId, lifetimeMs],
  );
  return token;
}

/**
 * The signed-in user for a cookie's token, or undefined (unknown, expired, signed out, user disabled).
 * The database clock decides expiry; last_seen_at is written at most once a minute.
 */
export async function sessionUser(pool: pg.Pool, token: string): Promise<ConsoleUser | undefined> {
  const { rows } = await pool.query<{ id: string; email: string; name: string; role: UserRole; session_id: string; stale: boolean }>(
    `SELECT u.id, u.email, u.name, u.role, s.id AS session_id, s.last_seen_at < now() - interval '1 minute' AS stale
       FROM console_sessions s JOIN console_users u ON u.id = s.user_id
      WHERE s.token_hash = $1 AND s.expires_at > now() AND u.disabled_at IS NULL`,
    [hash(token)],
  );
  const row = rows[0];
  if (!row) return undefined;
  if (row.stale) await pool.query('UPDATE console_sessions SET last_seen_at = now() WHERE id = $1', [row.session_id]);
  return { id: Number(row.id), email: row.email, name: row.name, role: row.role };
}

/** Signing out deletes the row: the cookie is worthless even if it was copied. */
export async function deleteSession(pool: pg.Pool, token: string): Promise<void> {
  await pool.query('DELETE FROM console_sessions WHERE token_hash = $1', [hash(token)]);
}
