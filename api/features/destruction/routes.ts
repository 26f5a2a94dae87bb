import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { READERS, WRITERS } from '../../plugins/auth';
import { requireCase } from '../cases/read-model';
import { CaseParams, ErrorBody, IdempotencyHeaders, NoQuery } from '../cases/schemas';
import { confirmSystem } from './confirm';
import { CaseDestruction, ConfirmBody, DestructionTask, SystemParams, TaskList, TaskListQuery } from './schemas';
import { actNumberOf, caseTasks, destructionState, listTasks } from './task-store';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 503: ErrorBody };

/** Destruction in the operator's systems (docs/adr/012): each case's tasks, the owners' queue, and owners' confirmations. */
export const destructionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const now = () => ({ legalTime: app.legalTime, now: Date.now() });
  app.get('/api/v1/cases/:id/destruction', {
    config: { roles: READERS },
    schema: {
      tags: ['destruction'], summary: 'The case\'s destruction in each system of the registry, and its act', params: CaseParams, querystring: NoQuery,
      response: { 200: CaseDestruction, ...errors },
    },
  }, async (request) => {
    const { id } = await requireCase(app.pg, request.params.id, now());
    const tasks = await caseTasks(app.pg, id);
    return { caseId: id, state: destructionState(tasks), act: await actNumberOf(app.pg, id), tasks };
  });

  app.get('/api/v1/destruction-tasks', {
    config: { roles: READERS },
    schema: { tags: ['destruction'], summary: 'Destruction tasks across cases: the system owners\' queue', querystring: TaskListQuery, response: { 200: TaskList, ...errors } },
  }, async (request) => ({ items: await listTasks(app.pg, request.query.status) }));

  app.post('/api/v1/cases/:id/destruction/:systemId/confirm', {
    config: { roles: WRITERS },
    schema: {
      tags: ['destruction'], summary: 'The system\'s owner confirms the subject\'s data are destroyed there',
      description: 'For a manual task (a system without a connector) or one whose connector failed for good. Refused with 409: destruction_not_started, destruction_not_waiting, destruction_already_confirmed, destruction_cancelled. When every system is done the engine issues the Order 179 act and moves the case on.',
      params: SystemParams, headers: IdempotencyHeaders, body: ConfirmBody, response: { 200: DestructionTask, ...errors },
    },
  }, async (request) => confirmSystem(app, request.params.id, request.params.systemId, request.body, request.principal!, request.headers['idempotency-key']));
};
