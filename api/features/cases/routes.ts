import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { openCase } from './open-case';
import { takeAction } from './take-action';
import { caseHistory, listCases, requireCase } from './read-model';
import { ActionBody } from './action-schemas';
import {
  Case, CaseHistory, CaseList, CaseListQuery, CaseParams, ErrorBody, IdempotencyHeaders, NoQuery, OpenCaseBody, PendingCase,
} from './schemas';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 503: ErrorBody };

export const caseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Working days left and the actions allowed are as of the moment of reading.
  const now = () => ({ legalTime: app.legalTime, now: Date.now() });
  app.post('/api/v1/cases', {
    schema: {
      tags: ['cases'], summary: 'Open a case for a data-subject request',
      description: 'Records the case and starts its workflow; the statutory due date comes from the legal-time engine. '
        + 'If Temporal does not answer in time, the request is still accepted and recorded: 202 with the reserved case number and '
        + 'status `opening`; the engine starts the case by itself when Temporal is back (docs/adr/016), so the client need not retry.',
      headers: IdempotencyHeaders, body: OpenCaseBody, response: { 200: Case, 201: Case, 202: PendingCase, ...errors },
    },
  }, async (request, reply) => {
    const result = await openCase(app, request.body, request.principal!, request.headers['idempotency-key']);
    if ('pending' in result) {
      const { id } = result.pending;
      return reply.status(202).send({ id, status: 'opening' as const, message: `Accepted as case ${id}; its workflow starts as soon as Temporal answers again. Do not send the request again.` });
    }
    return reply.status(result.created ? 201 : 200).send(result.view);
  });

  app.get('/api/v1/cases', {
    schema: { tags: ['cases'], summary: 'List cases, newest first', querystring: CaseListQuery, response: { 200: CaseList, ...errors } },
  }, async (request) => listCases(app.pg, request.query, now()));

  app.get('/api/v1/cases/:id', {
    schema: { tags: ['cases'], summary: 'One case', params: CaseParams, querystring: NoQuery, response: { 200: Case, ...errors } },
  }, async (request) => requireCase(app.pg, request.params.id, now()));

  app.get('/api/v1/cases/:id/history', {
    schema: { tags: ['cases'], summary: 'Audit trail of a case, oldest first', params: CaseParams, querystring: NoQuery, response: { 200: CaseHistory, ...errors } },
  }, async (request) => {
    const { id } = await requireCase(app.pg, request.params.id, now());
    return { caseId: id, events: await caseHistory(app.pg, id) };
  });

  app.post('/api/v1/cases/:id/actions', {
    schema: {
      tags: ['cases'], summary: 'Record what the officer did on the case\'s legal path',
      description: 'One body per action (`action` tells them apart). Sent to the case workflow as an Update, validated against the legal-path table (domain/case/legal-paths.ts); refused with 409 and a code naming the rule that forbids it (action_not_allowed_in_step, extension_too_late, extension_already_used, extension_not_allowed, finding_required, case_closed …) and what is allowed now.',
      params: CaseParams, headers: IdempotencyHeaders, body: ActionBody, response: { 200: Case, ...errors },
    },
  }, async (request) => takeAction(app, request.params.id, request.body, request.principal!, request.headers['idempotency-key']));
};
