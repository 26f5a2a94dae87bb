import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventually, startEngine, type Engine } from '../helpers/engine';
import { kill, startEntryPoint } from '../helpers/processes';

/**
 * kill -9 of the worker: /health says the worker is down (Temporal's task-queue description has no recent
 * poller), and an officer's action is refused at once with a 503 that says why, instead of waiting 30 s
 * and being applied whenever a worker returns.
 */
let engine: Engine;
let worker: ChildProcess | undefined;
// The test server long-polls for 5 s (test/helpers/global-setup.ts): a live worker is seen at least that often.
beforeAll(async () => { engine = await startEngine({ worker: false, config: (c) => ({ ...c, workerSeenWithinMs: 8000 }) }); });
afterAll(async () => {
  await kill(worker, 'SIGKILL');
  await engine?.stop();
});

const health = async () => {
  const res = await engine.app.inject({ method: 'GET', url: '/health' });
  return { status: res.statusCode, body: res.json() };
};
const respond = (id: string) => engine.app.inject({
  method: 'POST', url: `/api/v1/cases/${id}/actions`, headers: engine.auth('officer'), payload: { action: 'respond', note: 'answer sent' },
});

it('reports a killed worker in /health and refuses actions at once with worker_unavailable', async () => {
  worker = startEntryPoint('worker/main.ts', engine.config, { DSAR_WORKER_SEEN_WITHIN_MS: '8000' });
  await eventually(async () => (await health()).status === 200, 60_000);
  const opened = await engine.app.inject({
    method: 'POST', url: '/api/v1/cases', headers: engine.auth('officer'),
    payload: { type: 'access', channel: 'email', receivedAt: new Date().toISOString(), subject: { name: 'Worker Subject' } },
  });
  const id = opened.json().id as string;

  await kill(worker, 'SIGKILL');
  const down = await eventually(async () => { const h = await health(); return h.status === 503 && h; }, 30_000);
  expect(down.body).toEqual({ status: 'unavailable', postgres: 'ok', temporal: 'ok', worker: 'down', intake: 'off', calendar: expect.any(Object) });

  const refused = await respond(id);
  expect(refused.statusCode).toBe(503);
  expect(refused.json().code).toBe('worker_unavailable');
  expect(refused.json().message).toContain(engine.taskQueue);
  expect(refused.json().message).toMatch(/not sent.*repeat/);
  const history = (await engine.app.inject({ method: 'GET', url: `/api/v1/cases/${id}/history`, headers: engine.auth('auditor') })).json();
  expect(history.events.map((e: { action: string }) => e.action)).toEqual(['case.opened']);

  worker = startEntryPoint('worker/main.ts', engine.config, { DSAR_WORKER_SEEN_WITHIN_MS: '8000' });
  await eventually(async () => (await health()).status === 200, 60_000);
  const applied = await respond(id);
  expect(applied.statusCode).toBe(200);
  expect(applied.json().status).toBe('responded');
}, 180_000);
