import type pg from 'pg';
import { inTransaction } from '../platform/db';

/** What replaces the subject's name on a minimised case (the column is NOT NULL; the e-mail becomes NULL). */
export const MINIMISED = '[minimised]';
export const MINIMISE_BATCH = 100;

export interface MinimisedCase { caseId: string; mailMessages: number; attachments: number; letters: number }

/**
 * Minimises closed cases `afterDays` after closing: what identifies the subject goes; what the audit and an
 * act must keep stays (case number, type, channel, status, dates, terms, every audit event, the acts — an act
 * carries its own copy of the subject until its retention ends).
 *  - cases: subject name → MINIMISED, e-mail → NULL;
 *  - mail_messages: raw message and parsed headers (From, identity) deleted; hash, size, dates, outcome kept;
 *  - mail_attachments: content and file name deleted; type, size, hash kept;
 *  - letters: body replaced by a marker with the body's SHA-256 (the letter can still be matched to a copy),
 *    and the recipient when it was the subject's address.
 * One `case.minimised` audit event per case, with counts only. Returns the cases minimised in this batch.
 */
export async function minimiseClosedCases(pool: pg.Pool, asOf: string, afterDays: number, batch = MINIMISE_BATCH): Promise<MinimisedCase[]> {
  return inTransaction(pool, async (client) => {
    const { rows: due } = await client.query<{ id: string; subject_email: string | null }>(
      `SELECT id, subject_email FROM cases
       WHERE closed_at IS NOT NULL AND minimised_at IS NULL AND closed_at < $1::timestamptz - make_interval(days => $2)
       ORDER BY closed_at, id LIMIT $3 FOR UPDATE SKIP LOCKED`, [asOf, afterDays, batch]);
    const done: MinimisedCase[] = [];
    for (const c of due) done.push(await minimiseCase(client, c.id, c.subject_email, afterDays));
    return done;
  });
}

async function minimiseCase(client: pg.PoolClient, caseId: string, subjectEmail: string | null, afterDays: number): Promise<MinimisedCase> {
  const attachments = await client.query(
    `UPDATE mail_attachments SET content = NULL, filename = NULL
     WHERE mail_message_id IN (SELECT id FROM mail_messages WHERE case_id = $1) AND (content IS NOT NULL OR filename IS NOT NULL)`, [caseId]);
  const mail = await client.query(
    `UPDATE mail_messages SET raw = NULL, parsed = '{}'::jsonb WHERE case_id = $1 AND (raw IS NOT NULL OR parsed <> '{}'::jsonb)`, [caseId]);
  const letters = await client.query(
    `UPDATE letters SET
       body_text = '[minimised: body removed; SHA-256 ' || encode(sha256(convert_to(body_text, 'UTF8')), 'hex') || ']',
       recipient = CASE WHEN $2::text IS NOT NULL AND lower(recipient) = lower($2) THEN $3 ELSE recipient END
     WHERE case_id = $1 AND body_text NOT LIKE '[minimised:%'`, [caseId, subjectEmail, MINIMISED]);
  await client.query(`UPDATE cases SET subject_name = $2, subject_email = NULL, minimised_at = now(), updated_at = now() WHERE id = $1`, [caseId, MINIMISED]);
  const counts = { mailMessages: mail.rowCount ?? 0, attachments: attachments.rowCount ?? 0, letters: letters.rowCount ?? 0 };
  await client.query(
    `INSERT INTO audit_events (case_id, actor, action, message, data, dedupe_key)
     VALUES ($1, 'retention', 'case.minimised', $2, $3, $4) ON CONFLICT (dedupe_key) DO NOTHING`,
    [caseId, `Personal data minimised ${afterDays} days after the case closed (DSAR_MINIMISE_AFTER_DAYS)`,
      JSON.stringify({ afterDays, ...counts }), `${caseId}:minimised`]);
  return { caseId, ...counts };
}
