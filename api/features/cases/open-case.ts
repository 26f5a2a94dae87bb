import { createHash } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { CaseType } from '../../../domain/case/request-types';
import type { Config } from '../../../platform/config';
import type { LegalTime } from '../../../platform/legal-time-config';
import { openingTerms } from '../../../domain/case/terms';
import { isLegalTimeError } from '../../../domain/legal-time';
import { insertCaseRow } from '../../../activities/case-rows';
import { caseWorkflow } from '../../../workflows';
import type { CaseOpened } from '../../../workflows/case-contract';
import { AppError } from '../../errors';
import type { Principal } from '../tokens/token-store';
import { getCase, type CaseView } from './read-model';
import { repeatOf } from './repeat-request';
import type { OpenCaseBody } from './schemas';

const START_TIMEOUT_MS = 10_000;

/**
 * Intake (docs/adr/005): reserve the case number (under the Idempotency-Key, committed), start the case
 * workflow, then record the case row and its `case.opened` event. No database connection is held while
 * Temporal is called. Whatever point a crash interrupts, a retry with the same key finds the same number:
 * the start is then a no-op (the workflow exists) and the row is written once (ON CONFLICT DO NOTHING);
 * a crash after the start and before the row is covered by the workflow's first activity, which writes
 * the same row. So every workflow has one case row, every row one workflow, every key one case.
 */
export async function openCase(
  app: FastifyInstance, body: OpenCaseBody, principal: Principal, idempotencyKey?: string,
): Promise<{ created: boolean; view: CaseView }> {
  const actedAt = new Date().toISOString();
  if (Date.parse(body.receivedAt) > Date.parse(actedAt) + 60_000) {
    throw new AppError(400, 'received_in_future', 'receivedAt is in the future: give the instant the request actually arrived.');
  }
  const terms = termsOf(app, body, actedAt);
  const read = { legalTime: app.legalTime, now: Date.parse(actedAt) };
  const { caseId, reserved } = idempotencyKey
    ? await reserveUnderKey(app.pg, app.legalTime.timeZone, idempotencyKey, requestHash(body))
    : { caseId: await nextCaseNumber(app), reserved: true };
  if (!reserved) {
    const existing = await getCase(app.pg, caseId, read);
    if (existing) return { created: false, view: existing };
  }
  await startReservedCase(app, body, { caseId, openedBy: principal.name, idempotencyKey, actedAt, terms });
  return { created: reserved, view: (await getCase(app.pg, caseId, read))! };
}

/** What opening a case needs: the API passes the app, e-mail intake (intake/take-in.ts) its own connections. */
export interface CaseOpeningDeps {
  pg: pg.Pool;
  temporal: Client;
  config: Pick<Config, 'temporal' | 'reminderPolicy'>;
  legalTime: LegalTime;
}

/** A request to open, as the API validated it or as e-mail intake read it (`unclassified`: waits in triage). */
export type OpenCaseInput = Omit<OpenCaseBody, 'type'> & { type: CaseType; withoutAcknowledgement?: true };

/**
 * Steps 2 and 3 of ADR 005 for a case number already reserved (under `idempotencyKey`): start the workflow,
 * then write the row. Repeating it with the same number and key is a no-op, so a retry after a crash is safe.
 */
export async function startReservedCase(
  deps: CaseOpeningDeps, body: OpenCaseInput,
  c: { caseId: string; openedBy: string; idempotencyKey?: string; actedAt: string; terms?: ReturnType<typeof termsOf> },
): Promise<void> {
  const terms = c.terms ?? termsOf(deps, body, c.actedAt);
  // A letter not yet classified cannot repeat an earlier request of a type; classify decides that.
  const repeat = body.type === 'unclassified' ? undefined : await repeatOf(deps.pg, { ...body, type: body.type }, deps.legalTime);
  const opened: CaseOpened = {
    caseId: c.caseId, type: body.type, channel: body.channel, receivedAt: new Date(body.receivedAt).toISOString(),
    subject: body.subject, deadline: terms[0]!.deadline, terms, openedBy: c.openedBy, idempotencyKey: c.idempotencyKey, actedAt: c.actedAt,
    ...(body.language ? { language: body.language } : {}),
    ...(body.withoutAcknowledgement ? { withoutAcknowledgement: true } : {}),
    ...(repeat ? { repeatOf: repeat } : {}),
    ...(deps.config.temporal.searchAttributes ? { searchAttributes: true } : {}),
  };
  await startCaseWorkflow(deps, opened);
  await insertCaseRow(deps.pg, opened);
}

/** Case numbers DSAR-YYYY-NNNNNN: at least six digits (lpad alone would truncate from the millionth case on). */
const CASE_NUMBER = `'DSAR-' || to_char(now() AT TIME ZONE $1, 'YYYY') || '-' || lpad(n::text, greatest(6, length(n::text)), '0')`;

async function nextCaseNumber(app: FastifyInstance): Promise<string> {
  const { rows } = await app.pg.query<{ id: string }>(`SELECT ${CASE_NUMBER} AS id FROM nextval('case_number_seq') AS n`, [app.legalTime.timeZone]);
  return rows[0]!.id;
}

/**
 * The key's case number: a new one (reserved = true), or the one an earlier request with this key reserved.
 * Two requests racing with one key meet on the primary key: the loser waits for the winner's insert and
 * reads its number. The same key with other content is refused.
 */
export async function reserveUnderKey(
  db: pg.Pool | pg.PoolClient, timeZone: string, key: string, hash: string,
): Promise<{ caseId: string; reserved: boolean }> {
  const inserted = await db.query<{ case_id: string }>(
    `INSERT INTO intake_keys (idempotency_key, case_id, request_hash)
     SELECT $2, ${CASE_NUMBER}, $3 FROM nextval('case_number_seq') AS n
     ON CONFLICT (idempotency_key) DO NOTHING RETURNING case_id`,
    [timeZone, key, hash],
  );
  if (inserted.rows[0]) return { caseId: inserted.rows[0].case_id, reserved: true };
  const { rows } = await db.query<{ case_id: string; request_hash: string }>(
    'SELECT case_id, request_hash FROM intake_keys WHERE idempotency_key = $1', [key],
  );
  const earlier = rows[0]!;
  if (earlier.request_hash !== hash) {
    throw new AppError(409, 'idempotency_key_reused', `This Idempotency-Key was already used for case ${earlier.case_id} with different content; use a new key for a new request.`);
  }
  return { caseId: earlier.case_id, reserved: false };
}

/**
 * What makes two opens "the same request": type, channel, the instant of receipt (ms) and the subject.
 * The migration that introduced intake_keys computes the same hash in SQL for keys used before it.
 */
export function requestHash(body: OpenCaseInput): string {
  const content = [body.type, body.channel, String(Date.parse(body.receivedAt)), body.subject.name, body.subject.email ?? ''];
  if (body.ground) content.push(body.ground);
  return createHash('sha256').update(content.join('\n')).digest('hex');
}

async function startCaseWorkflow(app: CaseOpeningDeps, opened: CaseOpened): Promise<void> {
  try {
    // Bounded: an unreachable Temporal answers 503 (temporal_unavailable) instead of hanging the request.
    await app.temporal.withDeadline(Date.now() + START_TIMEOUT_MS, () => app.temporal.workflow.start(caseWorkflow, {
      workflowId: opened.caseId,
      taskQueue: app.config.temporal.taskQueue,
      args: [opened],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    }));
  } catch (err) {
    // Under a key, the number is this request's alone: an existing workflow with it was started by an earlier
    // attempt or a concurrent retry of this same request, and is this case. Without a key it would be a
    // collision with someone else's case, which must not be taken for success.
    if (err instanceof WorkflowExecutionAlreadyStartedError && opened.idempotencyKey) return;
    throw err;
  }
}

/** The terms the request starts at receipt, with their reminders (ADR 003: computed once, here). */
function termsOf(app: CaseOpeningDeps, body: OpenCaseInput, openedAt: string) {
  if (body.ground && body.type !== 'deletion') {
    throw new AppError(400, 'ground_not_allowed', `"ground" chooses the term of a deletion request; a ${body.type} request has one term: remove "ground".`);
  }
  try {
    return openingTerms(body.type, body.receivedAt, { ...app.legalTime, reminderPolicy: app.config.reminderPolicy }, body.ground, openedAt);
  } catch (err) {
    if (isLegalTimeError(err)) throw new AppError(400, err.code, err.message);
    throw err;
  }
}
