/**
 * SQL for the intent to open a case (migrations/20261208000020000_case-openings.sql, docs/adr/016): written in
 * the accepting transaction, marked started once the workflow exists, claimed by the reconciler while it does not.
 */
import type pg from 'pg';
import type { OpenCaseInput } from './opening-input';

/** An accepted request and the case number reserved for it. */
export interface Opening {
  caseId: string;
  body: OpenCaseInput;
  openedBy: string;
  actedAt: string;
  idempotencyKey?: string;
}

/** The accepting request's own start comes first; after this the reconciler may take the opening over. */
const OWN_START_GRACE = "interval '15 seconds'";

/** In the accepting transaction. A repeat (a retry under the same key, a re-taken letter) keeps the first row. */
export async function recordOpening(db: pg.PoolClient, o: Opening): Promise<void> {
  await db.query(
    `INSERT INTO case_openings (case_id, body, opened_by, acted_at, idempotency_key, next_attempt_at)
     VALUES ($1, $2, $3, $4, $5, now() + ${OWN_START_GRACE}) ON CONFLICT (case_id) DO NOTHING`,
    [o.caseId, JSON.stringify(o.body), o.openedBy, o.actedAt, o.idempotencyKey ?? null],
  );
}

/** The workflow exists: the opening is done, and its copy of the request is dropped (the case row holds it). */
export async function markStarted(db: pg.Pool, caseId: string): Promise<void> {
  await db.query('UPDATE case_openings SET started_at = now(), body = NULL, last_error = NULL WHERE case_id = $1 AND started_at IS NULL', [caseId]);
}

export async function markNotStarted(db: pg.Pool, caseId: string, error: string): Promise<void> {
  await db.query('UPDATE case_openings SET last_error = $2 WHERE case_id = $1 AND started_at IS NULL', [caseId, error.slice(0, 300)]);
}

/**
 * Claims up to `limit` openings due for a (re)try, as a lease: each is not due again for 15 s × attempts (at most
 * a minute), so concurrent reconcilers (one per API process) skip each other's claims, and a Temporal that stays
 * away is asked less and less often. Starting twice would be harmless (the workflow id is the case number).
 */
export async function claimDue(db: pg.Pool, limit: number): Promise<Opening[]> {
  const { rows } = await db.query(
    `UPDATE case_openings SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => least(60, 15 * (attempts + 1)))
     WHERE case_id IN (SELECT case_id FROM case_openings WHERE started_at IS NULL AND next_attempt_at <= now()
                       ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
     RETURNING case_id, body, opened_by, acted_at, idempotency_key`,
    [limit],
  );
  return rows.map((r) => ({
    caseId: r.case_id, body: r.body, openedBy: r.opened_by, actedAt: (r.acted_at as Date).toISOString(),
    ...(r.idempotency_key ? { idempotencyKey: r.idempotency_key } : {}),
  }));
}

/** Accepted requests whose workflow has not started yet, oldest first: what /metrics counts and officers list. */
export async function pendingOpenings(db: pg.Pool, limit = 100): Promise<Array<{
  caseId: string; type: string; channel: string; receivedAt: string; acceptedAt: string; attempts: number; lastError: string | null;
}>> {
  const { rows } = await db.query(
    `SELECT case_id, body->>'type' AS type, body->>'channel' AS channel, body->>'receivedAt' AS received_at, created_at, attempts, last_error
     FROM case_openings WHERE started_at IS NULL ORDER BY created_at LIMIT $1`, [limit]);
  return rows.map((r) => ({
    caseId: r.case_id, type: r.type, channel: r.channel, receivedAt: r.received_at,
    acceptedAt: (r.created_at as Date).toISOString(), attempts: r.attempts, lastError: r.last_error,
  }));
}

export async function countPendingOpenings(db: pg.Pool): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM case_openings WHERE started_at IS NULL');
  return rows[0]!.n;
}
