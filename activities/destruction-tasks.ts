import { ApplicationFailure } from '@temporalio/common';
import type pg from 'pg';
import { inTransaction } from '../platform/db';
import type { SystemsRegistry } from '../operator/systems-schema';
import type { PlannedSystem, SystemConfirmation, SystemOutcome } from '../workflows/destruction-contract';
import { refusingPermanently } from './permanent-errors';

/** Every system of the registry, as the case's destruction plan: the worker's registry is read once per case. */
export const planDestruction = (registry: SystemsRegistry) => async (): Promise<PlannedSystem[]> =>
  registry.systems.map((s) => ({
    id: s.id, kind: s.connector.kind === 'none' ? 'manual' : 'connector', owner: { name: s.owner.name, position: s.owner.position, email: s.owner.email },
  }));

export interface TaskRef { caseId: string; systemId: string }
export type TaskStatus = SystemOutcome | 'pending' | 'blocked' | 'failed';

/** The system's task row, written once; a retry or a resumed workflow finds it as it was left. */
export const openDestructionTask = (pool: pg.Pool) => async (t: TaskRef & { system: PlannedSystem; dueAt: string }): Promise<TaskStatus> =>
  refusingPermanently(`opening the destruction task of ${t.systemId} on case ${t.caseId}`, async () => {
    await pool.query(
      `INSERT INTO destruction_tasks (case_id, system_id, kind, owner_name, owner_email, due_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (case_id, system_id) DO NOTHING`,
      [t.caseId, t.systemId, t.system.kind, t.system.owner.name, t.system.owner.email, t.dueAt]);
    const { rows: [row] } = await pool.query('SELECT status FROM destruction_tasks WHERE case_id = $1 AND system_id = $2', [t.caseId, t.systemId]);
    return row!.status as TaskStatus;
  });

/** The term the task works to changed (the case was blocked and the fallback term runs). */
export const moveDestructionDue = (pool: pg.Pool) => async (t: TaskRef & { dueAt: string }): Promise<void> => {
  await pool.query(`UPDATE destruction_tasks SET due_at = $3, updated_at = now() WHERE case_id = $1 AND system_id = $2`, [t.caseId, t.systemId, t.dueAt]);
};

/** Appends one audit event of a system's destruction (at most once per dedupe key). */
export async function destructionEvent(db: pg.Pool | pg.PoolClient, e: TaskRef & { actor: string; action: string; message: string; data: object; key: string; actedAt?: string }) {
  await db.query(
    `INSERT INTO audit_events (case_id, actor, action, message, data, dedupe_key, acted_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (dedupe_key) DO NOTHING`,
    [e.caseId, e.actor, e.action, e.message, JSON.stringify({ system: e.systemId, ...e.data }), `${e.caseId}:destroy:${e.systemId}:${e.key}`, e.actedAt ?? null]);
}

/**
 * The owner's (or an officer's) confirmation that the data are destroyed in the system: the task's facts and the
 * `destruction.confirmed` event the act's log extract is built from, in one transaction, once.
 */
export const recordSystemConfirmation = (pool: pg.Pool) => async (t: TaskRef & { confirmation: SystemConfirmation }): Promise<void> => {
  const c = t.confirmation;
  await refusingPermanently(`recording the destruction in ${t.systemId} on case ${t.caseId}`, () => inTransaction(pool, async (client) => {
    const updated = await client.query(
      `UPDATE destruction_tasks SET status = 'done', method = $3, destroyed_at = $4, destroyed_by_name = $5, destroyed_by_position = $6,
         confirmed_by = $7, note = $8, sheets = $9, request_id = $10, updated_at = now()
       WHERE case_id = $1 AND system_id = $2 AND status NOT IN ('done', 'nothing_found', 'cancelled')`,
      [t.caseId, t.systemId, c.method, c.destroyedAt, c.destroyedBy.name, c.destroyedBy.position, c.actor, c.note ?? null, c.sheets ?? null, c.requestId ?? null]);
    if (updated.rowCount === 0) return;
    await destructionEvent(client, {
      ...t, actor: c.actor, action: 'destruction.confirmed', key: 'done', actedAt: c.destroyedAt,
      message: `Destruction in ${t.systemId} confirmed by its owner`,
      data: { method: c.method, destroyedAt: c.destroyedAt, destroyedBy: c.destroyedBy, ...(c.sheets ? { sheets: c.sheets } : {}), ...(c.requestId ? { requestId: c.requestId } : {}) },
    });
  }));
};

/** A connector that failed for good: the fault is shown on the task, which now waits for its owner to do it by hand. */
export const recordTaskFault = (pool: pg.Pool) => async (t: TaskRef & { message: string }): Promise<void> => {
  await inTransaction(pool, async (client) => {
    await client.query(`UPDATE destruction_tasks SET status = 'failed', fault = $3, updated_at = now() WHERE case_id = $1 AND system_id = $2 AND status IN ('pending', 'blocked')`,
      [t.caseId, t.systemId, t.message.slice(0, 2000)]);
    await destructionEvent(client, { ...t, actor: 'engine', action: 'destruction.failed', key: 'failed', message: t.message.slice(0, 2000), data: {} });
  });
};

/** The case left destruction (an officer confirmed it whole, or closed the case): a task not yet done stops here. */
export const cancelDestructionTask = (pool: pg.Pool) => async (t: TaskRef): Promise<void> => {
  await pool.query(`UPDATE destruction_tasks SET status = 'cancelled', updated_at = now() WHERE case_id = $1 AND system_id = $2 AND status IN ('pending', 'blocked', 'failed')`,
    [t.caseId, t.systemId]);
};

export const notFound = (what: string) => ApplicationFailure.nonRetryable(what, 'DestructionTaskNotFound');
