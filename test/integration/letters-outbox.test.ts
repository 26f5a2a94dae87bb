import type pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  SAMPLE_LETTER_DATA, caseLetters, createLetterRenderer, createSmtpTransport, queueLetter, queuedLetterIds, sendAllQueued,
  type LetterKind, type QueueLetterInput,
} from '../../letters';
import { letterSettings } from '../../platform/config';
import { createPool } from '../../platform/db';
import { freshDatabase } from '../helpers/database';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';

/**
 * The outbox as `dsar letters send-queued` and the letters API read it, in this process against real PostgreSQL and a
 * real SMTP server: what a whole-queue run reports for each outcome, and which letters the listings return in which order.
 */
let db: Awaited<ReturnType<typeof freshDatabase>>;
let pool: pg.Pool;
let smtp: SmtpSink | undefined;
const renderer = createLetterRenderer();
let n = 0;

beforeAll(async () => {
  db = await freshDatabase();
  pool = createPool(db.url, 4);
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
});
afterEach(async () => {
  await smtp?.stop();
  smtp = undefined;
  // Each test reads the queue from an empty start.
  await pool.query(`UPDATE letters SET status = 'failed_permanently', last_error = 'test' WHERE status = 'queued'`);
});

const transportFor = (sink: SmtpSink) => createSmtpTransport(letterSettings({ SMTP_URL: sink.url }).smtp);
function queue(kind: LetterKind, to = 'ivan@example.ru', caseId = `DSAR-2025-${String(800_000 + ++n)}`): Promise<number> {
  return queueLetter(pool, renderer, {
    caseId, kind, language: 'ru', from: 'wellpro@wellengineering.ru', to,
    data: { ...SAMPLE_LETTER_DATA[kind], caseNumber: caseId }, dedupeKey: `${caseId}:${kind}:${n}`,
  } as QueueLetterInput);
}

describe('sending the whole queue', () => {
  it('counts each outcome, reports each failure by its letter, and goes on after one', async () => {
    smtp = await startSmtpSink();
    const refused = await queue('refusal', 'refuse.me@example.ru');
    const sent = await queue('acknowledgement');
    const unconfirmed = await queue('extension_notice');
    await pool.query(`UPDATE letters SET status = 'unconfirmed' WHERE id = $1`, [unconfirmed]);
    const reports: string[] = [];
    const summary = await sendAllQueued(pool, transportFor(smtp), [refused, sent, unconfirmed], (m) => reports.push(m));
    expect(summary).toEqual({ sent: 1, failed: 0, rejected: 1, notConfigured: 0, unconfirmed: 1 });
    expect(reports).toEqual([expect.stringMatching(new RegExp(`^letter ${refused} was refused by the SMTP server: .*550`))]);
    expect(smtp.received.map((r) => r.rcpt)).toEqual([['ivan@example.ru']]);
  });

  it('counts a server that cannot be reached as failed, not refused, and letters without SMTP as not configured', async () => {
    smtp = await startSmtpSink();
    const { port } = smtp;
    await smtp.stop();
    smtp = undefined;
    const ids = [await queue('acknowledgement'), await queue('blocking_notice')];
    const down = createSmtpTransport(letterSettings({ SMTP_URL: `smtp://127.0.0.1:${port}` }).smtp);
    const reports: string[] = [];
    expect(await sendAllQueued(pool, down, ids, (m) => reports.push(m))).toEqual({ sent: 0, failed: 2, rejected: 0, notConfigured: 0, unconfirmed: 0 });
    expect(reports).toEqual(ids.map((id) => expect.stringMatching(new RegExp(`^letter ${id} could not be sent yet: `))));
    expect(await sendAllQueued(pool, undefined, ids, () => { throw new Error('nothing to report'); }))
      .toEqual({ sent: 0, failed: 0, rejected: 0, notConfigured: 2, unconfirmed: 0 });
  });
});

describe('listing the outbox', () => {
  it('lists only queued letters, oldest first, and a case\'s letters in the order they were written', async () => {
    const caseId = 'DSAR-2025-700001';
    const first = await queue('acknowledgement', 'ivan@example.ru', caseId);
    const elsewhere = await queue('acknowledgement');
    const second = await queue('extension_notice', 'ivan@example.ru', caseId);
    const third = await queue('refusal', 'ivan@example.ru', caseId);
    await pool.query(`UPDATE letters SET status = 'sent', sent_at = now() WHERE id = $1`, [second]);
    expect(await queuedLetterIds(pool)).toEqual([first, elsewhere, third]);
    const letters = await caseLetters(pool, caseId);
    expect(letters.map((l) => [l.id, l.kind, l.status])).toEqual([
      [first, 'acknowledgement', 'queued'], [second, 'extension_notice', 'sent'], [third, 'refusal', 'queued'],
    ]);
    expect(letters[0]).toMatchObject({ caseId, language: 'ru', from: 'wellpro@wellengineering.ru', to: 'ivan@example.ru', attempts: 0, sendingSince: null });
    expect(letters[0]!.subject).toContain(`[${caseId}]`);
    expect(await caseLetters(pool, 'DSAR-2025-799999')).toEqual([]);
  });
});
