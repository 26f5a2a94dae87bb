import { performance } from 'node:perf_hooks';
import { insertCaseRow } from '../activities/case-rows';
import { openingTerms } from '../domain/case/terms';
import { builtInCalendar } from '../domain/legal-time';
import type { CaseOpened, CaseTerm } from '../workflows/case-contract';
import { waitFor } from './bench-util';
import type { BenchEngine } from './harness';

const CONCURRENCY = 16;

/** An access request received an hour ago, with the terms and reminders intake computes for it. */
export function accessRequest(caseId: string): CaseOpened {
  const receivedAt = new Date(Date.now() - 3_600_000).toISOString();
  const terms = openingTerms('access', receivedAt, { calendar: builtInCalendar(), timeZone: 'Europe/Moscow' }, 'evidence', new Date().toISOString());
  return {
    caseId, type: 'access', channel: 'email', receivedAt, subject: { name: 'Bench Subject', email: 'subject@example.org' },
    deadline: terms[0]!.deadline, terms, openedBy: 'bench officer', idempotencyKey: `bench-${caseId}`,
  };
}

/** Case numbers of a year no other part of the bench uses: `DSAR-<year>-000001` …. */
export const caseIds = (year: number, count: number) =>
  Array.from({ length: count }, (_, i) => `DSAR-${year}-${String(i + 1).padStart(6, '0')}`);

/**
 * Opens cases as intake does, without the HTTP in front (faster, and intake has its own figure): the case row,
 * its terms and `case.opened` in one statement, then `workflow.start` of the case workflow with the same
 * encrypted input, 16 at a time. `terms` rewrites a case's terms (the reminder bench plants its reminders).
 */
export async function openCasesDirectly(
  engine: BenchEngine, ids: string[], taskQueue: string, terms?: (caseId: string, planned: CaseTerm[]) => CaseTerm[],
): Promise<number> {
  const t0 = performance.now();
  let next = 0;
  const opener = async () => {
    for (let i = next++; i < ids.length; i = next++) {
      const opened = accessRequest(ids[i]!);
      if (terms) opened.terms = terms(opened.caseId, opened.terms!);
      await insertCaseRow(engine.pool, opened);
      await engine.temporal.workflow.start('caseWorkflow', { workflowId: opened.caseId, taskQueue, args: [opened] });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, opener));
  return (performance.now() - t0) / 1000;
}

/** How many of the cases have their acknowledgement letter: the last thing a new case's workflow does before it waits. */
export async function acknowledgedCount(engine: BenchEngine, year: number): Promise<number> {
  const { rows } = await engine.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM letters WHERE kind = 'acknowledgement' AND case_id LIKE $1`, [`DSAR-${year}-%`]);
  return rows[0]!.n;
}

const CHUNK = 500;
const BACKLOG = 250;

/**
 * Opens the cases in chunks of 500, each once the worker has acknowledged all but 250 of those before: cases
 * arrive over time in production, and a burst of thousands no worker has touched yet would measure a replay
 * storm (each waiting case evicted from the workflow cache before its next task), not open cases.
 */
export async function openCasesPaced(
  engine: BenchEngine, ids: string[], taskQueue: string, year: number, log: (m: string) => void,
  terms?: (caseId: string, planned: CaseTerm[]) => CaseTerm[],
): Promise<void> {
  for (let i = 0; i < ids.length; i += CHUNK) {
    await openCasesDirectly(engine, ids.slice(i, i + CHUNK), taskQueue, terms);
    const wanted = Math.min(ids.length, i + CHUNK) - BACKLOG;
    await waitFor(`${wanted} acknowledgements`, async () => (await acknowledgedCount(engine, year)) >= wanted, {
      timeoutMs: 10 * 60_000, log, progress: async () => `${await acknowledgedCount(engine, year)} acknowledged`,
    });
  }
}
