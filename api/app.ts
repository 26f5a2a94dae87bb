import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from '../platform/config';
import { loggerOptions } from '../platform/logger';
import { frameworkErrors, registerErrorHandler } from './errors';
import { acceptJsonOnly } from './json-body';
import { actRoutes } from './features/acts/routes';
import { auditRoutes } from './features/audit/routes';
import { caseRoutes } from './features/cases/routes';
import { codecRoutes } from './features/codec/routes';
import { deadlineRoutes } from './features/deadlines/routes';
import { destructionRoutes } from './features/destruction/routes';
import { faultRoutes } from './features/faults/routes';
import { healthRoutes } from './features/health/routes';
import { intakeRoutes } from './features/intake/routes';
import type { MessageClassifier } from '../intake/classifier';
import { letterRoutes } from './features/letters/routes';
import { metrics } from './features/metrics/routes';
import { openingRoutes } from './features/openings/routes';
import { operatorRoutes } from './features/operator/routes';
import { systemRoutes } from './features/systems/routes';
import { auth } from './plugins/auth';
import { validatorCompiler } from './validation';
import { infrastructure } from './plugins/infrastructure';
import { openingReconciler } from './plugins/opening-reconciler';
import { rateLimits } from './plugins/rate-limits';
import { docsCsp, securityHeaders } from './plugins/security-headers';
import { RequestLogController } from './request-log';
import { webConsole } from '../web/console';

/** `classify`: how e-mail intake classifies letters (tests pass their own). */
export async function buildApp(config: Config, opts: { classify?: MessageClassifier } = {}): Promise<FastifyInstance> {
  const { headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs, bodyLimitBytes } = config.http;
  const app = Fastify({
    logger: loggerOptions(config.logLevel, { pretty: config.logPretty }),
    logController: new RequestLogController(config.logPretty), // one line per request, no URLs' queries or headers
    // Router errors (bad percent-encoding, an overlong id) in our error shape too.
    frameworkErrors,
    // A client that sends its headers or body slowly is cut off (408) instead of holding a socket.
    requestTimeout: requestTimeoutMs,
    keepAliveTimeout: keepAliveTimeoutMs,
    bodyLimit: bodyLimitBytes,
    // Node checks the timeouts every connectionsCheckingInterval (default 30 s), which would let a slow client overstay.
    http: { headersTimeout: headersTimeoutMs, connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(headersTimeoutMs / 4))) },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Our Ajv: bodies are not coerced, unknown fields are rejected (api/validation.ts).
  app.setValidatorCompiler(validatorCompiler);
  acceptJsonOnly(app);
  registerErrorHandler(app);
  await app.register(securityHeaders);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'DSAR engine API', version: '1', description: 'Data-subject requests under 152-FZ: cases, deadlines, audit history.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs', uiConfig: { persistAuthorization: true, validatorUrl: null },
    staticCSP: true, transformStaticCSP: docsCsp,
  });
  app.get('/api/v1/openapi.json', { config: { auth: false }, schema: { hide: true } }, async () => app.swagger());

  await app.register(infrastructure, { config });
  await app.register(openingReconciler);
  await app.register(rateLimits);
  await app.register(auth);
  await app.register(metrics); // before the routes: its latency hook must see every route
  await app.register(healthRoutes);
  await app.register(caseRoutes);
  await app.register(deadlineRoutes);
  await app.register(faultRoutes);
  await app.register(openingRoutes);
  await app.register(operatorRoutes);
  await app.register(systemRoutes);
  await app.register(destructionRoutes);
  await app.register(letterRoutes);
  await app.register(intakeRoutes, { classify: opts.classify });
  await app.register(auditRoutes);
  await app.register(actRoutes);
  await app.register(codecRoutes, { prefix: '/codec' });
  await app.register(webConsole); // the officers' and auditors' console under / (web/, ADR 013)
  return app;
}
