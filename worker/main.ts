import { NativeConnection } from '@temporalio/worker';
import { ConfigError, EXIT_CONFIG, loadConfig, retentionSettings } from '../platform/config';
import { createPool, migrate } from '../platform/db';
import { refusePrivilegedLogin } from '../platform/db-privilege';
import { loadLegalTime } from '../platform/legal-time-config';
import { createLogger } from '../platform/logger';
import { logOperatorProfile } from '../operator/profile';
import { installSdkLogging } from '../platform/temporal-logger';
import { connectClient, connectionOptions } from '../platform/temporal';
import { ensureRetentionWorkflow } from '../retention/start-retention';
import { ensureCalendarReplan } from '../calendar/start-replan';
import { beatWhileRunning, heartbeatEvery } from '../platform/worker-heartbeat';
import { createWorker } from './create-worker';
import { verifyTemplates } from '../letters';
import { letterDeps } from './letter-deps';

/** Production entry point (`npm run worker`): DATABASE_URL + TEMPORAL_ADDRESS/NAMESPACE/TLS. */
async function main() {
  const config = loadConfig();
  const retention = { ...retentionSettings(), timeZone: config.timeZone }; // a bad DSAR_MINIMISE_AFTER_DAYS is refused now
  const log = createLogger(config.logLevel, { pretty: config.logPretty });
  const legalTime = loadLegalTime(config); // refuse a bad calendar override now, not mid-case
  // The profile is loaded by loadConfig (refused there without a legal name or address); letters will speak for it.
  logOperatorProfile(log, config.operator);
  // The SDK logs through our logger (same redaction: its errors quote PostgreSQL rows); its chatter stays at WARN.
  // With DSAR_WORKER_METRICS_ADDRESS it also serves its own metrics (task and activity failures, pollers).
  installSdkLogging(log, config.workerMetricsAddress);
  await refusePrivilegedLogin(config.databaseUrl, (m) => log.warn(m)); // ADR 017: exit 78 for a superuser or owner login
  await migrate(config.databaseUrl, (m) => log.debug({ migration: m }, 'migrate'));
  const pool = createPool(config.databaseUrl);
  const connection = await NativeConnection.connect(connectionOptions(config.temporal));
  // A template an operator broke is refused here, at start-up, not found in a letter that can then never be sent.
  const letters = letterDeps({ ...config.letters, operator: config.operator, timeZone: config.timeZone });
  await verifyTemplates(letters.renderer);
  const worker = await createWorker({
    connection, pool, payloadKey: config.payloadKey,
    letters, reminders: { ...legalTime, reminderPolicy: config.reminderPolicy },
    destruction: { registry: config.systems, env: process.env, signer: config.actSigner }, maxCachedWorkflows: config.workerMaxCachedWorkflows,
    retention,
    namespace: config.temporal.namespace, taskQueue: config.temporal.taskQueue,
  });
  log.info({ namespace: config.temporal.namespace, taskQueue: config.temporal.taskQueue, maxCachedWorkflows: config.workerMaxCachedWorkflows }, 'worker started');
  // Acts past their retention and closed cases past DSAR_MINIMISE_AFTER_DAYS: one daily workflow, started once.
  const client = await connectClient(config.temporal, config.payloadKey);
  if (await ensureRetentionWorkflow(client, config.temporal.taskQueue)) log.info('retention workflow started');
  // A calendar this engine has not run with before (an import, a corrected year): open cases re-plan (docs/adr/015).
  const calendarVersion = legalTime.calendar.version;
  if (await ensureCalendarReplan(client, pool, config.temporal.taskQueue, calendarVersion)) log.info({ calendarVersion }, 'calendar re-plan of open cases started');
  await client.connection.close();
  // The SDK stops polling on SIGINT/SIGTERM and lets running tasks finish before run() resolves.
  // Its own sign of life for /health, which Temporal's poller list cannot give for a stalled process.
  const stopBeating = beatWhileRunning(pool, config.temporal.taskQueue, heartbeatEvery(config.workerSeenWithinMs));
  try {
    await worker.run();
  } finally {
    await stopBeating();
  }
  await connection.close();
  await pool.end();
  log.info('worker stopped');
}

main().catch((err) => {
  console.error(`dsar worker: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(err instanceof ConfigError ? EXIT_CONFIG : 1);
});
