import type { LetterDeps } from '../../activities/case-letters';
import { DEFAULT_REMINDER_POLICY } from '../../domain/case/reminders';
import { randomBytes } from 'node:crypto';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import { buildApp } from '../../api/app';
import type { MessageClassifier } from '../../intake/classifier';
import { DEFAULT_OPERATOR_PROFILE, loadOperatorProfile } from '../../operator/profile';
import { DEFAULT_SYSTEMS_FILE, loadSystemsRegistry } from '../../operator/systems';
import { createToken, type Role } from '../../api/features/tokens/token-store';
import { letterSettings, observabilitySettings, type Config } from '../../platform/config';
import { loadLegalTime } from '../../platform/legal-time-config';
import { createPool } from '../../platform/db';
import { createLogger } from '../../platform/logger';
import { installSdkLogging } from '../../platform/temporal-logger';
import { createWorker } from '../../worker/create-worker';
import { beatWhileRunning, heartbeatEvery } from '../../platform/worker-heartbeat';
import { freshDatabase } from './database';

export const testPayloadKey = randomBytes(32);

// As in production: the SDK logs through pino with our redaction; lifecycle chatter stays out, warnings show.
installSdkLogging(createLogger('warn'));

export function testConfig(databaseUrl: string, taskQueue: string): Config {
  return {
    databaseUrl, reminderPolicy: DEFAULT_REMINDER_POLICY,
    temporal: { address: inject('temporalAddress'), namespace: 'dsar', taskQueue, searchAttributes: true },
    // logLevel 'error': a 500 in a test prints its cause.
    host: '127.0.0.1', port: 0, logLevel: 'error', timeZone: 'Europe/Moscow',
    actionTimeoutMs: 60_000, // the worker-restart test holds an action while the worker is down
    payloadKey: testPayloadKey,
    operator: loadOperatorProfile(DEFAULT_OPERATOR_PROFILE), // WellPRO, as `npm start`
    systems: loadSystemsRegistry(DEFAULT_SYSTEMS_FILE),
    // Production defaults; the rate-limit and timeout tests build their own app with small values.
    rateLimit: { failedAuthPerMinute: 20, writesPerMinute: 120 },
    http: { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000, bodyLimitBytes: 102_400 },
    logPretty: false,
    ...observabilitySettings({}),
    letters: letterSettings({}),
  };
}

/**
 * The engine as production runs it — API (via inject), worker, real PostgreSQL and Temporal — on a
 * fresh database and its own task queue, so test files do not see each other's cases.
 */
export async function startEngine(opts: { worker?: boolean; config?: (c: Config) => Config; letters?: LetterDeps; classify?: MessageClassifier } = {}) {
  const db = await freshDatabase();
  const taskQueue = `dsar-test-${randomBytes(4).toString('hex')}`;
  const config = (opts.config ?? ((c) => c))(testConfig(db.url, taskQueue));
  const app = await buildApp(config, { classify: opts.classify });
  const pool = createPool(db.url, 4);
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  if (opts.worker !== false) {
    worker = await createWorker({
      connection, namespace: 'dsar', taskQueue, pool, payloadKey: testPayloadKey, letters: opts.letters,
      reminders: { ...loadLegalTime(config), reminderPolicy: config.reminderPolicy },
      destruction: { registry: config.systems, env: process.env, signer: config.actSigner },
      workflowBundle: { code: inject('workflowBundleCode') },
    });
    // As worker/main.ts does: the process's own sign of life beside its polls (/health, worker_unavailable).
    const stopBeating = beatWhileRunning(pool, taskQueue, heartbeatEvery(config.workerSeenWithinMs));
    running = worker.run().finally(stopBeating);
  }
  const tokens = {} as Record<Role, string>;
  for (const role of ['officer', 'dpo', 'auditor', 'admin', 'intake'] as const) tokens[role] = await createToken(pool, role, `test ${role}`);

  return {
    app, pool, config, tokens, taskQueue,
    auth: (role: Role) => ({ authorization: `Bearer ${tokens[role]}` }),
    async stop() {
      worker?.shutdown();
      await running;
      await app.close();
      await connection.close();
      await pool.end();
      await db.drop();
    },
  };
}
export type Engine = Awaited<ReturnType<typeof startEngine>>;

export { eventually } from './eventually';

