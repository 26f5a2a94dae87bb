import type pg from 'pg';
import { parseMessage } from '../../intake/parse-message';
import type { SenderAuth } from '../../intake/sender-auth';

/** What the case page shows beside the case itself: its letters and the e-mail it came from. */
export async function caseLetters(db: pg.Pool, caseId: string) {
  const { rows } = await db.query<{ id: string; kind: string; recipient: string; subject: string; body_text: string; status: string; created_at: Date; sent_at: Date | null }>(
    'SELECT id, kind, recipient, subject, body_text, status, created_at, sent_at FROM letters WHERE case_id = $1 ORDER BY id', [caseId]);
  return rows.map((r) => ({
    id: Number(r.id), kind: r.kind, to: r.recipient, subject: r.subject, text: r.body_text, status: r.status,
    at: (r.sent_at ?? r.created_at).toISOString(),
  }));
}

/**
 * The letter that opened the case (intake), read back from its stored raw bytes with the intake's own parser,
 * so the officer sees what intake saw. Undefined for cases opened by hand.
 */
export async function originalEmail(db: pg.Pool, caseId: string) {
  const { rows } = await db.query<{ id: string; raw: Buffer | null; received_at: Date; received_at_source: string | null; sender_auth: SenderAuth | null }>(
    `SELECT id, raw, received_at, received_at_source, parsed->'senderAuth' AS sender_auth FROM mail_messages WHERE case_id = $1 AND outcome IN ('case', 'triage') ORDER BY id LIMIT 1`, [caseId]);
  const row = rows[0];
  if (!row?.raw) return undefined;
  const m = await parseMessage(row.raw).catch(() => undefined);
  const { rows: attachments } = await db.query<{ position: number; filename: string | null; content_type: string; size_bytes: string; has_content: boolean }>(
    `SELECT position, filename, content_type, size_bytes, content IS NOT NULL AS has_content FROM mail_attachments WHERE mail_message_id = $1 ORDER BY position`, [row.id]);
  return {
    id: Number(row.id), receivedAt: row.received_at.toISOString(),
    // Where day 0 came from and what our mail server said of the sender (intake/day-zero.ts, intake/sender-auth.ts).
    dayZeroSource: row.received_at_source ?? 'unknown', senderAuth: row.sender_auth,
    from: m?.from ? `${m.from.name ? `${m.from.name} ` : ''}<${m.from.email}>` : '', subject: m?.subject ?? '', text: m?.text ?? '',
    attachments: attachments.map((a) => ({ position: a.position, filename: a.filename ?? `attachment-${a.position}`, contentType: a.content_type, size: Number(a.size_bytes), stored: a.has_content })),
  };
}

/** One stored attachment of the case's own e-mail, or undefined. */
export async function emailAttachment(db: pg.Pool, caseId: string, messageId: number, position: number) {
  const { rows } = await db.query<{ filename: string | null; content_type: string; content: Buffer | null }>(
    `SELECT a.filename, a.content_type, a.content FROM mail_attachments a JOIN mail_messages m ON m.id = a.mail_message_id
      WHERE m.case_id = $1 AND a.mail_message_id = $2 AND a.position = $3`, [caseId, messageId, position]);
  const row = rows[0];
  return row?.content ? { filename: row.filename ?? `attachment-${position}`, contentType: row.content_type, content: row.content } : undefined;
}
