import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { randomBytes } from 'node:crypto';
import { migrate } from '../../platform/db';
import { ensureAppLogin } from '../../platform/db-login';
import { startDevTemporal } from '../../platform/dev-temporal';
import { ensureDatabase, startEmbeddedPostgres } from '../../platform/embedded-postgres';
import { ensureTemporalTools } from '../../platform/tools';
import { failureConverterPath } from '../../platform/temporal';
import { workflowsPath } from '../../worker/create-worker';
import { freePort } from './free-port';

declare module 'vitest' {
  interface ProvidedContext {
    /** Admin connection to the test PostgreSQL; test files clone `templateDatabase` from it. */
    pgAdminUrl: string;
    templateDatabase: string;
    /** The app's login role (only a member of dsar_app): the API, worker and intake processes log in as it (ADR 017). */
    pgAppLogin: { login: string; password: string };
    temporalAddress: string;
    temporalTestServer: string;
    workflowBundleCode: string;
  }
}

const TEMPLATE = 'dsar_template';

type Servers = { [K in keyof import('vitest').ProvidedContext]: import('vitest').ProvidedContext[K] };
/**
 * The workflow and integration projects both name this file; vitest calls it once per project in the same
 * process, so the servers are started by the first call and stopped after the last project's teardown.
 */
const shared = globalThis as { dsarTestServers?: { users: number; ready: Promise<{ servers: Servers; teardown: () => Promise<void> }> } };

export default async function setup(project: TestProject) {
  const entry = (shared.dsarTestServers ??= { users: 0, ready: startServers() });
  entry.users += 1;
  const { servers, teardown } = await entry.ready.catch((err: unknown) => {
    if (--entry.users === 0) delete shared.dsarTestServers;
    throw err;
  });
  for (const key of Object.keys(servers) as Array<keyof Servers>) project.provide(key, servers[key]);
  return async () => {
    if (--entry.users > 0) return;
    delete shared.dsarTestServers;
    await teardown();
  };
}

/**
 * Real servers for the workflow and integration projects, on loopback only, stopped at the end: PostgreSQL
 * (embedded, or TEST_DATABASE_ADMIN_URL), a Temporal dev server (in memory), and the migrated template
 * database. The workflow bundle is built once here, which is also the check that workflow code
 * imports nothing the sandbox forbids (Node built-ins, I/O libraries): the bundler refuses them.
 */
async function startServers(): Promise<{ servers: Servers; teardown: () => Promise<void> }> {
  const tools = ensureTemporalTools();
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'dsar-test-'));
  const stops: Array<() => Promise<void>> = [];
  const teardown = async () => {
    for (const stop of stops) await stop().catch(() => undefined);
    rmSync(scratch, { recursive: true, force: true });
  };

  try {
    let adminUrl = process.env.TEST_DATABASE_ADMIN_URL;
    if (!adminUrl) {
      const db = await startEmbeddedPostgres({ dataDir: path.join(scratch, 'pg'), port: await freePort(), database: 'dsar_scratch' });
      stops.push(db.stop);
      adminUrl = db.adminUrl;
    }
    await ensureDatabase(adminUrl, TEMPLATE);
    await migrate(adminUrl.replace(/\/[^/]*$/, `/${TEMPLATE}`));
    // As npm start does: a login role of the app's own, made by the owner; roles are the cluster's, grants the template's.
    // Its own name per run: runs sharing a TEST_DATABASE_ADMIN_URL server must not reset each other's password.
    const pgAppLogin = { login: `dsar_api_test_${process.pid}`, password: randomBytes(18).toString('base64url') };
    await ensureAppLogin(adminUrl, pgAppLogin.login, pgAppLogin.password);
    const owner = adminUrl;
    stops.unshift(() => dropRole(owner, pgAppLogin.login));

    const temporal = await startDevTemporal({
      cli: tools.cli, port: await freePort(), namespace: 'dsar', logFile: path.join(scratch, 'temporal.log'),
      // A worker re-polls at least once per long poll: a short one lets the health test see a stopped
      // worker disappear within seconds (60 s on a default server).
      dynamicConfig: { 'matching.longPollExpirationInterval': '5s' },
    });
    stops.unshift(temporal.stop);

    // Bundled as the production worker bundles it, failure converter included.
    const bundle = await bundleWorkflowCode({ workflowsPath, failureConverterPath, logger: quietLogger });

    const servers: Servers = {
      pgAdminUrl: adminUrl, templateDatabase: TEMPLATE, pgAppLogin, temporalAddress: temporal.address,
      temporalTestServer: tools.testServer, workflowBundleCode: bundle.code,
    };
    return { servers, teardown };
  } catch (err) {
    await teardown(); // a failed setup must not leave servers running
    throw err;
  }
}

/** The test login, at teardown (on a shared server; the embedded one goes away with its data). */
async function dropRole(adminUrl: string, role: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP ROLE IF EXISTS ${client.escapeIdentifier(role)}`);
  } finally {
    await client.end();
  }
}

const noop = () => undefined;
const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop };
