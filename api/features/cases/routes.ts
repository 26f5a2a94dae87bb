import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { caseActionUpdate } from '../../../workflows/case-contract';
import { AppError, isTemporalTimeout } from '../../errors';
import { openCase } from './open-case';
import { caseHistory, getCase, listCases } from './read-model';
import {
  ActionBody, Case, CaseHistory, CaseList, CaseListQuery, CaseParams, ErrorBody, IdempotencyHeaders, OpenCaseBody,
} from './schemas';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 503: ErrorBody };
const notFound = (id: string) => new AppError(404, 'case_not_found', `No case ${id}; list cases with GET /api/v1/cases.`);

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
    schema: { tags: ['cases'], summary: 'One case', params: CaseParams, response: { 200: Case, ...errors } },
  }, async (request) => (await getCase(app.pg, request.params.id)) ?? Promise.reject(notFound(request.params.id)));

  app.get('/api/v1/cases/:id/history', {
    schema: { tags: ['cases'], summary: 'Audit trail of a case, oldest first', params: CaseParams, response: { 200: CaseHistory, ...errors } },
  }, async (request) => {
    const { id } = request.params;
    if (!(await getCase(app.pg, id))) throw notFound(id);
    return { caseId: id, events: await caseHistory(app.pg, id) };
  });

  app.post('/api/v1/cases/:id/actions', {
    schema: {
      tags: ['cases'], summary: 'Record what the officer did (respond, refuse)',
      description: 'Sent to the case workflow as an Update; refused with 409 when the case status does not allow it.',
      params: CaseParams, body: ActionBody, response: { 200: Case, ...errors },
    },
  }, async (request) => {
    const { id } = request.params;
    const current = await getCase(app.pg, id);
    if (!current) throw notFound(id);
    // Same transition table as the workflow's validator: answer at once without a round trip.
    if (!current.allowedActions.includes(request.body.action)) {
      throw new AppError(409, 'transition_not_allowed', `A case in status "${current.status}" cannot be "${request.body.action}"-ed; allowed now: ${current.allowedActions.join(', ') || 'nothing (the case is closed)'}.`);
    }
    try {
      // Updates need a running worker; without one the call would wait forever.
      await app.temporal.withDeadline(Date.now() + app.config.actionTimeoutMs, () =>
        app.temporal.workflow.getHandle(id).executeUpdate(caseActionUpdate, {
          args: [{ action: request.body.action, actor: request.principal!.name, note: request.body.note }],
        }));
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError) {
        throw new AppError(409, 'transition_not_allowed', (err.cause as Error | undefined)?.message ?? err.message);
      }
      if (err instanceof WorkflowNotFoundError) {
        throw new AppError(409, 'transition_not_allowed', `Case ${id} was closed meanwhile; reload it.`);
      }
      if (isTemporalTimeout(err)) {
        // Temporal may still hold the Update and apply it once a worker polls: never claim it was dropped.
        throw new AppError(503, 'workflow_unavailable', `The case workflow did not confirm the action within ${app.config.actionTimeoutMs / 1000} s (is the worker running?). It may still be applied when the worker is back: check the case before repeating it.`);
      }
      throw err;
    }
    return (await getCase(app.pg, id))!;
  });
};
