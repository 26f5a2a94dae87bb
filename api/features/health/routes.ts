import { Type } from '@sinclair/typebox';
import type { Connection } from '@temporalio/client';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { workerAlive } from '../../../platform/worker-presence';
import { mailboxKey, readState } from '../../../intake/cursor-store';
import { calendarStatusNow } from '../../../calendar/status-now';

const State = (description?: string) =>
  Type.Union([Type.Literal('ok'), Type.Literal('down'), Type.Literal('unknown')], { description });
const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  postgres: State(),
  temporal: State(),
  worker: State('`ok` when a worker polled the case task queue for workflow and activity tasks, and a worker process beat (worker_heartbeats), within DSAR_WORKER_SEEN_WITHIN_MS; `unknown` when Temporal is down'),
  intake: Type.Union([Type.Literal('ok'), Type.Literal('connecting'), Type.Literal('down'), Type.Literal('off')], {
    description: 'E-mail intake: `off` without IMAP_URL; `connecting` while it (re)connects to the mailbox; `down` when not heard of within three poll intervals. Informational: it does not make the status `unavailable`',
  }),
  calendar: Type.Object({
    status: Type.Union([Type.Literal('ok'), Type.Literal('warning')]),
    officialUntil: Type.Union([Type.String(), Type.Null()], { description: '31 December of the last year with a published decree' }),
    daysLeft: Type.Union([Type.Integer(), Type.Null()]),
    message: Type.Optional(Type.String()),
  }, { description: 'The production calendar: `warning` from 90 days before the last official year ends (import the next decree: `dsar calendar import`). Informational: it does not make the status `unavailable`' }),
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
    schema: {
      tags: ['health'],
      summary: '200 only when PostgreSQL and Temporal answer and a worker polls the case task queue',
      response: { 200: Health, 503: Health },
    },
  }, async (_request, reply) => {
    // Public endpoint: say which part is down, keep the driver's details (hosts, users) in the log.
    const probe = (name: string, p: Promise<unknown>) => within(p, 2000).then(() => true, (err: unknown) => {
      app.log.warn({ err, component: name }, 'health check failed');
      return false;
    });
    const { namespace, taskQueue } = app.config.temporal;
    const connection = app.temporal.connection as Connection;
    let present: boolean | undefined;
    const [postgres, temporal] = await Promise.all([
      probe('postgres', app.pg.query('SELECT 1')),
      // Bounded: the SDK would otherwise keep retrying in the background after the probe gave up.
      probe('temporal', connection.withDeadline(Date.now() + 2000, () => connection.healthService.check({}))),
      // The same rule as the actions' pre-check and the metric: a worker polls and its process beats.
      probe('worker', workerAlive(app.temporal, app.pg, namespace, taskQueue, app.config.workerSeenWithinMs).then((p) => { present = p; })),
    ]);
    const state = (up: boolean) => (up ? 'ok' as const : 'down' as const);
    // Without Temporal nobody can tell whether a worker runs.
    const worker = !temporal || present === undefined ? 'unknown' as const : state(present);
    const ok = postgres && temporal && worker === 'ok';
    const intake = await intakeState(app).catch(() => 'down' as const);
    const cal = calendarStatusNow(app.legalTime);
    const calendar = { status: cal.warning ? 'warning' as const : 'ok' as const, officialUntil: cal.officialUntil, daysLeft: cal.daysLeft, ...(cal.message ? { message: cal.message } : {}) };
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', postgres: state(postgres), temporal: state(temporal), worker, intake, calendar });
  });
};

/** The IMAP consumer writes its state and heartbeat to intake_cursors (intake/cursor-store.ts). */
async function intakeState(app: Parameters<FastifyPluginAsyncTypebox>[0]) {
  const { imap } = app.config;
  if (!imap) return 'off' as const;
  return within(readState(app.pg, mailboxKey(imap), Math.max(3 * imap.pollIntervalMs, 60_000)), 2000);
}
