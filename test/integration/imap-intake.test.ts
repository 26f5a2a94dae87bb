import type { ChildProcess } from 'node:child_process';
import { ImapFlow } from 'imapflow';
import { buildApp } from '../../api/app';
import { freePort } from '../helpers/free-port';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mailboxKey, readState } from '../../intake/cursor-store';
import { runIntake } from '../../intake/run-intake';
import { createLogger } from '../../platform/logger';
import { imapSettings, type ImapSettings } from '../../platform/config';
import { startDovecot, type Dovecot } from '../helpers/dovecot';
import { startEngine, eventually, type Engine } from '../helpers/engine';
import { kill, startEntryPoint } from '../helpers/processes';
import { testClassifier } from '../helpers/test-classifier';

/** The IMAP consumer against a real dovecot, real PostgreSQL and Temporal: every message one case, across a SIGKILL. */
let engine: Engine;
let dovecot: Dovecot;
let imap: ImapSettings;
beforeAll(async () => {
  [engine, dovecot] = await Promise.all([startEngine({ classify: testClassifier }), startDovecot()]);
  imap = imapSettings({ IMAP_URL: dovecot.imapUrl, IMAP_POLL_INTERVAL_MS: '60000' })!;
}, 120_000);
afterAll(async () => { await dovecot?.stop(); await engine?.stop(); });

const letter = (i: number) => Buffer.from(
  `From: Subject ${i} <subject${i}@example.ru>\r\nTo: wellpro@wellengineering.ru\r\nSubject: Request ${i}\r\n`
  + `Message-ID: <burst-${i}@example.ru>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nПрошу предоставить сведения об обработке моих данных (${i}).\r\n`);
const count = async (sql: string) => Number((await engine.pool.query(sql)).rows[0].n);
async function folderCounts(): Promise<{ inbox: number; processed: number }> {
  const c = new ImapFlow({ host: '127.0.0.1', port: dovecot.imapPort, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
  await c.connect();
  try {
    const messages = async (folder: string) => { const s = await c.status(folder, { messages: true }); return s ? s.messages! : -1; };
    return { inbox: await messages('INBOX'), processed: await messages('Processed') };
  } finally {
    await c.logout();
  }
}
async function deliverAll(n: number) {
  for (let i = 0; i < n; i += 25) await Promise.all(Array.from({ length: Math.min(25, n - i) }, (_, j) => dovecot.deliver(letter(i + j))));
}

it('takes a burst of 500 messages in as exactly 500 cases, across a SIGKILL mid-batch and a restart, and moves each to Processed', async () => {
  const t0 = Date.now();
  await deliverAll(500);
  const delivered = Date.now();
  const env = { IMAP_URL: dovecot.imapUrl, IMAP_POLL_INTERVAL_MS: '1000', LOG_LEVEL: 'warn' };
  let child: ChildProcess = startEntryPoint('test/helpers/intake-entry.ts', engine.config, env);
  try {
    await eventually(async () => (await count('SELECT count(*) AS n FROM mail_messages')) >= 150, 120_000);
    await kill(child, 'SIGKILL');
    const atKill = await count('SELECT count(*) AS n FROM mail_messages');
    child = startEntryPoint('test/helpers/intake-entry.ts', engine.config, env);
    await eventually(async () => (await count('SELECT max(last_uid) AS n FROM intake_cursors')) === 500, 240_000);
    await eventually(async () => (await folderCounts()).processed === 500, 30_000);
    const done = Date.now();
    console.log(`IMAP burst: delivered 500 in ${delivered - t0} ms; taken in and moved in ${done - delivered} ms (SIGKILL after ${atKill})`);
    expect(atKill).toBeLessThan(500);
  } finally {
    await kill(child, 'SIGTERM');
  }
  expect(await folderCounts()).toEqual({ inbox: 0, processed: 500 });
  expect(await count('SELECT count(*) AS n FROM mail_messages')).toBe(500);
  expect(await count(`SELECT count(DISTINCT case_id) AS n FROM mail_messages WHERE outcome = 'case'`)).toBe(500);
  // Every case row is written (by intake or by the workflow's first activity), one per message.
  await eventually(async () => (await count(`SELECT count(*) AS n FROM cases WHERE idempotency_key LIKE 'mail:%'`)) === 500, 60_000);
  expect(await count(`SELECT count(*) AS n FROM cases WHERE type = 'access' AND opened_by = 'intake'`)).toBe(500);
  const cursor = (await engine.pool.query('SELECT last_uid, state FROM intake_cursors')).rows[0];
  expect(cursor).toMatchObject({ last_uid: '500' });
}, 400_000);

it('turns a message delivered while intake runs into a case with its acknowledgement within 5 s, by IDLE (the poll is 60 s)', async () => {
  // Measured in steady state: the worker first finishes the burst's 500 workflows (their acknowledgements).
  const backlog = Date.now();
  await eventually(async () => (await count(`SELECT count(*) AS n FROM letters WHERE kind = 'acknowledgement'`)) >= 500, 180_000);
  console.log(`worker backlog of the burst's acknowledgements drained ${Date.now() - backlog} ms after the burst test ended`);
  const log = createLogger('warn');
  const intake = await runIntake({ ...engine.config, imap }, testClassifier, log);
  try {
    await eventually(async () => (await readState(engine.pool, mailboxKey(imap), 60_000)) === 'ok', 30_000);
    const api = await buildApp({ ...engine.config, imap });
    try {
      expect((await api.inject({ url: '/health' })).json()).toMatchObject({ intake: 'ok' });
    } finally {
      await api.close();
    }
    await new Promise((r) => setTimeout(r, 500)); // let the consumer settle into IDLE
    const arrival = Date.now();
    await dovecot.deliver(Buffer.from('From: Late Subject <late@example.ru>\r\nTo: wellpro@wellengineering.ru\r\nSubject: Personal Data Request\r\n'
      + 'Message-ID: <late-1@example.ru>\r\n\r\nПрошу предоставить сведения об обработке моих данных.\r\n'));
    const recorded = await eventually(async () => (await engine.pool.query(`SELECT created_at FROM mail_messages WHERE message_id LIKE '%late-1@example.ru%'`)).rows[0]?.created_at as Date | undefined, 20_000);
    const acknowledged = await eventually(async () => {
      const { rows } = await engine.pool.query(
        `SELECT l.created_at FROM letters l JOIN mail_messages m ON m.case_id = l.case_id WHERE m.message_id LIKE '%late-1@example.ru%' AND l.kind = 'acknowledgement'`);
      return rows[0]?.created_at as Date | undefined;
    }, 20_000);
    const ms = acknowledged.getTime() - arrival;
    console.log(`IMAP latency: delivered → message recorded with its case in ${recorded.getTime() - arrival} ms, acknowledgement queued in ${ms} ms`);
    expect(ms).toBeLessThan(5_000);
  } finally {
    await intake.stop();
  }
  expect(await readState(engine.pool, mailboxKey(imap), 60_000)).toBe('down');
}, 240_000);

it('after a UIDVALIDITY change re-scans the folder: a new message becomes a case, a message seen before stays one case', async () => {
  // The server renumbered the folder: the stored cursor's UIDs mean nothing any more.
  await engine.pool.query('UPDATE intake_cursors SET uidvalidity = uidvalidity + 1, last_uid = 1000000');
  const c = new ImapFlow({ host: '127.0.0.1', port: dovecot.imapPort, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
  await c.connect();
  try {
    const lock = await c.getMailboxLock('Processed');
    try { await c.messageCopy('1:3', 'INBOX'); } finally { lock.release(); } // three messages already taken in, back in INBOX
  } finally {
    await c.logout();
  }
  await dovecot.deliver(letter(9001));
  const before = await count('SELECT count(*) AS n FROM mail_messages');
  const intake = await runIntake({ ...engine.config, imap }, testClassifier, createLogger('silent'));
  try {
    await eventually(async () => (await folderCounts()).inbox === 0, 30_000);
  } finally {
    await intake.stop();
  }
  expect(await count('SELECT count(*) AS n FROM mail_messages')).toBe(before + 1);
  expect(await count(`SELECT count(*) AS n FROM mail_messages WHERE message_id LIKE '%burst-9001@%' AND outcome = 'case'`)).toBe(1);
}, 120_000);

it('lets one process read a mailbox at a time: a second waits on standby and takes over when the first stops', async () => {
  const lockHolders = async () => count(`SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND granted`);
  const first = await runIntake({ ...engine.config, imap }, testClassifier, createLogger('silent'));
  expect(await first.reading).toBe(true);
  const second = await runIntake({ ...engine.config, imap }, testClassifier, createLogger('silent'));
  let secondReads = false;
  void second.reading.then((r) => { secondReads = r; });
  try {
    await new Promise((r) => setTimeout(r, 1500));
    expect(secondReads).toBe(false);
    expect(await lockHolders()).toBe(1);
    await first.stop();
    expect(await second.reading).toBe(true);
    await dovecot.deliver(letter(9002));
    await eventually(async () => (await count(`SELECT count(*) AS n FROM mail_messages WHERE message_id LIKE '%burst-9002@%'`)) === 1, 20_000);
  } finally {
    await first.stop().catch(() => undefined);
    await second.stop();
  }
}, 60_000);

it('keeps reconnecting with backoff to a mailbox it cannot reach, says "connecting", and records the error without the password', async () => {
  const unreachable = { ...imap, port: await freePort() };
  const intake = await runIntake({ ...engine.config, imap: unreachable }, testClassifier, createLogger('silent'));
  try {
    await eventually(async () => {
      const { rows } = await engine.pool.query('SELECT state, last_error FROM intake_cursors WHERE mailbox = $1', [mailboxKey(unreachable)]);
      return rows[0]?.last_error && rows[0];
    }, 20_000).then((row) => {
      expect(row.state).toBe('connecting');
      expect(row.last_error).not.toContain(imap.password);
      expect(row.last_error).not.toContain('@');
    });
    expect(await readState(engine.pool, mailboxKey(unreachable), 60_000)).toBe('connecting');
  } finally {
    await intake.stop();
  }
}, 60_000);
