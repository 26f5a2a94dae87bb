import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../api/app';
import { findTemporalTools } from '../../platform/tools';
import { startEngine, type Engine } from '../helpers/engine';

const SUBJECT = 'Kodek Uniquename-Subjectova';
let engine: Engine;
let app: FastifyInstance;
let caseId: string;
/** The workflow input exactly as the Temporal server stores it, in the codec protocol's JSON. */
let stored: { metadata: Record<string, string>; data: string };

beforeAll(async () => {
  engine = await startEngine();
  app = await buildApp({ ...engine.config, codecEndpoint: true });
  const opened = await app.inject({
    method: 'POST', url: '/api/v1/cases', headers: engine.auth('officer'),
    payload: { type: 'access', subject: { name: SUBJECT, email: 'kodek@example.ru' }, channel: 'email', receivedAt: new Date().toISOString() },
  });
  caseId = opened.json().id;
  const { history } = await app.temporal.workflowService.getWorkflowExecutionHistory({ namespace: 'dsar', execution: { workflowId: caseId } });
  const input = history!.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
  const b64 = (u?: Uint8Array | null) => Buffer.from(u ?? []).toString('base64');
  stored = { metadata: Object.fromEntries(Object.entries(input.metadata ?? {}).map(([k, v]) => [k, b64(v)])), data: b64(input.data) };
});
afterAll(async () => {
  await app?.close();
  await engine?.stop();
});

const decode = (role: 'admin' | 'officer', payloads: unknown[], target = app) => target.inject({
  method: 'POST', url: '/codec/decode', headers: { ...engine.auth(role), 'x-namespace': 'dsar' }, payload: { payloads },
});
const codecEvents = async () =>
  (await engine.pool.query('SELECT case_id, actor, data FROM audit_events WHERE action = $1 ORDER BY id', ['codec.decode'])).rows;

it('decodes an encrypted payload from a real workflow history for an admin, and audits the call without its content', async () => {
  expect(Buffer.from(stored.data, 'base64').toString('latin1')).not.toContain(SUBJECT);
  const before = (await codecEvents()).length;
  const res = await decode('admin', [stored, { metadata: { encoding: Buffer.from('binary/null').toString('base64') } }]);
  expect(res.statusCode).toBe(200);
  const [input, untouched] = res.json().payloads;
  expect(Buffer.from(input.metadata.encoding, 'base64').toString()).toBe('json/plain');
  expect(Buffer.from(input.data, 'base64').toString()).toContain(SUBJECT);
  expect(Buffer.from(untouched.metadata.encoding, 'base64').toString()).toBe('binary/null');

  const events = await codecEvents();
  expect(events).toHaveLength(before + 1);
  expect(events.at(-1)).toMatchObject({ case_id: null, actor: 'test admin', data: { namespace: 'dsar', payloads: 2, undecodable: 0 } });
  expect(JSON.stringify(events)).not.toContain('Uniquename');
});

it('refuses officers (403), other namespaces (400), and is absent unless DSAR_CODEC_ENDPOINT=true (404)', async () => {
  const before = (await codecEvents()).length;
  const officer = await decode('officer', [stored]);
  expect(officer.statusCode).toBe(403);
  expect(officer.json()).toMatchObject({ code: 'forbidden' });
  const other = await app.inject({
    method: 'POST', url: '/codec/decode', headers: { ...engine.auth('admin'), 'x-namespace': 'default' }, payload: { payloads: [stored] },
  });
  expect(other.statusCode).toBe(400);
  expect(other.json()).toMatchObject({ code: 'namespace_mismatch' });
  const off = await decode('admin', [stored], engine.app);
  expect(off.statusCode).toBe(404);
  expect(await codecEvents()).toHaveLength(before);
});

it('answers the Web UI\'s CORS preflight for its origin only', async () => {
  const preflight = (origin: string) => app.inject({
    method: 'OPTIONS', url: '/codec/decode',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,x-namespace' },
  });
  const ui = await preflight('http://127.0.0.1:8233');
  expect(ui.statusCode).toBe(204);
  expect(ui.headers['access-control-allow-origin']).toBe('http://127.0.0.1:8233');
  expect(String(ui.headers['access-control-allow-headers'])).toContain('authorization');
  const stranger = await preflight('http://evil.example');
  expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
});

it('lets the real Temporal CLI show the decoded history with an admin token', async () => {
  const cli = findTemporalTools().cli!;
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const inputOf = async (args: string[]) => {
    const { stdout } = await promisify(execFile)(cli, ['workflow', 'show', '--address', engine.config.temporal.address,
      '--namespace', 'dsar', '--workflow-id', caseId, '--output', 'json', ...args], { maxBuffer: 16 * 1024 * 1024 });
    const input = JSON.parse(stdout).events[0].workflowExecutionStartedEventAttributes.input.payloads[0];
    return { encoding: Buffer.from(input.metadata.encoding, 'base64').toString(), data: Buffer.from(input.data, 'base64').toString() };
  };
  expect(await inputOf([])).toMatchObject({ encoding: 'binary/encrypted' });
  const before = (await codecEvents()).length;
  const decoded = await inputOf(['--codec-endpoint', `${address}/codec`, '--codec-auth', `Bearer ${engine.tokens.admin}`]);
  expect(decoded.encoding).toBe('json/plain');
  expect(decoded.data).toContain(SUBJECT);
  expect((await codecEvents()).length).toBeGreaterThan(before);
});
