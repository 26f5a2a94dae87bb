import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, toErrorBody } from '../../api/errors';
import { WRITERS } from '../../api/plugins/auth';
import { CaseParams } from '../../api/features/cases/schemas';
import { caseHistory, requireCase } from '../../api/features/cases/read-model';
import { takeAction } from '../../api/features/cases/take-action';
import { ACTION_FORMS, bodyFromForm, refusedActions, type FormValues } from '../forms/action-forms';
import { caseMessages } from '../../intake/case-messages';
import { caseLetters, emailAttachment, originalEmail } from '../read/case-page';
import { renderPage } from '../render';
import { html, pageContext } from '../session';

type ActionError = { action: string; code: string; message: string };

/** The case page: the same read model as GET /api/v1/cases/:id (never Temporal), its history, letters and e-mail. */
async function renderCase(request: FastifyRequest, reply: FastifyReply, id: string, extra: { done?: string; actionError?: ActionError; values?: FormValues } = {}, status = 200) {
  const app = request.server;
  const now = Date.now();
  const c = await requireCase(app.pg, id, { legalTime: app.legalTime, now });
  const [events, letters, email, mail] = await Promise.all([caseHistory(app.pg, id), caseLetters(app.pg, id), originalEmail(app.pg, id), caseMessages(app.pg, id)]);
  // Replies filed on the case, and letters that cite it from someone who is not its subject (issue 16 p.1: shown, never accepted).
  const received = mail.filter((m) => m.role !== 'request').map((m) => ({ ...m, receivedAt: m.receivedAt.toISOString() }));
  const timeline = [
    // In the order things were recorded (as the history API lists them); letters by when they were queued or sent.
    ...events.map((e) => ({ ...e, kind: 'event' as const })),
    ...letters.map((l) => ({ ...l, kind: 'letter' as const })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  const canWrite = !!request.user && WRITERS.includes(request.user.role);
  // After a refused POST the language switch must come back to the case page, not to the form's URL.
  const ctx = pageContext(request, reply, () => c.id, 'cases', `/cases/${c.id}`);
  return html(reply, renderPage('case', ctx, {
    c, timeline, email, received, canWrite,
    forms: canWrite ? c.allowedActions.map((a) => ACTION_FORMS[a]) : [],
    refused: canWrite && c.step !== 'done' ? refusedActions(c, c.allowedActions, now) : [],
    ...extra,
  }), status);
}

// _csrf optional: a form without it is refused by the CSRF check (403 csrf_token_invalid), not as a malformed body.
const ActionForm = Type.Object({ _csrf: Type.Optional(Type.String()), action: Type.String({ maxLength: 40 }) }, {
  additionalProperties: Type.Union([Type.String({ maxLength: 5000 }), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20 })]),
});

export const casePageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/cases/:id', {
    schema: { hide: true, params: CaseParams, querystring: Type.Object({ done: Type.Optional(Type.String({ maxLength: 40 })) }, { additionalProperties: false }) },
  }, async (request, reply) => renderCase(request, reply, request.params.id, { done: request.query.done }));

  /**
   * An action posted from the console goes through the API's own code (takeAction: the transition table, then the
   * workflow Update), with the signed-in user as the actor. A refusal (400, 409, 503) is shown in place, beside
   * the form that caused it, with the values typed kept.
   */
  app.post('/cases/:id/actions', { schema: { hide: true, params: CaseParams, body: ActionForm }, preHandler: app.csrfProtection }, async (request, reply) => {
    const user = request.user!;
    if (!WRITERS.includes(user.role)) throw new AppError(403, 'forbidden', `The role "${user.role}" may not act on cases; allowed roles: ${WRITERS.join(', ')}.`);
    const { _csrf: _, action, ...values } = request.body as Record<string, string | string[]> & { action: string };
    try {
      const body = bodyFromForm(action, values, app.legalTime.timeZone, request.log);
      // tokenId 0: a console session, not an API token (the id only keys the API's per-token write limit).
      await takeAction(app, request.params.id, body, { tokenId: 0, name: user.name, role: user.role });
    } catch (err) {
      if (!(err instanceof AppError) || err.statusCode === 404) throw err;
      const { statusCode, code, message } = toErrorBody(err, request.log);
      return renderCase(request, reply, request.params.id, { actionError: { action, code, message }, values }, statusCode);
    }
    return reply.redirect(`/cases/${request.params.id}?done=${encodeURIComponent(action)}`, 303);
  });

  app.get('/cases/:id/mail/:message/attachments/:position', {
    schema: { hide: true, params: Type.Object({ id: CaseParams.properties.id, message: Type.String({ pattern: '^[0-9]{1,15}$' }), position: Type.String({ pattern: '^[0-9]{1,4}$' }) }, { additionalProperties: false }) },
  }, async (request, reply) => {
    const { id, message, position } = request.params;
    const found = await emailAttachment(app.pg, id, Number(message), Number(position));
    if (!found) throw new AppError(404, 'attachment_not_found', `Case ${id} has no stored attachment ${message}/${position}; open the case page for its attachments.`);
    // Served as a download, never rendered in the console's origin (it is the subject's file, not ours).
    return reply.type('application/octet-stream').header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(found.filename)}`).send(found.content);
  });
};
