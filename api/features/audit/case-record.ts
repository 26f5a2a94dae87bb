import type pg from 'pg';
import { ACT_ENTRY_COLUMNS, actEntry } from '../acts/act-list';

/**
 * Everything an auditor needs to reconstruct one case: its chained audit events, its letters, the documents
 * stored for it (the intake e-mail's raw message and attachments, destruction acts), with links to their bytes.
 * Read from PostgreSQL only; no personal data beyond what those records already hold.
 */
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : null);
const AUDIT = '/api/v1/audit';
type Change = { before: string | null; after: string | null };

async function events(db: pg.Pool, caseId: string) {
  const { rows } = await db.query(
    `SELECT chain_seq::text AS chain_seq, id::text AS id, at, acted_at, actor, action, from_status, to_status, message, data, prev_hash, hash
     FROM audit_events WHERE case_id = $1 ORDER BY chain_seq`, [caseId]);
  return rows.map((r) => {
    const data = r.data as Record<string, unknown>;
    const changes: Record<string, Change> = { ...((data.changes ?? {}) as Record<string, Change>) };
    if (r.from_status !== null || r.to_status !== null) changes.status = { before: r.from_status as string | null, after: r.to_status as string | null };
    return {
      chainSeq: Number(r.chain_seq), id: Number(r.id), at: iso(r.at)!, actedAt: iso(r.acted_at), actor: r.actor as string, action: r.action as string,
      changes,
      message: r.message as string | null, data, prevHash: r.prev_hash as string, hash: r.hash as string,
    };
  });
}

async function letters(db: pg.Pool, caseId: string) {
  const { rows } = await db.query(
    `SELECT id, kind, language, status, message_id, attempts, created_at, sent_at FROM letters WHERE case_id = $1 ORDER BY id`, [caseId]);
  return rows.map((r) => ({
    id: Number(r.id), kind: r.kind as string, language: r.language as string, status: r.status as string, messageId: r.message_id as string,
    attempts: r.attempts as number, createdAt: iso(r.created_at)!, sentAt: iso(r.sent_at), bodyUrl: `${AUDIT}/letters/${r.id}/body`,
  }));
}

async function mail(db: pg.Pool, caseId: string) {
  const { rows } = await db.query(
    `SELECT m.id, m.source, m.message_id, m.received_at, m.size_bytes, m.raw_sha256, m.raw IS NOT NULL AS has_raw, m.outcome,
       (SELECT coalesce(json_agg(json_build_object('position', a.position, 'filename', a.filename, 'contentType', a.content_type,
          'sizeBytes', a.size_bytes, 'sha256', a.sha256, 'signature', a.signature, 'available', a.content IS NOT NULL) ORDER BY a.position), '[]')
        FROM mail_attachments a WHERE a.mail_message_id = m.id) AS attachments
     FROM mail_messages m WHERE m.case_id = $1 ORDER BY m.id`, [caseId]);
  return rows.map((r) => ({
    id: Number(r.id), source: r.source as string, messageId: r.message_id as string | null,
    receivedAt: iso(r.received_at)!, outcome: r.outcome as string, sizeBytes: r.size_bytes as number, sha256: r.raw_sha256 as string,
    available: r.has_raw as boolean, url: `${AUDIT}/mail/${r.id}/raw`,
    attachments: (r.attachments as Array<{ position: number } & Record<string, unknown>>).map((a) => ({
      ...(a as { position: number; filename: string | null; contentType: string; sizeBytes: number; sha256: string; signature: boolean; available: boolean }),
      url: `${AUDIT}/mail/${r.id}/attachments/${a.position}`,
    })),
  }));
}

async function acts(db: pg.Pool, caseId: string) {
  const { rows } = await db.query(`SELECT ${ACT_ENTRY_COLUMNS} FROM destruction_acts WHERE case_id = $1 ORDER BY year, seq`, [caseId]);
  return rows.map(actEntry);
}

/** The case's full record, or undefined when there is no such case. */
export async function caseRecord(db: pg.Pool, caseId: string) {
  const { rows: [c] } = await db.query(
    `SELECT id, type, status, channel, received_at, closed_at, minimised_at FROM cases WHERE id = $1`, [caseId]);
  if (!c) return undefined;
  const [ev, le, ma, ac] = await Promise.all([events(db, caseId), letters(db, caseId), mail(db, caseId), acts(db, caseId)]);
  return {
    case: {
      id: c.id as string, type: c.type as string, status: c.status as string, channel: c.channel as string,
      receivedAt: iso(c.received_at)!, closedAt: iso(c.closed_at), minimisedAt: iso(c.minimised_at),
    },
    events: ev, letters: le, documents: { mail: ma, acts: ac },
  };
}
