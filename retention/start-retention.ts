import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { retentionWorkflow } from '../workflows/retention-workflow';

/** Kept here too, so starting it does not load workflow code into the worker's main thread. */
export const RETENTION_WORKFLOW_ID = 'dsar-retention';

/**
 * Starts the retention workflow unless it runs already: every worker calls this at start-up, so a fresh
 * install gets it and a restart (or a second worker) never starts a second one. Returns whether it started it.
 */
export async function ensureRetentionWorkflow(client: Client, taskQueue: string, everyMs?: number): Promise<boolean> {
  try {
    await client.workflow.start<typeof retentionWorkflow>('retentionWorkflow', {
      workflowId: RETENTION_WORKFLOW_ID, taskQueue, args: [everyMs === undefined ? {} : { everyMs }],
    });
    return true;
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw err;
  }
}
