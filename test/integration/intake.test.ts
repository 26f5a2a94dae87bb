import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestHash } from '../../opening/case-number';
import type { OpenCaseBody } from '../../api/features/cases/schemas';
import { openingTerms } from '../../domain/case/terms';
import { caseWorkflow } from '../../workflows';
import { startEngine, type Engine } from '../helpers/engine';

let engine: Engine;
beforeAll(async () => { engine = await startEngine(); });
afterAll(async () => { await engine?.stop(); });

const request = (name: string) => ({
  type: 'access', subject: { name, email: 'intake@example.ru' }, channel: 'email', receivedAt: new Date().toISOString(),
});
const open = (body: object, key: string) => engine.app.inject({
  method: 'POST', url: '/api/v1/cases', headers: { ...engine.auth('officer'), 'idempotency-key': key }, payload: body,
});
const rowsFor = async (name: string) =>
  (await engine.pool.query('SELECT id FROM cases WHERE subject_name = $1', [name])).rows.map((r) => r.id as string);
let made = 0;
/** Far above the range test databases number their cases from (test/helpers/database.ts). */
const unusedCaseId = () => `DSAR-2026-${9_000_000_000_000 + process.pid * 100 + ++made}`;
const reserve = (key: string, id: string, body: ReturnType<typeof request>) => engine.pool.query(
  'INSERT INTO intake_keys (idempotency_key, case_id, request_hash) VALUES ($1, $2, $3)', [key, id, requestHash(body as OpenCaseBody)]);
const workflowExists = (id: string) => engine.app.temporal.workflow.getHandle(id).describe().then(() => true, () => false);

describe('one case per Idempotency-Key, whatever a crash interrupted', () => {
  it('two intakes racing with one key open one case and one workflow', async () => {
    const body = request('Racing Subject');
    const answers = await Promise.all(Array.from({ length: 6 }, () => open(body, 'race-key-00000001')));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
    expect(await rowsFor('Racing Subject')).toEqual([answers[0]!.json().id]);
  });

  it('a retry after a crash between reserving the number and starting the workflow opens the case once', async () => {
    const body = request('Reserved Subject');
    // The crash left only the reservation: no workflow, no row.
    const id = unusedCaseId();
    await reserve('crash-after-reserve-1', id, body);
    expect(await workflowExists(id)).toBe(false);

    const retry = await open(body, 'crash-after-reserve-1');
    expect(retry.statusCode).toBe(200);
    expect(retry.json().id).toBe(id);
    expect(await workflowExists(id)).toBe(true);
    expect(await rowsFor('Reserved Subject')).toEqual([id]);
  });

  it('a retry after a crash between starting the workflow and writing the row answers with that one case', async () => {
    const body = request('Started Subject');
    const id = unusedCaseId();
    await reserve('crash-after-start-1', id, body);
    await engine.app.temporal.workflow.start(caseWorkflow, {
      workflowId: id, taskQueue: engine.taskQueue,
      args: [{
        caseId: id, type: 'access', channel: 'email', receivedAt: new Date(body.receivedAt).toISOString(), subject: body.subject,
        deadline: openingTerms('access', body.receivedAt, engine.app.legalTime)[0]!.deadline, openedBy: 'test officer',
        idempotencyKey: 'crash-after-start-1', actedAt: new Date().toISOString(),
      }],
    });
    const retries = await Promise.all([open(body, 'crash-after-start-1'), open(body, 'crash-after-start-1')]);
    expect(retries.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(retries.map((r) => r.json().id)).toEqual([id, id]);
    expect(await rowsFor('Started Subject')).toEqual([id]);
    const events = (await engine.pool.query(`SELECT action FROM audit_events WHERE case_id = $1`, [id])).rows;
    expect(events.filter((e) => e.action === 'case.opened')).toHaveLength(1);
  });

  it('refuses the same key with other content, and records when the officer acted', async () => {
    const first = await open(request('Keyed Subject'), 'content-key-00000001');
    expect(first.statusCode).toBe(201);
    const other = await open(request('Other Subject'), 'content-key-00000001');
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('idempotency_key_reused');
    const history = (await engine.app.inject({ method: 'GET', url: `/api/v1/cases/${first.json().id}/history`, headers: engine.auth('auditor') })).json();
    const opened = history.events[0];
    expect(opened.action).toBe('case.opened');
    expect(Date.parse(opened.actedAt)).toBeLessThanOrEqual(Date.parse(opened.at));
  });
});

describe('repeat requests (art. 14 p.4–6)', () => {
  it('flags a request on the same matter within 30 days of the answer, with the earlier case and the first allowed day', async () => {
    const first = (await open({ ...request('Repeat Subject'), subject: { name: 'Repeat Subject', email: 'Repeat@Example.ru' } }, 'repeat-first-0001')).json();
    const answered = await engine.app.inject({
      method: 'POST', url: `/api/v1/cases/${first.id}/actions`, headers: engine.auth('officer'),
      payload: { action: 'respond', sections: [{ item: 'processing_confirmed', text: 'Processing confirmed.' }] },
    });
    expect(answered.statusCode).toBe(200);
    const closedOn = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date(answered.json().closedAt));

    const again = (await open({ ...request('Repeat Subject'), subject: { name: 'Repeat Subject', email: 'repeat@example.ru' } }, 'repeat-again-0001')).json();
    expect(again.repeatOf).toMatchObject({ caseId: first.id });
    const allowed = new Date(`${closedOn}T00:00:00Z`);
    allowed.setUTCDate(allowed.getUTCDate() + 30);
    expect(again.repeatOf.allowedFrom).toBe(allowed.toISOString().slice(0, 10));
    // The officer may refuse it on that ground.
    const refused = await engine.app.inject({
      method: 'POST', url: `/api/v1/cases/${again.id}/actions`, headers: engine.auth('officer'),
      payload: { action: 'refuse', ground: 'repeat_request', reasons: `The same request was answered on ${closedOn} (case ${first.id}).` },
    });
    expect(refused.json().status).toBe('refused');

    const otherMatter = (await open({ ...request('Repeat Subject'), type: 'cease_processing', subject: { name: 'Repeat Subject', email: 'repeat@example.ru' } }, 'repeat-other-0001')).json();
    expect(otherMatter.repeatOf).toBeNull();
  });
});
