/**
 * SQL for received messages (migrations/20261201000010000_mail-intake.sql). A message row is written once,
 * keyed by the SHA-256 of its raw bytes; whoever loses a race on that key reads the winner's row.
 */
import type pg from 'pg';
import type { MessageAttachment } from '../domain/intake/message';
import type { DayZeroSource } from './day-zero';

export type MailOutcome = 'case' | 'triage' | 'correspondence' | 'auto_reply' | 'rejected';

/**
 * Where a message came from: an IMAP mailbox (with its UID and INTERNALDATE) or an upload to the API, where an
 * officer may state when the operator received it (used only when no `Received:` header of ours says so).
 */
export type MailSource =
  | { kind: 'imap'; mailbox: string; uidvalidity: number; uid: number; receivedAt: Date }
  | { kind: 'api'; officer?: { name: string; receivedAt: Date } };

export interface StoredMessage {
  id: number;
  outcome: MailOutcome;
  caseId: string | null;
  rejectionCode: string | null;
  rejectionReason: string | null;
  parsed: Record<string, unknown>;
  rawSha256: string;
  /** Day 0: when the operator received the letter. */
  receivedAt: Date;
  /** Where day 0 came from; null for messages taken in before it was recorded (then: when the API received them). */
  receivedAtSource: DayZeroSource | null;
}

export interface NewMessage {
  source: MailSource;
  rawSha256: string;
  /** The letter's identity (intake/dedupe-key.ts): one row per key, whatever the bytes. */
  dedupeKey: string;
  /** The case the message cites when its sender is not that case's subject (it opens a triage case instead). */
  citedCaseId?: string;
  messageId?: string;
  receivedAt: Date;
  receivedAtSource: DayZeroSource;
  raw: Buffer;
  /** The raw bytes are not kept (a message refused as too large): hash and size are. */
  dropRaw?: boolean;
  outcome: MailOutcome;
  caseId?: string;
  rejection?: { code: string; reason: string };
  parsed: Record<string, unknown>;
}

const COLUMNS = 'id, outcome, case_id, rejection_code, rejection_reason, parsed, raw_sha256, received_at, received_at_source';
const toStored = (r: Record<string, unknown>): StoredMessage => ({
  id: Number(r.id), outcome: r.outcome as MailOutcome, caseId: (r.case_id as string | null) ?? null,
  rejectionCode: (r.rejection_code as string | null) ?? null, rejectionReason: (r.rejection_reason as string | null) ?? null,
  parsed: r.parsed as Record<string, unknown>, rawSha256: r.raw_sha256 as string,
  receivedAt: r.received_at as Date, receivedAtSource: (r.received_at_source as DayZeroSource | null) ?? null,
});

export async function findBySha(db: pg.Pool | pg.PoolClient, sha: string): Promise<StoredMessage | undefined> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM mail_messages WHERE raw_sha256 = $1`, [sha]);
  return rows[0] ? toStored(rows[0]) : undefined;
}

export async function findByKey(db: pg.Pool | pg.PoolClient, dedupeKey: string): Promise<StoredMessage | undefined> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM mail_messages WHERE dedupe_key = $1`, [dedupeKey]);
  return rows[0] ? toStored(rows[0]) : undefined;
}

/**
 * Serialises the take-ins of one letter until the transaction ends: the second of two concurrent deliveries
 * then finds the first's row instead of reserving a case number of its own.
 */
export async function lockLetter(db: pg.PoolClient, dedupeKey: string): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 16))', [dedupeKey]);
}

/** The row, or undefined when this hash (or this mailbox UID) was taken in already. */
export async function insertMessage(db: pg.Pool | pg.PoolClient, m: NewMessage): Promise<StoredMessage | undefined> {
  const imap = m.source.kind === 'imap' ? m.source : undefined;
  const { rows } = await db.query(
    `INSERT INTO mail_messages (source, mailbox, uidvalidity, uid, raw_sha256, message_id, received_at, size_bytes, raw,
       outcome, case_id, rejection_code, rejection_reason, parsed, dedupe_key, cited_case_id, received_at_source)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
     ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
    [m.source.kind, imap?.mailbox ?? null, imap?.uidvalidity ?? null, imap?.uid ?? null, m.rawSha256,
      m.messageId?.slice(0, 998) ?? null, m.receivedAt, m.raw.length, m.dropRaw ? null : m.raw, m.outcome, m.caseId ?? null,
      m.rejection?.code ?? null, m.rejection?.reason ?? null, JSON.stringify(m.parsed), m.dedupeKey, m.citedCaseId ?? null, m.receivedAtSource],
  );
  return rows[0] ? toStored(rows[0]) : undefined;
}

export async function insertAttachments(
  db: pg.PoolClient, messageId: number, attachments: MessageAttachment[], contents: Array<Buffer | null>,
): Promise<void> {
  for (const [i, a] of attachments.entries()) {
    await db.query(
      `INSERT INTO mail_attachments (mail_message_id, position, filename, content_type, size_bytes, sha256, signature, content)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
      [messageId, i, a.filename ?? null, a.contentType, a.size, a.sha256, !!a.signature, contents[i] ?? null],
    );
  }
}

/** Whether the case row exists yet (intake writes it after the workflow started; a crash can come between). */
export async function caseRowExists(db: pg.Pool, caseId: string): Promise<boolean> {
  const { rowCount } = await db.query('SELECT 1 FROM cases WHERE id = $1', [caseId]);
  return (rowCount ?? 0) > 0;
}
