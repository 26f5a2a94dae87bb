import { Value } from '@sinclair/typebox/value';
import type pg from 'pg';
import { listCases } from '../api/features/cases/read-model';
import { CaseListQuery } from '../api/features/cases/schemas';
import { builtInCalendar } from '../domain/legal-time';
import { openingTerms } from '../domain/case/terms';
import type { BenchEngine } from './harness';
import { httpLoad, ratedLoop, sideBySide, type Measured } from './load';

export const SEEDED_CASES = 100_000;
export const LIST_RATE = 200;
/**
 * autocannon spends each connection's share of `overallRate` in a burst at the start of every second:
 * two connections keep that burst from queueing behind itself on a 2-core machine, and still reach
 * 200/s while a request takes under 10 ms.
 */
const CONNECTIONS = 2;
/** 10 s of API load in all, as much of raw reads, alternating. */
const ROUNDS = { rounds: 2, seconds: 5, warmupSeconds: 1 };

/** The list queries measured; they work with both the offset and the keyset (cursor) list route. */
export const LIST_QUERIES = [
  { name: 'first page', query: { limit: 50 } },
  { name: 'status=received', query: { status: 'received', limit: 50 } },
] as const;

export interface ListFigure {
  name: string;
  api: Measured;
  raw: Measured;
}

/**
 * 100,000 cases in one statement: a year of intake at one case every five minutes, with a realistic
 * mix of statuses (most closed; 20 % received, 5 % overdue) and types. Nothing in Temporal: reads never
 * touch it. Case numbers of 2020, so they never collide with the sequence the API draws from.
 */
export async function seedCases(pool: pg.Pool, count = SEEDED_CASES): Promise<void> {
  const deadline = openingTerms('access', '2025-01-15T10:00:00Z', { calendar: builtInCalendar(), timeZone: 'Europe/Moscow' })[0]!.deadline;
  await pool.query(
    `INSERT INTO cases (id, type, status, channel, subject_name, subject_email, received_at, rule_id, calendar_version,
       due, due_at, provisional, deadline, opened_by, created_at, updated_at, closed_at)
     SELECT 'DSAR-2020-' || lpad(n::text, 6, '0'),
       (ARRAY['access', 'correction', 'blocking', 'withdrawal', 'deletion'])[1 + n % 5],
       s.status, (ARRAY['email', 'web', 'post', 'in_person'])[1 + n % 4],
       'Subject ' || n, 'subject' || n || '@example.org', t.at, $1, $2,
       (t.at + interval '30 days')::date, t.at + interval '30 days', false,
       $3::jsonb || jsonb_build_object('due', to_char(t.at + interval '30 days', 'YYYY-MM-DD'), 'dueAt', t.at + interval '30 days'),
       'seed', t.at, t.at, CASE WHEN s.status IN ('responded', 'refused') THEN t.at + interval '10 days' END
     FROM generate_series(1, $4::int) AS n
     CROSS JOIN LATERAL (SELECT now() - n * interval '5 minutes' AS at) AS t
     CROSS JOIN LATERAL (SELECT CASE WHEN n % 20 < 4 THEN 'received' WHEN n % 20 = 4 THEN 'overdue'
                                     WHEN n % 20 < 7 THEN 'refused' ELSE 'responded' END AS status) AS s`,
    [deadline.rule, deadline.calendarVersion, JSON.stringify(deadline), count],
  );
  await pool.query('VACUUM ANALYZE cases');
}

/**
 * `GET /api/v1/cases` at a fixed 200 requests/s, beside the raw time of the same read: the read-model
 * function the route calls (page query + count query, on the bench's own pool), offered the same way.
 */
export async function benchListCases(engine: BenchEngine, entry: (typeof LIST_QUERIES)[number]): Promise<ListFigure> {
  const search = new URLSearchParams(Object.entries(entry.query).map(([k, v]): [string, string] => [k, String(v)]));
  const api = (seconds: number) => httpLoad({
    url: `${engine.url}/api/v1/cases?${search.toString()}`, connections: CONNECTIONS, seconds, overallRate: LIST_RATE,
    headers: { authorization: `Bearer ${engine.officerToken}` },
  });
  // RAW SQL — update here if the route stops calling listCases: the bench times the route's own
  // read-model call (its page + count queries), with the schema defaults the route's validation applies.
  const query = Value.Default(CaseListQuery, { ...entry.query }) as CaseListQuery;
  const raw = (seconds: number) => ratedLoop(CONNECTIONS, LIST_RATE, seconds, () => listCases(engine.pool, query, { legalTime: { calendar: builtInCalendar(), timeZone: 'Europe/Moscow', internalTerms: {} }, now: Date.now() }));
  const measured = await sideBySide(api, raw, ROUNDS);
  return { name: entry.name, api: measured.engine, raw: measured.bare };
}
