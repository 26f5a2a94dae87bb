/**
 * The IMAP consumer's durable cursor and state (intake_cursors), and the key that names a mailbox for the
 * cursor and for the advisory lock. The key holds the mailbox user: it stays in the database, never in logs.
 */
import type pg from 'pg';
import type { ImapSettings } from '../platform/config';

export type IntakeState = 'ok' | 'connecting' | 'down';

export const mailboxKey = (s: Pick<ImapSettings, 'user' | 'host' | 'port' | 'folder'>) => `${s.user}@${s.host}:${s.port}/${s.folder}`;

export interface Cursor {
  uidvalidity: number | null;
  lastUid: number;
}

export async function readCursor(db: pg.Pool, mailbox: string): Promise<Cursor> {
  const { rows } = await db.query('SELECT uidvalidity, last_uid FROM intake_cursors WHERE mailbox = $1', [mailbox]);
  return rows[0] ? { uidvalidity: rows[0].uidvalidity === null ? null : Number(rows[0].uidvalidity), lastUid: Number(rows[0].last_uid) } : { uidvalidity: null, lastUid: 0 };
}

/** Every UID up to `lastUid` under `uidvalidity` is taken in. */
export async function saveCursor(db: pg.Pool, mailbox: string, c: { uidvalidity: number; lastUid: number }): Promise<void> {
  await db.query(
    `INSERT INTO intake_cursors (mailbox, uidvalidity, last_uid, state, last_seen_at) VALUES ($1, $2, $3, 'ok', now())
     ON CONFLICT (mailbox) DO UPDATE SET uidvalidity = $2, last_uid = $3, state = 'ok', last_error = NULL, last_seen_at = now()`,
    [mailbox, c.uidvalidity, c.lastUid],
  );
}

/** The consumer's state as /health shows it; `last_seen_at` is its heartbeat. */
export async function saveState(db: pg.Pool, mailbox: string, state: IntakeState, lastError?: string): Promise<void> {
  await db.query(
    `INSERT INTO intake_cursors (mailbox, state, last_error, last_seen_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (mailbox) DO UPDATE SET state = $2, last_error = CASE WHEN $2 = 'ok' THEN NULL ELSE coalesce($3, intake_cursors.last_error) END, last_seen_at = now()`,
    [mailbox, state, lastError ?? null],
  );
}

/** For /health: the state, or `down` when the consumer has not been heard of within `staleAfterMs`. */
export async function readState(db: pg.Pool, mailbox: string, staleAfterMs: number): Promise<IntakeState> {
  const { rows } = await db.query(
    `SELECT state, last_seen_at > now() - make_interval(secs => $2::double precision / 1000) AS fresh FROM intake_cursors WHERE mailbox = $1`,
    [mailbox, staleAfterMs],
  );
  return rows[0]?.fresh ? rows[0].state as IntakeState : 'down';
}
