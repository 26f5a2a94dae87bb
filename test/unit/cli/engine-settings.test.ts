import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';
import { freePort } from '../../helpers/free-port';

const root = path.resolve(__dirname, '../../..');

/** `npx dsar` in a shell with `npm start`'s settings reaches that engine's PostgreSQL, not the default port's (issue 15). */
it('looks for PostgreSQL on DSAR_PG_PORT when DATABASE_URL is not set, and says where it looked', async () => {
  const closed = await freePort(); // nothing listens there: the command fails fast, naming what it tried
  const run = spawnSync(process.execPath, [path.join(root, 'bin/dsar.cjs'), 'token', 'list'], {
    cwd: root, encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', DSAR_PG_PORT: String(closed) },
  });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain(`cannot use PostgreSQL at postgres://***@127.0.0.1:${closed}/dsar`);
  expect(run.stderr).toContain(`ECONNREFUSED 127.0.0.1:${closed}`);
}, 60_000); // a child `node` loading the CLI: seconds on a loaded machine

it('refuses a DSAR_PG_PORT that is not a port, naming it', () => {
  const run = spawnSync(process.execPath, [path.join(root, 'bin/dsar.cjs'), 'token', 'list'], {
    cwd: root, encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', DSAR_PG_PORT: 'five' },
  });
  expect(run.status).toBe(1);
  expect(run.stderr.trim()).toBe('dsar: DSAR_PG_PORT=five is not a port number: use an integer 0–65535.');
}, 60_000);
