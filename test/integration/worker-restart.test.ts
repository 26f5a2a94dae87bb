import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../api/app';
import { eventually, startEngine, testPayloadKey, type Engine } from '../helpers/engine';
import { appLoginUrl } from '../helpers/database';

let engine: Engine;
let worker: ChildProcess | undefined;

/** The production worker entry point, as a separate process we can kill. */
function startWorkerProcess(): ChildProcess {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', 'worker/main.ts'], {
    cwd: path.resolve(__dirname, '../..'),
    env: {
      ...process.env, DATABASE_URL: appLoginUrl(engine.config.databaseUrl), TEMPORAL_ADDRESS: engine.config.temporal.address,
      TEMPORAL_NAMESPACE: 'dsar', TEMPORAL_TASK_QUEUE: engine.taskQueue, DSAR_PAYLOAD_KEY: testPayloadKey.toString('base64'), LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return child;
}

async function kill(child: ChildProcess | undefined, signal: NodeJS.Signals) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
}

beforeAll(async () => { engine = await startEngine({ worker: false }); });
afterAll(async () => {
  await kill(worker, 'SIGTERM');
  await engine?.stop();
});

const open = async (receivedAt: string) => {
  const res = await engine.app.inject({
    method: 'POST', url: '/api/v1/cases', headers: engine.auth('officer'),
    payload: { type: 'access', subject: { name: 'Restart Subject', email: 'restart@example.ru' }, channel: 'email', receivedAt },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
};
const caseOf = async (id: string) => (await engine.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: engine.auth('auditor') })).json();
const actionsOf = async (id: string) =>
  (await engine.app.inject({ method: 'GET', url: `/api/v1/cases/${id}/history`, headers: engine.auth('auditor') })).json().events.map((e: { action: string }) => e.action);

it('loses nothing when the worker is killed while cases are open, and catches up when it comes back', async () => {
  worker = startWorkerProcess();
  const late = await open('2025-10-24T10:00:00+03:00'); // term already over: escalates at once
  const pending = await open(new Date().toISOString()); // term running
  const other = await open(new Date().toISOString());
  await eventually(async () => (await caseOf(late)).status === 'overdue', 60_000);

  await kill(worker, 'SIGKILL');

  // While no worker runs: intake keeps working; an action that cannot wait gets a clear 503 (it may
  // still be applied when the worker returns, so it is sent on another case to keep this test exact);
  // an action that can wait is taken as soon as the worker is back.
  const lateWhileDown = await open('2025-12-26T09:00:00+03:00');
  const impatient = await buildApp({ ...engine.config, actionTimeoutMs: 1500 });
  const refused = await impatient.inject({
    method: 'POST', url: `/api/v1/cases/${other}/actions`, headers: engine.auth('dpo'), payload: { action: 'refuse', ground: 'access_restricted', reasons: 'Access restricted by art. 14 p.8 152-FZ' },
  });
  await impatient.close();
  expect(refused.statusCode).toBe(503);
  expect(refused.json()).toMatchObject({ code: 'workflow_unavailable' });
  expect(refused.json().message).toMatch(/is the worker running\?.*check the case/);
  const responding = engine.app.inject({
    method: 'POST', url: `/api/v1/cases/${pending}/actions`, headers: engine.auth('dpo'), payload: { action: 'respond', note: 'answered' },
  });
  await new Promise((r) => setTimeout(r, 1500));
  expect((await caseOf(lateWhileDown)).status).toBe('received');
  expect((await caseOf(pending)).status).toBe('received');

  worker = startWorkerProcess();
  const responded = await responding;
  expect(responded.statusCode).toBe(200);
  expect(responded.json().status).toBe('responded');
  await eventually(async () => (await caseOf(lateWhileDown)).status === 'overdue', 60_000);

  // Every case has exactly the events it should: nothing lost, nothing written twice by retries.
  expect(await actionsOf(late)).toEqual(['case.opened', 'case.escalate']);
  expect(await actionsOf(pending)).toEqual(['case.opened', 'case.respond']);
  // The held action records when the officer acted and, later, when the returning worker applied it.
  const held = (await engine.app.inject({ method: 'GET', url: `/api/v1/cases/${pending}/history`, headers: engine.auth('auditor') })).json().events[1];
  expect(Date.parse(held.at) - Date.parse(held.actedAt)).toBeGreaterThanOrEqual(1500);
  expect(await actionsOf(lateWhileDown)).toEqual(['case.opened', 'case.escalate']);
  const list = (await engine.app.inject({ method: 'GET', url: '/api/v1/cases', headers: engine.auth('auditor') })).json();
  expect(list.total).toBe(4);
  const described = await engine.app.temporal.workflow.getHandle(pending).describe();
  expect(described.status.name).toBe('COMPLETED');
  expect((await engine.app.temporal.workflow.getHandle(late).describe()).status.name).toBe('RUNNING');
}, 180_000);
