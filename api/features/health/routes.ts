import { Type } from '@sinclair/typebox';
import type { Connection } from '@temporalio/client';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  postgres: Type.String(),
  temporal: Type.String(),
});

function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/health', {
    config: { auth: false },
    schema: { tags: ['health'], summary: '200 only when PostgreSQL and Temporal both answer', response: { 200: Health, 503: Health } },
  }, async (_request, reply) => {
    // Public endpoint: say which part is down, keep the driver's details (hosts, users) in the log.
    const probe = (name: string, p: Promise<unknown>) => within(p, 2000).then(() => 'ok', (err: unknown) => {
      app.log.warn({ err, component: name }, 'health check failed');
      return 'down';
    });
    const [postgres, temporal] = await Promise.all([
      probe('postgres', app.pg.query('SELECT 1')),
      probe('temporal', (app.temporal.connection as Connection).healthService.check({})),
    ]);
    const ok = postgres === 'ok' && temporal === 'ok';
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', postgres, temporal });
  });
};
