import { createHash } from 'node:crypto';

/** prev_hash of the first event. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * One audit event as the verifier reads it: the columns the hash covers, in text forms PostgreSQL
 * produces the same way the trigger sees them (times via audit_time(), data as jsonb's own text).
 */
export interface ChainedEvent {
  chainSeq: string;
  id: string;
  caseId: string | null;
  at: string;
  actor: string;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  message: string | null;
  data: string;
  dedupeKey: string;
  actedAt: string | null;
  prevHash: string;
  hash: string;
}

/** The columns of ChainedEvent, selected so that the text is exactly what the trigger hashed. */
export const CHAINED_EVENT_COLUMNS = `chain_seq::text AS "chainSeq", id::text AS id, case_id AS "caseId", audit_time(at) AS at,
  actor, action, from_status AS "fromStatus", to_status AS "toStatus", message, data::text AS data,
  dedupe_key AS "dedupeKey", audit_time(acted_at) AS "actedAt", prev_hash AS "prevHash", hash`;

/** octet length, ':', text — or '~' for NULL: no field can bleed into the next (as audit_field() in SQL). */
export function field(value: string | null): string {
  // Stryker disable next-line StringLiteral: an empty encoding is Node's default, utf8: the same length, unobservable.
  return value === null ? '~' : `${Buffer.byteLength(value, 'utf8')}:${value}`;
}

/** The canonical serialisation the trigger hashes (migrations/20261201000011000_audit-chain.sql). */
export function canonicalEvent(e: Omit<ChainedEvent, 'hash'>): string {
  return 'dsar-audit-v1' + [e.chainSeq, e.id, e.caseId, e.at, e.actor, e.action, e.fromStatus, e.toStatus, e.message,
    e.data, e.dedupeKey, e.actedAt, e.prevHash].map(field).join('');
}

export function eventHash(e: Omit<ChainedEvent, 'hash'>): string {
  // Stryker disable next-line StringLiteral: an empty encoding is Node's default, utf8: the same hash, unobservable.
  return createHash('sha256').update(canonicalEvent(e), 'utf8').digest('hex');
}
