import path from 'node:path';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type pg from 'pg';
import { createActivities, type DestructionDeps } from '../activities';
import type { LetterDeps } from '../activities/case-letters';
import type { ReminderContext } from '../activities/reminder-plans';
import { letterDeps } from './letter-deps';
import type { RetentionSettings } from '../retention/activities';
import { dataConverter } from '../platform/temporal';

// The engine runs its TypeScript sources directly (tsx); the worker's bundler compiles workflows itself.
export const workflowsPath = path.resolve(__dirname, '../workflows/index.ts');

export interface WorkerDeps {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  pool: pg.Pool;
  payloadKey: Buffer;
  /** Templates, SMTP and the operator for letters; default: shipped templates, no SMTP (letters stay queued), WellPRO. */
  letters?: LetterDeps;
  /** The calendar, zone and reminder policy overdue cases' daily reminders are planned with. */
  reminders: ReminderContext;
  /** The systems registry, connectors' environment and act signer; default: DSAR_SYSTEMS_FILE (or WellPRO's), unsigned. */
  destruction?: DestructionDeps;
  /** A prebuilt bundle (tests build it once); otherwise the worker bundles `workflows/` at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** DSAR_MINIMISE_AFTER_DAYS and the time zone for the retention workflow; default 1,095 days, the reminders' zone. */
  retention?: RetentionSettings;
  /** DSAR_WORKER_MAX_CACHED_WORKFLOWS; otherwise the SDK's default (sized from the heap limit). */
  maxCachedWorkflows?: number;
}

export async function createWorker(deps: WorkerDeps): Promise<Worker> {
  return Worker.create({
    connection: deps.connection,
    namespace: deps.namespace,
    taskQueue: deps.taskQueue,
    activities: createActivities({
      pool: deps.pool, letters: deps.letters ?? letterDeps(), reminders: deps.reminders, retention: deps.retention, destruction: deps.destruction,
    }),
    ...(deps.workflowBundle ? { workflowBundle: deps.workflowBundle } : { workflowsPath }),
    dataConverter: dataConverter(deps.payloadKey),
    ...(deps.maxCachedWorkflows ? { maxCachedWorkflows: deps.maxCachedWorkflows } : {}),
  });
}
