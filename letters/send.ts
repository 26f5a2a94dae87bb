import type pg from 'pg';
import type { Transporter } from 'nodemailer';
import { getLetter } from './outbox';

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
  | { sent: false; reason: 'smtp_not_configured' };

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
 * Sends one queued letter, at least once. The attempt is counted before sending and the letter marked
 * sent after the server accepted it; a crash in between leaves it `queued`, and the next call sends it
 * again with the same Message-ID (stored when it was queued), so the recipient's mail system can drop the
 * duplicate. A letter already `sent` is not sent again.
 */
export async function sendQueuedLetter(pool: pg.Pool, transport: Transporter | undefined, letterId: number): Promise<SendOutcome> {
  const letter = await getLetter(pool, letterId);
  if (!letter) throw new LetterNotFound(`no letter ${letterId} in the outbox`);
  if (letter.status === 'sent') return { sent: true, messageId: letter.messageId, alreadySent: true };
  if (letter.status === 'failed_permanently') throw new LetterRejected(letterId, letter.lastError ?? 'refused earlier');
  if (!transport) return { sent: false, reason: 'smtp_not_configured' };

  await pool.query('UPDATE letters SET attempts = attempts + 1 WHERE id = $1', [letterId]);
  try {
    await transport.sendMail({
      from: letter.from, to: letter.to, subject: letter.subject, text: letter.text,
      messageId: letter.messageId, textEncoding: 'quoted-printable',
    });
  } catch (err) {
    const reason = describeSmtpError(err);
    if (isPermanent(err as SmtpError)) {
      await pool.query(`UPDATE letters SET status = 'failed_permanently', last_error = $2 WHERE id = $1 AND status = 'queued'`, [letterId, reason]);
      throw new LetterRejected(letterId, reason);
    }
    await pool.query('UPDATE letters SET last_error = $2 WHERE id = $1', [letterId, reason]);
    throw new LetterSendFailed(letterId, reason);
  }
  await pool.query(`UPDATE letters SET status = 'sent', sent_at = now(), last_error = NULL WHERE id = $1 AND status = 'queued'`, [letterId]);
  return { sent: true, messageId: letter.messageId, alreadySent: false };
}

export interface SendQueuedSummary { sent: number; failed: number; rejected: number; notConfigured: number }

/** Sends every queued letter once, oldest first; one letter's failure does not stop the others. */
export async function sendAllQueued(pool: pg.Pool, transport: Transporter | undefined, ids: number[], report: (m: string) => void): Promise<SendQueuedSummary> {
  const summary: SendQueuedSummary = { sent: 0, failed: 0, rejected: 0, notConfigured: 0 };
  for (const id of ids) {
    try {
      const outcome = await sendQueuedLetter(pool, transport, id);
      if (outcome.sent) summary.sent++;
      else summary.notConfigured++;
    } catch (err) {
      if (err instanceof LetterRejected) summary.rejected++;
      else summary.failed++;
      report((err as Error).message);
    }
  }
  return summary;
}
