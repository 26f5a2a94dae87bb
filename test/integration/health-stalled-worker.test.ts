import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDevTemporal, type DevTemporal } from '../../platform/dev-temporal';
import { ensureTemporalTools } from '../../platform/tools';
import { eventually, startEngine, type Engine } from '../helpers/engine';
import { freePort } from '../helpers/free-port';
import { kill, startEntryPoint } from '../helpers/processes';

/**
 * A worker process that stalls (SIGSTOP: alive, its sockets open, its long polls still held by Temporal) is
 * reported `down` by /health within DSAR_WORKER_SEEN_WITHIN_MS (90 s), as the README documents, and `ok` again
 * once it runs on (SIGCONT). On its own Temporal dev server with the default 60 s long poll, not the shared 5 s one:
 * polls the stalled worker still holds renew its last access on the server for up to a long poll after the stop,
 * which is what made /health say `ok` for some 120 s.
 */
const SEEN_WITHIN_MS = 90_000; // the default
/** /health may answer from the presence cache (platform/worker-presence.ts) this much later. */
const CACHE_MS = 2000;
let scratch: string;
let server: DevTemporal;
let engine: Engine;
let worker: ChildProcess | undefined;
beforeAll(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'dsar-stall-'));
  server = await startDevTemporal({ cli: ensureTemporalTools().cli, port: await freePort(), namespace: 'dsar', logFile: path.join(scratch, 'temporal.log') });
  engine = await startEngine({ worker: false, config: (c) => ({ ...c, temporal: { ...c.temporal, address: server.address }, workerSeenWithinMs: SEEN_WITHIN_MS }) });
});
afterAll(async () => {
  worker?.kill('SIGCONT');
  await kill(worker, 'SIGKILL');
  await engine?.stop();
  await server?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

const workerHealth = async () => (await engine.app.inject({ method: 'GET', url: '/health' })).json().worker as string;

it('reports a stalled (SIGSTOP) worker down within DSAR_WORKER_SEEN_WITHIN_MS, and ok once it runs again', async () => {
  worker = startEntryPoint('worker/main.ts', engine.config);
  await eventually(async () => (await workerHealth()) === 'ok', 60_000);
  await new Promise((r) => setTimeout(r, 20_000)); // well into its first long polls, as a worker that has run a while
  worker.kill('SIGSTOP');
  const stoppedAt = Date.now();
  await eventually(async () => (await workerHealth()) === 'down', 3 * SEEN_WITHIN_MS);
  const noticedMs = Date.now() - stoppedAt;
  console.log(`stalled worker reported down after ${noticedMs} ms (window ${SEEN_WITHIN_MS} ms + cache ${CACHE_MS} ms)`);
  expect(noticedMs).toBeLessThanOrEqual(SEEN_WITHIN_MS + CACHE_MS + 1000);

  worker.kill('SIGCONT');
  await eventually(async () => (await workerHealth()) === 'ok', 60_000);
}, 480_000);
