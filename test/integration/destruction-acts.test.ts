import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actData, getAct, issueAct, sha256, type IssueDeps } from '../../acts/act-store';
import { MissingDestructionEvent } from '../../acts/log-extract';
import { p12Signer } from '../../acts/p12-signer';
import { createPool } from '../../platform/db';
import { actInput, pdfText, testRegistry, throwAwayP12, verifyDetachedCms, wellpro } from '../helpers/acts';
import { freshDatabase } from '../helpers/database';
import { runDsar } from '../helpers/dsar-cli';

let db: Awaited<ReturnType<typeof freshDatabase>>;
let pool: pg.Pool;
const { p12 } = throwAwayP12('pw');
const deps: IssueDeps = { operator: wellpro, registry: testRegistry(), signer: p12Signer(p12, 'pw'), now: () => new Date('2026-03-11T09:00:00Z') };

beforeAll(async () => {
  db = await freshDatabase();
  pool = createPool(db.url, 12);
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

let cases = 0;
/** A case as intake writes it, with the audit event the workflow writes when destruction is confirmed. */
async function destroyedCase(confirmed = true): Promise<string> {
  const id = `DSAR-2026-${String(900_000 + ++cases)}`;
  await pool.query(`INSERT INTO cases (id, type, status, channel, subject_name, received_at, rule_id, calendar_version, due, due_at, provisional, deadline, opened_by)
    VALUES ($1, 'deletion', 'received', 'email', 'Иванова Мария Петровна', now(), 'destroy_on_demand', 'v', '2026-03-13', now(), false, '{}', 'test')`, [id]);
  if (confirmed) {
    await pool.query(`INSERT INTO audit_events (case_id, actor, action, data, dedupe_key) VALUES ($1, 'officer', 'case.confirm_destruction', $2, $3)`,
      [id, JSON.stringify({ step: 'destroying', what: 'адрес электронной почты', destroyedAt: '2026-03-10T11:45:00.000Z' }), `${id}:destroyed`]);
  }
  return id;
}

describe('issueAct', () => {
  it('numbers ten acts issued in parallel 1..10 with no gaps, one act per case however often it is asked', async () => {
    const ids = await Promise.all(Array.from({ length: 10 }, () => destroyedCase()));
    const issued = await Promise.all(ids.flatMap((id) => [issueAct(pool, actInput(id), deps), issueAct(pool, actInput(id), deps)]));
    const numbers = [...new Set(issued.map((a) => a.number))].sort();
    expect(numbers).toEqual(Array.from({ length: 10 }, (_, i) => `179-2026-${String(i + 1).padStart(6, '0')}`));
    // The same case got the same act both times.
    for (let i = 0; i < issued.length; i += 2) expect(issued[i]!.number).toBe(issued[i + 1]!.number);
    const again = await issueAct(pool, actInput(ids[3]!), deps);
    expect(again.number).toBe(issued[6]!.number);
    expect((await pool.query('SELECT count(*)::int AS n FROM destruction_acts')).rows[0].n).toBe(10);
    expect((await pool.query('SELECT last_number FROM destruction_act_counters WHERE year = 2026')).rows[0].last_number).toBe(10);
  });

  it('burns no number when issuing fails, and starts again at 1 in a new year', async () => {
    const unconfirmed = await destroyedCase(false);
    await expect(issueAct(pool, actInput(unconfirmed), deps)).rejects.toThrow(MissingDestructionEvent);
    const next = await issueAct(pool, actInput(await destroyedCase()), deps);
    expect(next.number).toBe('179-2026-000011');
    const newYear = await issueAct(pool, actInput(await destroyedCase()), { ...deps, now: () => new Date('2026-12-31T21:30:00Z') }); // 00:30 in Moscow
    expect(newYear.number).toBe('179-2027-000001');
  });

  it('stores the JSON and PDF with their SHA-256, a signature over the PDF, and 3 years of retention', async () => {
    const id = await destroyedCase();
    const act = await issueAct(pool, actInput(id), deps);
    expect(act.jsonSha256).toBe(sha256(act.json));
    expect(act.pdfSha256).toBe(sha256(act.pdf));
    expect(act).toMatchObject({ caseId: id, destroyedOn: '2026-03-10', retainUntil: '2029-03-10', signatureFormat: 'cms-detached', signedBy: 'Смирнов Алексей Игоревич' });
    verifyDetachedCms(act.signature!, act.pdf);
    expect(actData(act)).toMatchObject({ number: act.number, caseId: id, logExtract: [{ eventIds: [expect.any(String)] }, expect.anything()] });
    expect(pdfText(act.pdf)).toContain(`АКТ № ${act.number}`);
    const unsigned = await issueAct(pool, actInput(await destroyedCase()), { ...deps, signer: undefined });
    expect(unsigned).toMatchObject({ signature: null, signatureFormat: null, signedBy: null });
  });
});

describe('the register', () => {
  it('reads an act back exactly as issued, by its number, and nothing for a number never issued', async () => {
    const act = await issueAct(pool, actInput(await destroyedCase(), { categories: ['адрес электронной почты'] }), deps);
    const stored = await getAct(pool, act.number);
    expect(stored).toEqual(act);
    expect(stored!.pdf.equals(act.pdf)).toBe(true);
    expect(stored!.issuedAt).toBe('2026-03-11T09:00:00.000Z');
    expect(actData(stored!)).toMatchObject({ number: act.number, categories: ['адрес электронной почты'], destroyedOn: '2026-03-10' });
    expect(await getAct(pool, '179-2026-999999')).toBeUndefined();
  });
});

describe('npx dsar acts print', () => {
  it('prints the summary, the JSON exactly as hashed, and writes the PDF as stored', async () => {
    const act = await issueAct(pool, actInput(await destroyedCase()), deps);
    const summary = runDsar(db.url, ['acts', 'print', act.number]);
    expect(summary.status).toBe(0);
    expect(summary.stdout).toContain(`Act ${act.number} (case ${act.caseId})`);
    expect(summary.stdout).toContain(`PDF SHA-256  ${act.pdfSha256}`);
    expect(summary.stdout).toContain('cms-detached, by Смирнов Алексей Игоревич');

    const json = runDsar(db.url, ['acts', 'print', act.number, '--json']);
    expect(sha256(json.stdout)).toBe(act.jsonSha256);

    const file = path.join(mkdtempSync(path.join(tmpdir(), 'dsar-act-')), 'act.pdf');
    const pdf = runDsar(db.url, ['acts', 'print', act.number, '--pdf', file]);
    expect(pdf.status).toBe(0);
    expect(sha256(readFileSync(file))).toBe(act.pdfSha256);

    const missing = runDsar(db.url, ['acts', 'print', '179-2026-999999']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('no act 179-2026-999999');
  });
});
