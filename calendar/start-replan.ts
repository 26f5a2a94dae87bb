import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import type pg from 'pg';
import type { calendarReplanWorkflow } from '../workflows/calendar-replan-workflow';

/** One re-plan per task queue (one engine) and calendar version. */
export const calendarReplanWorkflowId = (taskQueue: string, version: string) => `dsar-calendar-replan:${taskQueue}:${version}`;

/**
 * Called by every worker at start-up (docs/adr/015): when its calendar version has no re-plan recorded in
 * PostgreSQL, it starts the re-plan of the open cases for that version. The fixed workflow id (never reused)
 * makes two workers starting together, or a crash between the start and the row, start it once. Returns whether
 * this call started it.
 */
export async function ensureCalendarReplan(client: Client, pool: pg.Pool, taskQueue: string, version: string): Promise<boolean> {
  const { rows } = await pool.query(`SELECT replan_started_at FROM calendar_versions WHERE version = $1`, [version]);
  if (rows[0]?.replan_started_at) return false;
  let started = true;
  try {
    await client.workflow.start<typeof calendarReplanWorkflow>('calendarReplanWorkflow', {
      workflowId: calendarReplanWorkflowId(taskQueue, version), taskQueue, args: [{ version }],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    started = false;
  }
  await pool.query(
    `INSERT INTO calendar_versions (version, replan_started_at) VALUES ($1, now())
     ON CONFLICT (version) DO UPDATE SET replan_started_at = coalesce(calendar_versions.replan_started_at, now())`,
    [version],
  );
  return started;
}
