import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from '../platform/config';
import { loggerOptions } from '../platform/logger';
import { registerErrorHandler } from './errors';
import { caseRoutes } from './features/cases/routes';
import { codecRoutes } from './features/codec/routes';
import { deadlineRoutes } from './features/deadlines/routes';
import { healthRoutes } from './features/health/routes';
import { metrics } from './features/metrics/routes';
import { auth } from './plugins/auth';
import { infrastructure } from './plugins/infrastructure';

export async function buildApp(config: Config): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config.logLevel),
    // Unknown fields are rejected, not silently dropped.
    ajv: { customOptions: { removeAdditional: false, allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  registerErrorHandler(app);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'DSAR engine API', version: '1', description: 'Data-subject requests under 152-FZ: cases, deadlines, audit history.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { persistAuthorization: true } });
  app.get('/api/v1/openapi.json', { config: { auth: false }, schema: { hide: true } }, async () => app.swagger());

  await app.register(infrastructure, { config });
  await app.register(auth);
  await app.register(metrics); // before the routes: its latency hook must see every route
  await app.register(healthRoutes);
  await app.register(caseRoutes);
  await app.register(deadlineRoutes);
  await app.register(codecRoutes, { prefix: '/codec' });
  return app;
}
