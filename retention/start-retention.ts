import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { retentionWorkflow } from '../workflows/retention-workflow';

/**
 * One retention workflow per task queue: engines that share a Temporal namespace (one per operator, each with
 * its own queue and database) each keep their own.
 */
export const retentionWorkflowId = (taskQueue: string) => `dsar-retention:${taskQueue}`;

/**
 * Starts the retention workflow unless it runs already: every worker calls this at start-up, so a fresh
 * install gets it and a restart (or a second worker) never starts a second one. Returns whether it started it.
 */
export async function ensureRetentionWorkflow(client: Client, taskQueue: string, everyMs?: number): Promise<boolean> {
  try {
    await client.workflow.start<typeof retentionWorkflow>('retentionWorkflow', {
      workflowId: retentionWorkflowId(taskQueue), taskQueue, args: [everyMs === undefined ? {} : { everyMs }],
    });
    return true;
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw err;
  }
}
