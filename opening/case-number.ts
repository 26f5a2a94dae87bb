import { createHash } from 'node:crypto';
import type pg from 'pg';
import { OpeningRefused, type OpenCaseInput } from './opening-input';

/** Case numbers DSAR-YYYY-NNNNNN: at least six digits (lpad alone would truncate from the millionth case on). */
const CASE_NUMBER = `'DSAR-' || to_char(now() AT TIME ZONE $1, 'YYYY') || '-' || lpad(n::text, greatest(6, length(n::text)), '0')`;

/** A new case number from the sequence (an open without an Idempotency-Key). */
export async function nextCaseNumber(db: pg.Pool | pg.PoolClient, timeZone: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>(`SELECT ${CASE_NUMBER} AS id FROM nextval('case_number_seq') AS n`, [timeZone]);
  return rows[0]!.id;
}

/**
 * The key's case number: a new one (reserved = true), or the one an earlier request with this key reserved.
 * Two requests racing with one key meet on the primary key: the loser waits for the winner's insert and
 * reads its number. The same key with other content is refused.
 */
export async function reserveUnderKey(
  db: pg.Pool | pg.PoolClient, timeZone: string, key: string, hash: string,
): Promise<{ caseId: string; reserved: boolean }> {
  const inserted = await db.query<{ case_id: string }>(
    `INSERT INTO intake_keys (idempotency_key, case_id, request_hash)
     SELECT $2, ${CASE_NUMBER}, $3 FROM nextval('case_number_seq') AS n
     ON CONFLICT (idempotency_key) DO NOTHING RETURNING case_id`,
    [timeZone, key, hash],
  );
  if (inserted.rows[0]) return { caseId: inserted.rows[0].case_id, reserved: true };
  const { rows } = await db.query<{ case_id: string; request_hash: string }>(
    'SELECT case_id, request_hash FROM intake_keys WHERE idempotency_key = $1', [key],
  );
  const earlier = rows[0]!;
  if (earlier.request_hash !== hash) {
    throw new OpeningRefused(409, 'idempotency_key_reused', `This Idempotency-Key was already used for case ${earlier.case_id} with different content; use a new key for a new request.`);
  }
  return { caseId: earlier.case_id, reserved: false };
}

/**
 * What makes two opens "the same request": type, channel, the instant of receipt (ms) and the subject.
 * The migration that introduced intake_keys computes the same hash in SQL for keys used before it.
 */
export function requestHash(body: OpenCaseInput): string {
  const content = [body.type, body.channel, String(Date.parse(body.receivedAt)), body.subject.name, body.subject.email ?? ''];
  if (body.ground) content.push(body.ground);
  return createHash('sha256').update(content.join('\n')).digest('hex');
}
