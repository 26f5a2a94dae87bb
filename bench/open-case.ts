import { builtInCalendar } from '../domain/legal-time';
import { openingTerms } from '../domain/case/terms';
import { insertCaseRow } from '../activities/case-rows';
import type { CaseOpened } from '../workflows/case-contract';
import { TASK_QUEUE, type BenchEngine } from './harness';
import { closedLoop, httpLoad, sideBySide, type Measured } from './load';

const ROUNDS = { rounds: 4, seconds: 2.5, warmupSeconds: 1.5 };
/** No worker polls this type: the server accepts any name, and the start costs what the case workflow's does. */
const EMPTY_WORKFLOW = 'benchEmpty';
let bareCases = 0;

/** One intake figure: the API beside its bare limit at the same concurrency. */
export interface OpenCaseFigure {
  concurrency: number;
  api: Measured;
  bare: Measured;
}

/**
 * `POST /api/v1/cases` over real HTTP, each request with its own Idempotency-Key, beside the bare limit:
 * one PostgreSQL transaction with the same INSERTs intake makes (case row + `case.opened` event) plus
 * one `workflow.start` with the same (encrypted) input, through a pool and client shaped like the API's.
 */
export async function benchOpenCase(engine: BenchEngine, concurrency: number): Promise<OpenCaseFigure> {
  const receivedAt = new Date(Date.now() - 3_600_000).toISOString();
  const body = { type: 'access', subject: { name: 'Bench Subject', email: 'subject@example.org' }, channel: 'email', receivedAt } as const;

  const api = (seconds: number) => httpLoad({
    url: `${engine.url}/api/v1/cases`, method: 'POST', connections: concurrency, seconds,
    headers: {
      authorization: `Bearer ${engine.officerToken}`, 'content-type': 'application/json', 'idempotency-key': 'bench-[<id>]',
    },
    body: JSON.stringify(body),
  });

  // The same input the API builds: the opening term with its reminder schedule.
  const terms = openingTerms(body.type, receivedAt, { calendar: builtInCalendar(), timeZone: 'Europe/Moscow' }, 'evidence', new Date().toISOString());
  const template: CaseOpened = {
    caseId: '', type: body.type, channel: body.channel, receivedAt, subject: body.subject,
    deadline: terms[0]!.deadline, terms, openedBy: 'bench officer',
  };
  const bare = (seconds: number) => closedLoop(concurrency, seconds, async () => {
    // Case numbers of another year than the API's (which come from the sequence): no collisions.
    const caseId = `DSAR-2019-${String(++bareCases).padStart(9, '0')}`;
    const opened: CaseOpened = { ...template, caseId, idempotencyKey: `bare-${caseId}` };
    await insertCaseRow(engine.pool, opened); // one statement: the case row, its terms and its audit event
    await engine.temporal.workflow.start(EMPTY_WORKFLOW, { workflowId: caseId, taskQueue: TASK_QUEUE, args: [opened] });
  });
  const measured = await sideBySide(api, bare, ROUNDS);
  return { concurrency, api: measured.engine, bare: measured.bare };
}
