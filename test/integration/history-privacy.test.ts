import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findTemporalTools } from '../../platform/tools';
import { eventually, startEngine, type Engine } from '../helpers/engine';

/**
 * What anyone with access to Temporal (its CLI, Web UI, database) sees of a case: the payload codec keeps the
 * subject's name and e-mail, and what officers wrote about them, out of history; search attributes hold none.
 */
const NAME = 'Приватная Уникальнова-Тестовая';
const EMAIL = 'privacy.unique.subject@example.ru';
const NOTE = 'Адрес Уникальновой изменён на ул. Секретная, 7';
let engine: Engine;
let caseId: string;

const run = async (args: string[]) => (await promisify(execFile)(findTemporalTools().cli!, [
  ...args, '--address', engine.config.temporal.address, '--namespace', 'dsar',
], { maxBuffer: 32 * 1024 * 1024 })).stdout;
/** The output with every payload's bytes (`data`, base64 in JSON output) decoded beside it, as a reader would. */
const readable = (json: string) => {
  const decoded: string[] = [];
  JSON.parse(json, (key, value) => { if (key === 'data' && typeof value === 'string') decoded.push(Buffer.from(value, 'base64').toString('utf8')); return value; });
  return [json, ...decoded].join('\n');
};
const leaks = (out: string) => [NAME, EMAIL, 'Уникальнов', 'Секретная'].filter((s) => out.includes(s));

beforeAll(async () => {
  engine = await startEngine();
  const opened = await engine.app.inject({
    method: 'POST', url: '/api/v1/cases', headers: engine.auth('officer'),
    payload: { type: 'correction', channel: 'email', receivedAt: new Date().toISOString(), subject: { name: NAME, email: EMAIL } },
  });
  expect(opened.statusCode).toBe(201);
  caseId = opened.json().id;
  const act = async (payload: object) => {
    const res = await engine.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/actions`, headers: engine.auth('officer'), payload });
    expect(res.statusCode, res.body).toBe(200);
  };
  await act({ action: 'assign', assignee: { name: 'Officer Petrova', email: 'petrova@wellengineering.ru' } });
  await act({ action: 'block', note: `Данные ${NAME} заблокированы` });
  await act({ action: 'record_information', finding: 'inaccurate', note: `${EMAIL} подтвердил паспортом` });
  await act({ action: 'correct', changes: NOTE, recipients: [{ name: 'ООО «Партнёр»', email: 'dpo@partner.example' }] });
  await act({ action: 'unblock' });
  await act({ action: 'respond', note: NOTE });
  await eventually(async () => (await engine.pool.query('SELECT status FROM cases WHERE id = $1', [caseId])).rows[0]?.status === 'responded');
});
afterAll(async () => { await engine?.stop(); });

it('`temporal workflow show` of a walked case holds no subject name, e-mail or officer note in clear', async () => {
  // The detector finds a payload that is not encrypted.
  expect(leaks(readable(JSON.stringify({ payloads: [{ data: Buffer.from(`{"name":"${NAME}"}`).toString('base64') }] })))).toEqual([NAME, 'Уникальнов']);
  const text = await run(['workflow', 'show', '--workflow-id', caseId]);
  const json = await run(['workflow', 'show', '--workflow-id', caseId, '--output', 'json']);
  const events = JSON.parse(json).events as Array<{ eventType: string }>;
  expect(events.filter((e) => e.eventType.includes('UPDATE_ACCEPTED'))).toHaveLength(6); // the whole walk is there …
  expect(json).toContain(Buffer.from('binary/encrypted').toString('base64'));
  expect(leaks(text)).toEqual([]); // … and none of it readable
  expect(leaks(readable(json))).toEqual([]);
});

it('search attributes and the workflow list hold the case\'s type, status and step, never the subject', async () => {
  const described = await run(['workflow', 'describe', '--workflow-id', caseId, '--output', 'json']);
  for (const attribute of ['DsarCaseType', 'DsarStatus', 'DsarStep', 'DsarAssignee']) expect(described).toContain(attribute);
  expect(leaks(readable(described))).toEqual([]);
  const listed = await run(['workflow', 'list', '--query', `DsarCaseType = 'correction' AND DsarStatus = 'responded'`, '--output', 'json']);
  expect(listed).toContain(caseId);
  expect(leaks(readable(listed))).toEqual([]);
});
