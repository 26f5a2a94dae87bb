import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../api/app';
import { createToken } from '../../api/features/tokens/token-store';
import { createPool } from '../../platform/db';
import { startDevTemporal, type DevTemporal } from '../../platform/dev-temporal';
import { ensureTemporalTools } from '../../platform/tools';
import { freshDatabase } from '../helpers/database';
import { testConfig } from '../helpers/engine';
import { freePort } from '../helpers/free-port';

/**
 * Temporal goes down (its own dev server here, so the other test files keep theirs): opens are accepted and
 * recorded (202, status `opening`, docs/adr/016), while reads keep answering from PostgreSQL and /health says
 * exactly which part is down. Opening used to hold a pooled connection while waiting on Temporal: 20 opens
 * emptied the pool and every read answered database_unavailable.
 */
let temporal: DevTemporal;
let app: FastifyInstance;
let db: Awaited<ReturnType<typeof freshDatabase>>;
let scratch: string;
let auth: { authorization: string };
beforeAll(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'dsar-outage-'));
  temporal = await startDevTemporal({ cli: ensureTemporalTools().cli, port: await freePort(), namespace: 'dsar', logFile: path.join(scratch, 'temporal.log') });
  db = await freshDatabase();
  const config = testConfig(db.url, 'dsar-outage');
  app = await buildApp({ ...config, temporal: { ...config.temporal, address: temporal.address } });
  const pool = createPool(db.url, 1);
  auth = { authorization: `Bearer ${await createToken(pool, 'officer', 'outage officer')}` };
  await pool.end();
});
afterAll(async () => {
  await app?.close();
  await temporal?.stop();
  await db?.drop();
  rmSync(scratch, { recursive: true, force: true });
});

const open = (n: number) => app.inject({
  method: 'POST', url: '/api/v1/cases', headers: auth,
  payload: { type: 'access', channel: 'email', receivedAt: new Date().toISOString(), subject: { name: `Outage Subject ${n}` } },
});

it('keeps reads and health truthful while Temporal is down, however many opens wait on it', async () => {
  const before = await open(0);
  expect(before.statusCode).toBe(201);
  await temporal.stop();

  // Twice the pool's size in opens, all waiting on Temporal at once, and reads in the middle of them.
  const opens = Array.from({ length: 20 }, (_, i) => open(i + 1));
  await new Promise((r) => setTimeout(r, 300));
  const [list, one, history, health] = await Promise.all([
    app.inject({ method: 'GET', url: '/api/v1/cases', headers: auth }),
    app.inject({ method: 'GET', url: `/api/v1/cases/${before.json().id}`, headers: auth }),
    app.inject({ method: 'GET', url: `/api/v1/cases/${before.json().id}/history`, headers: auth }),
    app.inject({ method: 'GET', url: '/health' }),
  ]);
  expect(list.statusCode).toBe(200);
  expect(list.json().items.map((c: { id: string }) => c.id)).toEqual([before.json().id]);
  expect(one.statusCode).toBe(200);
  expect(history.statusCode).toBe(200);
  expect(health.statusCode).toBe(503);
  expect(health.json()).toEqual({ status: 'unavailable', postgres: 'ok', temporal: 'down', worker: 'unknown', intake: 'off', calendar: expect.any(Object) });

  const accepted = await Promise.all(opens);
  for (const r of accepted) {
    expect(r.statusCode).toBe(202);
    expect(r.json().status).toBe('opening');
  }
  // No case row exists for an open Temporal never took; each waits, listed, with its own number.
  const after = await app.inject({ method: 'GET', url: '/api/v1/cases', headers: auth });
  expect(after.json().items).toHaveLength(1);
  const waiting = await app.inject({ method: 'GET', url: '/api/v1/openings', headers: auth });
  expect(waiting.json().items.map((o: { caseId: string }) => o.caseId).sort()).toEqual(accepted.map((r) => r.json().id).sort());
  expect(new Set(accepted.map((r) => r.json().id)).size).toBe(20);
}, 120_000);
