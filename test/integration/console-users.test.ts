import type pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPool } from '../../platform/db';
import { createSession, sessionUser } from '../../users/session-store';
import { createUser, signIn } from '../../users/user-store';
import { freshDatabase } from '../helpers/database';
import { runDsar } from '../helpers/dsar-cli';

/** `npx dsar user create|reset-password` against a real database, and what signing in then does. */
let db: Awaited<ReturnType<typeof freshDatabase>>;
let pool: pg.Pool;
beforeAll(async () => {
  db = await freshDatabase();
  pool = createPool(db.url, 2);
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

it('creates an account with a generated password printed once, stores only an argon2id hash, and refuses a second one', async () => {
  // PORT as `npm start` was given it: the message names the URL that engine serves (issue 15).
  const created = runDsar(db.url, ['user', 'create', '--role', 'dpo', '--email', 'Dora@Example.ru', '--name', 'Dora DPO'], undefined, { PORT: '3107' });
  expect(created.status, created.stderr).toBe(0);
  const password = created.stdout.trim();
  expect(password).toMatch(/^[A-Za-z0-9_-]{20}$/);
  expect(created.stderr).toContain('sign in at http://127.0.0.1:3107/ ');
  const row = (await pool.query(`SELECT role, name, password_hash FROM console_users WHERE email = 'Dora@Example.ru'`)).rows[0];
  expect(row).toMatchObject({ role: 'dpo', name: 'Dora DPO', password_hash: expect.stringMatching(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/) });
  expect(row.password_hash).not.toContain(password);
  expect(await signIn(pool, 'dora@example.ru', password)).toMatchObject({ user: { name: 'Dora DPO', role: 'dpo' } });
  const again = runDsar(db.url, ['user', 'create', '--role', 'officer', '--email', 'dora@example.ru']);
  expect(again.status).toBe(3);
  expect(again.stderr).toContain('reset-password');
});

it('takes a chosen password from stdin, refusing a short one', async () => {
  const short = runDsar(db.url, ['user', 'create', '--role', 'auditor', '--email', 'a@example.ru'], 'short\n');
  expect(short.status).toBe(4);
  expect(short.stderr).toContain('at least 12');
  const ok = runDsar(db.url, ['user', 'create', '--role', 'auditor', '--email', 'a@example.ru'], 'a long enough passphrase\n');
  expect(ok.status, ok.stderr).toBe(0);
  expect(ok.stdout).toBe('');
  expect(await signIn(pool, 'a@example.ru', 'a long enough passphrase')).toHaveProperty('user');
  expect(runDsar(db.url, ['user', 'create', '--role', 'root', '--email', 'b@example.ru']).status).not.toBe(0);
});

it('resets a password: the lockout is lifted and every session ends', async () => {
  const email = 'a@example.ru';
  const signedIn = await signIn(pool, email, 'a long enough passphrase');
  if (!('user' in signedIn)) throw new Error('sign-in failed');
  const token = await createSession(pool, signedIn.user.id, 60_000);
  for (let i = 0; i < 5; i++) await signIn(pool, email, 'wrong');
  expect(await signIn(pool, email, 'a long enough passphrase')).toMatchObject({ refused: 'locked' });
  const reset = runDsar(db.url, ['user', 'reset-password', '--email', email], 'another long passphrase\n');
  expect(reset.status, reset.stderr).toBe(0);
  expect(await sessionUser(pool, token)).toBeUndefined();
  expect(await signIn(pool, email, 'a long enough passphrase')).toEqual({ refused: 'unknown_or_wrong' });
  expect(await signIn(pool, email, 'another long passphrase')).toHaveProperty('user');
  expect(runDsar(db.url, ['user', 'reset-password', '--email', 'nobody@example.ru']).status).toBe(2);
});

it('forgets failed sign-ins once the right password is given: a few typos every day never add up to a lockout', async () => {
  const email = 'typist@example.ru';
  expect(await createUser(pool, { email, name: 'Tanya Typist', role: 'officer', password: 'the right long passphrase' })).toHaveProperty('id');
  for (let day = 0; day < 3; day++) {
    for (let i = 0; i < 4; i++) expect(await signIn(pool, email, 'the wrong long passphrase')).toEqual({ refused: 'unknown_or_wrong' });
    expect(await signIn(pool, email, 'the right long passphrase'), `day ${day}`).toHaveProperty('user');
  }
  expect(await signIn(pool, email, 'the wrong long passphrase')).toEqual({ refused: 'unknown_or_wrong' });
  expect((await pool.query('SELECT failed_attempts, locked_until FROM console_users WHERE email = $1', [email])).rows).toEqual([{ failed_attempts: 1, locked_until: null }]);
});
