import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { LetterData, LetterKind, LetterLanguage } from './kinds';
import type { LetterRenderer } from './render';

export interface QueueLetterInput<K extends LetterKind = LetterKind> {
  caseId: string;
  kind: K;
  language: LetterLanguage;
  /** The From address (SMTP_FROM, by default the operator's request mailbox). */
  from: string;
  to: string;
  data: LetterData[K];
  /** Stable per letter, e.g. `${caseId}:acknowledgement`: the same key never queues (or sends) a second letter. */
  dedupeKey: string;
}

const domainOf = (address: string) => /@([^\s@<>]+)>?\s*$/.exec(address)?.[1] ?? 'dsar.invalid';

/**
 * The Message-ID is a function of the dedupe key (and the sender's domain, fixed when the letter is
 * queued), so every attempt to send one letter carries the same Message-ID.
 */
export function letterMessageId(dedupeKey: string, from: string): string {
  const digest = createHash('sha256').update(dedupeKey).digest('hex').slice(0, 32);
  return `<letter.${digest}@${domainOf(from)}>`;
}

/**
 * Renders the letter and stores its exact text once. A second call with the same dedupe key (an activity
 * retried after a crash) stores nothing and returns the first letter's id — even if the data changed,
 * because the letter that counts is the one already queued and perhaps sent.
 */
export async function queueLetter<K extends LetterKind>(pool: pg.Pool, renderer: LetterRenderer, input: QueueLetterInput<K>): Promise<number> {
  const existing = await pool.query<{ id: string }>('SELECT id FROM letters WHERE dedupe_key = $1', [input.dedupeKey]);
  if (existing.rows[0]) return Number(existing.rows[0].id);
  const { subject, text } = await renderer.render(input.kind, input.language, input.data);
  const inserted = await pool.query<{ id: string }>(
    `INSERT INTO letters (case_id, kind, language, sender, recipient, subject, body_text, dedupe_key, message_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    [input.caseId, input.kind, input.language, input.from, input.to, subject, text, input.dedupeKey, letterMessageId(input.dedupeKey, input.from)],
  );
  if (inserted.rows[0]) return Number(inserted.rows[0].id);
  // Lost a race with a concurrent attempt at the same letter: that one's row is the letter.
  const raced = await pool.query<{ id: string }>('SELECT id FROM letters WHERE dedupe_key = $1', [input.dedupeKey]);
  return Number(raced.rows[0]!.id);
}

/** `unconfirmed`: an attempt began and never recorded its outcome; the server may have the letter (ADR 008). */
export const LETTER_STATUSES = ['queued', 'sent', 'failed_permanently', 'unconfirmed'] as const;
export type LetterStatus = (typeof LETTER_STATUSES)[number];

export interface LetterRow {
  id: number;
  caseId: string;
  kind: string;
  language: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  messageId: string;
  status: LetterStatus;
  attempts: number;
  /** When the attempt still without a recorded outcome began (ADR 008); null when no attempt is open. */
  sendingSince: Date | null;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

const COLUMNS = `id, case_id, kind, language, sender, recipient, subject, body_text, message_id, status, attempts, sending_since, last_error, created_at, sent_at`;

function toLetter(r: Record<string, unknown>): LetterRow {
  return {
    id: Number(r.id), caseId: r.case_id as string, kind: r.kind as string, language: r.language as string,
    from: r.sender as string, to: r.recipient as string, subject: r.subject as string, text: r.body_text as string,
    messageId: r.message_id as string, status: r.status as LetterRow['status'], attempts: r.attempts as number, sendingSince: r.sending_since as Date | null,
    lastError: r.last_error as string | null, createdAt: r.created_at as Date, sentAt: r.sent_at as Date | null,
  };
}

export async function getLetter(pool: pg.Pool, id: number): Promise<LetterRow | undefined> {
  const { rows } = await pool.query(`SELECT ${COLUMNS} FROM letters WHERE id = $1`, [id]);
  return rows[0] ? toLetter(rows[0]) : undefined;
}

/** A case's letters, oldest first: what the auditor reads. */
export async function caseLetters(pool: pg.Pool, caseId: string): Promise<LetterRow[]> {
  const { rows } = await pool.query(`SELECT ${COLUMNS} FROM letters WHERE case_id = $1 ORDER BY id`, [caseId]);
  return rows.map(toLetter);
}

/** Ids of letters still waiting to be sent, oldest first. */
export async function queuedLetterIds(pool: pg.Pool): Promise<number[]> {
  const { rows } = await pool.query<{ id: string }>(`SELECT id FROM letters WHERE status = 'queued' ORDER BY id`);
  return rows.map((r) => Number(r.id));
}

/** Letters the server may or may not have (ADR 008), oldest first: what an officer checks and resends. */
export async function lettersWithStatus(pool: pg.Pool, status: LetterStatus): Promise<LetterRow[]> {
  const { rows } = await pool.query(`SELECT ${COLUMNS} FROM letters WHERE status = $1 ORDER BY id`, [status]);
  return rows.map(toLetter);
}
