/**
 * One received message, from raw bytes to its outcome, exactly once (docs/adr/010). The same path serves the
 * IMAP consumer and `POST /api/v1/intake/email`. Nothing is thrown away: a rejection, an auto-reply and a
 * reply on a case are recorded as such; every other message opens a case (or a triage case).
 */
import { createHash } from 'node:crypto';
import { requestHash, reserveUnderKey, startReservedCase, type CaseOpeningDeps, type OpenCaseInput } from '../api/features/cases/open-case';
import { inTransaction } from '../platform/db';
import type { MessageClassifier } from './classifier';
import { recordCorrespondence, repliedCase, whatReplyBrings } from './correspondence';
import { MessageTooLarge, MessageUnreadable } from './errors';
import type { ParseOptions } from './limits';
import { messageSummary, subjectOf } from './mail-summary';
import { caseRowExists, findBySha, insertAttachments, insertMessage, type MailOutcome, type MailSource, type NewMessage, type StoredMessage } from './mail-store';
import { parseMessageWithContent } from './parse-message';

export type { MailSource } from './mail-store';

export interface IntakeDeps extends CaseOpeningDeps {
  classify: MessageClassifier;
  parseOptions?: ParseOptions;
}

export interface TakeInResult {
  /** This exact message (same bytes) was taken in before: the earlier outcome is returned, nothing new happens. */
  duplicate: boolean;
  outcome: MailOutcome;
  mailMessageId: number;
  rawSha256: string;
  /** The case opened (case, triage) or replied to (correspondence). */
  caseId?: string;
  rejection?: { code: string; reason: string };
  /** Correspondence only: the case waited for information and the reply appears to bring it. */
  bringsMissingInformation?: boolean;
}

/** What a case-opening message keeps so that re-taking it after a crash can finish opening the same case. */
interface Opening { body: OpenCaseInput; actedAt: string }

export async function takeInMessage(deps: IntakeDeps, raw: Buffer, source: MailSource): Promise<TakeInResult> {
  const rawSha256 = createHash('sha256').update(raw).digest('hex');
  const earlier = await findBySha(deps.pg, rawSha256);
  if (earlier) return finish(deps, earlier, rawSha256, true);
  const receivedAt = source.receivedAt ?? new Date();
  const base = { source, rawSha256, receivedAt, raw };
  let parsed;
  try {
    parsed = await parseMessageWithContent(raw, deps.parseOptions);
  } catch (err) {
    if (!(err instanceof MessageTooLarge || err instanceof MessageUnreadable)) throw err;
    const reason = err instanceof MessageUnreadable ? err.reason : `${err.sizeBytes} bytes, limit ${err.limitBytes}`;
    return record(deps, { ...base, dropRaw: err instanceof MessageTooLarge, outcome: 'rejected', rejection: { code: err.code, reason }, parsed: {} });
  }
  const { message, contents } = parsed;
  const withParse = { ...base, messageId: message.messageId, attachments: { list: message.attachments, contents } };
  if (message.autoReply) return record(deps, { ...withParse, outcome: 'auto_reply', parsed: messageSummary(message) });
  const classified = deps.classify(message);
  const replied = await repliedCase(deps.pg, message);
  if (replied) {
    const brings = whatReplyBrings(message, classified);
    return record(deps, { ...withParse, outcome: 'correspondence', caseId: replied.caseId, parsed: messageSummary(message, classified) },
      (client, row) => recordCorrespondence(client, replied, { id: row.id, rawSha256, messageId: message.messageId, brings }));
  }
  const type = classified.classification.requestType ?? 'unclassified';
  const opening: Opening = {
    body: {
      type, channel: 'email', receivedAt: receivedAt.toISOString(), subject: subjectOf(message, classified),
      language: classified.classification.language, // the acknowledgement and every letter to the subject in their language
    },
    actedAt: new Date().toISOString(),
  };
  return record(deps, {
    ...withParse, outcome: type === 'unclassified' ? 'triage' : 'case',
    parsed: { ...messageSummary(message, classified), opening }, opening,
  });
}

type Recording = Omit<NewMessage, 'caseId'> & {
  caseId?: string;
  attachments?: { list: Parameters<typeof insertAttachments>[2]; contents: Array<Buffer | null> };
  opening?: Opening;
};

/**
 * The message row, its attachments, the case-number reservation (under `mail:<sha256>`) or the correspondence
 * event: one transaction. Then, outside it, the workflow starts and the case row is written (ADR 005).
 */
async function record(
  deps: IntakeDeps, m: Recording, alsoInTransaction?: (client: import('pg').PoolClient, row: StoredMessage) => Promise<boolean>,
): Promise<TakeInResult> {
  let extra: boolean | undefined;
  const stored = await inTransaction(deps.pg, async (client) => {
    let caseId = m.caseId;
    if (m.opening) {
      caseId = (await reserveUnderKey(client, deps.legalTime.timeZone, keyOf(m.rawSha256), requestHash(m.opening.body))).caseId;
    }
    const row = await insertMessage(client, { ...m, caseId });
    if (!row) return undefined; // a concurrent take-in of the same bytes won; its row is the record
    if (m.attachments) await insertAttachments(client, row.id, m.attachments.list, m.attachments.contents);
    if (alsoInTransaction) extra = await alsoInTransaction(client, row);
    return row;
  });
  if (!stored) {
    const winner = await findBySha(deps.pg, m.rawSha256);
    if (!winner) throw new Error('a message row vanished after a conflicting insert'); // only a UID reused with other bytes
    return finish(deps, winner, m.rawSha256, true);
  }
  const result = await finish(deps, stored, m.rawSha256, false);
  return extra === undefined ? result : { ...result, bringsMissingInformation: extra };
}

const keyOf = (sha: string) => `mail:${sha}`;

/** The outcome as recorded; for a case not yet fully opened (a crash came between), opening is finished first. */
async function finish(deps: IntakeDeps, row: StoredMessage, rawSha256: string, duplicate: boolean): Promise<TakeInResult> {
  const opening = row.parsed.opening as Opening | undefined;
  if (row.caseId && opening && (!duplicate || !(await caseRowExists(deps.pg, row.caseId)))) {
    await startReservedCase(deps, opening.body, { caseId: row.caseId, openedBy: 'intake', idempotencyKey: keyOf(rawSha256), actedAt: opening.actedAt });
  }
  const bringsMissing = row.outcome === 'correspondence' && duplicate ? await bringsOf(deps, row.caseId!, rawSha256) : undefined;
  return {
    duplicate, outcome: row.outcome, mailMessageId: row.id, rawSha256,
    ...(row.caseId ? { caseId: row.caseId } : {}),
    ...(row.rejectionCode ? { rejection: { code: row.rejectionCode, reason: row.rejectionReason ?? '' } } : {}),
    ...(bringsMissing === undefined ? {} : { bringsMissingInformation: bringsMissing }),
  };
}

async function bringsOf(deps: IntakeDeps, caseId: string, sha: string): Promise<boolean> {
  const { rows } = await deps.pg.query(`SELECT data FROM audit_events WHERE case_id = $1 AND dedupe_key = $2`, [caseId, `mail:${sha}:correspondence`]);
  return rows[0]?.data?.bringsMissingInformation === true;
}
