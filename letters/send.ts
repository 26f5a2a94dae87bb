import type pg from 'pg';
import type { Transporter } from 'nodemailer';
import { nextAttemptStep, resendRefusal } from './attempt';
import { getLetter, type LetterRow } from './outbox';

/**
 * The SMTP server refused this letter for good (a 5xx reply to the recipient or the message). The row is
 * `failed_permanently`; retrying cannot help, so the worker lists this type in `nonRetryableErrorTypes`.
 */
export class LetterRejected extends Error {
  override readonly name = 'LetterRejected';
  constructor(readonly letterId: number, readonly reason: string) {
    super(`letter ${letterId} was refused by the SMTP server: ${reason}`);
  }
}

/** SMTP could not take the letter now (server down, timeout, 4xx, authentication): retry later; it stays queued. */
export class LetterSendFailed extends Error {
  override readonly name = 'LetterSendFailed';
  constructor(readonly letterId: number, readonly reason: string) {
    super(`letter ${letterId} could not be sent yet: ${reason}`);
  }
}

/** A letter id that is not in the outbox: a programming error, never fixed by retrying. */
export class LetterNotFound extends Error {
  override readonly name = 'LetterNotFound';
}

export type SendOutcome =
  | { sent: true; messageId: string; alreadySent: boolean }
  /** No SMTP settings: the letter stays `queued`; `npx dsar letters send-queued` sends it once SMTP is set. */
  | { sent: false; reason: 'smtp_not_configured' }
  /** An earlier attempt left no outcome: the server may have it; an officer resends it explicitly (ADR 008). */
  | { sent: false; reason: 'unconfirmed'; messageId: string };

interface SmtpError { code?: string; responseCode?: number; response?: string; message?: string }

/** Addresses out: the SMTP reply often echoes the recipient, and last_error must hold no personal data. */
export function describeSmtpError(err: unknown): string {
  const e = (err ?? {}) as SmtpError;
  const text = (e.response ?? e.message ?? String(err)).replace(/<?[^\s<>()@,;]+@[^\s<>(),;]+>?/g, '[address]');
  return [e.code, e.responseCode, text].filter((p) => p !== undefined && p !== '').join(' ').slice(0, 500);
}

/** Only a 5xx reply about this envelope or message is final; a 5xx to our login is a setting to fix, not a lost letter. */
const isPermanent = (e: SmtpError) =>
  typeof e.responseCode === 'number' && e.responseCode >= 500 && (e.code === 'EENVELOPE' || e.code === 'EMESSAGE');

/**
 * Sends one queued letter, at most once without an officer (ADR 008). The attempt is marked and committed before
 * the SMTP conversation; the server's answer is recorded after it. An SMTP error is recorded and the letter stays
 * `queued` for the next attempt (server down, 4xx: retried as before). A crash in between leaves the mark without an
 * outcome: the next attempt does not send, it marks the letter `unconfirmed` (shown in the letters API, the CLI and
 * /metrics) and returns. A letter already `sent` is not sent again.
 */
export async function sendQueuedLetter(pool: pg.Pool, transport: Transporter | undefined, letterId: number): Promise<SendOutcome> {
  for (;;) {
    const letter = await getLetter(pool, letterId);
    if (!letter) throw new LetterNotFound(`no letter ${letterId} in the outbox`);
    switch (nextAttemptStep(letter, transport !== undefined)) {
      case 'already_sent': return { sent: true, messageId: letter.messageId, alreadySent: true };
      case 'refused_earlier': throw new LetterRejected(letterId, letter.lastError ?? 'refused earlier');
      case 'awaiting_officer': return { sent: false, reason: 'unconfirmed', messageId: letter.messageId };
      case 'smtp_not_configured': return { sent: false, reason: 'smtp_not_configured' };
      case 'mark_unconfirmed':
        await pool.query(`UPDATE letters SET status = 'unconfirmed' WHERE id = $1 AND status = 'queued' AND sending_since IS NOT NULL`, [letterId]);
        continue; // re-read: a concurrent attempt may have recorded its outcome meanwhile
      case 'send': {
        // Compare-and-set: of two concurrent attempts only one claims the letter; the other re-reads and stops.
        const claimed = await pool.query(
          `UPDATE letters SET attempts = attempts + 1, sending_since = now() WHERE id = $1 AND status = 'queued' AND sending_since IS NULL`, [letterId]);
        if (claimed.rowCount === 0) continue;
        return deliver(pool, transport!, letter);
      }
    }
  }
}

/**
 * Sends an `unconfirmed` letter once more, with the same Message-ID, after an officer checked the mail server's log
 * (`npx dsar letters resend <id>`). Claims it (unconfirmed → queued with a new open attempt) so two resends cannot
 * both send; the SMTP outcome is recorded as for any attempt.
 */
export async function resendUnconfirmedLetter(pool: pg.Pool, transport: Transporter, letterId: number): Promise<SendOutcome> {
  const letter = await getLetter(pool, letterId);
  if (!letter) throw new LetterNotFound(`no letter ${letterId} in the outbox`);
  const refusal = resendRefusal(letter.status);
  if (refusal) throw new LetterNotResendable(letterId, refusal);
  const claimed = await pool.query(
    `UPDATE letters SET status = 'queued', attempts = attempts + 1, sending_since = now() WHERE id = $1 AND status = 'unconfirmed'`, [letterId]);
  if (claimed.rowCount === 0) throw new LetterNotResendable(letterId, 'another resend took it first');
  return deliver(pool, transport, letter);
}

/** The SMTP conversation of a claimed attempt, and its outcome recorded (which closes the attempt). */
async function deliver(pool: pg.Pool, transport: Transporter, letter: LetterRow): Promise<SendOutcome> {
  try {
    await transport.sendMail({
      from: letter.from, to: letter.to, subject: letter.subject, text: letter.text,
      messageId: letter.messageId, textEncoding: 'quoted-printable',
    });
  } catch (err) {
    const reason = describeSmtpError(err);
    if (isPermanent(err as SmtpError)) {
      await pool.query(`UPDATE letters SET status = 'failed_permanently', last_error = $2, sending_since = NULL WHERE id = $1 AND status = 'queued'`, [letter.id, reason]);
      throw new LetterRejected(letter.id, reason);
    }
    await pool.query(`UPDATE letters SET last_error = $2, sending_since = NULL WHERE id = $1 AND status = 'queued'`, [letter.id, reason]);
    throw new LetterSendFailed(letter.id, reason);
  }
  // Also from `unconfirmed`: a slow attempt another one gave up on did reach the server, and that is the truth.
  await pool.query(
    `UPDATE letters SET status = 'sent', sent_at = now(), last_error = NULL, sending_since = NULL WHERE id = $1 AND status IN ('queued', 'unconfirmed')`, [letter.id]);
  return { sent: true, messageId: letter.messageId, alreadySent: false };
}

/** `dsar letters resend` on a letter that is not unconfirmed. */
export class LetterNotResendable extends Error {
  override readonly name = 'LetterNotResendable';
  constructor(readonly letterId: number, readonly reason: string) {
    super(`letter ${letterId} is not resent: ${reason}`);
  }
}

export interface SendQueuedSummary { sent: number; failed: number; rejected: number; notConfigured: number; unconfirmed: number }

/** Sends every queued letter once, oldest first; one letter's failure does not stop the others. */
export async function sendAllQueued(pool: pg.Pool, transport: Transporter | undefined, ids: number[], report: (m: string) => void): Promise<SendQueuedSummary> {
  const summary: SendQueuedSummary = { sent: 0, failed: 0, rejected: 0, notConfigured: 0, unconfirmed: 0 };
  for (const id of ids) {
    try {
      const outcome = await sendQueuedLetter(pool, transport, id);
      if (outcome.sent) summary.sent++;
      else if (outcome.reason === 'unconfirmed') summary.unconfirmed++;
      else summary.notConfigured++;
    } catch (err) {
      if (err instanceof LetterRejected) summary.rejected++;
      else summary.failed++;
      report((err as Error).message);
    }
  }
  return summary;
}
