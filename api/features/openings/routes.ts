import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { pendingOpenings } from '../../../opening/opening-store';
import { CaseId, ErrorBody, NoQuery } from '../cases/schemas';

const PendingOpening = Type.Object({
  caseId: CaseId,
  type: Type.String({ description: 'Request type as accepted (`unclassified`: a letter for triage)' }),
  channel: Type.String(),
  receivedAt: Type.String({ format: 'date-time', description: 'Day 0 of its term: the term runs although the case has not started' }),
  acceptedAt: Type.String({ format: 'date-time', description: 'When the API or e-mail intake accepted it (202)' }),
  attempts: Type.Integer({ description: 'Starts the reconciler tried' }),
  lastError: Type.Union([Type.String(), Type.Null()], { description: 'Why the last start failed (temporal_timeout, temporal_unavailable, …)' }),
});

/**
 * Requests accepted while Temporal was away, waiting for their workflow (docs/adr/016): the reconciler starts them
 * by itself; this list is for an officer to see that nothing accepted is lost, and since when it waits.
 */
export const openingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/v1/openings', {
    schema: {
      tags: ['cases'], summary: 'Accepted requests whose case has not started yet (Temporal was away), oldest first', querystring: NoQuery,
      response: { 200: Type.Object({ items: Type.Array(PendingOpening) }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
    },
  }, async () => ({ items: await pendingOpenings(app.pg, 500) }));
};
