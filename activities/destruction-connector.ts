import { whileBeating } from './heartbeat';
import { ApplicationFailure } from '@temporalio/common';
import type pg from 'pg';
import { ConnectorFault, postgresConnector, type PostgresConnector } from '../connectors/postgres';
import type { SystemsRegistry } from '../operator/systems-schema';
import { inTransaction } from '../platform/db';
import { destructionEvent, notFound, type TaskRef } from './destruction-tasks';

export interface ConnectorDeps {
  registry: SystemsRegistry;
  /** Where connection strings are read (connectionStringEnv): the worker's environment. */
  env: NodeJS.ProcessEnv;
}

/**
 * The connector steps of one system's destruction. Thin: each runs one connector step (one transaction in the
 * system's database) and records its outcome on the task. Idempotent: `find` keeps the keys it found once, block and
 * erase work on those keys and count them once, so a step re-run after a crash neither fails nor counts twice.
 * A ConnectorFault (wrong SQL or settings) is non-retryable; an outage is retried with backoff by the workflow.
 */
export function connectorActivities(pool: pg.Pool, deps: ConnectorDeps) {
  const connectorOf = (systemId: string): PostgresConnector => {
    const system = deps.registry.systems.find((s) => s.id === systemId);
    if (!system || system.connector.kind !== 'postgres') throw notFound(`system ${systemId} has no PostgreSQL connector in the registry`);
    return postgresConnector(system.id, system.connector, deps.env);
  };
  const faulting = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await whileBeating(fn);
    } catch (err) {
      if (err instanceof ConnectorFault) throw ApplicationFailure.create({ message: err.message, type: 'ConnectorFault', nonRetryable: true });
      throw err;
    }
  };
  const taskOf = async (t: TaskRef) => {
    const { rows: [row] } = await pool.query(
      `SELECT d.status, d.found_keys, d.rows_blocked, c.subject_name, c.subject_email FROM destruction_tasks d JOIN cases c ON c.id = d.case_id
       WHERE d.case_id = $1 AND d.system_id = $2`, [t.caseId, t.systemId]);
    if (!row) throw notFound(`case ${t.caseId} has no destruction task for ${t.systemId}`);
    return row as { status: string; found_keys: string[] | null; rows_blocked: number | null; subject_name: string; subject_email: string | null };
  };

  return {
    /** The subject's rows in the system: their keys are kept on the task the first time, and counted once. */
    findSubjectRows: async (t: TaskRef): Promise<number> => {
      const task = await taskOf(t);
      if (task.found_keys) return task.found_keys.length;
      const keys = await faulting(() => connectorOf(t.systemId).find({ email: task.subject_email, name: task.subject_name, caseId: t.caseId }));
      await inTransaction(pool, async (client) => {
        const kept = await client.query(`UPDATE destruction_tasks SET found_keys = $3, rows_found = $4, updated_at = now() WHERE case_id = $1 AND system_id = $2 AND found_keys IS NULL`,
          [t.caseId, t.systemId, JSON.stringify(keys), keys.length]);
        if (kept.rowCount) await destructionEvent(client, { ...t, actor: 'engine', action: 'destruction.found', key: 'found', message: `${keys.length} row(s) of the subject found in ${t.systemId}`, data: { rows: keys.length } });
      });
      return (await taskOf(t)).found_keys!.length;
    },
    /** Blocks the rows found (when the registry has a `block` statement). */
    blockSubjectRows: async (t: TaskRef): Promise<number> => {
      const task = await taskOf(t);
      if (task.status !== 'pending' || !task.found_keys?.length) return task.rows_blocked ?? 0;
      const n = await faulting(() => connectorOf(t.systemId).block(task.found_keys!, t.caseId));
      await inTransaction(pool, async (client) => {
        const moved = await client.query(`UPDATE destruction_tasks SET status = 'blocked', rows_blocked = $3, updated_at = now() WHERE case_id = $1 AND system_id = $2 AND status = 'pending'`,
          [t.caseId, t.systemId, n]);
        if (moved.rowCount) await destructionEvent(client, { ...t, actor: 'engine', action: 'destruction.blocked', key: 'blocked', message: `${n} row(s) blocked in ${t.systemId}`, data: { rows: n } });
      });
      return n;
    },
    /** Erases (deletes or anonymises) the rows found; the task is done, or nothing_found when there were none. */
    eraseSubjectRows: async (t: TaskRef): Promise<'done' | 'nothing_found'> => {
      const task = await taskOf(t);
      if (task.status === 'done' || task.status === 'nothing_found') return task.status;
      const keys = task.found_keys ?? [];
      const n = await faulting(() => connectorOf(t.systemId).erase(keys, t.caseId));
      const system = deps.registry.systems.find((s) => s.id === t.systemId)!;
      const status = keys.length === 0 ? 'nothing_found' : 'done';
      await inTransaction(pool, async (client) => {
        const { rows: [done] } = await client.query<{ destroyed_at: Date }>(
          `UPDATE destruction_tasks SET status = $3, rows_erased = $4, method = $5, destroyed_at = now(), destroyed_by_name = $6, destroyed_by_position = $7,
             confirmed_by = 'engine', updated_at = now()
           WHERE case_id = $1 AND system_id = $2 AND status IN ('pending', 'blocked') RETURNING destroyed_at`,
          [t.caseId, t.systemId, status, n, system.destructionMethod.ru, system.owner.name, system.owner.position]);
        if (!done || status === 'nothing_found') return;
        await destructionEvent(client, {
          ...t, actor: 'engine', action: 'destruction.erased', key: 'done', message: `${n} row(s) erased in ${t.systemId} by its connector`,
          data: { rows: n, method: system.destructionMethod.ru, destroyedAt: done.destroyed_at.toISOString(), categories: system.categories },
        });
      });
      return status;
    },
  };
}
