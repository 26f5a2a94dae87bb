import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { takeInMessage } from '../../intake/take-in';
import { startEngine, eventually, type Engine } from '../helpers/engine';
import { testClassifier } from '../helpers/test-classifier';
import { receivedByOurServer } from '../helpers/received-header';
import { mailTrustOf } from '../../intake/mail-trust';

/** GET /api/v1/cases/:id/messages, …/raw and …/attachments/:n: a case's stored e-mails, against real PostgreSQL and Temporal. */
let engine: Engine;
beforeAll(async () => { engine = await startEngine({ worker: false, classify: testClassifier }); });
afterAll(async () => { await engine?.stop(); });

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const scan = Buffer.from('%PDF-1.4 скан паспорта\n'.repeat(40));
const page = Buffer.from('<script>alert(1)</script>');
let n = 0;
/** `from`: a reply comes from the case's subject (a stranger citing the case would go to triage). */
function mail(subject: string, body: string, attachments: Array<{ name: string; type: string; content: Buffer }> = [], from?: string): Buffer {
  const id = `cm${++n}-${Date.now()}@example.ru`;
  const head = `${receivedByOurServer()}From: Ivan Petrov <${from ?? `ivan.cm${n}@example.ru`}>\r\nTo: wellpro@wellengineering.ru\r\nSubject: ${subject}\r\nMessage-ID: <${id}>\r\nMIME-Version: 1.0\r\n`;
  if (!attachments.length) return Buffer.from(`${head}Content-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n`);
  const parts = [`Content-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n`, ...attachments.map((a) =>
    `Content-Type: ${a.type}\r\nContent-Disposition: attachment; filename*=UTF-8''${encodeURIComponent(a.name)}\r\n`
    + `Content-Transfer-Encoding: base64\r\n\r\n${a.content.toString('base64').replace(/.{76}/g, '$&\r\n')}\r\n`)];
  return Buffer.from(`${head}Content-Type: multipart/mixed; boundary="b"\r\n\r\n${parts.map((p) => `--b\r\n${p}`).join('')}--b--\r\n`);
}
const post = (raw: Buffer) => engine.app.inject({
  method: 'POST', url: '/api/v1/intake/email', headers: { ...engine.auth('intake'), 'content-type': 'message/rfc822' }, payload: raw,
});
const get = (url: string, role: 'officer' | 'auditor' | 'dpo' | 'admin' | 'intake' = 'officer') => engine.app.inject({ url, headers: engine.auth(role) });

let caseId: string;
let request: Buffer;
let requestId: number;
let replyId: number;
beforeAll(async () => {
  request = mail('Запрос', 'Прошу, удалите мои данные.', [
    { name: 'паспорт скан.pdf', type: 'application/pdf', content: scan },
    { name: 'page.html', type: 'text/html', content: page },
  ]);
  const opened = await post(request);
  expect(opened.statusCode, opened.body).toBe(201);
  ({ caseId, mailMessageId: requestId } = opened.json());
  await eventually(async () => (await engine.pool.query('SELECT 1 FROM cases WHERE id = $1', [caseId])).rowCount);
  const replied = await post(mail(`Re: [${caseId}]`, 'Дополняю.', [], 'ivan.cm1@example.ru'));
  expect(replied.json()).toMatchObject({ outcome: 'correspondence', caseId });
  replyId = replied.json().mailMessageId;
});

it('lists the letter that opened the case and the reply on it, with metadata and attachments, to every reading role', async () => {
  const res = await get(`/api/v1/cases/${caseId}/messages`);
  expect(res.statusCode, res.body).toBe(200);
  const { items } = res.json();
  expect(items.map((m: { id: number; role: string }) => [m.id, m.role])).toEqual([[requestId, 'request'], [replyId, 'correspondence']]);
  expect(items[0]).toMatchObject({
    source: 'api', rawSha256: sha(request), sizeBytes: request.length, signed: false, from: { name: 'Ivan Petrov' },
    attachments: [
      { n: 1, filename: 'паспорт скан.pdf', contentType: 'application/pdf', size: scan.length, sha256: sha(scan), signature: false, stored: true },
      { n: 2, filename: 'page.html', contentType: 'text/html', size: page.length, stored: true },
    ],
  });
  expect(items[1].attachments).toEqual([]);
  for (const role of ['dpo', 'admin', 'auditor'] as const) expect((await get(`/api/v1/cases/${caseId}/messages`, role)).statusCode).toBe(200);
  const webhook = await get(`/api/v1/cases/${caseId}/messages`, 'intake');
  expect([webhook.statusCode, webhook.json().code]).toEqual([403, 'forbidden']);
});

it('serves the raw message byte for byte as message/rfc822, with its SHA-256', async () => {
  const res = await get(`/api/v1/cases/${caseId}/messages/${requestId}/raw`, 'auditor');
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('message/rfc822');
  expect(res.headers['content-disposition']).toMatch(/^attachment; filename=".+\.eml"$/);
  expect(res.headers['x-content-sha256']).toBe(sha(request));
  expect(Buffer.compare(res.rawPayload, request)).toBe(0);
});

it('serves an attachment as a sandboxed download with its declared type, its filename and its SHA-256', async () => {
  const pdf = await get(`/api/v1/cases/${caseId}/messages/${requestId}/attachments/1`);
  expect(pdf.statusCode).toBe(200);
  expect(Buffer.compare(pdf.rawPayload, scan)).toBe(0);
  expect(pdf.headers).toMatchObject({ 'content-type': 'application/pdf', 'x-content-sha256': sha(scan) });
  expect(pdf.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('паспорт скан.pdf')}`);
  expect(pdf.headers['content-disposition']).toMatch(/^attachment;/);
  const html = await get(`/api/v1/cases/${caseId}/messages/${requestId}/attachments/2`);
  expect(html.headers).toMatchObject({ 'content-type': 'text/html', 'x-content-type-options': 'nosniff' });
  expect(html.headers['content-security-policy']).toContain('sandbox');
  expect(html.headers['content-disposition']).toBe('attachment; filename="page.html"');
});

it('answers 404 with a code for an unknown case, a message of another case and a missing attachment', async () => {
  const other = (await post(mail('Запрос', 'Прошу предоставить сведения'))).json();
  const cases = [
    [`/api/v1/cases/DSAR-2026-999999/messages`, 'case_not_found'],
    [`/api/v1/cases/DSAR-2026-999999/messages/${requestId}/raw`, 'case_not_found'],
    [`/api/v1/cases/${caseId}/messages/${other.mailMessageId}/raw`, 'message_not_found'],
    [`/api/v1/cases/${other.caseId}/messages/${requestId}/attachments/1`, 'message_not_found'],
    [`/api/v1/cases/${caseId}/messages/${requestId}/attachments/3`, 'attachment_not_found'],
  ];
  for (const [url, code] of cases) {
    const res = await get(url!);
    expect([url, res.statusCode, res.json().code]).toEqual([url, 404, code]);
  }
  expect((await get(`/api/v1/cases/${caseId}/messages/${requestId}/attachments/0`)).statusCode).toBe(400);
});

it('answers 410 attachment_not_kept for an attachment that was above the size limit, listed as not stored', async () => {
  const big = Buffer.alloc(5_000, 7);
  const raw = mail('Запрос', 'Прошу, удалите мои данные.', [{ name: 'big.bin', type: 'application/octet-stream', content: big }]);
  const deps = { pg: engine.app.pg, temporal: engine.app.temporal, config: engine.config, legalTime: engine.app.legalTime, classify: testClassifier,
    mailTrust: mailTrustOf(engine.config), parseOptions: { maxAttachmentBytes: 4_096 } };
  const taken = await takeInMessage(deps, raw, { kind: 'api' });
  const listed = (await get(`/api/v1/cases/${taken.caseId}/messages`)).json();
  expect(listed.items[0].attachments).toEqual([expect.objectContaining({ n: 1, size: 5_000, sha256: sha(big), stored: false })]);
  const res = await get(`/api/v1/cases/${taken.caseId}/messages/${taken.mailMessageId}/attachments/1`);
  expect([res.statusCode, res.json().code]).toEqual([410, 'attachment_not_kept']);
  expect(res.json().message).toContain(sha(big));
});

it('documents the three routes in OpenAPI: the list as JSON, the raw message as message/rfc822, 404 and 410 with ErrorBody', async () => {
  const doc = (await engine.app.inject({ url: '/api/v1/openapi.json' })).json();
  const raw = doc.paths['/api/v1/cases/{id}/messages/{messageId}/raw'].get;
  expect(Object.keys(raw.responses[200].content)).toEqual(['message/rfc822']);
  expect(Object.keys(raw.responses)).toEqual(expect.arrayContaining(['200', '404', '410']));
  const attachment = doc.paths['/api/v1/cases/{id}/messages/{messageId}/attachments/{n}'].get;
  expect(Object.keys(attachment.responses)).toEqual(expect.arrayContaining(['200', '404', '410']));
  const list = doc.paths['/api/v1/cases/{id}/messages'].get;
  expect(list.responses[200].content['application/json'].schema.properties.items.items.properties).toHaveProperty('attachments');
});
