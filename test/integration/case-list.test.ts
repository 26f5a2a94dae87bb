import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type Engine } from '../helpers/engine';

// No worker: the cases keep the status they are given, so filters and totals are deterministic.
let engine: Engine;
beforeAll(async () => { engine = await startEngine({ worker: false }); });
afterAll(async () => { await engine?.stop(); });

const request = (type: string) => ({
  type, subject: { name: 'Ivan Petrov', email: 'ivan@example.ru' }, channel: 'email', receivedAt: new Date().toISOString(),
});
const get = (url: string) => engine.app.inject({ method: 'GET', url, headers: engine.auth('auditor') });

/** Copies of an opened case with chosen id, type, status and created_at (ties and microseconds on purpose). */
async function cloneCase(from: string, rows: { id: string; type: string; status: string; createdAt: string }[]) {
  for (const r of rows) {
    await engine.pool.query(
      `INSERT INTO cases (id, type, status, channel, subject_name, subject_email, received_at, rule_id, calendar_version, due, due_at,
         extended_due, provisional, deadline, opened_by, created_at)
       SELECT $2, $3, $4, channel, subject_name, subject_email, received_at, rule_id, calendar_version, due, due_at,
         extended_due, provisional, deadline, opened_by, $5::timestamptz FROM cases WHERE id = $1`,
      [from, r.id, r.type, r.status, r.createdAt],
    );
  }
}

/** Every page from the first, following nextCursor. */
async function walk(query: string) {
  const ids: string[] = [];
  const pages: { total: number; totalExact: boolean; limit: number }[] = [];
  let cursor: string | null = null;
  do {
    const res = await get(`/api/v1/cases?${query}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.statusCode).toBe(200);
    const page = res.json();
    ids.push(...page.items.map((i: { id: string }) => i.id));
    pages.push(page);
    cursor = page.nextCursor;
    expect(pages.length).toBeLessThan(100);
  } while (cursor);
  return { ids, pages };
}

/** The order the API promises, computed by PostgreSQL from the rows themselves. */
async function expected(where = 'true', params: unknown[] = []) {
  const { rows } = await engine.pool.query<{ id: string }>(`SELECT id FROM cases WHERE ${where} ORDER BY created_at DESC, id DESC`, params);
  return rows.map((r) => r.id);
}

describe('case list: keyset pagination', () => {
  beforeAll(async () => {
    const opened: string[] = [];
    for (const type of ['access', 'withdrawal', 'deletion', 'access', 'withdrawal']) {
      const res = await engine.app.inject({ method: 'POST', url: '/api/v1/cases', headers: engine.auth('officer'), payload: request(type) });
      expect(res.statusCode).toBe(201);
      opened.push(res.json().id);
    }
    // Same instant for several cases (only the id orders them), and cases one microsecond apart.
    const tie = '2026-03-01T09:00:00.123456Z';
    await cloneCase(opened[0]!, [
      { id: 'DSAR-1999-000001', type: 'access', status: 'overdue', createdAt: tie },
      { id: 'DSAR-1999-000003', type: 'withdrawal', status: 'overdue', createdAt: tie },
      { id: 'DSAR-1999-000002', type: 'access', status: 'responded', createdAt: tie },
      { id: 'DSAR-1999-000010', type: 'access', status: 'overdue', createdAt: '2026-03-01T09:00:00.123457Z' },
      { id: 'DSAR-1999-000011', type: 'access', status: 'overdue', createdAt: '2026-03-01T09:00:00.123455Z' },
      { id: 'DSAR-1999-000012', type: 'withdrawal', status: 'refused', createdAt: '2026-03-01T09:00:00.123458Z' },
    ]);
  });

  it('walks every case exactly once, newest first (created_at DESC, id DESC), two per page', async () => {
    const all = await expected();
    expect(all).toHaveLength(11);
    // The tie is broken by id, microseconds are kept.
    expect(all.slice(-6)).toEqual(['DSAR-1999-000012', 'DSAR-1999-000010', 'DSAR-1999-000003', 'DSAR-1999-000002', 'DSAR-1999-000001', 'DSAR-1999-000011']);
    const { ids, pages } = await walk('limit=2');
    expect(ids).toEqual(all);
    expect(pages.map((p) => p.total)).toEqual(Array(6).fill(11));
    expect(pages.every((p) => p.totalExact && p.limit === 2)).toBe(true);
  });

  it('the last page has no nextCursor, and a full last page does not lead to an empty one', async () => {
    const { pages } = await walk('limit=11');
    expect(pages).toHaveLength(1);
    expect((await walk('limit=200')).pages).toHaveLength(1);
  });

  it('combines status and type filters with the cursor', async () => {
    for (const [query, where, params] of [
      ['status=overdue', 'status = $1', ['overdue']],
      ['type=access', 'type = $1', ['access']],
      ['status=overdue&type=access', 'status = $1 AND type = $2', ['overdue', 'access']],
      ['status=received&type=withdrawal', 'status = $1 AND type = $2', ['received', 'withdrawal']],
      ['status=refused&type=deletion', 'status = $1 AND type = $2', ['refused', 'deletion']],
    ] as const) {
      const want = await expected(where, [...params]);
      const { ids, pages } = await walk(`limit=2&${query}`);
      expect(ids, query).toEqual(want);
      expect(pages[0]!.total, query).toBe(want.length);
    }
  });

  it('refuses a cursor it did not issue, and offset', async () => {
    const { nextCursor } = (await get('/api/v1/cases?limit=2')).json();
    const tampered = `${nextCursor.slice(0, -2)}${nextCursor.endsWith('A') ? 'B' : 'A'}`;
    for (const cursor of [tampered, 'garbage', Buffer.from('["2026-02-30T00:00:00.000000Z","DSAR-2026-000001"]').toString('base64url')]) {
      const res = await get(`/api/v1/cases?cursor=${cursor}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('invalid_cursor');
    }
    expect((await get('/api/v1/cases?offset=2')).json().code).toBe('unknown_field');
  });

  it('past 1,000 matching cases, total is the planner estimate with totalExact false; small filters stay exact', async () => {
    await engine.pool.query(
      `INSERT INTO cases (id, type, status, channel, subject_name, subject_email, received_at, rule_id, calendar_version, due, due_at,
         extended_due, provisional, deadline, opened_by, created_at)
       SELECT 'DSAR-1998-' || lpad(g::text, 6, '0'), 'deletion', 'received', channel, subject_name, subject_email, received_at, rule_id,
         calendar_version, due, due_at, extended_due, provisional, deadline, opened_by, created_at - g * interval '1 second'
       FROM cases, generate_series(1, 3000) AS g WHERE id = 'DSAR-1999-000001'`,
    );
    await engine.pool.query('ANALYZE cases');
    const big = (await get('/api/v1/cases?limit=1')).json();
    expect(big.totalExact).toBe(false);
    expect(big.total).toBeGreaterThan(1_000);
    expect(big.total).toBeLessThan(6_000);
    const small = (await get('/api/v1/cases?status=overdue&limit=1')).json();
    expect(small).toMatchObject({ total: 4, totalExact: true });
  });
});
