import type { CaseTerm } from '../workflows/case-contract';
import { envCount, percentile, seeded, waitFor } from './bench-util';
import { acknowledgedCount, caseIds, openCasesPaced } from './direct-cases';
import type { BenchEngine } from './harness';
import { startWorkerProcess } from './worker-process';

export const DUE_REMINDERS = envCount('BENCH_DUE_REMINDERS', 2_000);
const TASK_QUEUE = 'dsar-bench-reminders';
const BARE_QUEUE = 'dsar-bench-bare';
/** Case numbers DSAR-2017-…: no other part of the bench uses that year. */
const YEAR = 2017;
const WINDOW_MS = 60_000;
const CONCURRENCY = 16;

/** Lateness (ms) of every reminder: when its timer fired (workflow time) minus when it was planned. */
export interface Lateness {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  count: number;
  /** Said beside the figure: starts that ran past the first instant, reminders that never fired. */
  note?: string;
}

function summarise(late: number[], expected: number, notes: string[]): Lateness {
  const sorted = [...late].sort((a, b) => a - b);
  if (late.length < expected) notes.push(`${expected - late.length} of ${expected} not fired within 2 min of the last instant (not counted)`);
  return {
    p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN,
    count: late.length, note: notes.length ? notes.join('; ') : undefined,
  };
}

/**
 * `count` instants within one minute starting T0, T0 far enough ahead for every start (and, in the engine,
 * every acknowledgement) to be done before the first one falls due.
 */
function plan(count: number, msPerCase: number): { t0: number; at: string[] } {
  const t0 = Date.now() + 20_000 + count * msPerCase;
  const random = seeded(7);
  return { t0, at: Array.from({ length: count }, () => new Date(t0 + Math.floor(random() * WINDOW_MS)).toISOString()) };
}

/** The case's terms with one reminder each: the first term's, at its planned instant; the escalation moved out of the way. */
function planted(at: string) {
  return (_caseId: string, terms: CaseTerm[]): CaseTerm[] => terms.map((t, i) => ({
    ...t, reminders: i === 0 ? [{ key: 'bench_due', at, kind: 'before_due', to: 'assignee', workingDaysLeft: 1 }] : [],
  }));
}

/**
 * The production worker (worker/main.ts) with `DUE_REMINDERS` case workflows whose reminders fall due in the
 * same minute: lateness from the audit events the workflow writes (data.firedAt − acted_at, the planned instant).
 */
export async function benchEngineLateness(engine: BenchEngine, log: (m: string) => void, casesPerSecond: number): Promise<Lateness> {
  const worker = await startWorkerProcess(engine, 'worker/main.ts', TASK_QUEUE);
  try {
    const ids = caseIds(YEAR, DUE_REMINDERS);
    // The lead follows the rate the worker opened cases at in this run (the RSS bench), with a quarter to spare:
    // a fixed one is too short on a busy machine, and a case still opening at its instant would fire late.
    const { t0, at } = plan(ids.length, 1250 / casesPerSecond);
    const atOf = new Map(ids.map((id, i) => [id, at[i]!]));
    await openCasesPaced(engine, ids, TASK_QUEUE, YEAR, log, (id, terms) => planted(atOf.get(id)!)(id, terms));
    const notes: string[] = [];
    await waitFor('acknowledgements', async () => (await acknowledgedCount(engine, YEAR)) === ids.length || Date.now() > t0, { timeoutMs: 30 * 60_000, log });
    const acknowledged = await acknowledgedCount(engine, YEAR);
    if (acknowledged < ids.length) notes.push(`${ids.length - acknowledged} cases still opening at T0`);
    log(`bench: ${ids.length} cases open, ${acknowledged} acknowledged, ${((t0 - Date.now()) / 1000).toFixed(0)} s before their reminders fall due`);
    const fired = async () => (await engine.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'case.reminder' AND case_id LIKE $1`, [`DSAR-${YEAR}-%`])).rows[0]!.n;
    await waitFor('reminders', async () => (await fired()) === ids.length || Date.now() > t0 + WINDOW_MS + 120_000, {
      timeoutMs: 30 * 60_000, log, progress: async () => `${await fired()} of ${ids.length} fired`,
    });
    const { rows } = await engine.pool.query<{ late: number }>(
      `SELECT extract(epoch FROM ((data->>'firedAt')::timestamptz - acted_at)) * 1000 AS late
       FROM audit_events WHERE action = 'case.reminder' AND case_id LIKE $1`, [`DSAR-${YEAR}-%`]);
    return summarise(rows.map((r) => Number(r.late)), ids.length, notes);
  } catch (err) {
    log(`bench: the worker's last log lines:\n${worker.logTail()}`);
    throw err;
  } finally {
    await worker.stop();
  }
}

/** The bare limit: as many workflows of bench/bare-workflows.ts that only sleep until the same kind of instants. */
export async function benchBareLateness(engine: BenchEngine, log: (m: string) => void, casesPerSecond: number): Promise<Lateness> {
  const worker = await startWorkerProcess(engine, 'bench/bare-worker.ts', BARE_QUEUE);
  try {
    // The engine's lead: starts alone can take as long on a busy machine, and a late start would be counted late.
    const { t0, at } = plan(DUE_REMINDERS, 1250 / casesPerSecond);
    const ids = at.map((_, i) => `bench-sleeper-${i}`);
    const notes: string[] = [];
    let next = 0;
    const starter = async () => {
      for (let i = next++; i < ids.length; i = next++) {
        await engine.temporal.workflow.start('benchSleeper', { workflowId: ids[i]!, taskQueue: BARE_QUEUE, args: [at[i]!] });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, starter));
    if (Date.now() > t0) notes.push('starts ran past T0');
    log(`bench: ${ids.length} sleepers started, ${((t0 - Date.now()) / 1000).toFixed(0)} s before they fall due`);
    const late: number[] = [];
    next = 0;
    const reader = async () => {
      for (let i = next++; i < ids.length; i = next++) {
        const firedAt = await engine.temporal.workflow.getHandle(ids[i]!).result() as string;
        late.push(Date.parse(firedAt) - Date.parse(at[i]!));
      }
    };
    // The results are read once all should have fired: waiting on 2,000 results would itself load the server.
    await new Promise((r) => setTimeout(r, Math.max(0, t0 + WINDOW_MS + 5_000 - Date.now())));
    await Promise.all(Array.from({ length: CONCURRENCY }, reader));
    return summarise(late, ids.length, notes);
  } catch (err) {
    log(`bench: the bare worker's last log lines:\n${worker.logTail()}`);
    throw err;
  } finally {
    await worker.stop();
  }
}
