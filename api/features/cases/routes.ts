import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { openCase } from './open-case';
import { takeAction } from './take-action';
import { caseHistory, listCases, requireCase } from './read-model';
import {
  ActionBody, Case, CaseHistory, CaseList, CaseListQuery, CaseParams, ErrorBody, IdempotencyHeaders, NoQuery, OpenCaseBody,
} from './schemas';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 503: ErrorBody };

export const caseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/api/v1/cases', {
    schema: {
      tags: ['cases'], summary: 'Open a case for a data-subject request',
      description: 'Records the case and starts its workflow; the statutory due date comes from the legal-time engine.',
      headers: IdempotencyHeaders, body: OpenCaseBody, response: { 200: Case, 201: Case, ...errors },
    },
  }, async (request, reply) => {
    const { created, view } = await openCase(app, request.body, request.principal!, request.headers['idempotency-key']);
    return reply.status(created ? 201 : 200).send(view);
  });

  app.get('/api/v1/cases', {
    schema: { tags: ['cases'], summary: 'List cases, newest first', querystring: CaseListQuery, response: { 200: CaseList, ...errors } },
  }, async (request) => listCases(app.pg, request.query));

  app.get('/api/v1/cases/:id', {
    schema: { tags: ['cases'], summary: 'One case', params: CaseParams, querystring: NoQuery, response: { 200: Case, ...errors } },
  }, async (request) => requireCase(app.pg, request.params.id));

  app.get('/api/v1/cases/:id/history', {
    schema: { tags: ['cases'], summary: 'Audit trail of a case, oldest first', params: CaseParams, querystring: NoQuery, response: { 200: CaseHistory, ...errors } },
  }, async (request) => {
    const { id } = await requireCase(app.pg, request.params.id);
    return { caseId: id, events: await caseHistory(app.pg, id) };
  });

  app.post('/api/v1/cases/:id/actions', {
    schema: {
      tags: ['cases'], summary: 'Record what the officer did (respond, refuse)',
      description: 'Sent to the case workflow as an Update; refused with 409 when the case status does not allow it.',
      params: CaseParams, headers: IdempotencyHeaders, body: ActionBody, response: { 200: Case, ...errors },
    },
  }, async (request) => takeAction(app, request.params.id, request.body, request.principal!, request.headers['idempotency-key']));
};
