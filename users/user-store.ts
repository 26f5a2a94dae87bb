import type pg from 'pg';
import { lockFor } from './lockout';
import { hashPassword, verifyPassword } from './password';

export const USER_ROLES = ['officer', 'dpo', 'auditor', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export interface ConsoleUser { id: number; email: string; name: string; role: UserRole }

/** A sign-in's outcome. `locked` says until when, and is answered without checking the password. */
export type SignIn = { user: ConsoleUser } | { refused: 'unknown_or_wrong' } | { refused: 'locked'; until: Date };

/**
 * A hash of a password nobody has: an unknown e-mail costs the same argon2 verification as a known one, so the
 * answer's timing does not tell which addresses have accounts.
 */
let dummyHash: Promise<string> | undefined;

export async function createUser(pool: pg.Pool, u: { email: string; name: string; role: UserRole; password: string }): Promise<ConsoleUser | 'exists'> {
  const passwordHash = await hashPassword(u.password);
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO console_users (email, name, role, password_hash) VALUES ($1, $2, $3, $4)
     ON CONFLICT (lower(email)) DO NOTHING RETURNING id`,
    [u.email, u.name, u.role, passwordHash],
  );
  return rows[0] ? { id: Number(rows[0].id), email: u.email, name: u.name, role: u.role } : 'exists';
}

/** Sets a new password, lifts any lockout and ends the user's sessions. False when there is no such user. */
export async function resetPassword(pool: pg.Pool, email: string, password: string): Promise<boolean> {
  const passwordHash = await hashPassword(password);
  const { rows } = await pool.query<{ id: string }>(
    `UPDATE console_users SET password_hash = $2, failed_attempts = 0, locked_until = NULL, password_changed_at = now()
     WHERE lower(email) = lower($1) RETURNING id`,
    [email, passwordHash],
  );
  if (!rows[0]) return false;
  await pool.query('DELETE FROM console_sessions WHERE user_id = $1', [rows[0].id]);
  return true;
}

/**
 * Checks a sign-in. A locked account is refused before the password is looked at (so guessing during the lock
 * teaches nothing); each failure counts, and from the fifth on locks the account (users/lockout.ts).
 */
export async function signIn(pool: pg.Pool, email: string, password: string, now = new Date()): Promise<SignIn> {
  const { rows } = await pool.query<{ id: string; email: string; name: string; role: UserRole; password_hash: string; failed_attempts: number; locked_until: Date | null }>(
    'SELECT id, email, name, role, password_hash, failed_attempts, locked_until FROM console_users WHERE lower(email) = lower($1) AND disabled_at IS NULL',
    [email],
  );
  const row = rows[0];
  if (!row) {
    await verifyPassword(await (dummyHash ??= hashPassword('no such user')), password);
    return { refused: 'unknown_or_wrong' };
  }
  if (row.locked_until && row.locked_until > now) return { refused: 'locked', until: row.locked_until };
  if (await verifyPassword(row.password_hash, password)) {
    await pool.query('UPDATE console_users SET failed_attempts = 0, locked_until = NULL WHERE id = $1', [row.id]);
    return { user: { id: Number(row.id), email: row.email, name: row.name, role: row.role } };
  }
  // Counted in the database, so concurrent guesses cannot each read the same count.
  const { rows: [counted] } = await pool.query<{ failed_attempts: number }>(
    'UPDATE console_users SET failed_attempts = failed_attempts + 1 WHERE id = $1 RETURNING failed_attempts', [row.id]);
  const lockMs = lockFor(counted!.failed_attempts);
  if (lockMs > 0) {
    const until = new Date(now.getTime() + lockMs);
    await pool.query('UPDATE console_users SET locked_until = $2 WHERE id = $1', [row.id, until]);
    return { refused: 'locked', until };
  }
  return { refused: 'unknown_or_wrong' };
}
