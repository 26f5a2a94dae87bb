import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAct, sha256, type IssueDeps } from '../../acts/act-store';
import { p12Signer } from '../../acts/p12-signer';
import { actInput, testRegistry, throwAwayP12, verifyDetachedCms, wellpro } from '../helpers/acts';
import { eventually, startEngine, type Engine } from '../helpers/engine';
import { testClassifier } from '../helpers/test-classifier';
import { receivedByOurServer } from '../helpers/received-header';

/** The auditor's endpoints against real PostgreSQL and Temporal: a case's whole record, the act register, downloads. */
let engine: Engine;
let caseId: string;
let mailId: number;
const raw = Buffer.from(receivedByOurServer() + readFileSync(path.join(__dirname, '../fixtures/mail/attachments.eml'), 'utf8')
  .replace('Документы во вложении.', 'Прошу, удалите мои персональные данные. Документы во вложении.')
  .replace('MIME-Version: 1.0', `Message-ID: <audit-${Date.now()}@example.ru>\r\nMIME-Version: 1.0`));
const { p12 } = throwAwayP12('pw');
const signed: IssueDeps = { operator: wellpro, registry: testRegistry(), signer: p12Signer(p12, 'pw'), now: () => new Date('2026-03-11T09:00:00Z') };
const acts: string[] = [];

const get = (url: string, role: 'officer' | 'auditor' | 'dpo' | 'admin' = 'auditor') => engine.app.inject({ url, headers: engine.auth(role) });

/** A case closed by destruction, as far as the act needs: the workflow's confirm_destruction event. */
async function confirmDestruction(id: string) {
  await engine.pool.query(`INSERT INTO audit_events (case_id, actor, action, data, dedupe_key) VALUES ($1, 'officer', 'case.confirm_destruction', $2, $3)`,
    [id, JSON.stringify({ step: 'destroying', what: 'адрес электронной почты', destroyedAt: '2026-03-10T11:45:00.000Z' }), `${id}:destroyed-test`]);
}

beforeAll(async () => {
  engine = await startEngine({ classify: testClassifier, config: (c) => ({ ...c, codecEndpoint: true }) }); // every write route registered
  const posted = await engine.app.inject({ method: 'POST', url: '/api/v1/intake/email', headers: { ...engine.auth('intake'), 'content-type': 'message/rfc822' }, payload: raw });
  expect(posted.statusCode, posted.body).toBe(201);
  ({ caseId, mailMessageId: mailId } = posted.json());
  await eventually(async () => (await engine.pool.query(`SELECT 1 FROM letters WHERE case_id = $1`, [caseId])).rowCount === 1);
  await confirmDestruction(caseId);
  acts.push((await issueAct(engine.pool, actInput(caseId), signed)).number);
  // Two more acts, the last unsigned and issued in 2027, for the register's filters and pages.
  for (const [n, deps] of [[1, signed], [2, { ...signed, signer: undefined, now: () => new Date('2027-02-01T09:00:00Z') }]] as const) {
    const other = (await engine.app.inject({ method: 'POST', url: '/api/v1/cases', headers: engine.auth('officer'),
      payload: { type: 'deletion', channel: 'email', receivedAt: new Date().toISOString(), subject: { name: `Subject ${n}` } } })).json().id as string;
    await eventually(async () => (await engine.pool.query('SELECT 1 FROM cases WHERE id = $1', [other])).rowCount === 1);
    await confirmDestruction(other);
    acts.push((await issueAct(engine.pool, actInput(other), deps)).number);
  }
}, 120_000);
afterAll(async () => { await engine?.stop(); });

describe('GET /api/v1/audit/cases/:id/history', () => {
  it('shows every chained event, letter and stored document, and each link gives the stored bytes', async () => {
    const res = await get(`/api/v1/audit/cases/${caseId}/history`);
    expect(res.statusCode, res.body).toBe(200);
    const h = res.json();
    const actions = h.events.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['case.opened', 'case.confirm_destruction']));
    for (const e of h.events) {
      expect(e).toMatchObject({ chainSeq: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/), prevHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    }
    expect(h.events.find((e: { action: string }) => e.action === 'case.opened').changes).toEqual({ status: { before: null, after: 'received' } });
    expect(JSON.stringify(h.case)).not.toContain('ivan@example.ru'); // the record is about the case, not the subject

    const [letter] = h.letters;
    expect(letter).toMatchObject({ kind: 'acknowledgement', messageId: expect.stringMatching(/^<letter\./) });
    const body = await get(letter.bodyUrl);
    const stored = (await engine.pool.query('SELECT body_text FROM letters WHERE id = $1', [letter.id])).rows[0].body_text;
    expect(body.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(body.body).toBe(stored);

    const [mail] = h.documents.mail;
    expect(mail).toMatchObject({ id: mailId, sha256: sha256(raw), available: true });
    const rawRes = await get(mail.url);
    expect(rawRes.headers['content-type']).toBe('message/rfc822');
    expect(Buffer.compare(rawRes.rawPayload, raw)).toBe(0);
    expect(mail.attachments.map((a: { filename: string }) => a.filename)).toEqual(['паспорт.pdf', 'request.pdf.sig']);
    const pdf = await get(mail.attachments[0].url);
    expect(pdf.headers).toMatchObject({ 'content-type': 'application/octet-stream', 'x-original-content-type': 'application/pdf', 'x-content-sha256': mail.attachments[0].sha256 });
    expect(sha256(pdf.rawPayload)).toBe(mail.attachments[0].sha256);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    expect(h.documents.acts).toEqual([expect.objectContaining({ number: acts[0], caseId, signed: true, purgedAt: null })]);
  });

  it('is for auditors, the DPO and admins only, and names a missing case', async () => {
    expect((await get(`/api/v1/audit/cases/${caseId}/history`, 'officer')).statusCode).toBe(403);
    expect((await get(`/api/v1/audit/cases/${caseId}/history`, 'dpo')).statusCode).toBe(200);
    const missing = await get('/api/v1/audit/cases/DSAR-2026-999999/history');
    expect(missing.json()).toMatchObject({ statusCode: 404, code: 'case_not_found' });
  });
});

describe('the act register', () => {
  it('lists acts oldest first, by year and period, in pages', async () => {
    const all = (await get('/api/v1/acts')).json();
    expect(all.items.map((a: { number: string }) => a.number)).toEqual(acts);
    const first = (await get('/api/v1/acts?limit=1')).json();
    expect(first.nextCursor).toBe(acts[0]);
    const second = (await get(`/api/v1/acts?limit=1&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((a: { number: string }) => a.number)).toEqual([acts[1]]);
    expect((await get('/api/v1/acts?year=2027')).json().items.map((a: { number: string }) => a.number)).toEqual([acts[2]]);
    expect((await get('/api/v1/acts?from=2026-03-11&to=2026-03-11')).json().items).toHaveLength(2);
    expect((await get('/api/v1/acts?from=2026-03-12&to=2026-12-31')).json().items).toHaveLength(0);
    expect((await get('/api/v1/acts?cursor=nonsense')).json()).toMatchObject({ statusCode: 400 });
    expect((await get('/api/v1/acts', 'officer')).statusCode).toBe(403);
  });

  it('serves an act as JSON, its PDF with the SHA-256 in a header, and its signature', async () => {
    const one = (await get(`/api/v1/acts/${acts[0]}`)).json();
    expect(one.entry).toMatchObject({ number: acts[0], caseId, destroyedOn: '2026-03-10', retainUntil: '2029-03-10', signed: true });
    expect(one.act).toMatchObject({ number: acts[0], caseId });
    const json = await get(one.entry.links.json);
    expect(sha256(json.rawPayload)).toBe(one.entry.jsonSha256);
    const pdf = await get(one.entry.links.pdf);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['x-content-sha256']).toBe(one.entry.pdfSha256);
    expect(pdf.headers['repr-digest']).toBe(`sha-256=:${Buffer.from(one.entry.pdfSha256, 'hex').toString('base64')}:`);
    expect(sha256(pdf.rawPayload)).toBe(one.entry.pdfSha256);
    const signature = await get(one.entry.links.signature);
    expect(signature.headers['content-type']).toBe('application/pkcs7-signature');
    verifyDetachedCms(signature.rawPayload, pdf.rawPayload);
  });

  it('answers 404 with a code for an unsigned act\'s signature and for an unknown act', async () => {
    expect((await get(`/api/v1/acts/${acts[2]}/signature`)).json()).toMatchObject({ statusCode: 404, code: 'act_unsigned' });
    expect((await get('/api/v1/acts/179-2026-999999/pdf')).json()).toMatchObject({ statusCode: 404, code: 'act_not_found' });
  });
});

it('refuses an auditor token on every write route of the API (403), and the auditor can still read', async () => {
  const doc = engine.app.swagger() as { paths: Record<string, Record<string, unknown>> };
  const writes = Object.entries(doc.paths).flatMap(([p, methods]) => Object.keys(methods)
    .filter((m) => !['get', 'head', 'options'].includes(m)).map((m) => ({ method: m.toUpperCase(), url: p.replace(/\{[^}]+\}/g, (k) => (k === '{number}' ? '179-2026-000001' : k === '{id}' ? caseId : '1')) })));
  // Read from the OpenAPI document, so write routes added later are covered too (hidden ones, e.g. CORS preflights, are not writes).
  expect(writes.map((w) => w.url)).toEqual(expect.arrayContaining(['/api/v1/cases', `/api/v1/cases/${caseId}/actions`, '/api/v1/intake/email', '/codec/decode']));
  for (const w of writes) {
    const res = await engine.app.inject({ method: w.method as 'POST', url: w.url, headers: { ...engine.auth('auditor'), 'content-type': 'application/json' }, payload: '{}' });
    expect({ ...w, status: res.statusCode, code: res.json().code }).toEqual({ ...w, status: 403, code: 'forbidden' });
  }
  expect((await get('/api/v1/acts')).statusCode).toBe(200);
});
