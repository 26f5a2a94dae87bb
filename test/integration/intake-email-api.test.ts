import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEngine, eventually, type Engine } from '../helpers/engine';
import { receivedByOurServer } from '../helpers/received-header';
import { testClassifier } from '../helpers/test-classifier';

/** POST /api/v1/intake/email: the same take-in path as the IMAP consumer, against real PostgreSQL and Temporal. */
let engine: Engine;
beforeAll(async () => { engine = await startEngine({ classify: testClassifier }); });
afterAll(async () => { await engine?.stop(); });

let n = 0;
/** Each letter from a sender of its own, unless `from` is given (a reply comes from the case's subject). */
const mail = (subject: string, body: string, headers = '', from = `ivan${n + 1}@example.ru`) => Buffer.from(
  `${receivedByOurServer()}From: Ivan Petrov <${from}>\r\nTo: wellpro@wellengineering.ru\r\nSubject: ${subject}\r\n`
  + `Message-ID: <m${++n}-${Date.now()}@example.ru>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n${headers}\r\n${body}\r\n`);
const post = (raw: Buffer, role: 'officer' | 'auditor' | 'intake' = 'intake') => engine.app.inject({
  method: 'POST', url: '/api/v1/intake/email', headers: { ...engine.auth(role), 'content-type': 'message/rfc822' }, payload: raw,
});
const caseRow = async (id: string) => (await engine.pool.query('SELECT type, step, channel, opened_by, received_at, subject_email FROM cases WHERE id = $1', [id])).rows[0];
const count = async (sql: string, args: unknown[] = []) => Number((await engine.pool.query(sql, args)).rows[0].n);

it('opens a case from a new message, and the same bytes again are a duplicate of it', async () => {
  const raw = mail('Просьба', 'Прошу, удалите мои персональные данные. Паспорт 4510 123456');
  const first = await post(raw);
  expect(first.statusCode).toBe(201);
  const body = first.json();
  expect(body).toMatchObject({ duplicate: false, outcome: 'case', caseId: expect.stringMatching(/^DSAR-/) });
  expect(await caseRow(body.caseId)).toMatchObject({ type: 'deletion', channel: 'email', opened_by: 'intake' });
  const again = await post(raw);
  expect(again.statusCode).toBe(200);
  expect(again.json()).toMatchObject({ duplicate: true, outcome: 'case', caseId: body.caseId, mailMessageId: body.mailMessageId });
  expect(await count('SELECT count(*) AS n FROM cases WHERE idempotency_key = $1', [`mail:${body.rawSha256}`])).toBe(1);
  const stored = (await engine.pool.query('SELECT raw, parsed::text AS parsed FROM mail_messages WHERE id = $1', [body.mailMessageId])).rows[0];
  expect(Buffer.compare(stored.raw, raw)).toBe(0);
  expect(stored.parsed).not.toContain('удалите мои'); // no body text in the summary
});

it('records an auto-reply and opens no case', async () => {
  const before = await count('SELECT count(*) AS n FROM cases');
  const res = await post(mail('Out of office', 'I am away, удалите', 'Auto-Submitted: auto-replied\r\n'));
  expect(res.statusCode).toBe(201);
  expect(res.json()).toMatchObject({ duplicate: false, outcome: 'auto_reply' });
  expect(res.json().caseId).toBeUndefined();
  expect(await count('SELECT count(*) AS n FROM cases')).toBe(before);
});

it('records a reply carrying the case tag as correspondence on that case, not as a new case', async () => {
  const opened = (await post(mail('Запрос', 'Прошу предоставить сведения об обработке'))).json();
  await eventually(async () => (await caseRow(opened.caseId)) !== undefined);
  const before = await count('SELECT count(*) AS n FROM cases');
  const subject = (await caseRow(opened.caseId)).subject_email;
  const res = await post(mail(`Re: Ваш запрос [${opened.caseId}]`, 'Вот мой паспорт 4510 654321, удалите всё', '', subject));
  expect(res.statusCode).toBe(201);
  expect(res.json()).toMatchObject({ outcome: 'correspondence', caseId: opened.caseId, bringsMissingInformation: false });
  expect(await count('SELECT count(*) AS n FROM cases')).toBe(before);
  const history = (await engine.app.inject({ url: `/api/v1/cases/${opened.caseId}/history`, headers: engine.auth('auditor') })).json();
  const event = history.events.find((e: { action: string }) => e.action === 'case.correspondence');
  expect(event.data).toMatchObject({ mailMessageId: res.json().mailMessageId, bringsMissingInformation: false, brings: ['identity_document'] });
});

it('opens a new case for a new request that only mentions an earlier case number, without the [tag] brackets', async () => {
  const earlier = (await post(mail('Запрос', 'Прошу предоставить сведения об обработке'))).json();
  await eventually(async () => (await caseRow(earlier.caseId)) !== undefined);
  // A subject quoting the number of an earlier request in a new one: the bare number is not our tag.
  const res = await post(mail(`Новый запрос (прошлый: ${earlier.caseId})`, 'Прошу, удалите мои персональные данные. Паспорт 4510 123456'));
  expect(res.statusCode).toBe(201);
  expect(res.json()).toMatchObject({ duplicate: false, outcome: 'case' });
  expect(res.json().caseId).not.toBe(earlier.caseId);
  expect(await caseRow(res.json().caseId)).toMatchObject({ type: 'deletion', opened_by: 'intake' });
  expect(await count(`SELECT count(*) AS n FROM audit_events WHERE case_id = $1 AND action = 'case.correspondence'`, [earlier.caseId])).toBe(0);
});

it('opens a message it cannot classify as an unclassified case in triage, received when it arrived', async () => {
  const sent = Date.now();
  const res = await post(mail('Вопрос', 'Когда откроется ваш магазин?'));
  expect(res.statusCode).toBe(201);
  expect(res.json()).toMatchObject({ outcome: 'triage' });
  const row = await caseRow(res.json().caseId);
  expect(row).toMatchObject({ type: 'unclassified', step: 'triage' });
  expect(Math.abs((row.received_at as Date).getTime() - sent)).toBeLessThan(5_000);
});

it('records a message it cannot read and answers 422 with a code, the same again for the same bytes', async () => {
  const nested = Array.from({ length: 60 }, (_, i) => `--b${i}\r\nContent-Type: multipart/mixed; boundary="b${i + 1}"\r\n\r\n`).join('');
  const raw = Buffer.from(`${receivedByOurServer()}From: x@example.ru\r\nSubject: deep\r\nContent-Type: multipart/mixed; boundary="b0"\r\n\r\n${nested}`);
  const res = await post(raw);
  expect(res.statusCode).toBe(422);
  expect(res.json()).toMatchObject({ statusCode: 422, code: 'message_unreadable' });
  const row = (await engine.pool.query(`SELECT outcome, rejection_code, rejection_reason, raw FROM mail_messages WHERE raw_sha256 = encode(sha256($1), 'hex')`, [raw])).rows[0];
  expect(row).toMatchObject({ outcome: 'rejected', rejection_code: 'message_unreadable', rejection_reason: 'nesting_too_deep' });
  expect(Buffer.compare(row.raw, raw)).toBe(0);
  expect((await post(raw)).statusCode).toBe(422);
});

it('lets officers and intake tokens post, refuses auditors, and refuses JSON', async () => {
  expect((await post(mail('x', 'удалите'), 'auditor')).statusCode).toBe(403);
  expect((await post(mail('x', 'удалите'), 'officer')).statusCode).toBe(201);
  const json = await engine.app.inject({ method: 'POST', url: '/api/v1/intake/email', headers: engine.auth('intake'), payload: { raw: 'x' } });
  expect(json.statusCode).toBe(415);
  // The intake role can do nothing else.
  expect((await engine.app.inject({ url: '/api/v1/cases', headers: engine.auth('intake') })).statusCode).toBe(403);
});

it('refuses a message above the size limit with 413 message_too_large while it arrives, and documents the raw body', async () => {
  const huge = Buffer.alloc(32 * 1024 * 1024 + 1, 0x61);
  const res = await post(huge);
  expect(res.statusCode).toBe(413);
  expect(res.json()).toMatchObject({ statusCode: 413, code: 'message_too_large' });
  const doc = (await engine.app.inject({ url: '/api/v1/openapi.json' })).json();
  expect(Object.keys(doc.paths['/api/v1/intake/email'].post.requestBody.content)).toEqual(['message/rfc822']);
});
