import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port';
import { eventually, startEngine, type Engine } from '../helpers/engine';
import { kill, listening, startEntryPoint } from '../helpers/processes';

/**
 * kill -9 of the API at random points while cases are being opened, with clients retrying under the same
 * Idempotency-Key as the 503 message advises: every key ends in one case, every case row has one workflow
 * and every workflow one row, and no workflow is left retrying.
 */
let engine: Engine;
let api: ChildProcess | undefined;
let base: string;
beforeAll(async () => {
  engine = await startEngine();
  base = `http://127.0.0.1:${await freePort()}`;
});
afterAll(async () => {
  await kill(api, 'SIGKILL');
  await engine?.stop();
});

async function startApi() {
  api = startEntryPoint('api/server.ts', engine.config, { PORT: new URL(base).port, HOST: '127.0.0.1' });
  await listening(api, `${base}/health`);
}

const OPENS = 60;
const CONCURRENCY = 12;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retries one open until the API answers it with a case, as a well-behaved client does. */
async function openUntilAnswered(n: number): Promise<{ key: string; id: string; attempts: number }> {
  const key = `fault-open-${String(n).padStart(4, '0')}`;
  const body = JSON.stringify({ type: 'access', channel: 'email', receivedAt: new Date().toISOString(), subject: { name: `Kill Subject ${n}` } });
  for (let attempts = 1; ; attempts += 1) {
    const res = await fetch(`${base}/api/v1/cases`, {
      method: 'POST', body,
      headers: { ...engine.auth('officer'), 'content-type': 'application/json', 'idempotency-key': key },
    }).catch(() => undefined);
    if (res && (res.status === 200 || res.status === 201)) return { key, id: ((await res.json()) as { id: string }).id, attempts };
    if (res && res.status !== 503) throw new Error(`open ${key}: unexpected ${res.status} ${await res.text()}`);
    await sleep(100 + Math.random() * 200);
  }
}

it('keeps one case per key and one row per workflow when the API is killed mid-open again and again', async () => {
  await startApi();
  let next = 0;
  const answers: Array<{ key: string; id: string; attempts: number }> = [];
  const clients = Array.from({ length: CONCURRENCY }, async () => {
    while (next < OPENS) answers.push(await openUntilAnswered(next++));
  });
  let kills = 0;
  const killer = (async () => {
    while (next < OPENS && kills < 6) {
      await sleep(150 + Math.random() * 400); // a random point in the stream of opens
      await kill(api, 'SIGKILL');
      kills += 1;
      await startApi();
    }
  })();
  await Promise.all([...clients, killer]);

  expect(kills).toBeGreaterThanOrEqual(2);
  expect(answers).toHaveLength(OPENS);
  expect(answers.some((a) => a.attempts > 1)).toBe(true);
  // One case per key: the answers, the reservations and the rows all agree.
  const byKey = new Map(answers.map((a) => [a.key, a.id]));
  expect(byKey.size).toBe(OPENS);
  expect(new Set(byKey.values()).size).toBe(OPENS);
  const rows = (await engine.pool.query('SELECT id, idempotency_key FROM cases ORDER BY id')).rows as Array<{ id: string; idempotency_key: string }>;
  expect(rows).toHaveLength(OPENS);
  for (const r of rows) expect(byKey.get(r.idempotency_key)).toBe(r.id);

  // Rows = workflows: every workflow on this engine's task queue has its row, and every row its workflow.
  const workflowIds = await eventually(async () => {
    const ids: string[] = [];
    for await (const wf of engine.app.temporal.workflow.list({ query: `TaskQueue = '${engine.taskQueue}'` })) ids.push(wf.workflowId);
    return ids.length >= OPENS && ids;
  }, 30_000);
  expect(workflowIds.sort()).toEqual(rows.map((r) => r.id));

  // Nothing retries for ever: each workflow's first activity completed, and no case met a fault.
  await eventually(async () => {
    for (const id of workflowIds) {
      const d = await engine.app.temporal.workflow.getHandle(id).describe();
      if (d.status.name !== 'RUNNING' || d.raw.pendingActivities?.length) return false;
    }
    return true;
  }, 60_000);
  expect((await engine.pool.query('SELECT count(*)::int AS n FROM case_faults')).rows[0].n).toBe(0);
  const opened = (await engine.pool.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'case.opened'`)).rows[0].n;
  expect(opened).toBe(OPENS);
}, 240_000);
