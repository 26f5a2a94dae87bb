import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPool } from '../../platform/db';
import { ensureDatabase } from '../../platform/embedded-postgres';
import { asLogin } from '../../platform/db-login';
import { loginPrivileges, privilegeProblem, refusePrivilegedLogin } from '../../platform/db-privilege';
import { EXIT_CONFIG } from '../../platform/config-error';
import { appLoginUrl, freshDatabase } from '../helpers/database';
import { runDsar } from '../helpers/dsar-cli';
import { testConfig } from '../helpers/engine';
import { freePort } from '../helpers/free-port';
import { kill, listening } from '../helpers/processes';

/**
 * ADR 017: the engine's processes log in as a role of their own (made by the owner, as global-setup and npm start
 * do), which can append to the audit log and nothing more: it cannot become the owner, switch the log's triggers
 * off or rewrite it. And a process given a login that could is refused at boot.
 */
let db: Awaited<ReturnType<typeof freshDatabase>>;
let app: pg.Client; // the app's login as it is, no startup role
let pool: pg.Pool; // as the engine's processes connect: createPool, `-c role=dsar_app`
let owner: pg.Client;
let ownerName: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  db = await freshDatabase();
  owner = new pg.Client({ connectionString: db.url });
  await owner.connect();
  ownerName = (await owner.query(`SELECT tableowner FROM pg_tables WHERE tablename = 'audit_events'`)).rows[0].tableowner;
  await owner.query(`INSERT INTO audit_events (actor, action, message, dedupe_key) VALUES ('test', 'test.event', 'one', 'roles:1')`);
  app = new pg.Client({ connectionString: db.appUrl });
  await app.connect();
  pool = createPool(db.appUrl, 2);
});
afterAll(async () => {
  for (const child of children) await kill(child, 'SIGKILL');
  await app?.end();
  await pool?.end();
  await owner?.end();
  await db?.drop();
});

describe("the app's login role", () => {
  it('may read and append to the audit log, and works as dsar_app through createPool', async () => {
    expect((await pool.query('SELECT current_user AS c, session_user AS s')).rows[0]).toEqual({ c: 'dsar_app', s: new URL(db.appUrl).username });
    await pool.query(`INSERT INTO audit_events (actor, action, message, dedupe_key) VALUES ('test', 'test.event', 'two', 'roles:2')`);
    expect((await app.query('SELECT count(*)::int AS n FROM audit_events')).rows[0].n).toBe(2);
  });

  it('cannot SET ROLE to the owner, and RESET ROLE returns to dsar_app (the startup role), never the owner', async () => {
    await expect(app.query(`SET ROLE ${owner.escapeIdentifier(ownerName)}`)).rejects.toThrow(/permission denied to set role/);
    const client = await pool.connect();
    try {
      await expect(client.query(`SET ROLE ${owner.escapeIdentifier(ownerName)}`)).rejects.toThrow(/permission denied to set role/);
      await client.query('RESET ROLE');
      const { rows } = await client.query(`SELECT current_user AS c, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS super`);
      expect(rows[0]).toEqual({ c: 'dsar_app', super: false });
    } finally {
      client.release();
    }
  });

  it('is refused UPDATE, DELETE and TRUNCATE of the audit log, ALTER TABLE, DISABLE TRIGGER and switching triggers off', async () => {
    for (const c of [app, pool]) {
      await expect(c.query(`UPDATE audit_events SET actor = 'someone else'`)).rejects.toThrow(/permission denied for table audit_events/);
      await expect(c.query('DELETE FROM audit_events')).rejects.toThrow(/permission denied for table audit_events/);
      await expect(c.query('TRUNCATE audit_events')).rejects.toThrow(/permission denied for table audit_events/);
      await expect(c.query('ALTER TABLE audit_events ADD COLUMN forged text')).rejects.toThrow(/must be owner of table audit_events/);
      await expect(c.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update')).rejects.toThrow(/must be owner of table audit_events/);
      await expect(c.query('DROP TRIGGER audit_events_chain ON audit_events')).rejects.toThrow(/must be owner of (table|relation) audit_events/);
      await expect(c.query('SET session_replication_role = replica')).rejects.toThrow(/permission denied to set parameter/);
      await expect(c.query(`DELETE FROM audit_anchors`)).rejects.toThrow(/permission denied for table audit_anchors/);
    }
    expect((await owner.query('SELECT count(*)::int AS n FROM audit_events')).rows[0].n).toBe(2);
  });

  it('passes the boot check; the owner (a superuser here), or a login that may become the owner, does not', async () => {
    expect(privilegeProblem(await loginPrivileges(app))).toBeUndefined();
    await refusePrivilegedLogin(db.appUrl, () => { throw new Error('no warning expected'); });
    expect(privilegeProblem(await loginPrivileges(owner))).toMatch(new RegExp(`^the database login ${ownerName} is a superuser, is or may become the owner \\(${ownerName}\\)`));

    // Not a superuser, but a member of the owner: it could SET ROLE to it.
    const member = `dsar_owner_member_${process.pid}`;
    await owner.query(`CREATE ROLE ${member} LOGIN PASSWORD 'member-secret' IN ROLE ${owner.escapeIdentifier(ownerName)}`);
    try {
      await expect(refusePrivilegedLogin(asLogin(db.url, member, 'member-secret'), () => undefined))
        .rejects.toThrow(`Refusing to start: the database login ${member} is or may become the owner (${ownerName}): it could SET ROLE back`);
      const warnings: string[] = [];
      await refusePrivilegedLogin(asLogin(db.url, member, 'member-secret'), (m) => warnings.push(m), { DSAR_DB_ALLOW_PRIVILEGED_LOGIN: 'true' });
      expect(warnings).toEqual([expect.stringMatching(/^DSAR_DB_ALLOW_PRIVILEGED_LOGIN=true: the database login .* may become the owner/)]);
    } finally {
      await owner.query(`DROP ROLE ${member}`);
    }
  });
});

describe('the API process', () => {
  const start = async (env: Record<string, string>) => {
    const port = await freePort();
    const config = testConfig(db.appUrl, 'dsar-roles-test');
    // As helpers/processes.ts starts it, with stderr kept for the refusal.
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', 'api/server.ts'], {
      cwd: path.resolve(__dirname, '../..'), stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, DATABASE_URL: config.databaseUrl, TEMPORAL_ADDRESS: config.temporal.address, TEMPORAL_NAMESPACE: 'dsar',
        TEMPORAL_TASK_QUEUE: config.temporal.taskQueue, DSAR_PAYLOAD_KEY: config.payloadKey.toString('base64'), LOG_LEVEL: 'warn',
        PORT: String(port), HOST: '127.0.0.1', ...env },
    });
    children.push(child);
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => { stderr += c.toString(); });
    return { child, base: `http://127.0.0.1:${port}`, stderr: () => stderr };
  };
  const exited = (child: ChildProcess) => new Promise<number | null>((r) => {
    if (child.exitCode !== null) r(child.exitCode); else child.once('exit', (code) => r(code));
  });

  it('starts as the login role; refuses the owner with exit 78 and says why; starts as the owner only when allowed', async () => {
    const asApp = await start({});
    await listening(asApp.child, `${asApp.base}/health`).catch((err: Error) => { throw new Error(`${err.message}: ${asApp.stderr()}`); });
    await kill(asApp.child, 'SIGTERM');

    const asOwner = await start({ DATABASE_URL: db.url });
    // Exits, rather than answering /health (which would mean it serves as the owner).
    const serving = listening(asOwner.child, `${asOwner.base}/health`).then(() => 'serving', () => new Promise<never>(() => undefined));
    expect(await Promise.race([exited(asOwner.child), serving])).toBe(EXIT_CONFIG);
    expect(asOwner.stderr()).toContain(`dsar api: Refusing to start: the database login ${ownerName} is a superuser`);

    const allowed = await start({ DATABASE_URL: db.url, DSAR_DB_ALLOW_PRIVILEGED_LOGIN: 'true' });
    await listening(allowed.child, `${allowed.base}/health`);
    expect(allowed.stderr()).toContain('dsar api: warning: DSAR_DB_ALLOW_PRIVILEGED_LOGIN=true: the database login');
    await kill(allowed.child, 'SIGTERM');
  }, 240_000); // three API starts (tsx compiles each) on a shared 2-core machine
});

describe('dsar app-login (what the DBA or docker compose runs as the owner)', () => {
  it('creates a login that passes the boot check, connecting as DATABASE_OWNER_URL; without a password it refuses', async () => {
    const login = `dsar_api_cli_${process.pid}`;
    const password = 'a-password-of-twenty-chars';
    // DATABASE_URL is the app's login, which may not create roles: the command must take DATABASE_OWNER_URL.
    const made = runDsar(db.appUrl, ['app-login', '--login', login], undefined, { DATABASE_OWNER_URL: db.url, DSAR_DB_APP_PASSWORD: password });
    try {
      expect(made.stderr).toContain(`dsar: login role ${login} is a member of dsar_app only`);
      expect(made.status).toBe(0);
      const client = new pg.Client({ connectionString: asLogin(db.url, login, password) });
      await client.connect();
      try {
        expect(privilegeProblem(await loginPrivileges(client))).toBeUndefined();
        await expect(client.query(`SET ROLE ${owner.escapeIdentifier(ownerName)}`)).rejects.toThrow(/permission denied to set role/);
        expect((await client.query(`SELECT pg_has_role(current_user, 'dsar_app', 'MEMBER') AS m`)).rows[0].m).toBe(true);
      } finally {
        await client.end();
      }
      const refused = runDsar(db.appUrl, ['app-login', '--login', login], undefined, { DATABASE_OWNER_URL: db.url, DSAR_DB_APP_PASSWORD: '' });
      expect(refused.stderr).toContain('set DSAR_DB_APP_PASSWORD (16+ characters)');
      expect(refused.status).toBe(78);
    } finally {
      await owner.query(`DROP ROLE IF EXISTS ${login}`);
    }
  });
});

describe('dsar migrate', () => {
  it('applies the migrations to an empty database as DATABASE_OWNER_URL, not as the app login of DATABASE_URL', async () => {
    const name = `dsar_migrate_${process.pid}`;
    const adminUrl = inject('pgAdminUrl');
    await ensureDatabase(adminUrl, name);
    const ownerUrl = adminUrl.replace(/\/[^/]*$/, `/${name}`);
    try {
      const run = runDsar(appLoginUrl(ownerUrl), ['migrate'], undefined, { DATABASE_OWNER_URL: ownerUrl });
      expect(run.status, run.stderr).toBe(0);
      const check = new pg.Client({ connectionString: ownerUrl });
      await check.connect();
      try {
        expect((await check.query(`SELECT tableowner FROM pg_tables WHERE tablename = 'audit_events'`)).rows).toEqual([{ tableowner: new URL(ownerUrl).username }]);
      } finally {
        await check.end();
      }
    } finally {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
