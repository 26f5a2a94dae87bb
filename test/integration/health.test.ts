import { NativeConnection, type Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { inject } from 'vitest';
import { buildApp } from '../../api/app';
import { createWorker } from '../../worker/create-worker';
import { beatWhileRunning, heartbeatEvery } from '../../platform/worker-heartbeat';
import { loadLegalTime } from '../../platform/legal-time-config';
import { eventually, startEngine, testPayloadKey, type Engine } from '../helpers/engine';

let engine: Engine;
let app: FastifyInstance;
let connection: NativeConnection;

beforeAll(async () => {
  engine = await startEngine({ worker: false });
  // The test server's long poll is 5 s (global setup), so a live worker is never seen more than ~5 s ago.
  app = await buildApp({ ...engine.config, workerSeenWithinMs: 8000 });
  connection = await NativeConnection.connect({ address: engine.config.temporal.address });
});
afterAll(async () => {
  await app?.close();
  await connection?.close();
  await engine?.stop();
});

const health = async () => {
  const res = await app.inject({ method: 'GET', url: '/health' });
  return { statusCode: res.statusCode, body: res.json() };
};

it('reports the worker: down before one polls the case task queue, ok while it does, down (503) once it stops', async () => {
  expect(await health()).toEqual({
    statusCode: 503, body: { status: 'unavailable', postgres: 'ok', temporal: 'ok', worker: 'down', intake: 'off', calendar: expect.any(Object) },
  });

  const worker: Worker = await createWorker({
    connection, namespace: 'dsar', taskQueue: engine.taskQueue, pool: engine.pool, payloadKey: testPayloadKey,
    reminders: { ...loadLegalTime(engine.config), reminderPolicy: engine.config.reminderPolicy },
    workflowBundle: { code: inject('workflowBundleCode') },
  });
  // As worker/main.ts does: the process's own sign of life beside its polls.
  const stopBeating = beatWhileRunning(engine.pool, engine.taskQueue, heartbeatEvery(8000));
  const running = worker.run().finally(stopBeating);
  try {
    const up = await eventually(async () => { const h = await health(); return h.statusCode === 200 && h; });
    expect(up.body).toEqual({ status: 'ok', postgres: 'ok', temporal: 'ok', worker: 'ok', intake: 'off', calendar: expect.any(Object) });
  } finally {
    worker.shutdown();
    await running;
  }

  // Gone within the threshold plus one long poll and the presence cache, not at some fixed time.
  const down = await eventually(async () => { const h = await health(); return h.body.worker === 'down' && h; }, 30_000);
  expect(down).toEqual({ statusCode: 503, body: { status: 'unavailable', postgres: 'ok', temporal: 'ok', worker: 'down', intake: 'off', calendar: expect.any(Object) } });
});
