import type pg from 'pg';
import type { DestructionTask, TaskStatus } from './schemas';

const COLUMNS = `case_id, system_id, kind, status, owner_name, owner_email, due_at, rows_found, rows_blocked, rows_erased, method, sheets,
  destroyed_at, destroyed_by_name, destroyed_by_position, confirmed_by, fault, updated_at`;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function taskOf(r: Record<string, unknown>): DestructionTask {
  const status = r.status as TaskStatus;
  return {
    caseId: r.case_id as string, systemId: r.system_id as string, kind: r.kind as 'connector' | 'manual', status,
    waitingForOwner: (r.kind === 'manual' && status === 'pending') || status === 'failed',
    owner: { name: (r.owner_name as string | null) ?? null, email: (r.owner_email as string | null) ?? null },
    dueAt: iso(r.due_at as Date | null),
    rows: { found: (r.rows_found as number | null) ?? null, blocked: (r.rows_blocked as number | null) ?? null, erased: (r.rows_erased as number | null) ?? null },
    method: (r.method as string | null) ?? null, sheets: (r.sheets as number | null) ?? null, destroyedAt: iso(r.destroyed_at as Date | null),
    destroyedBy: r.destroyed_by_name ? { name: r.destroyed_by_name as string, position: (r.destroyed_by_position as string | null) ?? '' } : null,
    confirmedBy: (r.confirmed_by as string | null) ?? null, fault: (r.fault as string | null) ?? null, updatedAt: (r.updated_at as Date).toISOString(),
  };
}

export async function caseTasks(db: pg.Pool, caseId: string): Promise<DestructionTask[]> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM destruction_tasks WHERE case_id = $1 ORDER BY system_id`, [caseId]);
  return rows.map(taskOf);
}

export async function oneTask(db: pg.Pool, caseId: string, systemId: string): Promise<(DestructionTask & { requestId: string | null }) | undefined> {
  const { rows: [row] } = await db.query(`SELECT ${COLUMNS}, request_id FROM destruction_tasks WHERE case_id = $1 AND system_id = $2`, [caseId, systemId]);
  return row ? { ...taskOf(row), requestId: (row.request_id as string | null) ?? null } : undefined;
}

/** The owners' queue: tasks in a status (default: not finished), oldest due first. */
export async function listTasks(db: pg.Pool, status?: TaskStatus): Promise<DestructionTask[]> {
  const statuses = status ? [status] : ['pending', 'blocked', 'failed'];
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM destruction_tasks WHERE status = ANY($1) ORDER BY due_at NULLS LAST, case_id, system_id LIMIT 500`, [statuses]);
  return rows.map(taskOf);
}

/** The case's act number, when issued. */
export async function actNumberOf(db: pg.Pool, caseId: string): Promise<string | null> {
  const { rows: [row] } = await db.query('SELECT number FROM destruction_acts WHERE case_id = $1', [caseId]);
  return (row?.number as string | undefined) ?? null;
}

export function destructionState(tasks: DestructionTask[]): 'not_started' | 'in_progress' | 'finished' | 'superseded' {
  if (tasks.length === 0) return 'not_started';
  if (tasks.some((t) => t.status === 'cancelled')) return 'superseded';
  return tasks.every((t) => t.status === 'done' || t.status === 'nothing_found') ? 'finished' : 'in_progress';
}
