import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../api/app';
import { eventually, startEngine, type Engine } from '../helpers/engine';

const TOKEN = 'metrics-token-for-tests-0123456789abcdef';
let engine: Engine;
let app: FastifyInstance;

beforeAll(async () => {
  engine = await startEngine();
  app = await buildApp({ ...engine.config, metricsToken: TOKEN });
});
afterAll(async () => {
  await app?.close();
  await engine?.stop();
});

/** The samples of a Prometheus text exposition, labels as objects so their order does not matter. */
function samples(text: string): Array<{ name: string; labels: Record<string, string>; value: number }> {
  return text.split('\n').filter((l) => l && !l.startsWith('#')).map((line) => {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not a sample: ${line}`);
    const labels = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    return { name: m[1]!, labels, value: Number(m[3]) };
  });
}
const scrape = async () => {
  const res = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  const all = samples(res.body);
  return (name: string, labels: Record<string, string> = {}) =>
    all.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).map((s) => s.value);
};

it('refuses a scrape without the metrics token, and has no /metrics at all without DSAR_METRICS_TOKEN', async () => {
  const none = await app.inject({ method: 'GET', url: '/metrics' });
  expect(none.statusCode).toBe(401);
  expect(none.json()).toMatchObject({ code: 'unauthorized' });
  const officer = await app.inject({ method: 'GET', url: '/metrics', headers: engine.auth('admin') });
  expect(officer.statusCode).toBe(401);
  expect(officer.json()).toMatchObject({ code: 'invalid_token' });
  const off = await engine.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
  expect(off.statusCode).toBe(404);
});

it('counts requests by route pattern, cases by status and type, overdue and unescalated cases, faults and the worker', async () => {
  const open = (type: string, receivedAt: string) => app.inject({
    method: 'POST', url: '/api/v1/cases', headers: engine.auth('officer'),
    payload: { type, subject: { name: 'Metric Subject' }, channel: 'web', receivedAt },
  });
  const late = (await open('access', '2025-10-24T10:00:00+03:00')).json().id as string; // escalates at once
  expect((await open('deletion', new Date().toISOString())).statusCode).toBe(201);
  for (let i = 0; i < 2; i++) await app.inject({ method: 'GET', url: '/api/v1/cases', headers: engine.auth('auditor') });
  await app.inject({ method: 'GET', url: '/api/v1/cases/DSAR-2026-999999', headers: engine.auth('auditor') });
  await eventually(async () => (await engine.pool.query("SELECT 1 FROM cases WHERE id = $1 AND status = 'overdue'", [late])).rowCount);

  // A case whose term ended but which is still "received": what a dead workflow would leave behind.
  await engine.pool.query(`INSERT INTO cases (id, type, status, channel, subject_name, received_at, rule_id, calendar_version,
    due, due_at, provisional, deadline, opened_by) SELECT 'DSAR-2024-000001', 'correction', 'received', channel, subject_name,
    received_at, rule_id, calendar_version, due, due_at, provisional, deadline, opened_by FROM cases WHERE id = $1`, [late]);

  // An opening accepted while Temporal was away and not started yet (this app runs no reconciler).
  await engine.pool.query(`INSERT INTO case_openings (case_id, body, opened_by, acted_at, next_attempt_at)
    VALUES ('DSAR-2024-000002', '{"type": "access"}', 'metric test', now(), now())`);

  let metric = await scrape();
  expect(metric('http_request_duration_seconds_count', { method: 'POST', route: '/api/v1/cases', status_code: '201' })).toEqual([2]);
  expect(metric('http_request_duration_seconds_count', { method: 'GET', route: '/api/v1/cases', status_code: '200' })).toEqual([2]);
  expect(metric('http_request_duration_seconds_count', { method: 'GET', route: '/api/v1/cases/:id', status_code: '404' })).toEqual([1]);
  expect(metric('dsar_cases', { status: 'overdue', type: 'access' })).toEqual([1]);
  expect(metric('dsar_cases', { status: 'received', type: 'deletion' })).toEqual([1]);
  expect(metric('dsar_cases', { status: 'received', type: 'correction' })).toEqual([1]);
  expect(metric('dsar_cases', { status: 'refused', type: 'blocking' })).toEqual([0]); // every combination, zeros too
  expect(metric('dsar_cases_overdue')).toEqual([1]);
  expect(metric('dsar_cases_due_passed_not_escalated')).toEqual([1]);
  expect(metric('dsar_case_faults_open')).toEqual([0]);
  expect(metric('dsar_worker_present')).toEqual([1]);
  expect(metric('dsar_openings_pending')).toEqual([1]);
  expect(metric('process_cpu_user_seconds_total')).toHaveLength(1);

  // The gauge counts unresolved faults only.
  await engine.pool.query(`INSERT INTO case_faults (case_id, kind, message, dedupe_key, resolved_at)
    VALUES ($1, 'workflow_error', 'failed', $1 || ':a', NULL), ($1, 'workflow_error', 'failed', $1 || ':b', now())`, [late]);
  metric = await scrape();
  expect(metric('dsar_case_faults_open')).toEqual([1]);
});
