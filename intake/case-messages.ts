/**
 * The read side of a case's stored e-mails (migrations/20261201000010000_mail-intake.sql): the letter that opened
 * the case and every reply recorded on it as correspondence, with their attachments. Metadata comes from the
 * stored summary (`parsed`: never the body text, number runs masked); the raw bytes and attachment contents are
 * read one at a time, only when asked for.
 */
import type pg from 'pg';
import type { MessageAttachment } from '../domain/intake/message';
import type { DayZeroSource } from './day-zero';
import type { SenderAuth } from './sender-auth';

export interface CaseMessageAttachment {
  /** 1-based, as the parse warnings count them ("attachment 2 … above the limit"). */
  n: number;
  filename: string | null;
  contentType: string;
  size: number;
  sha256: string;
  signature: boolean;
  /** false: above the per-attachment size limit, only metadata and hash were kept. */
  stored: boolean;
}

export interface CaseMessage {
  id: number;
  /**
   * request: the letter that opened the case (also in triage); correspondence: a reply recorded on it;
   * unverified: a message that cites the case from a sender who is not its subject (it waits in triage elsewhere).
   */
  role: 'request' | 'correspondence' | 'unverified';
  source: 'imap' | 'api';
  messageId: string | null;
  receivedAt: Date;
  /** Where receivedAt (day 0) came from; null for messages taken in before it was recorded. */
  receivedAtSource: DayZeroSource | null;
  /** SPF/DKIM/DMARC as our mail server judged them; null for messages taken in before it was recorded, or unreadable. */
  senderAuth: SenderAuth | null;
  sizeBytes: number;
  rawSha256: string;
  from: { name?: string; email: string } | null;
  forwardedFrom: { name?: string; email: string } | null;
  subject: string;
  date: string | null;
  signed: boolean;
  warnings: string[];
  attachments: CaseMessageAttachment[];
}

type Summary = { senderAuth?: SenderAuth; from?: CaseMessage['from']; forwardedFrom?: CaseMessage['from']; subject?: string; date?: string; signed?: boolean; warnings?: string[]; attachments?: MessageAttachment[] };

export async function caseMessages(db: pg.Pool, caseId: string): Promise<CaseMessage[]> {
  const { rows } = await db.query(
    `SELECT m.id, m.outcome, m.case_id, m.source, m.message_id, m.received_at, m.received_at_source, m.size_bytes, m.raw_sha256, m.parsed,
       coalesce((SELECT json_agg(json_build_object('position', a.position, 'filename', a.filename, 'contentType', a.content_type,
         'size', a.size_bytes, 'sha256', a.sha256, 'signature', a.signature, 'stored', a.content IS NOT NULL) ORDER BY a.position)
         FROM mail_attachments a WHERE a.mail_message_id = m.id), '[]') AS attachments
     FROM mail_messages m WHERE m.case_id = $1 OR m.cited_case_id = $1 ORDER BY m.received_at, m.id`, [caseId]);
  return rows.map((r) => {
    const p = r.parsed as Summary;
    return {
      id: Number(r.id), role: r.case_id !== caseId ? 'unverified' : r.outcome === 'correspondence' ? 'correspondence' : 'request', source: r.source,
      messageId: r.message_id, receivedAt: r.received_at, receivedAtSource: r.received_at_source ?? null, senderAuth: p.senderAuth ?? null, sizeBytes: r.size_bytes, rawSha256: r.raw_sha256,
      from: p.from ?? null, forwardedFrom: p.forwardedFrom ?? null, subject: p.subject ?? '', date: p.date ?? null,
      signed: p.signed === true, warnings: p.warnings ?? [],
      attachments: (r.attachments as Array<Omit<CaseMessageAttachment, 'n'> & { position: number }>).map(({ position, ...a }) => ({
        n: position + 1, ...a, size: Number(a.size),
      })),
    };
  });
}

/** The message's raw bytes, when it belongs to the case: undefined when not; `raw: null` when they were not kept. */
export async function caseMessageRaw(db: pg.Pool, caseId: string, id: number): Promise<{ raw: Buffer | null; rawSha256: string } | undefined> {
  const { rows } = await db.query('SELECT raw, raw_sha256 FROM mail_messages WHERE id = $1 AND case_id = $2', [id, caseId]);
  return rows[0] && { raw: rows[0].raw, rawSha256: rows[0].raw_sha256 };
}

export interface AttachmentContent {
  filename: string | null;
  contentType: string;
  sha256: string;
  size: number;
  /** null: above the size limit, not kept. */
  content: Buffer | null;
}

/** Attachment `n` (1-based) of a message of the case; `message: false` when the message is not the case's. */
export async function caseMessageAttachment(
  db: pg.Pool, caseId: string, id: number, n: number,
): Promise<{ message: false } | { message: true; attachment?: AttachmentContent }> {
  const { rows } = await db.query(
    `SELECT a.filename, a.content_type, a.sha256, a.size_bytes, a.content, a.position IS NOT NULL AS found
     FROM mail_messages m LEFT JOIN mail_attachments a ON a.mail_message_id = m.id AND a.position = $3
     WHERE m.id = $1 AND m.case_id = $2`, [id, caseId, n - 1]);
  if (!rows[0]) return { message: false };
  const r = rows[0];
  return r.found
    ? { message: true, attachment: { filename: r.filename, contentType: r.content_type, sha256: r.sha256, size: Number(r.size_bytes), content: r.content } }
    : { message: true };
}

/** Whether the case exists (an empty list and an unknown case must answer differently). */
export async function caseExists(db: pg.Pool, caseId: string): Promise<boolean> {
  const { rowCount } = await db.query('SELECT 1 FROM cases WHERE id = $1', [caseId]);
  return (rowCount ?? 0) > 0;
}
