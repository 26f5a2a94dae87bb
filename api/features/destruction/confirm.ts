import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { workerAlive } from '../../../platform/worker-presence';
import { confirmSystemDestructionUpdate, destructionWorkflowId } from '../../../workflows/destruction-contract';
import { AppError, isTemporalTimeout } from '../../errors';
import { requireCase } from '../cases/read-model';
import { updateIdFor } from '../cases/take-action';
import type { Principal } from '../tokens/token-store';
import type { ConfirmBody, DestructionTask } from './schemas';
import { oneTask } from './task-store';

/**
 * The owner confirms that the subject's data are destroyed in a system: a write, so it goes to the system's
 * destruction workflow as an Update (which records it and tells the case). Refused with 409 and a code when the
 * task waits for no confirmation; a repeated request with the same Idempotency-Key answers with the task as it is.
 */
export async function confirmSystem(
  app: FastifyInstance, caseId: string, systemId: string, body: ConfirmBody, principal: Principal, idempotencyKey?: string,
): Promise<DestructionTask> {
  await requireCase(app.pg, caseId, { legalTime: app.legalTime, now: Date.now() });
  const system = app.config.systems.systems.find((s) => s.id === systemId);
  if (!system) throw new AppError(404, 'system_not_found', `No system "${systemId}" in the registry; GET /api/v1/systems lists them.`);
  // Paper and other non-automated media: the act states the number of sheets (Order 179 p.3 (е)).
  if (!system.automated && !body.sheets) throw new AppError(400, 'sheets_required', `${systemId} is not automated: give "sheets", the number of sheets destroyed.`);
  const task = await oneTask(app.pg, caseId, systemId);
  if (!task) throw new AppError(409, 'destruction_not_started', `Case ${caseId} has not begun destroying data in ${systemId}: its path has not reached destruction.`);
  if (idempotencyKey && task.requestId === idempotencyKey) return task;
  refuseUnlessWaiting(task);
  if (Date.parse(body.destroyedAt) > Date.now() + 60_000) throw new AppError(400, 'invalid_destroyed_at', `destroyedAt ${body.destroyedAt} lies in the future: give when the data were destroyed.`);
  const { namespace, taskQueue } = app.config.temporal;
  if ((await workerAlive(app.temporal, app.pg, namespace, taskQueue, app.config.workerSeenWithinMs).catch(() => undefined)) === false) {
    throw new AppError(503, 'worker_unavailable', `No worker has polled the task queue "${taskQueue}" lately, so nothing can record the confirmation: it was not sent. Start the worker and repeat it.`);
  }
  try {
    await app.temporal.withDeadline(Date.now() + app.config.actionTimeoutMs, () =>
      app.temporal.workflow.getHandle(destructionWorkflowId(caseId, systemId)).executeUpdate(confirmSystemDestructionUpdate, {
        args: [{ ...body, actor: principal.name, ...(idempotencyKey ? { requestId: idempotencyKey } : {}) }],
        ...(idempotencyKey ? { updateId: updateIdFor(`${caseId}:${systemId}`, idempotencyKey) } : {}),
      }));
  } catch (err) {
    throw refusal(err, caseId, systemId, app.config.actionTimeoutMs);
  }
  return (await oneTask(app.pg, caseId, systemId))!;
}

function refuseUnlessWaiting(task: DestructionTask): void {
  if (task.status === 'done' || task.status === 'nothing_found') {
    throw new AppError(409, 'destruction_already_confirmed', `The destruction in ${task.systemId} is already recorded (${task.status}, by ${task.confirmedBy ?? 'the engine'}).`);
  }
  if (task.status === 'cancelled') throw new AppError(409, 'destruction_cancelled', `The destruction task of ${task.systemId} was cancelled: the case left destruction (an officer confirmed it whole, or closed it).`);
  if (!task.waitingForOwner) {
    throw new AppError(409, 'destruction_not_waiting', `${task.systemId} is destroyed by its connector (now ${task.status}); it waits for the owner only if the connector fails.`);
  }
}

function refusal(err: unknown, caseId: string, systemId: string, timeoutMs: number): unknown {
  if (err instanceof WorkflowUpdateFailedError) {
    const cause = err.cause as (Error & { details?: unknown[] }) | undefined;
    const code = (cause?.details?.[0] as { code?: string } | undefined)?.code ?? 'destruction_not_waiting';
    return new AppError(409, code, cause?.message ?? err.message);
  }
  if (err instanceof WorkflowNotFoundError) return new AppError(409, 'destruction_not_waiting', `The destruction of case ${caseId} in ${systemId} is no longer running; reload the task.`);
  if (isTemporalTimeout(err)) {
    return new AppError(503, 'workflow_unavailable', `The destruction workflow did not confirm within ${timeoutMs / 1000} s (is the worker running?). It may still be recorded when the worker is back: check the task before repeating.`);
  }
  return err;
}
