/**
 * `npm start`: the whole engine on this machine — embedded PostgreSQL (unless DATABASE_URL), a Temporal
 * dev server persisted to .data/ (unless TEMPORAL_ADDRESS), the worker, the API and (with IMAP_URL) e-mail intake
 * as child processes. Where (ports, data folder) comes from platform/local-engine.ts, which `npx dsar` reads too.
 * The configuration is checked before anything starts: a refused setting stops here, said once (exit 78).
 * A crashed API or worker is restarted with backoff; Ctrl-C stops them all, in order; a second start reuses the data.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { ConfigError, EXIT_CONFIG, loadConfig, retentionSettings, temporalConfig } from '../platform/config';
import { migrate } from '../platform/db';
import { APP_LOGIN, appLoginPassword, asLogin, ensureAppLogin } from '../platform/db-login';
import { refusePrivilegedLogin } from '../platform/db-privilege';
import { loadLegalTime } from '../platform/legal-time-config';
import { localEngine, type LocalEngine } from '../platform/local-engine';
import { startDevTemporal, type DevTemporal } from '../platform/dev-temporal';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../platform/embedded-postgres';
import { supervise } from '../platform/supervisor';
import { ensureTemporalTools, projectRoot } from '../platform/tools';

const env = process.env;
const say = (m: string) => console.error(`dsar: ${m}`);
const stoppers: Array<() => Promise<void>> = [];
let stopping = false;

function payloadKey(dataDir: string): string {
  if (env.DSAR_PAYLOAD_KEY) return env.DSAR_PAYLOAD_KEY;
  const file = path.join(dataDir, 'payload.key');
  if (!existsSync(file)) {
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
    say(`generated the payload encryption key in ${file} (back it up with the data)`);
  }
  return readFileSync(file, 'utf8').trim();
}

/** API and worker are restarted when they crash (platform/supervisor.ts); too many crashes stop everything. */
function startChild(name: string, entry: string, childEnv: NodeJS.ProcessEnv): void {
  const supervised = supervise({
    name, say,
    start: () => spawn(process.execPath, ['--require', 'tsx/cjs', entry], { cwd: projectRoot, env: childEnv, stdio: 'inherit' }),
    shuttingDown: () => stopping,
    // A child can still refuse what checkConfig does not check (a letter template): stop, do not restart.
    giveUpOnExitCode: EXIT_CONFIG,
    onGiveUp: () => void shutdown(1),
  });
  stoppers.unshift(() => supervised.stop());
}

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (stoppers.length > 0) {
    say('stopping …');
    for (const stop of stoppers) await stop().catch((e: Error) => say(`while stopping: ${e.message}`));
    say('stopped.');
  }
  process.exit(code);
}

async function waitForHealth(url: string): Promise<void> {
  const until = Date.now() + 120_000;
  while (Date.now() < until && !stopping) {
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the API did not become healthy at ${url}`);
}

/**
 * What the API, worker and intake would refuse at boot, refused before anything starts: restarting a child
 * cannot fix a setting, and the message is said once instead of once per child and restart.
 */
function checkConfig(childEnv: NodeJS.ProcessEnv): void {
  const config = loadConfig(childEnv);
  loadLegalTime(config);
  retentionSettings(childEnv);
}

/** The settings a `npx dsar` command needs to find this engine, when they are not the defaults. */
function cliPrefix(): string {
  return ['DSAR_PG_PORT', 'PORT', 'HOST'].filter((name) => env[name]).map((name) => `${name}=${env[name]} `).join('');
}

async function main() {
  // `on`, not `once`: npm re-sends the terminal's SIGINT, and a second signal must not kill us mid-stop.
  process.on('SIGINT', () => void shutdown(0));
  // `npm start | tee log` with Ctrl-C: the reader dies first and writing to it fails (EPIPE). That must not
  // kill us before we have stopped Temporal and PostgreSQL, which run in their own process groups.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
  process.on('SIGTERM', () => void shutdown(0));
  const engine: LocalEngine = localEngine(env);
  const { dataDir } = engine;
  mkdirSync(dataDir, { recursive: true });
  const key = payloadKey(dataDir);
  checkConfig({ ...env, DATABASE_URL: engine.databaseUrl, DSAR_PAYLOAD_KEY: key });

  let databaseUrl = engine.databaseUrl;
  let ownerUrl = engine.ownerDatabaseUrl;
  let db: EmbeddedDatabase | undefined;
  if (engine.embeddedPgPort !== undefined) {
    say('starting embedded PostgreSQL …');
    db = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), port: engine.embeddedPgPort, log: say });
    stoppers.push(db.stop);
    ownerUrl = db.url;
  }

  const temporal = temporalConfig(env);
  let dev: DevTemporal | undefined;
  if (!env.TEMPORAL_ADDRESS) {
    const tools = ensureTemporalTools(env, say);
    say('starting the Temporal dev server …');
    dev = await startDevTemporal({
      cli: tools.cli, port: engine.temporalPort, uiPort: engine.temporalUiPort, namespace: temporal.namespace,
      dbFile: path.join(dataDir, 'temporal.sqlite'), logFile: path.join(dataDir, 'temporal.log'),
      retention: env.DSAR_TEMPORAL_RETENTION || '720h',
    });
    stoppers.unshift(dev.stop); // stop order: API, worker, Temporal, PostgreSQL
  }

  // Migrations as the owner, then the children log in as the app's own role (ADR 017): on the embedded server
  // npm start makes that login itself; on yours DATABASE_URL names it and DATABASE_OWNER_URL the owner.
  await migrate(ownerUrl);
  if (db) {
    const password = appLoginPassword(dataDir);
    await ensureAppLogin(db.url, APP_LOGIN, password);
    databaseUrl = asLogin(db.url, APP_LOGIN, password);
  }
  // Said once, here, instead of by every child and restart (each child checks it again).
  await refusePrivilegedLogin(databaseUrl, say);
  const childEnv = { ...env, DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: dev?.address ?? temporal.address, DSAR_PAYLOAD_KEY: key,
    // The dev server registered the case search attributes (platform/dev-temporal.ts).
    ...(dev ? { TEMPORAL_SEARCH_ATTRIBUTES: 'true' } : {}),
    // The codec endpoint's default origins are the dev UI's; follow it when TEMPORAL_UI_PORT moved it.
    ...(dev && !env.DSAR_CODEC_CORS_ORIGINS ? { DSAR_CODEC_CORS_ORIGINS: `http://127.0.0.1:${engine.temporalUiPort},http://localhost:${engine.temporalUiPort}` } : {}) };
  startChild('worker', 'worker/main.ts', childEnv);
  startChild('api', 'api/server.ts', childEnv);
  // E-mail intake reads the operator's mailbox only when one is configured.
  if (env.IMAP_URL) startChild('intake', 'intake/main.ts', childEnv);

  const base = engine.baseUrl;
  await waitForHealth(`${base}/health`);
  console.error([
    '',
    'DSAR engine is running.',
    `  Console       ${base}/   (officers and auditors sign in here)`,
    `  API           ${base}/api/v1/cases`,
    `  API docs      ${base}/docs   (OpenAPI: ${base}/api/v1/openapi.json)`,
    `  Health        ${base}/health`,
    env.SMTP_URL ? `  Letters       sent through ${env.SMTP_URL.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@')}`
      : '  Letters       SMTP_URL is not set: letters stay queued (unsent) in the outbox; set it, then `npx dsar letters send-queued`',
    env.IMAP_URL ? `  E-mail intake reads ${env.IMAP_URL.replace(/\/\/[^@/]*@/, '//')} (state on /health)` : '  E-mail intake IMAP_URL is not set: post messages to /api/v1/intake/email, or set it to read the mailbox',
    dev?.uiUrl ? `  Temporal UI   ${dev.uiUrl}/namespaces/${temporal.namespace}/workflows` : `  Temporal      ${temporal.address} (namespace ${temporal.namespace})`,
    db ? `  PostgreSQL    ${db.url.replace('dsar:dsar@', 'dsar:***@')} (embedded, data in ${path.join(dataDir, 'pg')})` : '  PostgreSQL    DATABASE_URL',
    '',
    `Get a token:   ${cliPrefix()}npx dsar token create --role officer --name "Your Name"`,
    `Sign in:       ${cliPrefix()}npx dsar user create --role officer --email you@example.ru --name "Your Name"   # prints a password; open ${base}/`,
    `Try it:        curl -H "Authorization: Bearer $TOKEN" ${base}/api/v1/cases`,
    'Stop:          Ctrl-C',
    '',
  ].join('\n'));
}

main().catch(async (err: unknown) => {
  say(`could not start: ${err instanceof Error ? err.message : String(err)}`);
  await shutdown(err instanceof ConfigError ? EXIT_CONFIG : 1);
});
