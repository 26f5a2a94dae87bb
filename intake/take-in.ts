/**
 * One received message, from raw bytes to its outcome, exactly once (docs/adr/010). The same path serves the
 * IMAP consumer and `POST /api/v1/intake/email`. Nothing is thrown away: a rejection, an auto-reply and a
 * reply on a case are recorded as such; every other message opens a case (or a triage case).
 */
import { createHash } from 'node:crypto';
import type { CaseOpeningDeps, OpenCaseInput } from '../opening/opening-input';
import { reserveOpening, startOpening } from '../opening/open';
import { inTransaction } from '../platform/db';
import type { MessageClassifier } from './classifier';
import { recordCorrespondence, recordUnverifiedCitation, repliedCase, senderIsSubject, whatReplyBrings } from './correspondence';
import { dayZeroOf, type DayZeroSource } from './day-zero';
import { bytesKey, letterKey } from './dedupe-key';
import { MessageTooLarge, MessageUnreadable, ReceivedAtRequired } from './errors';
import type { ParseOptions } from './limits';
import { messageSummary, subjectOf } from './mail-summary';
import { caseRowExists, findByKey, findBySha, insertAttachments, insertMessage, lockLetter, type MailOutcome, type MailSource, type NewMessage, type StoredMessage } from './mail-store';
import type { MailTrust } from './mail-trust';
import { parseMessageWithContent } from './parse-message';
import { senderAuth, type SenderAuth } from './sender-auth';

export type { MailSource } from './mail-store';

export interface IntakeDeps extends CaseOpeningDeps {
  classify: MessageClassifier;
  parseOptions?: ParseOptions;
  /** Which headers are our own mail server's (intake/mail-trust.ts); without it none are. */
  mailTrust?: MailTrust;
}

export interface TakeInResult {
  /** This letter (same Message-ID and sender, or same bytes) was taken in before: the earlier outcome is returned, nothing new happens. */
  duplicate: boolean;
  outcome: MailOutcome;
  mailMessageId: number;
  rawSha256: string;
  /** Day 0: when the operator received the letter, and where that came from (null: taken in before it was recorded). */
  receivedAt: string;
  receivedAtSource: DayZeroSource | null;
  /** SPF, DKIM and DMARC as our mail server judged them; absent for a message that could not be parsed. */
  senderAuth?: SenderAuth;
  /** The case opened (case, triage) or replied to (correspondence). */
  caseId?: string;
  rejection?: { code: string; reason: string };
  /** Correspondence only: the case waited for information and the reply appears to bring it. */
  bringsMissingInformation?: boolean;
  /** The message cites this case but its sender is not the case's subject: it opened a triage case instead. */
  unverifiedCitation?: { caseId: string; reason: 'sender_not_subject' };
  /** The case is recorded but its workflow has not started (Temporal away): the reconciler starts it (docs/adr/016). */
  opening?: 'pending';
}

/** What a case-opening message keeps so that re-taking it after a crash can finish opening the same case. */
interface Opening { body: OpenCaseInput; actedAt: string; receivedAtSource?: DayZeroSource }

export async function takeInMessage(deps: IntakeDeps, raw: Buffer, source: MailSource): Promise<TakeInResult> {
  const rawSha256 = createHash('sha256').update(raw).digest('hex');
  const earlier = await findBySha(deps.pg, rawSha256);
  if (earlier) return finish(deps, earlier, true);
  const trust = deps.mailTrust ?? { receivedHosts: [], operatorDomains: [] };
  const dayZero = dayZeroOf(raw, source, trust.receivedHosts);
  if (!dayZero) throw new ReceivedAtRequired(); // the upload time is never day 0: refused before anything is recorded
  const receivedAt = dayZero.at;
  const officer = dayZero.source === 'officer' && source.kind === 'api' ? source.officer : undefined;
  const base = { source, rawSha256, receivedAt, receivedAtSource: dayZero.source, officer, raw, dedupeKey: bytesKey(rawSha256) };
  let parsed;
  try {
    parsed = await parseMessageWithContent(raw, deps.parseOptions);
  } catch (err) {
    if (!(err instanceof MessageTooLarge || err instanceof MessageUnreadable)) throw err;
    const reason = err instanceof MessageUnreadable ? err.reason : `${err.sizeBytes} bytes, limit ${err.limitBytes}`;
    return record(deps, { ...base, dropRaw: err instanceof MessageTooLarge, outcome: 'rejected', rejection: { code: err.code, reason }, parsed: {} });
  }
  const { message, contents } = parsed;
  const dedupeKey = letterKey(message);
  const sameLetter = await findByKey(deps.pg, dedupeKey); // relayed with other headers, or in another of our mailboxes
  if (sameLetter) return finish(deps, sameLetter, true);
  const withParse = { ...base, dedupeKey, messageId: message.messageId, attachments: { list: message.attachments, contents } };
  const auth = senderAuth(raw, message.from?.email, trust);
  if (message.autoReply) return record(deps, { ...withParse, outcome: 'auto_reply', parsed: { ...messageSummary(message), senderAuth: auth } });
  const classified = deps.classify(message);
  const cited = await repliedCase(deps.pg, message);
  // A From in our own domains that our server did not authenticate is no one's reply: it waits in triage.
  const replied = cited && !auth.ownDomainUnverified && (await senderIsSubject(deps.pg, cited.caseId, message)) ? cited : undefined;
  if (replied) {
    const brings = whatReplyBrings(message, classified);
    return record(deps, { ...withParse, outcome: 'correspondence', caseId: replied.caseId, parsed: { ...messageSummary(message, classified), senderAuth: auth } },
      (client, row) => recordCorrespondence(client, replied, { id: row.id, rawSha256, messageId: message.messageId, brings }));
  }
  // A citation from someone else is no reply: it waits in triage, and the cited case only shows it as unverified.
  const unverified = cited && !replied ? { caseId: cited.caseId, reason: 'sender_not_subject' as const } : undefined;
  // Unclassified cases are not acknowledged at receipt: a forged letter "from us" gets no letter from us.
  const type = unverified || auth.ownDomainUnverified ? 'unclassified' : classified.classification.requestType ?? 'unclassified';
  const opening: Opening = {
    body: {
      type, channel: 'email', receivedAt: receivedAt.toISOString(), subject: subjectOf(message, classified),
      language: classified.classification.language, // the acknowledgement and every letter to the subject in their language
      ...(auth.ownDomainUnverified ? { withoutAcknowledgement: true as const } : {}),
    },
    actedAt: new Date().toISOString(),
    receivedAtSource: dayZero.source,
  };
  return record(deps, {
    ...withParse, outcome: type === 'unclassified' ? 'triage' : 'case', citedCaseId: unverified?.caseId,
    parsed: { ...messageSummary(message, classified), senderAuth: auth, opening, ...(unverified ? { unverifiedCitation: unverified } : {}) }, opening,
  }, unverified && ((client, row) => recordUnverifiedCitation(client, unverified.caseId, { id: row.id, triageCaseId: row.caseId! })));
}

type Recording = Omit<NewMessage, 'caseId'> & {
  caseId?: string;
  attachments?: { list: Parameters<typeof insertAttachments>[2]; contents: Array<Buffer | null> };
  opening?: Opening;
  /** The officer who stated day 0 on an upload: audited with the message. */
  officer?: { name: string; receivedAt: Date };
};

/**
 * The message row, its attachments, the case-number reservation (under `mail:<sha256>`) with the intent to open
 * (opening/, ADR 016), or the correspondence event: one transaction. Then, outside it, the workflow starts and the
 * case row is written (ADR 005); if Temporal is away, the reconciler starts it later.
 */
async function record(
  deps: IntakeDeps, m: Recording, alsoInTransaction?: (client: import('pg').PoolClient, row: StoredMessage) => Promise<boolean | undefined>,
): Promise<TakeInResult> {
  let extra: boolean | undefined;
  const stored = await inTransaction(deps.pg, async (client) => {
    await lockLetter(client, m.dedupeKey);
    if (await findByKey(client, m.dedupeKey)) return undefined; // a concurrent delivery of this letter won
    let caseId = m.caseId;
    if (m.opening) {
      const { body, actedAt } = m.opening;
      caseId = (await reserveOpening(client, deps.legalTime.timeZone, { body, actedAt, openedBy: 'intake', idempotencyKey: keyOf(m.rawSha256) })).caseId;
    }
    const parsed = m.officer ? { ...m.parsed, receivedAtStatedBy: m.officer.name } : m.parsed;
    const row = await insertMessage(client, { ...m, caseId, parsed });
    if (!row) return undefined; // the same bytes were taken in under another key (before the letter key existed)
    if (m.attachments) await insertAttachments(client, row.id, m.attachments.list, m.attachments.contents);
    if (alsoInTransaction) extra = await alsoInTransaction(client, row);
    return row;
  });
  if (!stored) {
    const winner = (await findByKey(deps.pg, m.dedupeKey)) ?? (await findBySha(deps.pg, m.rawSha256));
    if (!winner) throw new Error('a message row vanished after a conflicting insert'); // only a UID reused with other bytes
    return finish(deps, winner, true);
  }
  const result = await finish(deps, stored, false);
  return extra === undefined ? result : { ...result, bringsMissingInformation: extra };
}

const keyOf = (sha: string) => `mail:${sha}`;

/** The outcome as recorded; for a case not yet fully opened (a crash came between), opening is finished first. */
async function finish(deps: IntakeDeps, row: StoredMessage, duplicate: boolean): Promise<TakeInResult> {
  const { rawSha256 } = row; // the recorded letter's bytes: the case's key and the correspondence event's
  const opening = row.parsed.opening as Opening | undefined;
  let started: 'started' | 'pending' | undefined;
  if (row.caseId && opening && (!duplicate || !(await caseRowExists(deps.pg, row.caseId)))) {
    started = await startOpening(deps, { caseId: row.caseId, body: opening.body, openedBy: 'intake', idempotencyKey: keyOf(rawSha256), actedAt: opening.actedAt });
  }
  if (row.receivedAtSource === 'officer') await recordStatedDayZero(deps, row, started === 'pending');
  const bringsMissing = row.outcome === 'correspondence' && duplicate ? await bringsOf(deps, row.caseId!, rawSha256) : undefined;
  return {
    duplicate, outcome: row.outcome, mailMessageId: row.id, rawSha256,
    receivedAt: row.receivedAt.toISOString(), receivedAtSource: row.receivedAtSource,
    ...(row.parsed.senderAuth ? { senderAuth: row.parsed.senderAuth as SenderAuth } : {}),
    ...(row.caseId ? { caseId: row.caseId } : {}),
    ...(row.rejectionCode ? { rejection: { code: row.rejectionCode, reason: row.rejectionReason ?? '' } } : {}),
    ...(bringsMissing === undefined ? {} : { bringsMissingInformation: bringsMissing }),
    ...(row.parsed.unverifiedCitation ? { unverifiedCitation: row.parsed.unverifiedCitation as TakeInResult['unverifiedCitation'] } : {}),
    ...(started === 'pending' ? { opening: 'pending' as const } : {}),
  };
}

async function bringsOf(deps: IntakeDeps, caseId: string, sha: string): Promise<boolean> {
  const { rows } = await deps.pg.query(`SELECT data FROM audit_events WHERE case_id = $1 AND dedupe_key = $2`, [caseId, `mail:${sha}:correspondence`]);
  return rows[0]?.data?.bringsMissingInformation === true;
}

/**
 * The officer's word on when the letter arrived, in the audit log under their name: on the case, once its row exists
 * (written after the workflow started, so here and not in the message's transaction; the key makes a repeat a no-op).
 */
async function recordStatedDayZero(deps: IntakeDeps, row: StoredMessage, caseNotYetWritten: boolean): Promise<void> {
  // While Temporal is away the case row does not exist yet (ADR 016): the event names the case in its data instead.
  await deps.pg.query(
    `INSERT INTO audit_events (case_id, actor, action, message, data, dedupe_key)
     VALUES ($1, $2, 'intake.received_at_stated', $3, $4, $5) ON CONFLICT (dedupe_key) DO NOTHING`,
    [caseNotYetWritten ? null : row.caseId, row.parsed.receivedAtStatedBy, 'An officer stated when the operator received this letter (it carries no Received: header of our mail server)',
      JSON.stringify({ mailMessageId: row.id, receivedAt: row.receivedAt.toISOString(), ...(caseNotYetWritten ? { caseId: row.caseId } : {}) }), `mail:${row.rawSha256}:received_at`],
  );
}
