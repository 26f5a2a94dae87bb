import { Type, type Static } from '@sinclair/typebox';
import { literalUnion } from '../cases/schemas';

const strict = { additionalProperties: false } as const;
const Instant = Type.String({ format: 'date-time' });
const MaybeInstant = Type.Union([Instant, Type.Null()]);
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Sha256 = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256, hex' });

/** Auditors, the DPO and administrators: the people who check the record, not the ones who make it. */
export const AUDIT_ROLES = ['auditor', 'dpo', 'admin'] as const;

/** Downloads declare their media type for the OpenAPI document; the bytes are not JSON-validated. */
export const binary = (mediaType: string, description: string) =>
  ({ content: { [mediaType]: { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description }) } } });

const Change = Type.Object({ before: Type.Union([Type.String(), Type.Null()]), after: Type.Union([Type.String(), Type.Null()]) });

export const ChainedAuditEvent = Type.Object({
  chainSeq: Type.Integer({ description: 'Place in the hash chain (gap-free; docs/adr/011)' }),
  id: Type.Integer(),
  at: Type.String({ format: 'date-time', description: 'When the event was recorded' }),
  actedAt: Type.Union([Instant, Type.Null()], { description: 'When the person acted or the term ended' }),
  actor: Type.String(), action: Type.String(),
  changes: Type.Record(Type.String(), Change, { description: 'Fields the event changed, before and after: status, and for officer steps step and assignee' }),
  message: Type.Union([Type.String(), Type.Null()]),
  data: Type.Record(Type.String(), Type.Unknown()),
  prevHash: Sha256, hash: Sha256,
});

export const ActEntry = Type.Object({
  number: Type.String({ description: 'Act number, 179-YYYY-NNNNNN, gapless per year' }),
  caseId: Type.String(),
  destroyedOn: Type.String({ format: 'date' }),
  issuedAt: Instant,
  retainUntil: Type.String({ format: 'date', description: 'Order 179 p.4: kept 3 years from the destruction; purged after this date' }),
  jsonSha256: Sha256, pdfSha256: Sha256,
  signed: Type.Boolean({ description: 'A detached signature is stored (false once purged)' }),
  signatureFormat: Nullable(Type.String()),
  signedBy: Nullable(Type.String()),
  purgedAt: Type.Union([Instant, Type.Null()], { description: 'When the retention workflow deleted the content (JSON with the log extract, PDF, signature); the entry and hashes stay' }),
  links: Type.Object({ self: Type.String(), json: Type.String(), pdf: Type.String(), signature: Type.String() }),
});

export const CaseRecord = Type.Object({
  case: Type.Object({
    id: Type.String(), type: Type.String(), status: Type.String(), channel: Type.String(),
    receivedAt: Instant, closedAt: MaybeInstant,
    minimisedAt: Type.Union([Instant, Type.Null()], { description: 'When the subject\'s personal data were minimised (DSAR_MINIMISE_AFTER_DAYS after closing)' }),
  }),
  events: Type.Array(ChainedAuditEvent, { description: 'Every audit event of the case, in chain order' }),
  letters: Type.Array(Type.Object({
    id: Type.Integer(), kind: Type.String(), language: Type.String(), status: Type.String(),
    messageId: Type.String({ description: 'Message-ID header' }), attempts: Type.Integer(), createdAt: Instant, sentAt: MaybeInstant,
    bodyUrl: Type.String({ description: 'The text body exactly as sent (text/plain)' }),
  })),
  documents: Type.Object({
    mail: Type.Array(Type.Object({
      id: Type.Integer(), source: Type.String(), messageId: Nullable(Type.String()), receivedAt: Instant, outcome: Type.String(),
      sizeBytes: Type.Integer(), sha256: Sha256,
      available: Type.Boolean({ description: 'false when the raw message was not kept (too large) or was deleted by minimisation' }),
      url: Type.String({ description: 'The raw message (message/rfc822)' }),
      attachments: Type.Array(Type.Object({
        position: Type.Integer(), filename: Nullable(Type.String()), contentType: Type.String(), sizeBytes: Type.Integer(), sha256: Sha256,
        signature: Type.Boolean(), available: Type.Boolean(), url: Type.String(),
      })),
    }), { description: 'E-mails stored for the case: the request and replies' }),
    acts: Type.Array(ActEntry, { description: 'Destruction acts (Order 179)' }),
  }),
});

export const ExportQuery = Type.Object({
  from: Type.String({ format: 'date-time', description: 'Events recorded at or after this instant' }),
  to: Type.String({ format: 'date-time', description: 'Events recorded before this instant' }),
  format: literalUnion(['csv', 'jsonl'] as const, 'csv (RFC 4180, header row) or jsonl (one JSON object a line)'),
}, strict);
export type ExportQuery = Static<typeof ExportQuery>;

export const ActListQuery = Type.Object({
  year: Type.Optional(Type.String({ pattern: '^[0-9]{4}$', description: 'Acts of this year (the year in the number)' })),
  from: Type.Optional(Type.String({ format: 'date', description: 'Acts issued on or after this date (operator time zone)' })),
  to: Type.Optional(Type.String({ format: 'date', description: 'Acts issued on or before this date (operator time zone)' })),
  limit: Type.String({ format: 'page-size', default: '50', description: 'Page size, 1 to 200 (digits only)' }),
  cursor: Type.Optional(Type.String({ pattern: '^179-[0-9]{4}-[0-9]{6,}$', description: 'nextCursor of the previous page (the last act number shown)' })),
}, strict);
export type ActListQuery = Static<typeof ActListQuery>;

export const ActParams = Type.Object({ number: Type.String({ pattern: '^179-[0-9]{4}-[0-9]{6,}$', examples: ['179-2026-000001'] }) }, strict);
export const IdParams = Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,17}$' }) }, strict);
export const AttachmentParams = Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,17}$' }), position: Type.String({ pattern: '^[0-9]{1,6}$' }) }, strict);
