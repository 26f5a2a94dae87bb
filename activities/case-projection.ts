import type pg from 'pg';
import { inTransaction } from '../platform/db';
import { FINAL_STATUSES, type CaseStatus } from '../domain/case/case-status';
import type { CaseAction } from '../domain/case/transitions';
import type { CaseOpened } from '../workflows/case-contract';
import { insertCaseRow } from './case-rows';
import { refusingPermanently } from './permanent-errors';

/**
 * Makes sure the case row and its `case.opened` event exist. Intake normally wrote both already in
 * the transaction that reserved the case number; this covers the crash window between starting the
 * workflow and committing, and is a no-op otherwise (idempotent on retries).
 */
export const recordCaseOpened = (pool: pg.Pool) => async (input: CaseOpened): Promise<void> => {
  await refusingPermanently(`recording case ${input.caseId}`, () => inTransaction(pool, (client) => insertCaseRow(client, input)));
};

export interface TransitionRecord {
  caseId: string;
  /** The workflow's transition counter: with the case id it makes a retried write a no-op. */
  seq: number;
  action: CaseAction;
  from: CaseStatus;
  to: CaseStatus;
  actor: string;
  message?: string;
  requestId?: string;
  /** When the person or the engine's timer acted; the event's `at` is when this activity recorded it. */
  actedAt?: string;
}

export const recordTransition = (pool: pg.Pool) => async (t: TransitionRecord): Promise<void> => {
  await refusingPermanently(`recording "${t.action}" on case ${t.caseId}`, () => inTransaction(pool, async (client) => {
    const inserted = await client.query(
      `INSERT INTO audit_events (case_id, actor, action, from_status, to_status, message, data, dedupe_key, acted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (dedupe_key) DO NOTHING`,
      [t.caseId, t.actor, `case.${t.action}`, t.from, t.to, t.message ?? null,
        JSON.stringify(t.requestId ? { requestId: t.requestId } : {}), `${t.caseId}:transition:${t.seq}`, t.actedAt ?? null],
    );
    if (inserted.rowCount === 0) return;
    await client.query(
      `UPDATE cases SET status = $2, updated_at = now(),
         closed_at = CASE WHEN $3::boolean THEN now() ELSE closed_at END
       WHERE id = $1`,
      [t.caseId, t.to, FINAL_STATUSES.includes(t.to)],
    );
  }));
};
