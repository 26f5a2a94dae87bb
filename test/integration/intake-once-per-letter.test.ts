import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_OPERATOR_PROFILE, loadOperatorProfile } from '../../operator/profile';
import { runIntake } from '../../intake/run-intake';
import { imapSettings, letterSettings } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import { letterDeps } from '../../worker/letter-deps';
import { startDovecot, type Dovecot } from '../helpers/dovecot';
import { startEngine, eventually, type Engine } from '../helpers/engine';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { testClassifier } from '../helpers/test-classifier';

/**
 * Issue 16, point 3: exactly once per letter, not per byte string. The same letter relayed with other `Received:`
 * headers, or delivered to two of our mailboxes, is one case with one acknowledgement, counted at a real SMTP
 * server. Webhook over a real socket (app.listen); mailboxes in two real dovecots; real PostgreSQL and Temporal.
 */
let engine: Engine;
let smtp: SmtpSink;
let wellpro: Dovecot;
let mail: Dovecot;
let base: string;
beforeAll(async () => {
  smtp = await startSmtpSink();
  const letters = letterDeps({ ...letterSettings({ SMTP_URL: smtp.url }), operator: loadOperatorProfile(DEFAULT_OPERATOR_PROFILE) });
  [engine, wellpro, mail] = await Promise.all([
    startEngine({ classify: testClassifier, letters }), startDovecot({ user: 'wellpro' }), startDovecot({ user: 'mail' }),
  ]);
  base = await engine.app.listen({ host: '127.0.0.1', port: 0 });
}, 120_000);
afterAll(async () => {
  await Promise.all([wellpro?.stop(), mail?.stop()]);
  await engine?.stop();
  await smtp?.stop();
});

let n = 0;
/** When our server received relay copy `hop` (its day 0): an hour ago, a second apart, so the test ages. */
const relayedAt = (hop: number) => new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000 + hop * 1000).toUTCString().replace('GMT', '+0000');
/** One letter as its sender wrote it; each relay copy gets its own `Received:` trace on top. */
function letter(subject: string, opts: { messageId?: string; from?: string } = {}) {
  const id = ++n;
  const email = `once${id}.${Date.now()}@example.ru`;
  const headers = [
    `From: Ольга Однажды <${opts.from ?? email}>`, 'To: wellpro@wellengineering.ru', 'Cc: mail@wellengineering.ru', `Subject: ${subject}`,
    'Date: Mon, 7 Dec 2026 10:00:00 +0300', ...(opts.messageId === '' ? [] : [`Message-ID: ${opts.messageId ?? `<once-${id}-${Date.now()}@example.ru>`}`]),
    'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8',
  ];
  const body = `Прошу предоставить сведения об обработке моих данных (${id}).`;
  return {
    email,
    relayed: (hop: number, top: string[] = []) => Buffer.from([
      ...top, `Received: from relay${hop}.example.net (relay${hop}.example.net [192.0.2.${hop}]) by mx.wellengineering.ru; ${relayedAt(hop)}`,
      ...headers, '', body, '',
    ].join('\r\n')),
  };
}
async function post(raw: Buffer) {
  const res = await fetch(`${base}/api/v1/intake/email`, { method: 'POST', headers: { ...engine.auth('intake'), 'content-type': 'message/rfc822' }, body: raw });
  return { status: res.status, body: await res.json() as { caseId: string; duplicate: boolean } };
}
const casesOf = async (email: string) => (await engine.pool.query<{ id: string }>('SELECT id FROM cases WHERE subject_email = $1', [email])).rows.map((r) => r.id);
const acksTo = (email: string) => smtp.received.filter((m) => m.rcpt.includes(email));
/** Every letter of the case has had its SMTP answer: nothing queued or being sent is left to arrive later. */
async function lettersSettled(caseId: string) {
  await eventually(async () => {
    const { rows } = await engine.pool.query(`SELECT count(*) FILTER (WHERE status = 'sent') AS sent, count(*) AS n FROM letters WHERE case_id = $1`, [caseId]);
    return Number(rows[0].n) > 0 && rows[0].sent === rows[0].n;
  }, 30_000);
}

it('takes 20 concurrent webhook deliveries of one letter, each relayed with other Received headers, as one case with one acknowledgement', async () => {
  const l = letter('Запрос сведений');
  const results = await Promise.all(Array.from({ length: 20 }, (_, hop) => post(l.relayed(hop))));
  const cases = await casesOf(l.email); // each opening writes its case row before its POST is answered
  for (const id of cases) await lettersSettled(id);
  expect(acksTo(l.email)).toHaveLength(1); // what a duplicate would change: another acknowledgement at the SMTP server
  expect(cases).toHaveLength(1);
  expect(results.map((r) => r.status).sort()).toEqual([...Array(19).fill(200), 201]);
  expect(new Set(results.map((r) => r.body.caseId))).toEqual(new Set(cases));
  // The losers of the race waited for the winner instead of reserving case numbers that no case will ever use.
  const unused = await engine.pool.query('SELECT count(*) AS n FROM intake_keys k WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = k.case_id)');
  expect(Number(unused.rows[0].n)).toBe(0);
}, 60_000);

it('matches the Message-ID however it is written (brackets, spaces, domain case), and a letter without one by its body and headers', async () => {
  const l = letter('Запрос сведений', { messageId: '<Quoted-1@Example.RU>' });
  const first = await post(l.relayed(1));
  const again = await post(Buffer.from(l.relayed(2).toString().replace('<Quoted-1@Example.RU>', '< Quoted-1@example.ru >')));
  expect(again.body).toMatchObject({ duplicate: true, caseId: first.body.caseId });
  const bare = letter('Запрос без Message-ID', { messageId: '' });
  const results = await Promise.all([1, 2, 3].map((hop) => post(bare.relayed(hop))));
  expect(new Set(results.map((r) => r.body.caseId)).size).toBe(1);
  expect(results.filter((r) => !r.body.duplicate)).toHaveLength(1);
});

it('reads the same letter from both mailboxes (wellpro@ with mail@ in copy) as one case with one acknowledgement', async () => {
  const l = letter('Запрос в две ящика');
  for (let hop = 0; hop < 3; hop += 1) {
    await wellpro.deliver(l.relayed(hop, ['Delivered-To: wellpro@wellengineering.ru']), l.email);
    await mail.deliver(l.relayed(hop, ['Delivered-To: mail@wellengineering.ru']), l.email);
  }
  const log = createLogger('silent');
  const intakes = await Promise.all([wellpro, mail].map((d) => runIntake({ ...engine.config, imap: imapSettings({ IMAP_URL: d.imapUrl, IMAP_POLL_INTERVAL_MS: '60000' })! }, testClassifier, log)));
  try {
    await eventually(async () => Number((await engine.pool.query(`SELECT count(*) AS n FROM intake_cursors WHERE last_uid >= 3`)).rows[0].n) === 2, 30_000);
  } finally {
    await Promise.all(intakes.map((i) => i.stop()));
  }
  const [caseId] = await eventually(async () => { const c = await casesOf(l.email); return c.length > 0 && c; });
  expect(await casesOf(l.email)).toEqual([caseId]);
  await lettersSettled(caseId!);
  expect(acksTo(l.email)).toHaveLength(1);
}, 60_000);
