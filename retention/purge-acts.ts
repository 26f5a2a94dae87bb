import type pg from 'pg';
import { inTransaction } from '../platform/db';

/** Acts purged per transaction: a long backlog (the first run after years) is done in short transactions. */
export const PURGE_BATCH = 100;

export interface PurgedAct { number: string; caseId: string; retainUntil: string }

/**
 * Order 179 p.4: an act and its log extract are kept 3 years from the destruction (`retain_until`); on the
 * first day after it, this deletes the content — the JSON (which holds the log extract), the PDF and the
 * signature — and keeps the register entry (number, case, dates, both SHA-256, who signed), so the register
 * stays gapless and anyone holding a copy can still prove it is the act that was issued. One audit event per
 * act, in the same transaction, names the act and its hashes; the audit chain itself is never touched, so
 * `dsar audit verify` stays green. `asOf` is an instant; the day is taken in the operator's time zone.
 * Returns the acts purged in this batch (at most PURGE_BATCH: call again while it is full).
 */
export async function purgeExpiredActs(pool: pg.Pool, asOf: string, timeZone: string, batch = PURGE_BATCH): Promise<PurgedAct[]> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query(
      `WITH due AS (
         SELECT number FROM destruction_acts
         WHERE purged_at IS NULL AND retain_until < ($1::timestamptz AT TIME ZONE $2)::date
         ORDER BY year, seq LIMIT $3 FOR UPDATE SKIP LOCKED
       ), old AS (
         SELECT a.number, a.signature IS NOT NULL AS signed FROM destruction_acts a JOIN due USING (number)
       )
       UPDATE destruction_acts a SET json = NULL, pdf = NULL, signature = NULL, signature_format = NULL, purged_at = now()
       FROM old WHERE a.number = old.number
       RETURNING a.number, a.case_id, to_char(a.destroyed_on, 'YYYY-MM-DD') AS destroyed_on, to_char(a.retain_until, 'YYYY-MM-DD') AS retain_until,
         a.json_sha256, a.pdf_sha256, old.signed, a.signed_by`,
      [asOf, timeZone, batch]);
    for (const r of rows) {
      await client.query(
        `INSERT INTO audit_events (case_id, actor, action, message, data, dedupe_key)
         VALUES ($1, 'retention', 'act.purged', $2, $3, $4) ON CONFLICT (dedupe_key) DO NOTHING`,
        [r.case_id, `Act ${r.number} purged: kept until ${r.retain_until} (Order 179 p.4); its hashes remain in the register`,
          JSON.stringify({ number: r.number, destroyedOn: r.destroyed_on, retainUntil: r.retain_until, jsonSha256: r.json_sha256, pdfSha256: r.pdf_sha256, signed: r.signed }),
          `act:${r.number}:purged`]);
    }
    return rows.map((r) => ({ number: r.number as string, caseId: r.case_id as string, retainUntil: r.retain_until as string }));
  });
}
