import { spawn } from 'node:child_process';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  LetterNotResendable, LetterRejected, LetterSendFailed, SAMPLE_LETTER_DATA, createLetterRenderer, createSmtpTransport, getLetter,
  lettersWithStatus, queueLetter, resendUnconfirmedLetter, sendQueuedLetter, type LetterKind, type QueueLetterInput,
} from '../../letters';
import { letterSettings } from '../../platform/config';
import { eventually, startEngine, type Engine } from '../helpers/engine';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';

let engine: Engine;
let smtp: SmtpSink | undefined;
const renderer = createLetterRenderer();
const FROM = 'wellpro@wellengineering.ru';
let n = 0;

beforeAll(async () => { engine = await startEngine({ worker: false }); });
afterAll(async () => { await engine?.stop(); });
afterEach(async () => { await smtp?.stop(); smtp = undefined; });

const transportFor = (sink: SmtpSink) => createSmtpTransport(letterSettings({ SMTP_URL: sink.url }).smtp);
function letter(kind: LetterKind = 'acknowledgement', to = 'ivan@example.ru'): QueueLetterInput {
  const caseId = `DSAR-2025-${String(900_000 + ++n)}`;
  return { caseId, kind, language: 'ru', from: FROM, to, data: { ...SAMPLE_LETTER_DATA[kind], caseNumber: caseId }, dedupeKey: `${caseId}:${kind}` } as QueueLetterInput;
}
const row = async (id: number) => (await getLetter(engine.pool, id))!;

/** `npx dsar …` as a child process, without blocking this process: the SMTP server under test runs here. */
function dsar(args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const root = path.resolve(__dirname, '../..');
  const child = spawn(process.execPath, [path.join(root, 'bin/dsar.cjs'), ...args], {
    cwd: root, env: { ...process.env, ...env, DATABASE_URL: engine.config.databaseUrl }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
  child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

describe('queue and send through a real SMTP server', () => {
  it('stores the exact text once per dedupe key, then sends it with that text, intact Cyrillic and its Message-ID', async () => {
    smtp = await startSmtpSink();
    const input = letter();
    const id = await queueLetter(engine.pool, renderer, input);
    expect(await queueLetter(engine.pool, renderer, { ...input, data: { ...input.data, note: 'changed' } } as QueueLetterInput)).toBe(id);
    const stored = await row(id);
    expect(stored).toMatchObject({ status: 'queued', attempts: 0, sentAt: null, to: 'ivan@example.ru' });
    expect(stored.text).not.toContain('changed');

    const outcome = await sendQueuedLetter(engine.pool, transportFor(smtp), id);
    expect(outcome).toEqual({ sent: true, messageId: stored.messageId, alreadySent: false });
    expect(smtp.received).toHaveLength(1);
    const { mail, rcpt } = smtp.received[0]!;
    expect(rcpt).toEqual(['ivan@example.ru']);
    expect(mail.subject).toBe(`Обращение № ${input.caseId} зарегистрировано [${input.caseId}]`); // the tag files replies with the case
    expect(mail.subject).toBe(stored.subject);
    expect(mail.text?.replace(/\r\n/g, '\n').trimEnd()).toBe(stored.text.trimEnd());
    expect(mail.text).toContain('Уважаемый(-ая) Иванов Иван Иванович!');
    expect(mail.text).toContain('Федерального закона от 27.07.2006 № 152-ФЗ «О персональных данных»');
    expect(mail.messageId).toBe(stored.messageId);
    expect(mail.from?.address).toBe(FROM);

    const sent = await row(id);
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(sent.sentAt).toBeInstanceOf(Date);
    // Sending a sent letter again does nothing.
    expect(await sendQueuedLetter(engine.pool, transportFor(smtp), id)).toMatchObject({ sent: true, alreadySent: true });
    expect(smtp.received).toHaveLength(1);
  });

  it('a crash between sending and recording: the retry does not send again, the letter is unconfirmed until resent by hand', async () => {
    smtp = await startSmtpSink();
    const id = await queueLetter(engine.pool, renderer, letter('extension_notice'));
    // The worker "dies" after the SMTP server accepted the letter, before the row says so.
    let crashed = false;
    const crashingPool = {
      query: (text: string, params?: unknown[]) => {
        if (!crashed && text.includes("status = 'sent'")) { crashed = true; return Promise.reject(new Error('worker killed')); }
        return engine.pool.query(text, params);
      },
    } as unknown as pg.Pool;
    await expect(sendQueuedLetter(crashingPool, transportFor(smtp), id)).rejects.toThrow('worker killed');
    const open = await row(id);
    expect(open).toMatchObject({ status: 'queued', attempts: 1 });
    expect(open.sendingSince).toBeInstanceOf(Date);

    // The activity is retried: it finds the attempt without an outcome and does not send (at most once, ADR 008).
    const outcome = await sendQueuedLetter(engine.pool, transportFor(smtp), id);
    expect(outcome).toEqual({ sent: false, reason: 'unconfirmed', messageId: open.messageId });
    expect(await sendQueuedLetter(engine.pool, transportFor(smtp), id)).toMatchObject({ reason: 'unconfirmed' });
    expect(smtp.received).toHaveLength(1);
    expect(await row(id)).toMatchObject({ status: 'unconfirmed', attempts: 1, sendingSince: open.sendingSince, sentAt: null });
    expect((await lettersWithStatus(engine.pool, 'unconfirmed')).map((l) => l.id)).toContain(id);

    // An officer checked the mail log and resends it: once more, as the same message.
    expect(await resendUnconfirmedLetter(engine.pool, transportFor(smtp)!, id)).toMatchObject({ sent: true, alreadySent: false });
    await expect(resendUnconfirmedLetter(engine.pool, transportFor(smtp)!, id)).rejects.toThrow(LetterNotResendable);
    expect(smtp.received).toHaveLength(2);
    const [first, second] = smtp.received.map((r) => r.mail);
    expect(second!.messageId).toBe(first!.messageId);
    expect(second!.messageId).toBe((await row(id)).messageId);
    const rows = await engine.pool.query(`SELECT status, attempts, sending_since FROM letters WHERE id = $1`, [id]);
    expect(rows.rows).toEqual([{ status: 'sent', attempts: 2, sending_since: null }]);
  });

  it('a slow attempt another one gave up on still records its success: unconfirmed → sent', async () => {
    smtp = await startSmtpSink();
    const id = await queueLetter(engine.pool, renderer, letter('refusal'));
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    const slowPool = {
      query: async (text: string, params?: unknown[]) => {
        if (text.includes("status = 'sent'")) await held; // accepted by the server, not yet recorded
        return engine.pool.query(text, params);
      },
    } as unknown as pg.Pool;
    const slow = sendQueuedLetter(slowPool, transportFor(smtp), id);
    await eventually(async () => smtp!.received.length === 1);
    expect(await sendQueuedLetter(engine.pool, transportFor(smtp), id)).toMatchObject({ reason: 'unconfirmed' });
    release();
    expect(await slow).toMatchObject({ sent: true });
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 1, sendingSince: null });
    expect(smtp.received).toHaveLength(1);
  });

  it('SMTP down: a retryable error, the letter stays queued; sent once the server is back', async () => {
    smtp = await startSmtpSink();
    const { port } = smtp;
    await smtp.stop();
    const id = await queueLetter(engine.pool, renderer, letter('information_request'));
    const transport = createSmtpTransport(letterSettings({ SMTP_URL: `smtp://127.0.0.1:${port}` }).smtp);
    const failure = await sendQueuedLetter(engine.pool, transport, id).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(LetterSendFailed);
    expect(failure).not.toBeInstanceOf(LetterRejected);
    const waiting = await row(id);
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1, sentAt: null });
    expect(waiting.lastError).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);

    smtp = await startSmtpSink(port);
    expect(await sendQueuedLetter(engine.pool, transport, id)).toMatchObject({ sent: true });
    expect(smtp.received).toHaveLength(1);
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });

  it('a 550 refusal of the recipient: failed_permanently and LetterRejected, never retried, no address in last_error', async () => {
    smtp = await startSmtpSink();
    const id = await queueLetter(engine.pool, renderer, letter('refusal', 'refuse.me@example.ru'));
    const failure = await sendQueuedLetter(engine.pool, transportFor(smtp), id).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(LetterRejected);
    expect((failure as Error).name).toBe('LetterRejected'); // what Temporal's nonRetryableErrorTypes matches
    const refused = await row(id);
    expect(refused).toMatchObject({ status: 'failed_permanently', attempts: 1, sentAt: null });
    expect(refused.lastError).toMatch(/550/);
    expect(refused.lastError).not.toContain('refuse.me');
    await expect(sendQueuedLetter(engine.pool, transportFor(smtp), id)).rejects.toBeInstanceOf(LetterRejected);
    expect((await row(id)).attempts).toBe(1);
    expect(smtp.received).toHaveLength(0);
  });

  it('a 4xx (greylisting) is temporary: LetterSendFailed, the letter stays queued, and the next attempt delivers it', async () => {
    smtp = await startSmtpSink();
    const id = await queueLetter(engine.pool, renderer, letter('acknowledgement', 'greylisted.ivan@example.ru'));
    const failure = await sendQueuedLetter(engine.pool, transportFor(smtp), id).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(LetterSendFailed); // retried by Temporal, unlike LetterRejected
    expect(failure).not.toBeInstanceOf(LetterRejected);
    const waiting = await row(id);
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1, sentAt: null, sendingSince: null });
    expect(waiting.lastError).toMatch(/451/);
    expect(waiting.lastError).not.toContain('greylisted.ivan');
    expect(await sendQueuedLetter(engine.pool, transportFor(smtp), id)).toMatchObject({ sent: true, alreadySent: false });
    expect(smtp.received.map((m) => m.rcpt)).toEqual([['greylisted.ivan@example.ru']]);
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });

  it('two officers resending one unconfirmed letter at the same moment: the server gets it once, the other is told', async () => {
    smtp = await startSmtpSink();
    const id = await queueLetter(engine.pool, renderer, letter('destruction_notice'));
    // An attempt that died mid-send (as in the crash test above) left it unconfirmed.
    await engine.pool.query(`UPDATE letters SET status = 'unconfirmed', attempts = 1, sending_since = now() WHERE id = $1`, [id]);
    // Both resends read the letter as unconfirmed before either claims it: the race the claim must settle.
    let reads = 0;
    let bothRead!: () => void;
    const barrier = new Promise<void>((resolve) => { bothRead = resolve; });
    const racingPool = {
      query: async (text: string, params?: unknown[]) => {
        const result = await engine.pool.query(text, params);
        if (text.startsWith('SELECT') && text.endsWith('FROM letters WHERE id = $1') && reads < 2) {
          if (++reads === 2) bothRead();
          await barrier;
        }
        return result;
      },
    } as unknown as pg.Pool;
    const outcomes = await Promise.allSettled([0, 1].map(() => resendUnconfirmedLetter(racingPool, transportFor(smtp!)!, id)));
    expect(reads).toBe(2);
    expect(outcomes.filter((o) => o.status === 'fulfilled').map((o) => o.value)).toMatchObject([{ sent: true }]);
    const refused = outcomes.filter((o) => o.status === 'rejected').map((o) => o.reason);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toBeInstanceOf(LetterNotResendable);
    expect(smtp.received).toHaveLength(1);
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2, sendingSince: null });
  });

  it('without SMTP settings the letter stays queued and the call says why, without throwing', async () => {
    const id = await queueLetter(engine.pool, renderer, letter('blocking_notice'));
    expect(createSmtpTransport(letterSettings({}).smtp)).toBeUndefined();
    expect(await sendQueuedLetter(engine.pool, undefined, id)).toEqual({ sent: false, reason: 'smtp_not_configured' });
    expect(await row(id)).toMatchObject({ status: 'queued', attempts: 0, lastError: null });
  });
});

describe('npx dsar letters send-queued', () => {
  it('refuses to run without SMTP_URL, then sends every queued letter once SMTP is configured', async () => {
    await engine.pool.query(`UPDATE letters SET status = 'failed_permanently', last_error = 'test' WHERE status = 'queued'`);
    const ids = [await queueLetter(engine.pool, renderer, letter('destruction_notice')), await queueLetter(engine.pool, renderer, letter('escalation', 'dpo@wellengineering.ru'))];
    const without = await dsar(['letters', 'send-queued'], { SMTP_URL: '' });
    expect(without.status).toBe(1);
    expect(without.stderr).toContain('SMTP_URL is not set');
    for (const id of ids) expect((await row(id)).status).toBe('queued');

    smtp = await startSmtpSink();
    const run = await dsar(['letters', 'send-queued'], { SMTP_URL: smtp.url });
    expect(run.stderr).toContain('2 queued: 2 sent');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ sent: 2, failed: 0, rejected: 0 });
    expect(smtp.received.map((r) => r.mail.subject).sort()).toEqual([(await row(ids[0]!)).subject, (await row(ids[1]!)).subject].sort());
    for (const id of ids) expect((await row(id)).status).toBe('sent');
  });
});

describe('GET /api/v1/cases/:id/letters', () => {
  it("lists a case's letters with their exact text, status and Message-ID, for every role including auditors", async () => {
    const opened = await engine.app.inject({
      method: 'POST', url: '/api/v1/cases', headers: engine.auth('officer'),
      payload: { type: 'access', subject: { name: 'Иван Петров', email: 'ivan@example.ru' }, channel: 'email', receivedAt: '2025-10-24T10:00:00+03:00' },
    });
    expect(opened.statusCode).toBe(201);
    const caseId = opened.json().id as string;
    const empty = await engine.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}/letters`, headers: engine.auth('auditor') });
    expect(empty.json()).toEqual({ caseId, items: [] });

    const input = { ...letter(), caseId, dedupeKey: `${caseId}:acknowledgement` } as QueueLetterInput;
    const id = await queueLetter(engine.pool, renderer, input);
    const stored = await row(id);
    for (const role of ['auditor', 'officer', 'dpo', 'admin'] as const) {
      const res = await engine.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}/letters`, headers: engine.auth(role) });
      expect(res.statusCode).toBe(200);
      expect(res.json().items).toEqual([{
        id, kind: 'acknowledgement', language: 'ru', from: FROM, to: 'ivan@example.ru', subject: stored.subject, text: stored.text,
        status: 'queued', messageId: stored.messageId, attempts: 0, sendingSince: null, lastError: null, createdAt: stored.createdAt.toISOString(), sentAt: null,
      }]);
    }
    const missing = await engine.app.inject({ method: 'GET', url: '/api/v1/cases/DSAR-2025-999999/letters', headers: engine.auth('auditor') });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'case_not_found' });
    const unauthenticated = await engine.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}/letters` });
    expect(unauthenticated.statusCode).toBe(401);
  });
});
