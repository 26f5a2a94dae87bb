import { createHash, timingSafeEqual } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { AppError } from '../../errors';
import { ErrorBody } from '../cases/schemas';
import { registerEngineGauges } from './engine-gauges';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Compares digests, so neither the timing nor the length of the comparison says anything about the token. */
function requireScrapeToken(header: string | undefined, token: string): void {
  const how = 'Send "Authorization: Bearer <DSAR_METRICS_TOKEN>" (Prometheus: `authorization: { credentials_file: … }` in the scrape config).';
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!match?.[1]) throw new AppError(401, 'unauthorized', `A bearer token is required. ${how}`);
  if (!timingSafeEqual(digest(match[1]), digest(token))) throw new AppError(401, 'invalid_token', `The token is not DSAR_METRICS_TOKEN. ${how}`);
}

/**
 * Prometheus metrics on the main listener at `GET /metrics`, behind its own bearer token
 * (`DSAR_METRICS_TOKEN`; no token, no route). One listener keeps deployment simple (one port, one TLS
 * setup); the token keeps case counts from anyone who can reach the API. Each app has its own registry.
 */
export const metrics = fp(
  async (app) => {
    const token = app.config.metricsToken;
    if (!token) return;
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });

    const latency = new Histogram({
      name: 'http_request_duration_seconds', help: 'API request latency by method, route pattern and status code',
      labelNames: ['method', 'route', 'status_code'], registers: [registry],
    });
    // The route pattern, never the raw URL: case numbers in paths would make one series per case.
    app.addHook('onResponse', async (request, reply) => {
      latency.observe(
        { method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    });
    registerEngineGauges(registry, {
      pg: app.pg, temporal: app.temporal, temporalConfig: app.config.temporal,
      workerSeenWithinMs: app.config.workerSeenWithinMs, log: app.log, legalTime: app.legalTime,
    });

    app.get('/metrics', {
      config: { auth: false }, // its own token, not an API role: Prometheus is no officer
      schema: {
        tags: ['metrics'], summary: 'Prometheus metrics (text exposition format)',
        description: 'Bearer DSAR_METRICS_TOKEN. HTTP latency, cases by status and type, overdue cases, worker presence, open case faults, unconfirmed letters, days left of the official production calendar, process metrics.',
        response: { 200: Type.String({ description: 'Prometheus text format 0.0.4' }), 401: ErrorBody },
      },
    }, async (request, reply) => {
      requireScrapeToken(request.headers.authorization, token);
      return reply.type(registry.contentType).send(await registry.metrics());
    });
  },
  { name: 'metrics', dependencies: ['infrastructure'] },
);
