import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import contentDisposition from 'content-disposition';
import { AppError } from '../../errors';
import { CaseParams, ErrorBody, NoQuery } from '../cases/schemas';
import { caseRecord } from './case-record';
import { sendExport } from './export-stream';
import { AttachmentParams, AUDIT_ROLES, binary, CaseRecord, ExportQuery, IdParams } from './schemas';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 503: ErrorBody };
const gone = (what: string) => new AppError(410, 'content_deleted',
  `The ${what} is no longer stored (deleted by retention or minimisation, or never kept); its SHA-256 in the case history still identifies it.`);
const config = { roles: AUDIT_ROLES };
/** The export's body: a stream of text (the bytes are not JSON-validated). */
const StreamBody = Type.Unsafe<NodeJS.ReadableStream>({ type: 'string', description: 'The events, one per line (CSV with a header row)' });

/** The auditor's read-only view: a case's whole record, the documents behind it, and the log for a period. */
export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/v1/audit/cases/:id/history', {
    config,
    schema: {
      tags: ['audit'], summary: "A case's full history: chained audit events, letters, stored e-mails and acts, with download links",
      params: CaseParams, querystring: NoQuery, response: { 200: CaseRecord, ...errors },
    },
  }, async (request) => {
    const record = await caseRecord(app.pg, request.params.id);
    if (!record) throw new AppError(404, 'case_not_found', `No case ${request.params.id}; list cases with GET /api/v1/cases.`);
    return record;
  });

  app.get('/api/v1/audit/export', {
    config,
    schema: {
      tags: ['audit'], summary: 'Every audit event recorded in a period, streamed as CSV or JSON Lines',
      description: 'Streamed from a PostgreSQL cursor, so a year of events never sits in memory. Columns (CSV header, JSON keys): '
        + 'chainSeq, id, caseId, at, actor, action, fromStatus, toStatus, message, data, dedupeKey, actedAt, prevHash, hash — in the text '
        + 'forms the hash chain covers, so every hash can be recomputed from the export (docs/adr/011). No subject names or e-mails are joined in.',
      querystring: ExportQuery,
      response: { 200: { content: { 'text/csv': { schema: StreamBody }, 'application/jsonl': { schema: StreamBody } } }, ...errors },
    },
  }, async (request, reply) => {
    const q = request.query;
    if (Date.parse(q.from) >= Date.parse(q.to)) throw new AppError(400, 'invalid_period', '`from` must be before `to` (the period is [from, to)).');
    return sendExport(reply, app.pg, q);
  });

  app.get('/api/v1/audit/letters/:id/body', {
    config,
    schema: { tags: ['audit'], summary: 'A letter\'s text body exactly as sent', params: IdParams, querystring: NoQuery, response: { 200: binary('text/plain', 'The body'), ...errors } },
  }, async (request, reply) => {
    const { rows: [letter] } = await app.pg.query('SELECT body_text, message_id FROM letters WHERE id = $1', [request.params.id]);
    if (!letter) throw new AppError(404, 'letter_not_found', `No letter ${request.params.id}; the case history lists each letter's bodyUrl.`);
    return reply.type('text/plain; charset=utf-8').header('x-message-id', letter.message_id as string).send(Buffer.from(letter.body_text as string, 'utf8'));
  });

  app.get('/api/v1/audit/mail/:id/raw', {
    config,
    schema: { tags: ['audit'], summary: 'A stored e-mail\'s raw message', params: IdParams, querystring: NoQuery, response: { 200: binary('message/rfc822', 'The raw message as received'), 410: ErrorBody, ...errors } },
  }, async (request, reply) => {
    const { rows: [mail] } = await app.pg.query('SELECT raw, raw_sha256 FROM mail_messages WHERE id = $1', [request.params.id]);
    if (!mail) throw new AppError(404, 'mail_not_found', `No stored e-mail ${request.params.id}; the case history lists each one's url.`);
    if (!mail.raw) throw gone('raw message');
    return reply.type('message/rfc822').header('x-content-sha256', mail.raw_sha256 as string)
      .header('content-disposition', contentDisposition(`mail-${request.params.id}.eml`)).send(mail.raw as Buffer);
  });

  app.get('/api/v1/audit/mail/:id/attachments/:position', {
    config,
    schema: {
      tags: ['audit'], summary: 'An attachment of a stored e-mail (always as a download; its declared type in x-original-content-type)',
      params: AttachmentParams, querystring: NoQuery, response: { 200: binary('application/octet-stream', 'The attachment'), 410: ErrorBody, ...errors },
    },
  }, async (request, reply) => {
    const { id, position } = request.params;
    const { rows: [a] } = await app.pg.query(
      'SELECT filename, content_type, sha256, content FROM mail_attachments WHERE mail_message_id = $1 AND position = $2', [id, Number(position)]);
    if (!a) throw new AppError(404, 'attachment_not_found', `No attachment ${position} of e-mail ${id}; the case history lists each attachment's url.`);
    if (!a.content) throw gone('attachment');
    // Served as octet-stream: a stored text/html attachment must never render in the auditor's browser.
    const declared = /^[\w.+-]+\/[\w.+-]+$/.test(a.content_type as string) ? (a.content_type as string) : 'application/octet-stream';
    return reply.type('application/octet-stream').header('x-original-content-type', declared)
      .header('x-content-sha256', a.sha256 as string)
      .header('content-disposition', contentDisposition((a.filename as string | null) ?? `attachment-${position}`)).send(a.content as Buffer);
  });
};
