import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import contentDisposition from 'content-disposition';
import contentType from 'content-type';
import { caseExists, caseMessageAttachment, caseMessageRaw, caseMessages } from '../../../intake/case-messages';
import { AppError } from '../../errors';
import { CaseId, ErrorBody, NoQuery } from '../cases/schemas';
import { ReceivedAtSource, SenderAuth } from './auth-schemas';

/**
 * A case's stored e-mails, read-only (officer, dpo, admin, auditor: the default for reads): the letter that opened
 * it and the replies recorded on it, their raw bytes as received, and their attachments. What a stored file is,
 * is the sender's word: it is always served as a download, sandboxed, with its SHA-256 to check it against.
 */
const sender = (description: string) =>
  Type.Union([Type.Object({ name: Type.Optional(Type.String()), email: Type.String() }), Type.Null()], { description });
const Attachment = Type.Object({
  n: Type.Integer({ minimum: 1, description: 'Position in the message, from 1: GET …/attachments/{n}' }),
  filename: Type.Union([Type.String(), Type.Null()]),
  contentType: Type.String({ description: 'As the message declared it' }),
  size: Type.Integer({ description: 'Decoded size, bytes' }),
  sha256: Type.String({ description: 'SHA-256 of the decoded content, hex' }),
  signature: Type.Boolean({ description: 'A detached signature (S/MIME, PGP): detected, not verified' }),
  stored: Type.Boolean({ description: 'false: above the per-attachment size limit; only metadata and hash were kept (the content answers 410)' }),
});
const Message = Type.Object({
  id: Type.Integer({ description: 'The stored message (mailMessageId of POST /api/v1/intake/email)' }),
  role: Type.Union([Type.Literal('request'), Type.Literal('correspondence'), Type.Literal('unverified')], {
    description: 'request: the letter that opened the case; correspondence: a reply recorded on it (its history shows case.correspondence); '
      + 'unverified: a message citing the case from a sender who is not its subject (history: case.unverified_citation; it waits in triage)',
  }),
  source: Type.Union([Type.Literal('imap'), Type.Literal('api')]),
  messageId: Type.Union([Type.String(), Type.Null()], { description: 'Message-ID header' }),
  receivedAt: Type.String({ format: 'date-time', description: 'Day 0: when the operator received it (where from: receivedAtSource)' }),
  receivedAtSource: ReceivedAtSource,
  senderAuth: Type.Union([SenderAuth, Type.Null()], { description: 'SPF/DKIM/DMARC as our mail server judged them; null for messages taken in before it was recorded' }),
  sizeBytes: Type.Integer(),
  rawSha256: Type.String({ description: 'SHA-256 of the raw message: the key that makes intake exactly-once' }),
  from: sender('From header'),
  forwardedFrom: sender('When an employee forwarded the letter: its original sender (the subject)'),
  subject: Type.String({ description: 'Subject line; runs of 6+ digits masked (the raw message has them)' }),
  date: Type.Union([Type.String(), Type.Null()], { description: 'Date header, as the sender\'s client wrote it' }),
  signed: Type.Boolean({ description: 'An S/MIME, PGP or detached signature is present (detected, not verified)' }),
  warnings: Type.Array(Type.String(), { description: 'What the parser repaired or could not read' }),
  attachments: Type.Array(Attachment),
});

const MessageParams = Type.Object({ id: CaseId, messageId: Type.Integer({ minimum: 1, description: 'id from GET /api/v1/cases/{id}/messages' }) }, { additionalProperties: false });
const AttachmentParams = Type.Object({ ...MessageParams.properties, n: Type.Integer({ minimum: 1, description: 'n from the message\'s attachments' }) }, { additionalProperties: false });
const Binary = (description: string) => Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 503: ErrorBody };

/** A declared type safe to send back as a header: parsed and re-formatted, anything unreadable as octet-stream. */
function safeContentType(declared: string): string {
  try {
    return contentType.format(contentType.parse(declared));
  } catch {
    return 'application/octet-stream';
  }
}

export const caseMessageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const notFound = async (caseId: string, messageId: number): Promise<never> => {
    if (!(await caseExists(app.pg, caseId))) throw new AppError(404, 'case_not_found', `No case ${caseId}; list cases with GET /api/v1/cases.`);
    throw new AppError(404, 'message_not_found', `Case ${caseId} has no stored message ${messageId}; list them with GET /api/v1/cases/${caseId}/messages.`);
  };

  app.get('/api/v1/cases/:id/messages', {
    schema: {
      tags: ['cases'], summary: "A case's stored e-mails: the letter that opened it and the replies on it, oldest first",
      params: Type.Object({ id: CaseId }, { additionalProperties: false }), querystring: NoQuery,
      response: { 200: Type.Object({ caseId: Type.String(), items: Type.Array(Message) }), ...errors },
    },
  }, async (request) => {
    const { id } = request.params;
    const items = await caseMessages(app.pg, id);
    if (!items.length && !(await caseExists(app.pg, id))) throw new AppError(404, 'case_not_found', `No case ${id}; list cases with GET /api/v1/cases.`);
    return { caseId: id, items: items.map((m) => ({ ...m, receivedAt: m.receivedAt.toISOString() })) };
  });

  app.get('/api/v1/cases/:id/messages/:messageId/raw', {
    schema: {
      tags: ['cases'], summary: 'One stored e-mail exactly as received (message/rfc822), as a download', params: MessageParams, querystring: NoQuery,
      produces: ['message/rfc822'],
      response: { 200: Binary('The raw message, byte for byte as received'), ...errors, 410: ErrorBody },
    },
  }, async (request, reply) => {
    const { id, messageId } = request.params;
    const stored = await caseMessageRaw(app.pg, id, messageId);
    if (!stored) return notFound(id, messageId);
    if (!stored.raw) throw new AppError(410, 'raw_message_not_kept', `The raw bytes of message ${messageId} were not kept (refused as too large); only its hash and size are.`);
    return reply.header('content-type', 'message/rfc822')
      .header('content-disposition', contentDisposition(`${id}-message-${messageId}.eml`))
      .header('x-content-sha256', stored.rawSha256)
      .send(stored.raw);
  });

  app.get('/api/v1/cases/:id/messages/:messageId/attachments/:n', {
    schema: {
      tags: ['cases'], summary: "One attachment of a stored e-mail, as a download with its SHA-256 in X-Content-SHA256", params: AttachmentParams, querystring: NoQuery,
      produces: ['application/octet-stream'],
      response: { 200: Binary('The decoded attachment; Content-Type as the message declared it'), ...errors, 410: ErrorBody },
    },
  }, async (request, reply) => {
    const { id, messageId, n } = request.params;
    const found = await caseMessageAttachment(app.pg, id, messageId, n);
    if (!found.message) return notFound(id, messageId);
    const a = found.attachment;
    if (!a) throw new AppError(404, 'attachment_not_found', `Message ${messageId} has no attachment ${n}; GET /api/v1/cases/${id}/messages lists them.`);
    if (!a.content) {
      throw new AppError(410, 'attachment_not_kept', `Attachment ${n} (${a.size} bytes) was above the size limit when it arrived: only its metadata and SHA-256 ${a.sha256} were kept. Ask the subject to send it again, smaller or split.`);
    }
    return reply.header('content-type', safeContentType(a.contentType))
      .header('content-disposition', contentDisposition(a.filename || `attachment-${n}`))
      // Whatever the sender called it, it never runs in the API's origin.
      .header('content-security-policy', "sandbox; default-src 'none'")
      .header('x-content-type-options', 'nosniff')
      .header('x-content-sha256', a.sha256)
      .send(a.content);
  });
};
