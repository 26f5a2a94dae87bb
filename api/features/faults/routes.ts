import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, NoQuery } from '../cases/schemas';

const Fault = Type.Object({
  id: Type.Integer(),
  caseId: Type.String({ description: 'The case (workflow ID); its row may be missing when the fault is that it could not be written' }),
  kind: Type.String({ description: 'invalid_input, permanent_database_error or workflow_error' }),
  message: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});

/**
 * Cases whose workflow stopped on a permanent fault instead of retrying for ever. Each needs an
 * administrator: the statutory term keeps running while nobody acts on the case.
 */
export const faultRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/v1/faults', {
    schema: {
      tags: ['cases'], summary: 'Unresolved case faults, newest first', querystring: NoQuery,
      response: { 200: Type.Object({ items: Type.Array(Fault) }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
    },
  }, async () => {
    const { rows } = await app.pg.query(
      `SELECT id, case_id, kind, message, created_at FROM case_faults WHERE resolved_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 500`,
    );
    return {
      items: rows.map((r) => ({
        id: Number(r.id), caseId: r.case_id as string, kind: r.kind as string, message: r.message as string,
        createdAt: (r.created_at as Date).toISOString(),
      })),
    };
  });
};
