import { WorkflowUpdateFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseActionUpdate, caseStateQuery } from '../../workflows/case-contract';
import { buildApp } from '../../api/app';
import { freePort } from '../helpers/free-port';
import { eventually, startEngine, testPayloadKey, type Engine } from '../helpers/engine';
import { storedHistory } from '../helpers/history';

const accessRequest = {
  type: 'access', subject: { name: 'Ivan Petrov', email: 'ivan.petrov@example.ru' },
  channel: 'email', receivedAt: '2025-10-24T10:00:00+03:00',
};

let engine: Engine;
beforeAll(async () => { engine = await startEngine(); });
afterAll(async () => { await engine?.stop(); });

const post = (body: unknown, role: 'officer' | 'auditor' | 'dpo' = 'officer', headers: Record<string, string> = {}) =>
  engine.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { ...engine.auth(role), ...headers }, payload: body as object });
const get = (url: string, role: 'officer' | 'auditor' = 'auditor') => engine.app.inject({ method: 'GET', url, headers: engine.auth(role) });

describe('opening a case', () => {
  it('returns 201 with the case number and the statutory due date, starts its workflow and audits it', async () => {
    const res = await post(accessRequest);
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c.id).toMatch(/^DSAR-\d{4}-\d{6,}$/);
    expect(c).toMatchObject({ type: 'access', status: 'received', due: '2025-11-10', extendedDue: '2025-11-17', rule: 'access', provisional: false });
    expect(c.calendarVersion).toBeTruthy();
    expect(c.deadline).toMatchObject({ rule: 'access', unit: 'working_days', n: 10, due: '2025-11-10' });

    const described = await engine.app.temporal.workflow.getHandle(c.id).describe();
    expect(described.workflowId).toBe(c.id);
    expect(described.type).toBe('caseWorkflow');

    const list = (await get('/api/v1/cases')).json();
    expect(list.items.map((i: { id: string }) => i.id)).toContain(c.id);
    expect((await get(`/api/v1/cases/${c.id}`)).json().id).toBe(c.id);

    // Received in 2025, the term ended long ago: the workflow escalates at once, through its activity.
    const history = await eventually(async () => {
      const h = (await get(`/api/v1/cases/${c.id}/history`)).json();
      return h.events.length >= 2 && h;
    });
    expect(history.events.map((e: { action: string }) => e.action)).toEqual(['case.opened', 'case.escalate']);
    expect(history.events[0]).toMatchObject({ actor: 'test officer', toStatus: 'received' });
    expect(history.events[1]).toMatchObject({ actor: 'engine', fromStatus: 'received', toStatus: 'overdue' });
    expect((await get(`/api/v1/cases/${c.id}`)).json().status).toBe('overdue');
  });

  it('keeps personal data out of Temporal history in plain text, including actions and refusals', async () => {
    const c = (await post({ ...accessRequest, receivedAt: new Date().toISOString(), subject: { name: 'Zinaida Unique-Surname', email: 'zinaida.unique@example.ru' } })).json();
    const handle = engine.app.temporal.workflow.getHandle(c.id);
    // A refusal by the workflow's validator carries a message; a real action carries actor and note.
    await expect(handle.executeUpdate(caseActionUpdate, { args: [{ action: 'escalate' as 'respond', actor: 'Pyotr Secret-Officer' }] })).rejects.toThrow();
    const act = await engine.app.inject({
      method: 'POST', url: `/api/v1/cases/${c.id}/actions`, headers: engine.auth('dpo'),
      payload: { action: 'respond', note: 'sent to zinaida.unique@example.ru with passport 4510 123456' },
    });
    expect(act.statusCode).toBe(200);
    await handle.result();
    const stored = await storedHistory(engine.app.temporal, c.id, testPayloadKey);
    expect(stored.events.some((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toBe(true);
    // Every payload of the history is encrypted, whatever its size …
    expect(stored.payloads.length).toBeGreaterThanOrEqual(4);
    for (const p of stored.payloads) expect(Buffer.from(p.metadata?.encoding ?? []).toString()).toBe('binary/encrypted');
    // The search attributes are readable, and hold the case's type and status, never the subject.
    expect(stored.searchAttributes.length).toBeGreaterThan(0);
    expect(stored.searchAttributes.map((p) => Buffer.from(p.data ?? []).toString()).join()).toContain('"access"');
    // … so the server's bytes hold none of the personal data that the decoded payloads prove were there.
    for (const secret of ['zinaida.unique@example.ru', 'Unique-Surname', 'passport 4510', 'test dpo']) {
      expect(stored.decodedText).toContain(secret);
      expect(stored.storedText).not.toContain(secret);
    }
    expect(JSON.stringify(stored.events)).not.toContain('Unique-Surname');
  });

  it('is idempotent with an Idempotency-Key, and refuses the key for different content', async () => {
    const key = { 'idempotency-key': 'mail-msg-0001-abcdef' };
    const first = await post(accessRequest, 'officer', key);
    const again = await post(accessRequest, 'officer', key);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const other = await post({ ...accessRequest, type: 'deletion' }, 'officer', key);
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('idempotency_key_reused');
  });
});

describe('access control and bad input', () => {
  it('401 without a token or with an unknown one, saying how to get one', async () => {
    const none = await engine.app.inject({ method: 'GET', url: '/api/v1/cases' });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ code: 'unauthorized' });
    expect(none.json().message).toContain('npx dsar token create');
    const bad = await engine.app.inject({ method: 'GET', url: '/api/v1/cases', headers: { authorization: 'Bearer dsar_nope' } });
    expect(bad.json()).toMatchObject({ code: 'invalid_token' });
  });

  it('403 when an auditor tries to write; the auditor can read', async () => {
    const res = await post(accessRequest, 'auditor');
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('forbidden');
    expect((await get('/api/v1/cases', 'auditor')).statusCode).toBe(200);
  });

  it('400 with a stable code for unknown fields, missing fields and wrong values', async () => {
    const unknown = await post({ ...accessRequest, priority: 'high' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'unknown_field' });
    expect(unknown.json().message).toContain('priority');
    const nested = await post({ ...accessRequest, subject: { name: 'A', phone: '1' } });
    expect(nested.json().code).toBe('unknown_field');
    const missing = await post({ type: 'access', channel: 'email', receivedAt: accessRequest.receivedAt });
    expect(missing.json()).toMatchObject({ code: 'invalid_body' });
    expect(missing.json().message).toContain('subject');
    const wrongType = await post({ ...accessRequest, type: 'gossip' });
    expect(wrongType.json().message).toContain('access, correction, blocking, withdrawal, deletion');
    const future = await post({ ...accessRequest, receivedAt: '2999-01-01T00:00:00Z' });
    expect(future.json().code).toBe('received_in_future');
    const nul = await post({ ...accessRequest, subject: { name: 'Ivan\u0000Petrov' } });
    expect(nul.statusCode).toBe(400);
    const badQuery = await get('/api/v1/cases?limit=0');
    expect(badQuery.json().code).toBe('invalid_querystring');
  });

  it('404 for an unknown case', async () => {
    const res = await get('/api/v1/cases/DSAR-2020-999999');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('case_not_found');
  });
});

describe('listing', () => {
  it('filters by status and type and paginates', async () => {
    for (const type of ['correction', 'withdrawal', 'withdrawal']) await post({ ...accessRequest, type, receivedAt: new Date().toISOString() });
    const withdrawals = (await get('/api/v1/cases?type=withdrawal')).json();
    expect(withdrawals.total).toBe(2);
    expect(withdrawals.items.every((i: { type: string; status: string }) => i.type === 'withdrawal' && i.status === 'received')).toBe(true);
    const all = (await get('/api/v1/cases?limit=200')).json();
    const first = (await get('/api/v1/cases?limit=1')).json();
    const second = (await get(`/api/v1/cases?limit=1&cursor=${first.nextCursor}`)).json();
    expect([...first.items, ...second.items].map((i: { id: string }) => i.id)).toEqual(all.items.slice(0, 2).map((i: { id: string }) => i.id));
    expect(second).toMatchObject({ total: all.total, totalExact: true, limit: 1 });
    expect(all.total).toBeGreaterThanOrEqual(4);
    expect((await get('/api/v1/cases?offset=1')).json().code).toBe('unknown_field');
    const received = (await get('/api/v1/cases?status=received')).json();
    expect(received.items.every((i: { status: string }) => i.status === 'received')).toBe(true);
  });
});

describe('officer actions go through the workflow', () => {
  it('responds once; a second final action is refused with 409', async () => {
    const c = (await post({ ...accessRequest, receivedAt: new Date().toISOString() })).json();
    const act = (action: string, role: 'dpo' | 'auditor' = 'dpo') => engine.app.inject({
      method: 'POST', url: `/api/v1/cases/${c.id}/actions`, headers: engine.auth(role), payload: { action, note: 'answer sent by e-mail' },
    });
    expect((await act('respond', 'auditor')).statusCode).toBe(403);
    const done = await act('respond');
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'responded', allowedActions: [] });
    expect(done.json().closedAt).not.toBeNull();
    const twice = await engine.app.inject({
      method: 'POST', url: `/api/v1/cases/${c.id}/actions`, headers: engine.auth('dpo'), payload: { action: 'refuse', ground: 'access_restricted', reasons: 'Access restricted by art. 14 p.8 152-FZ' },
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('case_closed');
    const events = (await get(`/api/v1/cases/${c.id}/history`)).json().events;
    expect(events.map((e: { action: string }) => e.action)).toEqual(['case.opened', 'case.respond']);
    expect(events[1]).toMatchObject({ actor: 'test dpo', message: 'answer sent by e-mail' });
    const result = await engine.app.temporal.workflow.getHandle(c.id).result();
    expect(result.status).toBe('responded');
  });
});

describe('repeating an action', () => {
  it('with the same Idempotency-Key answers 200 again and records the action once', async () => {
    const c = (await post({ ...accessRequest, receivedAt: new Date().toISOString() })).json();
    const respond = () => engine.app.inject({
      method: 'POST', url: `/api/v1/cases/${c.id}/actions`, headers: { ...engine.auth('officer'), 'idempotency-key': 'action-retry-0001' },
      payload: { action: 'respond' },
    });
    const [first, again] = [await respond(), await respond()];
    expect(first.statusCode).toBe(200);
    expect(again.statusCode).toBe(200);
    expect(again.json().status).toBe('responded');
    const events = (await get(`/api/v1/cases/${c.id}/history`)).json().events;
    expect(events.filter((e: { action: string }) => e.action === 'case.respond')).toHaveLength(1);
    expect(events[1].data).toMatchObject({ requestId: 'action-retry-0001', step: 'done' });
  });
});

describe('the workflow guards itself', () => {
  // Not on the time-skipping server: its update support mishandles validator rejections.
  it('rejects in the Update validator what the transition table forbids, even when the API check is bypassed', async () => {
    const c = (await post({ ...accessRequest, receivedAt: new Date().toISOString() })).json();
    const handle = engine.app.temporal.workflow.getHandle(c.id);
    const forbidden = handle.executeUpdate(caseActionUpdate, { args: [{ action: 'escalate' as 'respond', actor: 'someone' }] });
    await expect(forbidden).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    await expect(forbidden).rejects.toMatchObject({ cause: { type: 'TransitionNotAllowed' } });
    expect((await handle.query(caseStateQuery)).status).toBe('received');
    const events = (await get(`/api/v1/cases/${c.id}/history`)).json().events;
    expect(events.map((e: { action: string }) => e.action)).toEqual(['case.opened']);
    // Refused by the validator, not accepted and then failed by the handler: nothing reaches the history.
    const stored = await storedHistory(engine.app.temporal, c.id, testPayloadKey);
    expect(stored.events.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toEqual([]);
  });
});

describe('when PostgreSQL is unreachable', () => {
  it('answers 503 with a stable code, and health says which part is down without internals', async () => {
    const broken = await buildApp({ ...engine.config, databaseUrl: `postgres://dsar:dsar@127.0.0.1:${await freePort()}/nowhere` });
    try {
      const health = await broken.inject({ method: 'GET', url: '/health' });
      expect(health.statusCode).toBe(503);
      expect(health.json()).toEqual({ status: 'unavailable', postgres: 'down', temporal: 'ok', worker: 'ok', intake: 'off', calendar: expect.any(Object) });
      const list = await broken.inject({ method: 'GET', url: '/api/v1/cases', headers: engine.auth('auditor') });
      expect(list.statusCode).toBe(503);
      expect(list.json().code).toBe('database_unavailable');
    } finally {
      await broken.close();
    }
  });
});

describe('service endpoints', () => {
  it('health is 200 when PostgreSQL and Temporal answer and a worker polls, without a token', async () => {
    const res = await engine.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', postgres: 'ok', temporal: 'ok', worker: 'ok', intake: 'off', calendar: expect.any(Object) });
  });

  it('serves an OpenAPI document where every route declares its schemas, and the docs UI', async () => {
    const doc = (await engine.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    const ops = Object.entries(doc.paths as Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>>)
      .flatMap(([p, methods]) => Object.entries(methods).map(([m, op]) => ({ p, m, op })));
    expect(ops.map((o) => `${o.m} ${o.p}`)).toEqual(expect.arrayContaining([
      'post /api/v1/cases', 'get /api/v1/cases', 'get /api/v1/cases/{id}', 'get /api/v1/cases/{id}/history',
      'post /api/v1/cases/{id}/actions', 'get /api/v1/deadlines', 'get /health',
    ]));
    for (const { op, m } of ops) {
      expect(Object.keys(op.responses).length).toBeGreaterThan(0);
      if (m === 'post') expect(op.requestBody).toBeDefined();
    }
    expect((await engine.app.inject({ method: 'GET', url: '/docs/' })).statusCode).toBe(200);
  });

  it('computes deadlines on request', async () => {
    const res = await get('/api/v1/deadlines?rule=access&from=2025-10-24');
    expect(res.json()).toMatchObject({ rule: 'access', due: '2025-11-10', extendedDue: '2025-11-17' });
    const bad = await get('/api/v1/deadlines?rule=access&from=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('invalid_from');
  });
});
