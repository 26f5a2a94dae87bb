import { WorkflowIdReusePolicy } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { openingTerm } from '../../../domain/case/opening-term';
import { isLegalTimeError } from '../../../domain/legal-time';
import { inTransaction } from '../../../platform/db';
import { insertCaseRow } from '../../../activities/case-rows';
import { caseWorkflow } from '../../../workflows';
import type { CaseOpened } from '../../../workflows/case-contract';
import { AppError } from '../../errors';
import type { Principal } from '../tokens/token-store';
import { findByIdempotencyKey, getCase, type CaseView } from './read-model';
import type { OpenCaseBody } from './schemas';

const UNIQUE_VIOLATION = '23505';
const START_TIMEOUT_MS = 10_000;

/**
 * Intake: reserve the case number, record the case and its `case.opened` event, and start the case
 * workflow, all inside one transaction. If the workflow cannot be started nothing is committed; if the
 * commit fails after the start, the workflow's first activity writes the same row (docs/adr/002).
 */
export async function openCase(
  app: FastifyInstance, body: OpenCaseBody, principal: Principal, idempotencyKey?: string,
): Promise<{ created: boolean; view: CaseView }> {
  if (idempotencyKey) {
    const existing = await findByIdempotencyKey(app.pg, idempotencyKey);
    if (existing) return { created: false, view: sameRequestOrConflict(existing, body) };
  }
  if (Date.parse(body.receivedAt) > Date.now() + 60_000) {
    throw new AppError(400, 'received_in_future', 'receivedAt is in the future: give the instant the request actually arrived.');
  }
  const deadline = termOf(app, body);
  try {
    const id = await inTransaction(app.pg, async (client) => {
      // At least six digits; lpad alone would truncate from the millionth case on.
      const { rows } = await client.query<{ id: string }>(
        `SELECT 'DSAR-' || to_char(now() AT TIME ZONE $1, 'YYYY') || '-' || lpad(n::text, greatest(6, length(n::text)), '0') AS id
         FROM nextval('case_number_seq') AS n`,
        [app.legalTime.timeZone],
      );
      const caseId = rows[0]!.id;
      const opened: CaseOpened = {
        caseId, type: body.type, channel: body.channel, receivedAt: new Date(body.receivedAt).toISOString(),
        subject: body.subject, deadline, openedBy: principal.name, idempotencyKey,
      };
      await insertCaseRow(client, opened);
      // Bounded: the transaction (and its pooled connection) must not wait on an unreachable Temporal.
      await app.temporal.withDeadline(Date.now() + START_TIMEOUT_MS, () => app.temporal.workflow.start(caseWorkflow, {
        workflowId: caseId,
        taskQueue: app.config.temporal.taskQueue,
        args: [opened],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      }));
      return caseId;
    });
    return { created: true, view: (await getCase(app.pg, id))! };
  } catch (err) {
    // A concurrent request with the same Idempotency-Key won the race: answer with its case.
    if (idempotencyKey && (err as { code?: string }).code === UNIQUE_VIOLATION) {
      const existing = await findByIdempotencyKey(app.pg, idempotencyKey);
      if (existing) return { created: false, view: sameRequestOrConflict(existing, body) };
    }
    throw err;
  }
}

function termOf(app: FastifyInstance, body: OpenCaseBody) {
  try {
    return openingTerm(body.type, body.receivedAt, app.legalTime);
  } catch (err) {
    if (isLegalTimeError(err)) throw new AppError(400, err.code, err.message);
    throw err;
  }
}

function sameRequestOrConflict(existing: CaseView, body: OpenCaseBody): CaseView {
  const same = existing.type === body.type && existing.channel === body.channel
    && Date.parse(existing.receivedAt) === Date.parse(body.receivedAt)
    && existing.subject.name === body.subject.name && existing.subject.email === (body.subject.email ?? null);
  if (!same) {
    throw new AppError(409, 'idempotency_key_reused', `This Idempotency-Key was already used for case ${existing.id} with different content; use a new key for a new request.`);
  }
  return existing;
}
