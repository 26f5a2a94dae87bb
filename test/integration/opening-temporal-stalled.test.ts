import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createToken } from '../../api/features/tokens/token-store';
import { createPool } from '../../platform/db';
import { startDevTemporal, type DevTemporal } from '../../platform/dev-temporal';
import { ensureTemporalTools } from '../../platform/tools';
import { freshDatabase } from '../helpers/database';
import { startDovecot, type Dovecot } from '../helpers/dovecot';
import { testConfig } from '../helpers/engine';
import { eventually } from '../helpers/eventually';
import { freePort } from '../helpers/free-port';
import { kill, listening, startEntryPoint } from '../helpers/processes';
import { receivedByOurServer } from '../helpers/received-header';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';

/**
 * Issue 16, point 5, over real processes and sockets: the API, the worker and the IMAP intake run as separate
 * processes against their own Temporal dev server, which is frozen with SIGSTOP (a stalled server: sockets open,
 * nothing answers). One API open, one webhook letter and one letter delivered to the mailbox are each sent once and
 * never retried. They are accepted (202, the intake takes its letter in); the API and the intake are then killed
 * (SIGKILL) and started again, and once Temporal runs again each request becomes one case with one running workflow
 * and exactly one acknowledgement at the SMTP server, started by the new API process's reconciler.
 * Before: the open and the webhook answered 503 and nothing started unless the sender retried (issue 16).
 */
let temporal: DevTemporal;
let db: Awaited<ReturnType<typeof freshDatabase>>;
let pool: pg.Pool;
let dovecot: Dovecot;
let smtp: SmtpSink;
let scratch: string;
let base: string;
let client: Client | undefined;
const children: ChildProcess[] = [];
let startApi: () => Promise<ChildProcess>;
let startIntake: () => ChildProcess;
const tokens = { officer: '', intake: '' };
const RECONCILE_MS = 1_000;
const METRICS_TOKEN = randomBytes(24).toString('base64');

beforeAll(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'dsar-stalled-'));
  [temporal, db, dovecot, smtp] = await Promise.all([
    freePort().then((port) => startDevTemporal({ cli: ensureTemporalTools().cli, port, namespace: 'dsar', logFile: path.join(scratch, 'temporal.log') })),
    freshDatabase(), startDovecot(), startSmtpSink(),
  ]);
  pool = createPool(db.url, 2);
  tokens.officer = await createToken(pool, 'officer', 'stalled officer');
  tokens.intake = await createToken(pool, 'intake', 'stalled webhook');
  const config = testConfig(db.url, `dsar-stalled-${randomBytes(4).toString('hex')}`);
  const engine = { ...config, temporal: { ...config.temporal, address: temporal.address } };
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // The reconciler setting is the API's; a plant of the bug sets it to 0 here (DSAR_OPENING_RECONCILE_MS).
  const env = { SMTP_URL: smtp.url, IMAP_URL: dovecot.imapUrl, IMAP_POLL_INTERVAL_MS: '1000', DSAR_OPENING_RECONCILE_MS: String(RECONCILE_MS) };
  children.push(startEntryPoint('worker/main.ts', engine, env));
  startApi = async () => {
    const api = startEntryPoint('api/server.ts', engine, { ...env, PORT: String(port), HOST: '127.0.0.1', DSAR_METRICS_TOKEN: METRICS_TOKEN });
    children.push(api);
    await listening(api, `${base}/health`);
    return api;
  };
  startIntake = () => {
    const intake = startEntryPoint('test/helpers/intake-entry.ts', engine, env);
    children.push(intake);
    return intake;
  };
  startIntake();
  await startApi();
  await eventually(async () => {
    const health = await fetch(`${base}/health`).then(async (r) => (r.ok ? r.json() as Promise<{ intake: string }> : undefined), () => undefined);
    return health?.intake === 'ok';
  }, 120_000);
  client = new Client({ connection: await Connection.connect({ address: temporal.address }), namespace: 'dsar' });
}, 200_000);

afterAll(async () => {
  if (temporal?.process.pid) process.kill(-temporal.process.pid, 'SIGCONT'); // a failed test must not leave it frozen
  for (const child of children) await kill(child, 'SIGTERM');
  await client?.connection.close();
  await temporal?.stop();
  await pool?.end();
  await Promise.all([dovecot?.stop(), smtp?.stop()]);
  await db?.drop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}, 60_000);

/** `dsar_openings_pending` as Prometheus scrapes it from the API process. */
async function openingsPending(): Promise<number> {
  const text = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  return Number(/^dsar_openings_pending (\S+)$/m.exec(text)?.[1]);
}

const letter = (n: string, from: string) => Buffer.from(
  `${receivedByOurServer()}From: Subject ${n} <${from}>\r\nTo: wellpro@wellengineering.ru\r\nSubject: Personal Data Request\r\n`
  + `Message-ID: <stalled-${n}-${randomBytes(4).toString('hex')}@example.ru>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n`
  + 'Прошу предоставить сведения об обработке моих персональных данных.\r\n');

it('accepts an open, a webhook letter and a mailbox letter while Temporal is stalled, and starts each once when it is back', async () => {
  const pid = temporal.process.pid!;
  process.kill(-pid, 'SIGSTOP'); // the whole process group of the dev server
  const stalledAt = Date.now();

  // Each sent once: no Idempotency-Key, no retry.
  const [open, webhook] = await Promise.all([
    fetch(`${base}/api/v1/cases`, {
      method: 'POST', headers: { authorization: `Bearer ${tokens.officer}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'access', channel: 'email', receivedAt: new Date().toISOString(), subject: { name: 'Stalled Api', email: 'api.stalled@example.ru' } }),
    }),
    fetch(`${base}/api/v1/intake/email`, {
      method: 'POST', headers: { authorization: `Bearer ${tokens.intake}`, 'content-type': 'message/rfc822' }, body: letter('webhook', 'webhook.stalled@example.ru'),
    }),
    dovecot.deliver(letter('imap', 'imap.stalled@example.ru'), 'imap.stalled@example.ru'),
  ]);
  const answeredMs = Date.now() - stalledAt;
  const opened = await open.json() as { id: string; status: string };
  const taken = await webhook.json() as { caseId: string; outcome: string; opening?: string };
  expect(open.status).toBe(202);
  expect(opened.status).toBe('opening');
  expect(webhook.status).toBe(202);
  expect(taken).toMatchObject({ outcome: 'case', opening: 'pending' });
  // The mailbox letter: taken in (its row names its case) while Temporal is still frozen.
  const imapCase = await eventually(async () => (await pool.query<{ case_id: string }>(
    `SELECT case_id FROM mail_messages WHERE source = 'imap' AND case_id IS NOT NULL`)).rows[0]?.case_id, 40_000);
  const ids = [opened.id, taken.caseId, imapCase].sort();
  expect(new Set(ids).size).toBe(3);

  // Still frozen: all three are listed as waiting, none is a case yet.
  const waiting = await eventually(async () => {
    const res = await fetch(`${base}/api/v1/openings`, { headers: { authorization: `Bearer ${tokens.officer}` } });
    const items = ((await res.json()) as { items: Array<{ caseId: string }> }).items.map((o) => o.caseId).sort();
    return items.length === 3 && items;
  }, 20_000);
  expect(waiting).toEqual(ids);
  // The reconciler has claimed each while the server is frozen: its own start waits on it (or times out and is
  // tried again later), and the accepting request's start, given up on, may yet be taken by the server.
  await eventually(async () => (await pool.query(
    'SELECT count(*)::int AS n FROM case_openings WHERE attempts >= 1 AND last_error IS NOT NULL')).rows[0].n === 3, 60_000);
  expect((await pool.query('SELECT count(*)::int AS n FROM cases')).rows[0].n).toBe(0);
  expect(await openingsPending()).toBe(3);
  const stalledForMs = Date.now() - stalledAt;

  // The API that answered 202 and the intake that took the letter in die (kill -9) before Temporal is back:
  // what they accepted is in PostgreSQL, and the next API process's reconciler starts it.
  const [intake, api] = children.slice(1, 3); // started in that order, after the worker
  await Promise.all([kill(api, 'SIGKILL'), kill(intake, 'SIGKILL')]);
  process.kill(-pid, 'SIGCONT');
  const resumedAt = Date.now();
  startIntake();
  await startApi();
  // One acknowledgement per case at the SMTP server, with no sender retrying anything.
  await eventually(async () => ids.every((id) => smtp.received.some((m) => (m.mail.subject ?? '').includes(`[${id}]`))), 90_000)
    .catch((err: Error) => { throw new Error(`${err.message}: acknowledged ${JSON.stringify(smtp.received.map((m) => m.mail.subject))} of ${ids.join(', ')}`); });
  const startedMs = Date.now() - resumedAt;
  // Long enough for the reconciler to have run many more passes: nothing starts or sends twice.
  await new Promise((r) => setTimeout(r, 5 * RECONCILE_MS + 3_000));
  for (const id of ids) {
    expect(smtp.received.filter((m) => (m.mail.subject ?? '').includes(`[${id}]`))).toHaveLength(1);
    const runs = [];
    for await (const wf of client!.workflow.list({ query: `WorkflowId = '${id}'` })) runs.push(wf.status.name);
    expect(runs).toEqual(['RUNNING']);
  }
  expect(smtp.received).toHaveLength(3);
  const cases = (await pool.query<{ id: string }>('SELECT id FROM cases ORDER BY id')).rows.map((r) => r.id);
  expect(cases).toEqual(ids);
  const pending = (await pool.query('SELECT count(*)::int AS n FROM case_openings WHERE started_at IS NULL OR body IS NOT NULL')).rows[0].n;
  expect(pending).toBe(0);
  expect(await openingsPending()).toBe(0);
  console.log(`stalled Temporal: open and webhook answered 202 in ${answeredMs} ms; stalled ${stalledForMs} ms; `
    + `after SIGCONT (API and intake killed, started again) all three acknowledged in ${startedMs} ms`);
}, 240_000);
