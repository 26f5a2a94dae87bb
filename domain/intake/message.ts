/**
 * What e-mail intake knows about one received message, from parsing (intake/parse-message.ts, mailparser) to
 * classification (domain/intake/classify.ts, pure). Shared by the IMAP consumer, `POST /api/v1/intake/email` and
 * `npx dsar intake parse`. Personal data lives here: never log these objects (log the message hash).
 */
import type { RequestType } from '../case/request-types';

export type MessageLanguage = 'ru' | 'en';

export interface MessageAttachment {
  filename?: string;
  contentType: string;
  size: number;
  /** SHA-256 of the decoded content, hex. */
  sha256: string;
  /** A detached signature (application/pkcs7-signature, pgp-signature …): recorded, never verified. */
  signature?: boolean;
  /** Above the per-attachment size limit: metadata and hash kept, content not stored (a warning says so). */
  dropped?: boolean;
}

/** A parsed message: everything classification and the case need, decoded to Unicode text. */
export interface ParsedMessage {
  /** SHA-256 of the raw bytes, hex: the duplicate key beside mailbox/UIDVALIDITY/UID (Message-ID alone is not enough). */
  rawSha256: string;
  messageId?: string;
  inReplyTo?: string;
  references: string[];
  date?: string;
  from?: { name?: string; email: string };
  to: string[];
  subject: string;
  /** Plain text of the body (HTML-only bodies converted), quoted history of a reply removed where recognisable. */
  text: string;
  /** When an employee forwarded the subject's letter: the original sender, who is the subject. */
  forwardedFrom?: { name?: string; email: string };
  attachments: MessageAttachment[];
  /** Auto-Submitted, Precedence: bulk/auto_reply/list, X-Autoreply, multipart/report (delivery status) … */
  autoReply?: { reason: string };
  /** S/MIME, PGP or a detached signature is present (detected, not verified). */
  signed: boolean;
  /** What was repaired or could not be read (unknown charset, broken base64, truncated part …), for the triage view. */
  warnings: string[];
}

/** One demand found in the letter, with the phrases that matched (the classifier explains itself). */
export interface Demand {
  type: RequestType;
  /** 0..1 */
  confidence: number;
  matched: string[];
}

export type IdentityItem = 'identity_document' | 'relation_to_operator' | 'signature' | 'representative_authority';

/** What the letter says of who the subject is (art. 14 p.3); document numbers masked except where the case needs them. */
export interface SubjectIdentity {
  name?: string;
  email?: string;
  /** e.g. { kind: 'passport_ru', number: '45 ** ******12', issued: '2015-03-01', issuer: '...' } (masked). */
  documents: Array<{ kind: string; masked: string; issuedOn?: string; issuedBy?: string }>;
  /** Contract / account / order numbers that relate the subject to the operator. */
  relations: Array<{ kind: string; value: string }>;
  /** Whether the letter is signed (a signature block or an electronic signature). */
  signature: boolean;
  /** Someone writes for the subject (representative): a power of attorney is then required. */
  representative?: boolean;
  /** The power of attorney as the letter names it (number and date, or "attached"): present → authority shown. */
  authority?: string;
}

export interface Classification {
  /** The primary demand's type; null when the message is not a request or needs an officer (triage). */
  requestType: RequestType | null;
  demands: Demand[];
  confidence: number;
  /** Every phrase that matched, across demands. */
  matched: string[];
  language: MessageLanguage;
  /** Why it goes to triage, when it does: 'low_confidence' | 'no_match' | 'probably_not_a_request'. */
  triage?: 'low_confidence' | 'no_match' | 'probably_not_a_request';
}
