import { createHash } from 'node:crypto';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { ActionRefused, decide, type Decision } from '../../../domain/case/decide';
import { extendTerm, planTerm, termFrom, type CaseTerm } from '../../../domain/case/terms';
import { caseActionUpdate, type ActionDetails } from '../../../workflows/case-contract';
import { workerAlive } from '../../../platform/worker-presence';
import { AppError, isTemporalTimeout } from '../../errors';
import type { Principal } from '../tokens/token-store';
import { getCase, requireCase, type CaseView } from './read-model';
import type { ActionBody } from './action-schemas';

/**
 * An officer's action is a write: it goes to the case workflow as an Update, whose validator asks the
 * transition table. The API asks the same table first, so a refusal costs no round trip.
 */
export async function takeAction(
  app: FastifyInstance, id: string, body: ActionBody, principal: Principal, idempotencyKey?: string,
): Promise<CaseView> {
  const now = Date.now();
  const actedAt = new Date(now).toISOString();
  const read = { legalTime: app.legalTime, now };
  const current = await requireCase(app.pg, id, read);
  // A repeated request (same Idempotency-Key) that was already applied answers with the case as it is now.
  if (idempotencyKey && (await wasApplied(app, id, idempotencyKey))) return current;
  const { action, note, ...details } = body as ActionBody & ActionDetails;
  let decision;
  try {
    decision = decide(current, { action, finding: details.finding, type: details.type, deletionGround: details.deletionGround }, now);
  } catch (err) {
    if (err instanceof ActionRefused) throw new AppError(409, err.code, err.message);
    throw err;
  }
  const terms = await termsStartedBy(app, current, decision, details, actedAt);
  await requireWorker(app);
  try {
    // Updates need a running worker; without a deadline the call would wait for one forever.
    await app.temporal.withDeadline(Date.now() + app.config.actionTimeoutMs, () =>
      app.temporal.workflow.getHandle(id).executeUpdate(caseActionUpdate, {
        args: [{ action, actor: principal.name, details: { ...details, ...(note ? { note } : {}) }, terms, requestId: idempotencyKey, actedAt }],
        // Temporal also deduplicates a repeat that arrives while the first is still in flight.
        ...(idempotencyKey ? { updateId: updateIdFor(id, idempotencyKey) } : {}),
      }));
  } catch (err) {
    throw refusal(err, id, app.config.actionTimeoutMs);
  }
  return (await getCase(app.pg, id, { legalTime: app.legalTime, now: Date.now() }))!;
}

/** The terms this action starts or extends, computed here on the production calendar and recorded by the workflow (ADR 003). */
async function termsStartedBy(app: FastifyInstance, c: CaseView, d: Decision, details: ActionDetails, actedAt: string): Promise<CaseTerm[]> {
  const ctx = { ...app.legalTime, reminderPolicy: app.config.reminderPolicy };
  if (details.findingDate) {
    const today = actedAt.slice(0, 10);
    if (details.findingDate > today || details.findingDate < c.receivedAt.slice(0, 10)) {
      throw new AppError(400, 'invalid_finding_date', `findingDate ${details.findingDate} must lie between the receipt (${c.receivedAt.slice(0, 10)}) and today.`);
    }
  }
  // Without a findingDate the evidence or detection is today's (operator time), as the action's schema says.
  const findingDate = details.findingDate ?? new Intl.DateTimeFormat('en-CA', { timeZone: ctx.timeZone }).format(new Date(actedAt));
  const started = d.starts.map((s) => planTerm(s.key, s.rule, termFrom(s, { receivedAt: c.receivedAt, findingDate, terms: c.terms }), ctx, actedAt));
  if (!d.extends) return started;
  const { rows } = await app.pg.query(`SELECT rule_id, deadline, started_at FROM case_terms WHERE case_id = $1 AND key = $2`, [c.id, d.extends]);
  const row = rows[0];
  const term: CaseTerm = { key: d.extends, rule: row.rule_id, deadline: row.deadline, reminders: [], status: 'running', startedAt: (row.started_at as Date).toISOString() };
  return [...started, extendTerm(term, ctx, actedAt)];
}

/**
 * Without a worker the Update would wait for one and be applied whenever it returns, minutes or hours after
 * the officer gave up. Refuse at once instead, and say why; nothing is sent. When Temporal cannot say,
 * the Update is tried and answers for itself (temporal_unavailable or workflow_unavailable).
 */
async function requireWorker(app: FastifyInstance): Promise<void> {
  const { namespace, taskQueue } = app.config.temporal;
  const present = await workerAlive(app.temporal, app.pg, namespace, taskQueue, app.config.workerSeenWithinMs).catch(() => undefined);
  if (present === false) {
    throw new AppError(503, 'worker_unavailable', `No worker has polled the case task queue "${taskQueue}" in the last ${Math.round(app.config.workerSeenWithinMs / 1000)} s, so nothing can apply the action: it was not sent. Start the worker (npm run worker) and repeat the action; /health shows when it is back.`);
  }
}

/**
 * Update ids are stored in clear by the Temporal server (only payloads are encrypted), and a client's
 * Idempotency-Key may say something about the request; so Temporal gets a hash. The key itself is
 * still recorded with the audit event (our database), where repeats are recognised.
 */
export function updateIdFor(id: string, idempotencyKey: string): string {
  return createHash('sha256').update(`${id}\n${idempotencyKey}`).digest('hex');
}

async function wasApplied(app: FastifyInstance, id: string, key: string): Promise<boolean> {
  const { rowCount } = await app.pg.query(`SELECT 1 FROM audit_events WHERE case_id = $1 AND data->>'requestId' = $2`, [id, key]);
  return (rowCount ?? 0) > 0;
}

function refusal(err: unknown, id: string, timeoutMs: number): unknown {
  if (err instanceof WorkflowUpdateFailedError) {
    // The workflow's validator refused it (the case moved on meanwhile): its code names the rule.
    const cause = err.cause as (Error & { details?: unknown[] }) | undefined;
    const code = (cause?.details?.[0] as { code?: string } | undefined)?.code ?? 'transition_not_allowed';
    return new AppError(409, code, cause?.message ?? err.message);
  }
  if (err instanceof WorkflowNotFoundError) return new AppError(409, 'case_closed', `Case ${id} was closed meanwhile; reload it.`);
  if (isTemporalTimeout(err)) {
    // Temporal may still hold the Update and apply it once a worker polls: never claim it was dropped.
    return new AppError(503, 'workflow_unavailable', `The case workflow did not confirm the action within ${timeoutMs / 1000} s (is the worker running?). It may still be applied when the worker is back: check the case before repeating it.`);
  }
  return err;
}
