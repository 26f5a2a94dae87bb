import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../api/app';
import { DEFAULT_OPERATOR_PROFILE } from '../../operator/profile';
import { DEFAULT_SYSTEMS_FILE } from '../../operator/systems';
import { caseStateQuery } from '../../workflows/case-contract';
import { runDsarAsync } from '../helpers/dsar-cli';
import { eventually, startEngine, type Engine } from '../helpers/engine';
import { reminderFirings, repeated, scheduledActivityInputs } from '../helpers/history';
import { kill, startEntryPoint } from '../helpers/processes';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../helpers/smtp-sink';

/**
 * The production worker process is SIGKILLed mid-case — once between the SMTP server taking a letter and the worker
 * recording it — with real PostgreSQL, a real Temporal dev server and a real SMTP server on loopback. Nothing may be
 * lost, no reminder or escalation recorded twice, and no letter sent twice by the engine on its own (ADR 008).
 */
let engine: Engine;
let smtp: SmtpSink;
let worker: ChildProcess | undefined;
/** Set by a test: runs in the SMTP server once it holds a message, before it answers 250. */
let beforeReply: ((m: ReceivedMail) => Promise<void>) | undefined;
const DPO = 'dpo.kill@wellengineering.ru';
const HEAD = 'head.kill@wellengineering.ru';
let profileFile: string;

beforeAll(async () => {
  smtp = await startSmtpSink(undefined, { beforeReply: async (m) => beforeReply?.(m) });
  // Escalations need the DPO's and the head's mailboxes; the shipped profile names neither.
  const dir = mkdtempSync(path.join(tmpdir(), 'dsar-kill-'));
  profileFile = path.join(dir, 'operator.json');
  const profile = JSON.parse(readFileSync(DEFAULT_OPERATOR_PROFILE, 'utf8')) as Record<string, unknown>;
  writeFileSync(profileFile, JSON.stringify({
    ...profile, dpo: { name: 'Дина Ответственная', position: 'DPO', email: DPO }, head: { name: 'Глеб Директор', position: 'CEO', email: HEAD },
  }));
  engine = await startEngine({ worker: false });
});
afterAll(async () => {
  await kill(worker, 'SIGKILL');
  await engine?.stop();
  await smtp?.stop();
});

const startWorker = () =>
  startEntryPoint('worker/main.ts', engine.config, { SMTP_URL: smtp.url, DSAR_OPERATOR_PROFILE: profileFile, DSAR_SYSTEMS_FILE: DEFAULT_SYSTEMS_FILE });
const open = async (type: string, receivedAt: string, email: string) => {
  const res = await engine.app.inject({
    method: 'POST', url: '/api/v1/cases', headers: engine.auth('officer'),
    payload: { type, subject: { name: 'Кира Убитова', email }, channel: 'email', receivedAt },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
};
const act = (id: string, payload: object) =>
  engine.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/actions`, headers: engine.auth('officer'), payload });
const lettersOf = async (caseId: string) => (await engine.pool.query<{ id: string; dedupe_key: string; message_id: string; status: string }>(
  'SELECT id, dedupe_key, message_id, status FROM letters WHERE case_id = $1 ORDER BY dedupe_key', [caseId])).rows;
const copiesOf = (messageId: string) => smtp.received.filter((m) => m.mail.messageId === messageId).length;
const settled = async (caseIds: string[]) => {
  for (const id of caseIds) if ((await lettersOf(id)).some((l) => l.status === 'queued')) return false;
  return true;
};

/** The read model (cases, case_terms) says what the workflow itself says. */
async function expectReadModelMatchesWorkflow(caseId: string) {
  const state = await engine.app.temporal.workflow.getHandle(caseId).query(caseStateQuery);
  const { rows: [row] } = await engine.pool.query('SELECT status, step FROM cases WHERE id = $1', [caseId]);
  expect(row).toEqual({ status: state.status, step: state.step });
  const { rows: terms } = await engine.pool.query(
    `SELECT key, rule_id AS rule, status, to_char(due, 'YYYY-MM-DD') AS due, due_at, extended FROM case_terms WHERE case_id = $1 ORDER BY key`, [caseId]);
  const expected = [...state.terms].sort((a, b) => a.key.localeCompare(b.key));
  expect(terms.map((t) => ({ ...t, dueAt: (t.due_at as Date).toISOString(), due_at: undefined })))
    .toEqual(expected.map((t) => ({ ...t, due_at: undefined, dueAt: new Date(t.dueAt).toISOString() })));
}

/**
 * Each reminder and escalation fired once per case, term and key, and each letter handed to the activity once per
 * dedupe key: counted in the workflow's history, where a duplicate would show (audit and letter rows sit under UNIQUE
 * keys that absorb one). Each letter at most once at the server.
 */
async function expectNothingTwice(caseIds: string[]) {
  const scheduled = (id: string, activity: string) => scheduledActivityInputs(engine.app.temporal, id, activity, engine.config.payloadKey);
  let fired = 0;
  for (const id of caseIds) {
    const firings = await reminderFirings(engine.app.temporal, id, engine.config.payloadKey);
    fired += firings.length;
    expect(repeated(firings), id).toEqual([]);
    expect(repeated((await scheduled(id, 'sendCaseLetter')).map((l) => (l as { dedupeKey: string }).dedupeKey)), id).toEqual([]);
    const letters = await lettersOf(id);
    for (const l of letters) {
      // Sent: the server has it exactly once. Unconfirmed (a kill mid-send): at most once, never resent by itself.
      if (l.status === 'sent') expect(copiesOf(l.message_id), l.dedupe_key).toBe(1);
      else expect([l.dedupe_key, l.status, copiesOf(l.message_id) <= 1]).toEqual([l.dedupe_key, 'unconfirmed', true]);
    }
  }
  expect(fired).toBeGreaterThan(0); // the late case's escalation at least: the count above is not over nothing
  const ids = smtp.received.map((m) => m.mail.messageId);
  expect(ids.length).toBe(new Set(ids).size);
}

it('loses nothing and repeats nothing when the worker is killed mid-case, twice, while cases fall due', async () => {
  worker = startWorker();
  // Mid-path: the officer has assigned and extended the case; its letters are out.
  const access = await open('access', new Date().toISOString(), 'kira.access@example.ru');
  await eventually(async () => (await lettersOf(access))[0]?.status === 'sent', 60_000); // the worker is up and polling
  const assigned = await act(access, { action: 'assign', assignee: { name: 'Ольга Исполнитель', email: 'olga.kill@example.ru' } });
  expect(assigned.statusCode, assigned.body).toBe(200);
  const extended = await act(access, { action: 'extend', reason: 'Сведения хранятся в архиве и требуют проверки' });
  expect(extended.statusCode, extended.body).toBe(200);
  await eventually(async () => (await lettersOf(access)).length === 2 && settled([access]), 60_000);

  await kill(worker, 'SIGKILL');
  // While it is dead: a late request whose term is long over (its escalation falls due now), and an officer's
  // answer the API holds until a worker is back.
  const late = await open('cease_processing', '2025-10-24T10:00:00+03:00', 'kira.late@example.ru');
  const answering = act(access, { action: 'respond', note: 'ответ направлен' });
  await new Promise((r) => setTimeout(r, 1000));

  // Killed again in the middle of the catch-up: the late case's escalation is recorded and its letter to the DPO
  // is at the SMTP server, which has the DATA but has not answered yet (the letter to the head is not begun).
  const killed = new Promise<void>((resolve) => {
    beforeReply = async (m) => {
      if (!m.rcpt.includes(DPO) || !(m.mail.subject ?? '').includes(late)) return;
      beforeReply = undefined;
      // The acknowledgement goes out concurrently; let it finish, so exactly one letter is caught mid-send.
      await eventually(async () => (await lettersOf(late)).find((l) => l.dedupe_key.endsWith(':acknowledgement:subject'))?.status === 'sent');
      await kill(worker, 'SIGKILL');
      resolve();
    };
  });
  worker = startWorker();
  await killed;
  expect((await engine.pool.query(`SELECT 1 FROM audit_events WHERE case_id = $1 AND action = 'case.escalate'`, [late])).rowCount).toBe(1);
  worker = startWorker();

  const answered = await answering;
  expect(answered.statusCode, answered.body).toBe(200);
  // The letter caught mid-send is settled (unconfirmed) only when Temporal retries its activity: after its 1-minute
  // start-to-close timeout plus the 30 s retry interval, as nothing tells the server the worker died.
  await eventually(async () => (await lettersOf(late)).length === 3 && settled([access, late]), 150_000);

  for (const id of [access, late]) await expectReadModelMatchesWorkflow(id);
  expect((await engine.pool.query('SELECT status FROM cases WHERE id = ANY($1) ORDER BY id', [[access, late]])).rows.map((r) => r.status))
    .toEqual(['responded', 'overdue']);
  const actions = async (id: string) => (await engine.pool.query('SELECT action FROM audit_events WHERE case_id = $1 ORDER BY id', [id])).rows.map((r) => r.action);
  expect(await actions(access)).toEqual(['case.opened', 'case.assign', 'case.extend', 'case.respond']);
  expect(await actions(late)).toEqual(['case.opened', 'case.escalate']);
  expect((await lettersOf(access)).map((l) => l.dedupe_key.replace(`${access}:`, ''))).toEqual(['acknowledgement:subject', 'extension_notice:2:subject', 'response_cover:3:subject']);
  expect((await lettersOf(late)).map((l) => l.dedupe_key.replace(`${late}:`, '')))
    .toEqual(['acknowledgement:subject', 'reminder:answer:escalation:dpo', 'reminder:answer:escalation:head']);
  // The DPO's copy reached the server once and is not sent again by itself; the head's was sent by the retry.
  expect((await lettersOf(late)).map((l) => [l.status, copiesOf(l.message_id)])).toEqual([['sent', 1], ['unconfirmed', 1], ['sent', 1]]);
  await expectNothingTwice([access, late]);
}, 300_000);

it('a kill between the SMTP server taking a letter and the worker recording it: unconfirmed, one copy, then one explicit resend', async () => {
  worker ??= startWorker();
  let victim: string | undefined;
  beforeReply = async (m) => {
    if (victim && (m.mail.subject ?? '').includes(victim)) {
      beforeReply = undefined;
      await kill(worker, 'SIGKILL'); // the server holds the DATA; the worker never hears 250
    }
  };
  victim = await open('access', new Date().toISOString(), 'kira.window@example.ru');
  await eventually(async () => worker?.signalCode === 'SIGKILL', 60_000);
  worker = startWorker();

  const [ack] = await eventually(async () => {
    const rows = await lettersOf(victim);
    return rows[0]?.status === 'unconfirmed' && rows;
  }, 150_000);
  expect(copiesOf(ack!.message_id)).toBe(1);
  const listed = (await engine.app.inject({ method: 'GET', url: `/api/v1/cases/${victim}/letters`, headers: engine.auth('auditor') })).json();
  expect(listed.items).toMatchObject([{ kind: 'acknowledgement', status: 'unconfirmed', attempts: 1, sentAt: null, messageId: ack!.message_id }]);
  expect(Date.parse(listed.items[0].sendingSince)).toBeLessThanOrEqual(Date.now());

  const metricsApp = await buildApp({ ...engine.config, metricsToken: 'kill-metrics-token' });
  const scraped = (await metricsApp.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer kill-metrics-token' } })).body;
  await metricsApp.close();
  const unconfirmedNow = (await engine.pool.query(`SELECT count(*)::int AS n FROM letters WHERE status = 'unconfirmed'`)).rows[0].n as number;
  expect(scraped).toMatch(new RegExp(`^dsar_letters_unconfirmed ${unconfirmedNow}$`, 'm'));
  expect(unconfirmedNow).toBeGreaterThanOrEqual(1);

  const env = { SMTP_URL: smtp.url };
  const list = await runDsarAsync(engine.config.databaseUrl, ['letters', 'list', '--status', 'unconfirmed'], env);
  expect(list.status, list.stderr).toBe(0);
  expect(list.stdout.trim().split('\n').map((l) => JSON.parse(l))).toContainEqual(expect.objectContaining({ id: Number(ack!.id), caseId: victim, status: 'unconfirmed' }));
  expect(list.stdout).not.toContain('kira.window@example.ru');

  const resent = await runDsarAsync(engine.config.databaseUrl, ['letters', 'resend', ack!.id, '--name', 'Officer Olga'], env);
  expect(resent.status, resent.stderr).toBe(0);
  expect(copiesOf(ack!.message_id)).toBe(2); // the second copy is the officer's explicit, audited choice
  expect((await lettersOf(victim))[0]).toMatchObject({ status: 'sent' });
  const again = await runDsarAsync(engine.config.databaseUrl, ['letters', 'resend', ack!.id], env);
  expect(again.status).toBe(3);
  expect(again.stderr).toMatch(/nothing to resend/);
  expect(copiesOf(ack!.message_id)).toBe(2);
  const audit = await engine.pool.query(`SELECT actor, data FROM audit_events WHERE case_id = $1 AND action = 'letter.resend'`, [victim]);
  expect(audit.rows).toEqual([{ actor: 'Officer Olga', data: expect.objectContaining({ letterId: Number(ack!.id), messageId: ack!.message_id }) }]);
  await expectReadModelMatchesWorkflow(victim);
}, 300_000);
