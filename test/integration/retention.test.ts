import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAct, sha256, type IssueDeps } from '../../acts/act-store';
import { p12Signer } from '../../acts/p12-signer';
import { MINIMISED, minimiseClosedCases } from '../../retention/minimise-cases';
import { purgeExpiredActs } from '../../retention/purge-acts';
import { actInput, testRegistry, throwAwayP12, wellpro } from '../helpers/acts';
import { runDsar } from '../helpers/dsar-cli';
import { startEngine, type Engine } from '../helpers/engine';

/** Retention's SQL against real PostgreSQL, as the application role (dsar_app) the worker runs as. */
let engine: Engine;
const TZ = 'Europe/Moscow';
const { p12 } = throwAwayP12('pw');
const deps: IssueDeps = { operator: wellpro, registry: testRegistry(), signer: p12Signer(p12, 'pw'), now: () => new Date('2026-03-11T09:00:00Z') };
let cases = 0;

const audit = async (action: string) => (await engine.pool.query(
  `SELECT case_id, actor, message, data FROM audit_events WHERE action = $1 ORDER BY chain_seq`, [action])).rows;
const get = (url: string) => engine.app.inject({ url, headers: engine.auth('auditor') });
const verify = () => runDsar(engine.config.databaseUrl, ['audit', 'verify']);

/** A case as intake writes it (closed at `closedAt`, if given), with the event a destruction act needs. */
async function aCase(closedAt: string | null, email = `subject${cases + 1}@example.ru`): Promise<string> {
  const id = `DSAR-2023-${String(800_000 + ++cases)}`;
  await engine.pool.query(`INSERT INTO cases (id, type, status, channel, subject_name, subject_email, received_at, rule_id, calendar_version, due, due_at, provisional, deadline, opened_by, closed_at)
    VALUES ($1, 'deletion', 'responded', 'email', 'Иванова Мария Петровна', $2, '2023-01-10', 'destroy_on_evidence', 'v', '2023-01-19', '2023-01-19', false, '{}', 'test', $3)`, [id, email, closedAt]);
  await engine.pool.query(`INSERT INTO audit_events (case_id, actor, action, data, dedupe_key) VALUES ($1, 'officer', 'case.confirm_destruction', $2, $3)`,
    [id, JSON.stringify({ step: 'destroying', what: 'адрес электронной почты', destroyedAt: '2023-03-01T11:45:00.000Z' }), `${id}:destroyed`]);
  return id;
}

beforeAll(async () => { engine = await startEngine({ worker: false }); }, 120_000);
afterAll(async () => { await engine?.stop(); });

describe('purgeExpiredActs', () => {
  let expired: Awaited<ReturnType<typeof issueAct>>;
  let kept: Awaited<ReturnType<typeof issueAct>>;
  beforeAll(async () => {
    expired = await issueAct(engine.pool, actInput(await aCase(null), { destroyedOn: '2023-03-01' }), deps); // kept until 2026-03-01
    kept = await issueAct(engine.pool, actInput(await aCase(null), { destroyedOn: '2024-06-01' }), deps); // until 2027-06-01
  });

  it('keeps an act through its last day in the operator\'s zone and purges it the day after, once, with an audit event naming its hashes', async () => {
    expect(await purgeExpiredActs(engine.pool, '2026-03-01T20:59:59Z', TZ)).toEqual([]); // 23:59:59 in Moscow on 01.03
    const purged = await purgeExpiredActs(engine.pool, '2026-03-01T21:00:00Z', TZ); // 00:00 on 02.03
    expect(purged).toEqual([{ number: expired.number, caseId: expired.caseId, retainUntil: '2026-03-01' }]);
    expect(await purgeExpiredActs(engine.pool, '2030-01-01T00:00:00Z', TZ, 100)).toEqual([expect.objectContaining({ number: kept.number })]);
    expect(await purgeExpiredActs(engine.pool, '2031-01-01T00:00:00Z', TZ)).toEqual([]); // nothing twice

    const row = (await engine.pool.query(`SELECT json, pdf, signature, json_sha256, pdf_sha256, signed_by, purged_at FROM destruction_acts WHERE number = $1`, [expired.number])).rows[0];
    expect(row).toMatchObject({ json: null, pdf: null, signature: null, json_sha256: expired.jsonSha256, pdf_sha256: expired.pdfSha256, signed_by: expired.signedBy });
    expect(row.purged_at).toBeInstanceOf(Date);
    const events = await audit('act.purged');
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ case_id: expired.caseId, actor: 'retention', data: {
      number: expired.number, destroyedOn: '2023-03-01', retainUntil: '2026-03-01', jsonSha256: expired.jsonSha256, pdfSha256: expired.pdfSha256, signed: true,
    } });
  });

  it('leaves the register entry readable and answers 410 act_purged for the content, in the API and `dsar acts print`', async () => {
    const one = (await get(`/api/v1/acts/${expired.number}`)).json();
    expect(one).toMatchObject({ act: null, entry: { number: expired.number, pdfSha256: expired.pdfSha256, purgedAt: expect.any(String), signed: false } });
    for (const part of ['pdf', 'json', 'signature']) {
      expect((await get(`/api/v1/acts/${expired.number}/${part}`)).json()).toMatchObject({ statusCode: 410, code: 'act_purged' });
    }
    const printed = runDsar(engine.config.databaseUrl, ['acts', 'print', expired.number]);
    expect(printed.status).toBe(1);
    expect(printed.stderr).toContain(`act ${expired.number} (case ${expired.caseId}) was kept until 2026-03-01 and purged; JSON SHA-256 ${expired.jsonSha256}`);
  });

  it('keeps `dsar audit verify` green: the purge adds events to the chain and alters none', async () => {
    const res = verify();
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/^audit log intact: \d+ events/);
  });
});

describe('minimiseClosedCases', () => {
  let old: string;
  let recent: string;
  let open: string;
  let mailId: number;
  const raw = Buffer.from('From: Мария <maria.min@example.ru>\r\nSubject: удалите\r\n\r\nПаспорт 4510 123456\r\n');
  beforeAll(async () => {
    old = await aCase('2023-01-01T00:00:00Z', 'Maria.Min@example.ru');
    recent = await aCase('2025-12-01T00:00:00Z');
    open = await aCase(null);
    mailId = Number((await engine.pool.query(`INSERT INTO mail_messages (source, raw_sha256, dedupe_key, message_id, received_at, size_bytes, raw, outcome, case_id, parsed)
      VALUES ('api', $1, 'raw:' || $1, '<m1@example.ru>', '2023-01-10', $2, $3, 'case', $4, '{"from": "maria.min@example.ru"}') RETURNING id`, [sha256(raw), raw.length, raw, old])).rows[0].id);
    await engine.pool.query(`INSERT INTO mail_attachments (mail_message_id, position, filename, content_type, size_bytes, sha256, content)
      VALUES ($1, 0, 'паспорт Ивановой.pdf', 'application/pdf', 4, $2, '\\x25504446')`, [mailId, sha256(Buffer.from('%PDF'))]);
    for (const id of [old, open]) {
      await engine.pool.query(`INSERT INTO letters (case_id, kind, language, sender, recipient, subject, body_text, dedupe_key, message_id)
        VALUES ($1, 'acknowledgement', 'ru', 'wellpro@wellengineering.ru', 'maria.min@example.ru', 'Ваш запрос', 'Уважаемая Мария Петровна, …', $1 || ':ack', '<' || $1 || '@x>')`, [id]);
    }
  });

  it('minimises only cases closed longer than the period: subject marked, mail and attachments deleted, letters reduced to a hash', async () => {
    expect(await minimiseClosedCases(engine.pool, '2025-12-31T00:00:00Z', 1095)).toEqual([]); // exactly 1,095 days (2024 is a leap year): not yet
    const done = await minimiseClosedCases(engine.pool, '2025-12-31T00:00:01Z', 1095);
    expect(done).toEqual([{ caseId: old, mailMessages: 1, attachments: 1, letters: 1 }]);
    expect(await minimiseClosedCases(engine.pool, '2026-06-01T00:00:00Z', 1095)).toEqual([]); // once; the recent and open cases wait

    const rows = (await engine.pool.query(`SELECT id, subject_name, subject_email, minimised_at, type, received_at FROM cases WHERE id = ANY($1) ORDER BY id`, [[old, recent, open]])).rows;
    expect(rows[0]).toMatchObject({ id: old, subject_name: MINIMISED, subject_email: null, type: 'deletion', received_at: new Date('2023-01-10T00:00:00Z') });
    expect(rows.slice(1).map((r) => r.subject_name)).toEqual(['Иванова Мария Петровна', 'Иванова Мария Петровна']);
    const mail = (await engine.pool.query(`SELECT raw, parsed, raw_sha256 FROM mail_messages WHERE id = $1`, [mailId])).rows[0];
    expect(mail).toEqual({ raw: null, parsed: {}, raw_sha256: sha256(raw) });
    expect((await engine.pool.query(`SELECT filename, content, sha256 FROM mail_attachments WHERE mail_message_id = $1`, [mailId])).rows[0])
      .toEqual({ filename: null, content: null, sha256: sha256(Buffer.from('%PDF')) });
    const letters = (await engine.pool.query(`SELECT case_id, recipient, body_text FROM letters ORDER BY id`)).rows;
    expect(letters[0]).toEqual({ case_id: old, recipient: MINIMISED, body_text: `[minimised: body removed; SHA-256 ${sha256('Уважаемая Мария Петровна, …')}]` });
    expect(letters[1]).toMatchObject({ case_id: open, body_text: 'Уважаемая Мария Петровна, …' });
    expect(await audit('case.minimised')).toEqual([expect.objectContaining({ case_id: old, actor: 'retention', data: { afterDays: 1095, mailMessages: 1, attachments: 1, letters: 1 } })]);
  });

  it('shows the minimised case\'s documents as no longer available (410), and the audit chain stays intact', async () => {
    const h = (await get(`/api/v1/audit/cases/${old}/history`)).json();
    expect(h.case.minimisedAt).toEqual(expect.any(String));
    expect(h.documents.mail).toEqual([expect.objectContaining({ id: mailId, available: false, attachments: [expect.objectContaining({ filename: null, available: false })] })]);
    expect((await get(h.documents.mail[0].url)).json()).toMatchObject({ statusCode: 410, code: 'content_deleted' });
    expect((await get(h.documents.mail[0].attachments[0].url)).json()).toMatchObject({ statusCode: 410, code: 'content_deleted' });
    expect(JSON.stringify(h)).not.toMatch(/Иванова|maria\.min/i);
    expect(verify().status).toBe(0);
  });
});
