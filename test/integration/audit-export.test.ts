import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventHash, type ChainedEvent } from '../../cli/audit-chain';
import { EXPORT_COLUMNS } from '../../api/features/audit/export-stream';
import { eventually, startEngine, type Engine } from '../helpers/engine';

/**
 * GET /api/v1/audit/export over 100,000 events: streamed from a PostgreSQL cursor, so the server's memory stays
 * flat. The events are inserted by one INSERT … SELECT generate_series as the application role, through the
 * chain trigger: the log stays a valid chain (the exported hashes are real and recomputable) and the insert
 * takes the path every writer takes, at the cost of the trigger's per-row lookup (seconds, not minutes).
 */
const EVENTS = 100_000;
const NAME = 'Экспортова Приватная Тестовна';
const EMAIL = 'export.private.subject@example.ru';
let engine: Engine;
let base: string;

beforeAll(async () => {
  engine = await startEngine();
  await engine.pool.query(`INSERT INTO audit_events (case_id, at, actor, action, message, data, dedupe_key)
    SELECT NULL, timestamptz '2025-01-01T00:00:00Z' + (g - 1) * interval '300 seconds', 'officer:export-test', 'case.test',
      CASE WHEN g % 7 = 0 THEN 'a note, with "quotes" and a comma' END, jsonb_build_object('n', g, 'step', 'answering'), 'export-test:' || g
    FROM generate_series(1, ${EVENTS}) AS g`);
  // Just outside [2025-01-01, 2026-01-01): must not be exported.
  await engine.pool.query(`INSERT INTO audit_events (at, actor, action, dedupe_key) VALUES
    ('2024-12-31T23:59:59.999999Z', 'test', 'case.before', 'export-test:before'), ('2026-01-01T00:00:00Z', 'test', 'case.after', 'export-test:after')`);
  await engine.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(engine.app.server.address() as AddressInfo).port}`;
}, 300_000);
afterAll(async () => { await engine?.stop(); });

interface Streamed { status: number; type: string; lines: number; first: string; last: string; peakRssGrowth: number; peakHeapGrowth: number }

/**
 * Reads the export as a client would, keeping only the first and last line, and samples this process's RSS
 * (server and client share it) every 10 ms while the body flows.
 */
function readExport(query: string, role: 'auditor' | 'officer' = 'auditor'): Promise<Streamed> {
  return new Promise((resolve, reject) => {
    const baseline = process.memoryUsage();
    let peak = baseline.rss;
    let peakHeap = baseline.heapUsed;
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      peak = Math.max(peak, now.rss);
      peakHeap = Math.max(peakHeap, now.heapUsed);
    }, 10);
    http.get(`${base}/api/v1/audit/export?${query}`, { headers: engine.auth(role) }, (res) => {
      let lines = 0;
      let first = '';
      let tail = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const text = tail + chunk;
        const parts = text.split('\n');
        tail = parts.pop()!;
        if (lines === 0 && parts.length > 0) first = parts[0]!;
        lines += parts.length;
        if (parts.length > 0) last = parts.at(-1)!;
      });
      let last = '';
      res.on('end', () => {
        clearInterval(sampler);
        resolve({ status: res.statusCode!, type: String(res.headers['content-type']), lines: lines + (tail ? 1 : 0), first, last: tail || last, peakRssGrowth: peak - baseline.rss, peakHeapGrowth: peakHeap - baseline.heapUsed });
      });
      res.on('error', reject);
    }).on('error', reject);
  });
}

const MiB = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;
const PERIOD = 'from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z';

it('streams 100,000 events as JSON Lines in chain order, each hash recomputable, with RSS growth far below holding the rows', async () => {
  await readExport(`${PERIOD}&format=jsonl`); // warm-up: code paths compiled, pools sized
  const streamed = await readExport(`${PERIOD}&format=jsonl`);
  expect(streamed.status).toBe(200);
  expect(streamed.type).toBe('application/jsonl; charset=utf-8');
  expect(streamed.lines).toBe(EVENTS);
  const first = JSON.parse(streamed.first) as ChainedEvent;
  const last = JSON.parse(streamed.last) as ChainedEvent;
  expect(Object.keys(first)).toEqual([...EXPORT_COLUMNS]);
  expect(first).toMatchObject({ at: '2025-01-01T00:00:00.000000Z', action: 'case.test', dedupeKey: 'export-test:1' });
  expect(last).toMatchObject({ at: new Date(Date.UTC(2025, 0, 1) + (EVENTS - 1) * 300_000).toISOString().replace('Z', '000Z'), dedupeKey: `export-test:${EVENTS}` });
  expect(BigInt(last.chainSeq) - BigInt(first.chainSeq)).toBe(BigInt(EVENTS - 1));
  expect(eventHash(first)).toBe(first.hash);
  expect(eventHash(last)).toBe(last.hash);

  // What holding every row would take: the same rows read whole by one query, measured the same way.
  const before = process.memoryUsage();
  const held = await engine.pool.query(`SELECT * FROM audit_events WHERE at >= '2025-01-01' AND at < '2026-01-01'`);
  const after = process.memoryUsage();
  const heldGrowth = after.rss - before.rss;
  const heldHeap = after.heapUsed - before.heapUsed;
  expect(held.rowCount).toBe(EVENTS);
  console.log(`audit export of ${EVENTS} events: peak growth while streaming RSS ${MiB(streamed.peakRssGrowth)}, heap ${MiB(streamed.peakHeapGrowth)}; `
    + `the same rows held in memory: RSS ${MiB(heldGrowth)}, heap ${MiB(heldHeap)}`);
  expect(streamed.peakRssGrowth).toBeLessThan(48 * 2 ** 20);
  expect(streamed.peakRssGrowth * 3).toBeLessThan(heldGrowth);
  // Heap is shown, not asserted: its peak counts garbage not yet collected, which depends on when V8 collects.
}, 300_000);

it('streams CSV through csv-stringify: a header, quoted fields that parse back to the events', async () => {
  const streamed = await readExport(`${PERIOD}&format=csv`);
  expect(streamed.type).toBe('text/csv; charset=utf-8');
  expect(streamed.lines).toBe(EVENTS + 1);
  expect(streamed.first).toBe(EXPORT_COLUMNS.join(','));
  const [row] = parse(`${streamed.first}\n${streamed.last}\n`, { columns: true }) as Array<Record<string, string>>;
  expect(row).toMatchObject({ dedupeKey: `export-test:${EVENTS}`, actor: 'officer:export-test', data: '{"n": 100000, "step": "answering"}' });
  // Event 99,995 (a multiple of 7) carries a message with quotes and a comma: quoted, it parses back whole.
  const at = Date.UTC(2025, 0, 1) + (99_995 - 1) * 300_000;
  const one = await engine.app.inject({ url: `/api/v1/audit/export?from=${new Date(at).toISOString()}&to=${new Date(at + 1).toISOString()}&format=csv`, headers: engine.auth('auditor') });
  expect(one.body).toContain('"a note, with ""quotes"" and a comma"');
  expect(parse(one.body, { columns: true })).toEqual([expect.objectContaining({ dedupeKey: 'export-test:99995', message: 'a note, with "quotes" and a comma' })]);
}, 300_000);

it('exports no subject names or e-mails: events carry the case number, never the case row\'s personal data', async () => {
  const opened = await engine.app.inject({ method: 'POST', url: '/api/v1/cases', headers: engine.auth('officer'),
    payload: { type: 'access', channel: 'email', receivedAt: new Date().toISOString(), subject: { name: NAME, email: EMAIL } } });
  const caseId = opened.json().id as string;
  await eventually(async () => (await engine.pool.query(`SELECT 1 FROM letters WHERE case_id = $1`, [caseId])).rowCount === 1);
  const now = Date.now();
  const from = new Date(now - 3_600_000).toISOString();
  const to = new Date(now + 3_600_000).toISOString();
  const body = (await engine.app.inject({ url: `/api/v1/audit/export?from=${from}&to=${to}&format=jsonl`, headers: engine.auth('auditor') })).body;
  expect(body).toContain(caseId);
  expect(body).not.toContain('Экспортова');
  expect(body).not.toContain(EMAIL);
});

it('is for auditors, the DPO and admins, and refuses an empty period with a code', async () => {
  expect((await readExport(`${PERIOD}&format=csv`, 'officer')).status).toBe(403);
  const res = await engine.app.inject({ url: '/api/v1/audit/export?from=2026-01-01T00:00:00Z&to=2025-01-01T00:00:00Z&format=csv', headers: engine.auth('auditor') });
  expect(res.json()).toMatchObject({ statusCode: 400, code: 'invalid_period' });
  const bad = await engine.app.inject({ url: '/api/v1/audit/export?from=2025-01-01&to=2026-01-01T00:00:00Z&format=xml', headers: engine.auth('auditor') });
  expect(bad.statusCode).toBe(400);
});

it('gives the connection back and stops the query when the client goes away mid-export', async () => {
  await new Promise<void>((resolve, reject) => {
    const req = http.get(`${base}/api/v1/audit/export?${PERIOD}&format=csv`, { headers: engine.auth('auditor') }, (res) => {
      res.once('data', () => { req.destroy(); resolve(); });
    });
    req.on('error', (err) => (req.destroyed ? undefined : reject(err)));
  });
  const exporting = async () => Number((await engine.pool.query(
    `SELECT count(*) AS n FROM pg_stat_activity WHERE state <> 'idle' AND query LIKE '%FROM audit_events WHERE at >=%' AND pid <> pg_backend_pid()`)).rows[0].n);
  await eventually(async () => (await exporting()) === 0 && engine.app.pg.totalCount === engine.app.pg.idleCount);
});
