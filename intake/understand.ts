import { classify } from '../domain/intake/classify';
import { extractIdentity, missingItems } from '../domain/intake/identity';
import type { Classification, IdentityItem, ParsedMessage, SubjectIdentity } from '../domain/intake/message';

export interface Understanding {
  classification: Classification;
  identity: SubjectIdentity;
  /** What art. 14 p.3 requires and the letter lacks: the officer's `request_information` list. */
  missing: IdentityItem[];
}

/** What a parsed letter asks for and who wrote it: the pure classifier and identity reader on the parse. */
export function understand(m: ParsedMessage): Understanding {
  const classification = classify({ subject: m.subject, text: m.text });
  const identity = extractIdentity({ from: m.from, forwardedFrom: m.forwardedFrom, text: m.text, signed: m.signed });
  return { classification, identity, missing: missingItems(identity) };
}

/**
 * One letter as `npx dsar intake parse` prints it: the classification, the subject and what is missing, the
 * parse's findings. Document numbers are masked; the body text is not printed.
 */
export function intakeReport(m: ParsedMessage, u: Understanding) {
  const sender = m.forwardedFrom ?? m.from;
  return {
    requestType: m.autoReply ? null : u.classification.requestType,
    demands: u.classification.demands,
    confidence: u.classification.confidence,
    matched: u.classification.matched,
    language: u.classification.language,
    ...(u.classification.triage ? { triage: u.classification.triage } : {}),
    subject: { name: u.identity.name ?? sender?.name ?? null, email: sender?.email ?? null },
    ...(m.forwardedFrom ? { forwardedBy: m.from?.email ?? null } : {}),
    identity: { documents: u.identity.documents, relations: u.identity.relations, signature: u.identity.signature, representative: !!u.identity.representative },
    missing: u.missing,
    autoReply: m.autoReply ?? null,
    signed: m.signed,
    attachments: m.attachments.map(({ filename, contentType, size, sha256, signature, dropped }) => ({ filename: filename ?? null, contentType, size, sha256, ...(signature ? { signature } : {}), ...(dropped ? { dropped } : {}) })),
    warnings: m.warnings,
    messageId: m.messageId ?? null,
    rawSha256: m.rawSha256,
  };
}
