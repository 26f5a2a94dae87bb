import { ApplicationFailure } from '@temporalio/common';
import { whileBeating } from './heartbeat';
import type { Transporter } from 'nodemailer';
import type pg from 'pg';
import {
  LetterRejected, queueLetter, sendQueuedLetter, type LetterData, type LetterKind, type LetterLanguage, type LetterOperator, type LetterRenderer,
} from '../letters';
import type { OperatorProfile } from '../operator/profile';
import { subjectLetterData, type CaseLetterRequest } from './letter-data';

/** What sending needs besides the database: built once in the worker. */
export interface LetterDeps {
  renderer: LetterRenderer;
  /** Undefined without SMTP settings: letters stay queued in the outbox (`dsar letters send-queued`). */
  transport?: Transporter;
  from: string;
  operator: OperatorProfile;
  timeZone: string;
}

export type { CaseLetterRequest } from './letter-data';

type Recipient = { role: string; name: string; email: string };

/**
 * Queues a case's letter (its exact text stored once per dedupe key) and sends it; a retry after a crash mid-send
 * does not send it again but leaves it `unconfirmed` for an officer (ADR 008). SMTP down → a retryable failure (the letter stays queued); a recipient the
 * server refuses for good → a non-retryable `LetterRejected`. Returns the recipients nobody could be found for.
 */
export const sendCaseLetter = (pool: pg.Pool, deps: LetterDeps) => async (req: CaseLetterRequest): Promise<{ sent: number; queued: number; unconfirmed: number; noAddress: string[] }> => {
  const { rows } = await pool.query(
    `SELECT type, subject_name, subject_email, language, to_char(received_at AT TIME ZONE $2, 'YYYY-MM-DD') AS received FROM cases WHERE id = $1`,
    [req.caseId, deps.timeZone],
  );
  const c = rows[0];
  if (!c) throw ApplicationFailure.nonRetryable(`case ${req.caseId} has no row`, 'LetterNotFound');
  // The subject is written to in their own language; staff in the operator's.
  const language: LetterLanguage = (isStaffLetter(req.kind) ? undefined : c.language) ?? deps.operator.letterLanguage;
  const base = { operator: letterOperator(deps, language), caseNumber: req.caseId, requestType: c.type, receivedDate: c.received as string, dueDate: req.dueDate };
  const { recipients, noAddress } = recipientsOf(req, deps.operator, { name: c.subject_name, email: c.subject_email });
  const result = { sent: 0, queued: 0, unconfirmed: 0, noAddress };
  for (const to of recipients) {
    const data = dataFor(req, base, to, c.subject_name as string, deps.timeZone);
    const id = await queueLetter(pool, deps.renderer, {
      caseId: req.caseId, kind: req.kind, language, from: deps.from, to: to.email, data,
      dedupeKey: `${req.dedupeKey}:${to.role}`,
    } as never);
    result.queued += 1;
    try {
      const outcome = await whileBeating(() => sendQueuedLetter(pool, deps.transport, id));
      if (outcome.sent) result.sent += 1;
      // Not retried: the server may have it already (ADR 008); the letter waits for an officer's resend.
      else if (outcome.reason === 'unconfirmed') result.unconfirmed += 1;
    } catch (err) {
      if (err instanceof LetterRejected) throw ApplicationFailure.nonRetryable(err.message, 'LetterRejected');
      throw err;
    }
  }
  return result;
};

const isStaffLetter = (kind: LetterKind) => kind === 'staff_reminder' || kind === 'escalation';

function letterOperator(deps: LetterDeps, language: LetterLanguage): LetterOperator {
  const o = deps.operator;
  const name = language === 'ru' ? o.legalName.ru ?? o.legalName.asInPolicy : o.legalName.asInPolicy;
  return { legalName: name, address: language === 'ru' ? o.address.ru ?? o.address.legal : o.address.legal, email: o.requestChannels?.mailboxes?.[0]?.address ?? deps.from, website: o.websites?.[0] };
}

/** Reminders → the assignee (the DPO while nobody is assigned); escalation → DPO and head; a recipient notice → that recipient; the rest → the subject. */
function recipientsOf(req: CaseLetterRequest, o: OperatorProfile, subject: { name: string; email: string | null }) {
  const wanted: Array<{ role: string; person?: { name: string; email?: string | null } }> =
    req.kind === 'staff_reminder' ? [req.assignee?.email ? { role: 'assignee', person: req.assignee } : { role: 'dpo', person: o.dpo }]
      : req.kind === 'escalation' ? [{ role: 'dpo', person: o.dpo }, { role: 'head', person: o.head }]
        : req.kind === 'recipient_notice' ? [{ role: 'recipient', person: req.recipient }]
          : [{ role: 'subject', person: subject }];
  const recipients: Recipient[] = [];
  const noAddress: string[] = [];
  for (const w of wanted) {
    if (w.person?.email) recipients.push({ role: w.role, name: w.person.name, email: w.person.email });
    else noAddress.push(w.role);
  }
  return { recipients, noAddress };
}

function dataFor(req: CaseLetterRequest, base: Omit<LetterData['acknowledgement'], 'subjectName'>, to: Recipient, subjectName: string, tz: string) {
  // Internal letters name the case, never the subject.
  if (req.kind === 'staff_reminder') {
    // A note (e.g. why the due date moved, docs/adr/015) is the engine's own text, never the subject's data.
    return { ...base, recipientName: to.name, step: req.step ?? '', daysLeft: req.daysLeft ?? 0, ...(req.details?.note ? { note: req.details.note } : {}) } satisfies LetterData['staff_reminder'];
  }
  if (req.kind === 'escalation') return { ...base, step: req.step ?? '', assigneeName: req.assignee?.name, daysOverdue: Math.max(0, -(req.daysLeft ?? 0)) } satisfies LetterData['escalation'];
  return subjectLetterData(req, base, subjectName, tz);
}
