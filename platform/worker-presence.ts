import type { Client } from '@temporalio/client';
import { optionalTsToMs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import type pg from 'pg';
import { heartbeatSeen } from './worker-heartbeat';

const { TASK_QUEUE_TYPE_WORKFLOW, TASK_QUEUE_TYPE_ACTIVITY } = temporal.api.enums.v1.TaskQueueType;

/** Health, metrics and officer actions may all ask at once; one answer serves them for this long. */
const CACHE_MS = 2000;
/** Presence is asked on the request path: a Temporal that does not answer must not hold it up. */
const ANSWER_WITHIN_MS = 2000;

type Entry = { expires: number; present: Promise<boolean> };
const cache = new WeakMap<Client, Map<string, Entry>>();

/**
 * True when some worker polls the task queue for workflow tasks AND for activity tasks: a case needs
 * both to move. The Temporal server remembers each poller with the time of its last poll; a live worker
 * polls again at least once per long poll (60 s on a default server), so a poller not seen within
 * `seenWithinMs` is gone. Rejects when Temporal itself does not answer (presence is then unknown).
 */
export function workerPresent(client: Client, namespace: string, taskQueue: string, seenWithinMs: number): Promise<boolean> {
  const key = `${namespace}\u0000${taskQueue}\u0000${seenWithinMs}`;
  let entries = cache.get(client);
  if (!entries) cache.set(client, (entries = new Map()));
  const hit = entries.get(key);
  if (hit && hit.expires > Date.now()) return hit.present;

  const present = ask(client, namespace, taskQueue, seenWithinMs);
  const entry: Entry = { expires: Number.POSITIVE_INFINITY, present }; // shared while in flight
  entries.set(key, entry);
  present.then(
    () => { entry.expires = Date.now() + CACHE_MS; },
    () => { if (entries.get(key) === entry) entries.delete(key); }, // a failure is not remembered
  );
  return present;
}

/**
 * A worker polls AND its process beats (platform/worker-heartbeat.ts): a stalled worker's polls stay fresh up to a
 * long poll after it stopped, its beat does not. Without PostgreSQL the beat cannot be read and the polls answer.
 */
export async function workerAlive(client: Client, pool: pg.Pool, namespace: string, taskQueue: string, seenWithinMs: number): Promise<boolean> {
  if (!(await workerPresent(client, namespace, taskQueue, seenWithinMs))) return false;
  return heartbeatSeen(pool, taskQueue, seenWithinMs).catch(() => true);
}

async function ask(client: Client, namespace: string, taskQueue: string, seenWithinMs: number): Promise<boolean> {
  const polled = (taskQueueType: temporal.api.enums.v1.TaskQueueType) =>
    client.connection.withDeadline(Date.now() + ANSWER_WITHIN_MS, () =>
      client.workflowService.describeTaskQueue({ namespace, taskQueue: { name: taskQueue }, taskQueueType }));
  const [workflow, activity] = await Promise.all([polled(TASK_QUEUE_TYPE_WORKFLOW), polled(TASK_QUEUE_TYPE_ACTIVITY)]);
  const since = Date.now() - seenWithinMs;
  const recent = (res: temporal.api.workflowservice.v1.IDescribeTaskQueueResponse) =>
    (res.pollers ?? []).some((p) => (optionalTsToMs(p.lastAccessTime) ?? 0) >= since);
  return recent(workflow) && recent(activity);
}
