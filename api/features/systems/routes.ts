import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { InformationSystemSchema } from '../../../operator/systems';
import { READERS } from '../../plugins/auth';
import { ErrorBody, NoQuery } from '../cases/schemas';

const SystemsView = Type.Object({
  systems: Type.Array(InformationSystemSchema, { description: 'The operator\'s information systems, as DSAR_SYSTEMS_FILE describes them' }),
});

/** The registry of the operator's information systems: what destruction acts and destruction tasks rely on. */
export const systemRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const view = { systems: app.config.systems.systems };
  app.get('/api/v1/systems', {
    config: { roles: READERS },
    schema: {
      tags: ['systems'], summary: 'The operator\'s information systems: categories, owner, processor, destruction method, connector', querystring: NoQuery,
      response: { 200: SystemsView, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
    },
  }, async () => view);
};
