import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import type pg from 'pg';
import { createToken } from '../api/features/tokens/token-store';
import { createPool, migrate } from '../platform/db';
import { startDevTemporal } from '../platform/dev-temporal';
import { startEmbeddedPostgres } from '../platform/embedded-postgres';
import { connectClient } from '../platform/temporal';
import { ensureTemporalTools } from '../platform/tools';
import { freePort } from '../test/helpers/free-port';
import { APP_LOGIN, asLogin, ensureAppLogin } from '../platform/db-login';

export const TASK_QUEUE = 'dsar-bench';
const NAMESPACE = 'dsar';

/** Everything the engine bench drives, and what it measures the bare limits with. */
export interface BenchEngine {
  /** Base URL of the listening API (its own process). */
  url: string;
  officerToken: string;
  /** The bench's own pool and Temporal client, shaped like the API's (pool of 10, same payload codec). */
  pool: pg.Pool;
  temporal: Client;
  /** What a worker process needs to join this engine (database, Temporal, payload key); the task queue is the caller's. */
  workerEnv: Record<string, string>;
  /** Where a process the bench starts may write its log (removed with everything else at stop). */
  scratch: string;
  /** Stops a process the bench started with everything else (first), also on failure or Ctrl-C. */
  track(stop: () => Promise<void>): void;
  /** The last lines the API logged: printed when a run fails. */
  apiLogTail(): string;
  stop(): Promise<void>;
}

/**
 * Starts what `npm run bench` needs, like test/helpers/global-setup.ts does for the tests: embedded
 * PostgreSQL in a temp dir, migrations, a Temporal dev server in memory, and the API. No case worker:
 * see README "Benchmarks". `stop()` stops everything in reverse order; a failed start stops what started.
 */
export async function startBenchEngine(log: (msg: string) => void): Promise<BenchEngine> {
  const tools = ensureTemporalTools();
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'dsar-bench-'));
  const stops: Array<() => Promise<unknown>> = [async () => rmSync(scratch, { recursive: true, force: true })];
  // One stopping for every caller (a signal and the failing run it interrupts): all wait until it is done.
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= (async () => {
    for (const s of stops) await s().catch((err: unknown) => log(`bench: stopping: ${String(err)}`));
  })());
  try {
    log('bench: starting PostgreSQL, Temporal dev server and the API …');
    const db = await startEmbeddedPostgres({ dataDir: path.join(scratch, 'pg'), port: await freePort(), database: 'dsar_bench' });
    stops.unshift(db.stop);
    await migrate(db.url);
    // As npm start: the API, worker and intake processes log in as the app's own role, never the owner (ADR 017).
    const appLogin = { login: APP_LOGIN, password: randomBytes(18).toString('base64url') };
    await ensureAppLogin(db.url, appLogin.login, appLogin.password);
    const temporal = await startDevTemporal({
      cli: tools.cli, port: await freePort(), namespace: NAMESPACE, logFile: path.join(scratch, 'temporal.log'),
    });
    stops.unshift(temporal.stop);

    const payloadKey = randomBytes(32);
    const apiLog = path.join(scratch, 'api.log');
    const workerEnv = {
      DATABASE_URL: asLogin(db.url, appLogin.login, appLogin.password), TEMPORAL_ADDRESS: temporal.address, TEMPORAL_NAMESPACE: NAMESPACE, DSAR_PAYLOAD_KEY: payloadKey.toString('base64'),
    };
    const api = await startApi(apiLog, {
      ...workerEnv, TEMPORAL_TASK_QUEUE: TASK_QUEUE,
      // The production default: request logging is part of what a request costs.
      LOG_LEVEL: 'info', LOG_FORMAT: 'json',
      // One bench token opens thousands of cases a minute; the per-token write limit would answer them with 429.
      DSAR_RATE_LIMIT_WRITES: '100000000',
    });
    stops.unshift(api.stop);

    const pool = createPool(db.url);
    stops.unshift(() => pool.end());
    const client = await connectClient({ address: temporal.address, namespace: NAMESPACE, taskQueue: TASK_QUEUE }, payloadKey);
    stops.unshift(() => client.connection.close());
    const officerToken = await createToken(pool, 'officer', 'bench officer');
    return { url: api.url, officerToken, pool, temporal: client, workerEnv, scratch,
      track: (s) => { stops.unshift(s); }, apiLogTail: () => tail(apiLog), stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Forks bench/api-process.ts with its log in a file; resolves once it listens. */
async function startApi(logFile: string, env: Record<string, string>): Promise<{ url: string; stop: () => Promise<void> }> {
  const out = openSync(logFile, 'a');
  const child = fork(path.join(__dirname, 'api-process.ts'), {
    execArgv: ['--require', 'tsx/cjs'], env: { ...process.env, ...env }, stdio: ['ignore', out, out, 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    void exited.then(() => reject(new Error(`the bench API exited at start:\n${tail(logFile)}`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => stopChild(child, exited) };
}

export async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export function tail(file: string): string {
  return readFileSync(file, 'utf8').trim().split('\n').slice(-10).join('\n');
}
