import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { retentionWorkflowId } from '../../retention/start-retention';
import { eventually, startEngine, type Engine } from '../helpers/engine';
import { kill, startEntryPoint } from '../helpers/processes';

/** The production worker (worker/main.ts) starts the retention workflow at start-up, and a restart does not start another. */
let engine: Engine;
let worker: ChildProcess | undefined;
beforeAll(async () => { engine = await startEngine({ worker: false }); });
afterAll(async () => {
  await kill(worker, 'SIGTERM');
  await engine.app.temporal.workflow.getHandle(retentionWorkflowId(engine.taskQueue)).terminate('test finished').catch(() => undefined);
  await engine?.stop();
});

/** The worker polls only after it has ensured the retention workflow: a case's first letter shows it is past that. */
async function workerUp(name: string) {
  const opened = await engine.app.inject({ method: 'POST', url: '/api/v1/cases', headers: engine.auth('officer'),
    payload: { type: 'access', subject: { name, email: 'retention-start@example.ru' }, channel: 'email', receivedAt: new Date().toISOString() } });
  await eventually(async () => (await engine.pool.query(`SELECT 1 FROM letters WHERE case_id = $1`, [opened.json().id])).rowCount === 1, 60_000);
}

it('starts the retention workflow when the worker starts, once however often the worker restarts', async () => {
  const handle = engine.app.temporal.workflow.getHandle(retentionWorkflowId(engine.taskQueue));
  worker = startEntryPoint('worker/main.ts', engine.config);
  await workerUp('First Start');
  const first = await handle.describe();
  expect(first).toMatchObject({ type: 'retentionWorkflow', taskQueue: engine.taskQueue, status: { name: 'RUNNING' } });

  await kill(worker, 'SIGTERM');
  worker = startEntryPoint('worker/main.ts', engine.config);
  await workerUp('Second Start');
  const second = await handle.describe();
  expect(second).toMatchObject({ runId: first.runId, status: { name: 'RUNNING' } });
}, 180_000);
