import os from 'node:os';
import type pg from 'pg';

/**
 * A worker process's own sign of life, beside Temporal's poller list (platform/worker-presence.ts). The server
 * renews a poller's last access when its long poll ends, so a worker stalled just after it polled (SIGSTOP, a
 * frozen VM) still looks present for one long poll (60 s) plus the window; a beat that stops with the process
 * does not. Times are the database's, so the API and the worker may run on hosts whose clocks differ.
 */

/** A quarter of the window /health allows: one late beat is no alarm. */
export const heartbeatEvery = (seenWithinMs: number): number => Math.max(250, Math.floor(seenWithinMs / 4));

/** Beats now and every `everyMs` until the returned stop(), which also removes the row (a clean stop is seen at once). */
export function beatWhileRunning(pool: pg.Pool, taskQueue: string, everyMs: number): () => Promise<void> {
  const identity = `${process.pid}@${os.hostname()}`;
  const beat = () => pool.query(
    `INSERT INTO worker_heartbeats (task_queue, identity, seen_at) VALUES ($1, $2, now())
     ON CONFLICT (task_queue, identity) DO UPDATE SET seen_at = now()`, [taskQueue, identity]).then(() => undefined, () => undefined);
  void beat();
  const timer = setInterval(() => void beat(), everyMs);
  return async () => {
    clearInterval(timer);
    await pool.query('DELETE FROM worker_heartbeats WHERE task_queue = $1 AND identity = $2', [taskQueue, identity]).catch(() => undefined);
  };
}

/** True when some worker of the task queue beat within `withinMs`. */
export async function heartbeatSeen(pool: pg.Pool, taskQueue: string, withinMs: number): Promise<boolean> {
  const { rows } = await pool.query(
    `SELECT 1 FROM worker_heartbeats WHERE task_queue = $1 AND seen_at >= now() - make_interval(secs => $2::float8 / 1000) LIMIT 1`, [taskQueue, withinMs]);
  return rows.length > 0;
}
