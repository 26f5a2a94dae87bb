import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventually, startEngine, type Engine } from '../helpers/engine';

let engine: Engine;
beforeAll(async () => { engine = await startEngine(); });
afterAll(async () => { await engine?.stop(); });

const open = async (type: string, receivedAt: string) => (await engine.app.inject({
  method: 'POST', url: '/api/v1/cases', headers: engine.auth('officer'),
  payload: { type, channel: 'email', receivedAt, subject: { name: 'Filter Subject', email: 'filter@example.ru' } },
})).json() as { id: string; step: string; terms: Array<{ key: string; due: string }> };
const ids = async (query: string) =>
  ((await engine.app.inject({ method: 'GET', url: `/api/v1/cases?${query}`, headers: engine.auth('auditor') })).json().items as Array<{ id: string }>).map((c) => c.id).sort();

it('filters by step, overdue terms, due date and assignee, in agreement with the workflows', async () => {
  const now = new Date().toISOString();
  const late = await open('access', '2025-10-24T10:00:00+03:00'); // its term ended long ago: the workflow escalates it
  const blocking = await open('blocking', now);
  const access = await open('access', now);
  expect(blocking.step).toBe('blocking');
  expect(access.terms[0]!.key).toBe('answer');
  await eventually(async () => (await ids('overdue=true')).includes(late.id));

  const assign = await engine.app.inject({
    method: 'POST', url: `/api/v1/cases/${access.id}/actions`, headers: engine.auth('officer'),
    payload: { action: 'assign', assignee: { name: 'Olga Officer', email: 'olga@example.ru' } },
  });
  expect(assign.statusCode).toBe(200);
  expect(assign.json().assignee).toEqual({ name: 'Olga Officer', email: 'olga@example.ru' });

  expect(await ids('overdue=true')).toEqual([late.id]);
  expect(await ids('overdue=false')).toEqual([access.id, blocking.id].sort());
  expect(await ids('step=blocking')).toEqual([blocking.id]);
  expect(await ids('step=review')).toEqual([access.id, late.id].sort());
  expect(await ids('assignee=Olga%20Officer')).toEqual([access.id]);
  // The blocking term ends at 24:00 today; the access term in two weeks or more.
  const tomorrow = new Date(Date.now() + 36 * 3600_000).toISOString().slice(0, 10);
  expect(await ids(`dueBefore=${tomorrow}`)).toEqual([blocking.id, late.id].sort());
  expect(await ids(`dueBefore=${access.terms[0]!.due}&type=access`)).toEqual([late.id]);
  // Temporal's search attributes agree (the Web UI and `temporal workflow list --query`), without personal data.
  const search = async (query: string) => {
    const found: string[] = [];
    for await (const wf of engine.app.temporal.workflow.list({ query: `TaskQueue = '${engine.taskQueue}' AND ${query}` })) found.push(wf.workflowId);
    return found.sort();
  };
  await eventually(async () => (await search(`DsarOverdue = true`)).join() === late.id);
  expect(await search(`DsarStep = 'blocking' AND DsarCaseType = 'blocking'`)).toEqual([blocking.id]);
  expect(await search(`DsarAssignee = 'Olga Officer'`)).toEqual([access.id]);
  const bad = await engine.app.inject({ method: 'GET', url: '/api/v1/cases?overdue=yes', headers: engine.auth('auditor') });
  expect(bad.json().code).toBe('invalid_querystring');
});
