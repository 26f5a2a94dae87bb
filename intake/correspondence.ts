/**
 * A reply on an existing case: it answers one of our letters (In-Reply-To/References name a Message-ID in
 * `letters`) or carries the case tag `[DSAR-YYYY-NNNNNN]` in its subject. It is correspondence on that case,
 * never a new case. Its audit event is written in the transaction that records the message (docs/adr/010).
 */
import type pg from 'pg';
import { normaliseAddress } from '../domain/intake/mail-identity';
import type { ParsedMessage } from '../domain/intake/message';
import type { MessageClassification } from './classifier';

export interface RepliedCase {
  caseId: string;
  step: string;
}

const CASE_TAG = /\[(DSAR-\d{4}-\d{6,})\]/;

/** Our letters' Message-IDs are stored as sent; a reply may quote them with or without the angle brackets. */
function bothForms(ids: string[]): string[] {
  return ids.flatMap((id) => {
    const bare = id.trim().replace(/^<|>$/g, '');
    return bare ? [bare, `<${bare}>`] : [];
  });
}

export async function repliedCase(db: pg.Pool, m: ParsedMessage): Promise<RepliedCase | undefined> {
  const ids = bothForms([...(m.inReplyTo ? [m.inReplyTo] : []), ...m.references]).slice(0, 200);
  if (ids.length) {
    const { rows } = await db.query<RepliedCase>(
      `SELECT c.id AS "caseId", c.step FROM letters l JOIN cases c ON c.id = l.case_id WHERE l.message_id = ANY($1) LIMIT 1`, [ids]);
    if (rows[0]) return rows[0];
  }
  const tag = CASE_TAG.exec(m.subject)?.[1];
  if (!tag) return undefined;
  const { rows } = await db.query<RepliedCase>('SELECT id AS "caseId", step FROM cases WHERE id = $1', [tag]);
  return rows[0];
}

/**
 * Whether the reply's sender is the cited case's subject (issue 16): the subject's address, or one the subject
 * already wrote from on this case (the letter that opened it, a verified reply), compared normalised (case, IDNA,
 * NFC). A tag or an In-Reply-To is no proof of who writes: anyone can copy them into a letter.
 */
export async function senderIsSubject(db: pg.Pool, caseId: string, m: ParsedMessage): Promise<boolean> {
  const sender = normaliseAddress(m.from?.email);
  if (!sender) return false;
  const { rows } = await db.query<{ email: string | null }>(
    `SELECT subject_email AS email FROM cases WHERE id = $1
     UNION ALL
     SELECT coalesce(CASE WHEN outcome <> 'correspondence' THEN parsed->'forwardedFrom'->>'email' END, parsed->'from'->>'email')
       FROM mail_messages WHERE case_id = $1 AND outcome IN ('case', 'triage', 'correspondence')`, [caseId]);
  return rows.some((r) => normaliseAddress(r.email) === sender);
}

/**
 * What the reply brings of what a request must contain (art. 14 p.3): identity documents, a relation to the
 * operator, attachments (scans). It "brings the missing information" when the case is waiting for exactly that.
 */
export function whatReplyBrings(m: ParsedMessage, c: MessageClassification): string[] {
  const items: string[] = [];
  if (c.identity?.documents.length) items.push('identity_document');
  if (c.identity?.relations.length) items.push('relation_to_operator');
  if (m.attachments.some((a) => !a.signature)) items.push('attachments');
  return items;
}

export async function recordCorrespondence(
  db: pg.PoolClient, replied: RepliedCase, mail: { id: number; rawSha256: string; messageId?: string; brings: string[] },
): Promise<boolean> {
  const bringsMissing = replied.step === 'awaiting_information' && mail.brings.length > 0;
  await db.query(
    `INSERT INTO audit_events (case_id, actor, action, message, data, dedupe_key)
     VALUES ($1, 'intake', 'case.correspondence', $2, $3, $4) ON CONFLICT (dedupe_key) DO NOTHING`,
    [replied.caseId,
      bringsMissing ? 'A reply arrived by e-mail; it appears to bring the information asked for' : 'A reply arrived by e-mail',
      JSON.stringify({ mailMessageId: mail.id, messageId: mail.messageId ?? null, bringsMissingInformation: bringsMissing, brings: mail.brings }),
      `mail:${mail.rawSha256}:correspondence`],
  );
  return bringsMissing;
}

/**
 * On the cited case, the trace of a message that cited it from someone who is not its subject (issue 16): an
 * event naming the triage case it opened. Not correspondence: it brings nothing and the case does not move.
 */
export async function recordUnverifiedCitation(
  db: pg.PoolClient, citedCaseId: string, mail: { id: number; triageCaseId: string },
): Promise<undefined> {
  await db.query(
    `INSERT INTO audit_events (case_id, actor, action, message, data, dedupe_key)
     VALUES ($1, 'intake', 'case.unverified_citation', $2, $3, $4) ON CONFLICT (dedupe_key) DO NOTHING`,
    [citedCaseId, `A message cites this case from a sender who is not its subject; it waits in triage as ${mail.triageCaseId}`,
      JSON.stringify({ mailMessageId: mail.id, reason: 'sender_not_subject', triageCaseId: mail.triageCaseId }),
      `mail:${mail.id}:unverified_citation`],
  );
  return undefined;
}
