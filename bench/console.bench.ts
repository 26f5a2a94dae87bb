/**
 * The web console at 100,000 cases: `node --require tsx/cjs bench/console.bench.ts` (part of `npm run bench`).
 * The dashboard and filtered case lists are fetched over HTTP from the API process with a signed-in session and
 * rendered server-side; beside each, the bare time of the same read (the functions the routes call, on the
 * bench's own pool) in the same run. Issue 10 aims at p95 ≤ 100 ms. Requests one at a time: the figure is the
 * time an officer waits for a page, not the server's throughput.
 */
import type pg from 'pg';
import { builtInCalendar } from '../domain/legal-time';
import { createSession } from '../users/session-store';
import { createUser } from '../users/user-store';
import { filtersFrom } from '../web/routes/cases';
import { operatorDays } from '../web/operator-day';
import { readCaseList } from '../web/read/case-list';
import { readDashboard } from '../web/read/dashboard';
import { percentile } from './bench-util';
import { startBenchEngine } from './harness';
import { seedCases, SEEDED_CASES } from './list-cases';
import { boundFigure, printFigures, type Figure } from './report';

const P95_AIM_MS = 100;
const SAMPLES = 200;
const WARMUP = 20;
const TIME_ZONE = 'Europe/Moscow';
const log = (msg: string) => console.error(msg);
const legalTime = { calendar: builtInCalendar(), timeZone: TIME_ZONE, internalTerms: {} };

/** The list seed, made to look like a console's day: open cases on their paths, with terms due around today, and a triage queue. */
export async function seedConsoleState(pool: pg.Pool): Promise<void> {
  await seedCases(pool);
  await pool.query(`UPDATE cases SET step = CASE
      WHEN id::text LIKE '%00' THEN 'triage'
      WHEN type = 'access' THEN 'review' WHEN type = 'withdrawal' THEN 'ceasing' WHEN type = 'deletion' THEN 'destroying' ELSE 'verification' END,
    type = CASE WHEN id::text LIKE '%00' THEN 'unclassified' ELSE type END
    WHERE status IN ('received', 'overdue')`);
  await pool.query(`UPDATE cases SET step = 'done' WHERE status NOT IN ('received', 'overdue')`);
  // One term per open case: due from 10 working days ago to 20 days ahead; the overdue cases' terms are overdue.
  await pool.query(`INSERT INTO case_terms (case_id, key, rule_id, status, due, due_at, calendar_version, deadline, started_at)
    SELECT id, 'answer', rule_id, CASE WHEN status = 'overdue' THEN 'overdue' ELSE 'running' END,
           d.due, (d.due + 1)::timestamp AT TIME ZONE 'Europe/Moscow', calendar_version, deadline, received_at
      FROM cases CROSS JOIN LATERAL (SELECT (current_date + (CASE WHEN status = 'overdue' THEN -1 - (abs(hashtext(id)) % 10) ELSE abs(hashtext(id)) % 21 END))::date AS due) AS d
     WHERE status IN ('received', 'overdue')`);
  await pool.query('VACUUM ANALYZE cases');
  await pool.query('VACUUM ANALYZE case_terms');
}

async function timed(fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  const engine = await startBenchEngine(log);
  process.once('SIGINT', () => void engine.stop().finally(() => process.exit(130)));
  try {
    const t0 = Date.now();
    await seedConsoleState(engine.pool);
    log(`bench: seeded ${SEEDED_CASES.toLocaleString('en-US')} cases with their terms in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const user = await createUser(engine.pool, { email: 'bench@example.org', name: 'Bench Officer', role: 'officer', password: 'bench password 12345' });
    if (user === 'exists') throw new Error('bench user exists');
    const cookie = `dsar_session=${await createSession(engine.pool, user.id, 3_600_000)}`;
    const page = async (path: string) => {
      const res = await fetch(`${engine.url}${path}`, { headers: { cookie }, redirect: 'manual' });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${body.slice(0, 300)}`);
    };
    const days = operatorDays(Date.now(), TIME_ZONE);
    const reads = [
      { name: 'dashboard', path: '/', bare: () => readDashboard(engine.pool, { today: days.today, weekEnd: days.weekEnd, timeZone: TIME_ZONE }) },
      ...([
        { name: 'list status=received type=access by due', query: { status: 'received', type: 'access', sort: 'due' } },
        { name: 'list overdue by due', query: { overdue: 'true', sort: 'due' } },
        { name: 'list text search', query: { q: 'Subject 4242', sort: 'due' } },
      ] as Array<{ name: string; query: Record<string, string> }>).map((e) => ({
        name: e.name, path: `/cases?${new URLSearchParams(e.query).toString()}`,
        bare: () => readCaseList(engine.pool, filtersFrom(e.query as Parameters<typeof filtersFrom>[0]), { legalTime, now: Date.now() }),
      })),
    ];
    const figures: Figure[] = [];
    for (const r of reads) {
      const pageTimes = await timed(() => page(r.path));
      const bareTimes = await timed(r.bare);
      const p95 = percentile(pageTimes, 95);
      const bare95 = percentile(bareTimes, 95);
      log(`bench: console ${r.name}: page p50 ${percentile(pageTimes, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms; bare read p95 ${bare95.toFixed(1)} ms`);
      figures.push(boundFigure(`console.${r.name.replace(/[^a-z]+/g, '-')}.p95`, `console ${r.name}, p95`, 'ms', p95, bare95, P95_AIM_MS));
    }
    printFigures(figures);
    if (figures.some((f) => !f.met)) process.exitCode = 1;
  } catch (err) {
    log(`bench: failed: ${String(err)}\n${engine.apiLogTail()}`);
    process.exitCode = 1;
  } finally {
    await engine.stop();
  }
}

if (require.main === module) void main();
