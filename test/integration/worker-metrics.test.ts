import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port';
import { eventually, startEngine, testPayloadKey, type Engine } from '../helpers/engine';
import { appLoginUrl } from '../helpers/database';

let engine: Engine;
let worker: ChildProcess | undefined;

beforeAll(async () => { engine = await startEngine({ worker: false }); });
afterAll(async () => {
  if (worker && worker.exitCode === null && worker.signalCode === null) {
    const exited = new Promise((r) => worker!.once('exit', r));
    worker.kill('SIGTERM');
    await exited;
  }
  await engine?.stop();
});

// Runtime.install works once per process: the production entry point runs as a child process.
it('serves the Temporal SDK metrics of the worker at DSAR_WORKER_METRICS_ADDRESS', async () => {
  const address = `127.0.0.1:${await freePort()}`;
  worker = spawn(process.execPath, ['--require', 'tsx/cjs', 'worker/main.ts'], {
    cwd: path.resolve(__dirname, '../..'),
    env: {
      ...process.env, DATABASE_URL: appLoginUrl(engine.config.databaseUrl), TEMPORAL_ADDRESS: engine.config.temporal.address,
      TEMPORAL_NAMESPACE: 'dsar', TEMPORAL_TASK_QUEUE: engine.taskQueue, DSAR_PAYLOAD_KEY: testPayloadKey.toString('base64'),
      LOG_LEVEL: 'warn', DSAR_WORKER_METRICS_ADDRESS: address,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  // A case makes the worker run a workflow task and an activity, which the SDK measures.
  const opened = await engine.app.inject({
    method: 'POST', url: '/api/v1/cases', headers: engine.auth('officer'),
    payload: { type: 'access', subject: { name: 'Metric Subject' }, channel: 'web', receivedAt: '2025-10-24T10:00:00+03:00' },
  });
  expect(opened.statusCode).toBe(201);

  const body = await eventually(async () => {
    const text = await fetch(`http://${address}/metrics`).then((r) => r.text(), () => '');
    return /^temporal_activity_execution_latency_count\{.*\} [1-9]/m.test(text) && text;
  }, 60_000);
  expect(body).toMatch(/^temporal_workflow_task_execution_latency_count\{.*task_queue="dsar-test-[0-9a-f]+".*\} [1-9]/m);
  expect(body).toMatch(/^temporal_num_pollers\{/m);
}, 90_000);
