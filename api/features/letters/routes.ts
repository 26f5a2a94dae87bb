import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { LETTER_KINDS, LETTER_LANGUAGES } from '../../../letters/kinds';
import { caseLetters, LETTER_STATUSES } from '../../../letters/outbox';
import { AppError } from '../../errors';
import { CaseParams, ErrorBody, NoQuery, literalUnion } from '../cases/schemas';

const Letter = Type.Object({
  id: Type.Integer(),
  kind: literalUnion(LETTER_KINDS, 'Which letter'),
  language: literalUnion(LETTER_LANGUAGES, 'Language it was written in'),
  from: Type.String(),
  to: Type.String(),
  subject: Type.String({ description: 'The subject line exactly as sent' }),
  text: Type.String({ description: 'The text body exactly as sent (stored before the first attempt)' }),
  status: literalUnion(LETTER_STATUSES,
    'queued: not yet accepted by the SMTP server (also while no SMTP is configured); sent: accepted at sentAt; failed_permanently: refused by the server (5xx), not retried; ' +
    'unconfirmed: an attempt began at sendingSince and never recorded what the server said — the server may have it; not resent automatically: check the mail server log for messageId, then `npx dsar letters resend <id>` (ADR 008)'),
  messageId: Type.String({ description: 'Message-ID header; the same on every attempt to send this letter' }),
  attempts: Type.Integer({ description: 'Attempts to hand the letter to the SMTP server' }),
  sendingSince: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'When the attempt without a recorded outcome began (in flight, or unconfirmed); null otherwise',
  }),
  lastError: Type.Union([Type.String(), Type.Null()], { description: 'The last SMTP error (code and reply, addresses removed)' }),
  createdAt: Type.String({ format: 'date-time' }),
  sentAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

/** A case's letters with their exact text: what the subject and others were sent, and when. Read-only. */
export const letterRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/v1/cases/:id/letters', {
    schema: {
      tags: ['cases'], summary: "A case's letters, oldest first", params: CaseParams, querystring: NoQuery,
      response: {
        200: Type.Object({ caseId: Type.String(), items: Type.Array(Letter) }),
        400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 503: ErrorBody,
      },
    },
  }, async (request) => {
    const { id } = request.params;
    const letters = await caseLetters(app.pg, id);
    if (letters.length === 0) {
      const { rowCount } = await app.pg.query('SELECT 1 FROM cases WHERE id = $1', [id]);
      if (!rowCount) throw new AppError(404, 'case_not_found', `No case ${id}; list cases with GET /api/v1/cases.`);
    }
    return {
      caseId: id,
      items: letters.map((l) => ({
        id: l.id, kind: l.kind as (typeof LETTER_KINDS)[number], language: l.language as (typeof LETTER_LANGUAGES)[number],
        from: l.from, to: l.to, subject: l.subject, text: l.text, status: l.status, messageId: l.messageId,
        attempts: l.attempts, sendingSince: l.sendingSince?.toISOString() ?? null, lastError: l.lastError, createdAt: l.createdAt.toISOString(), sentAt: l.sentAt?.toISOString() ?? null,
      })),
    };
  });
};
