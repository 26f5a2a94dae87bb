-- Up Migration

-- Each running worker process says it is alive every quarter of DSAR_WORKER_SEEN_WITHIN_MS (platform/worker-heartbeat.ts).
-- Temporal's poller list alone cannot tell a stalled worker (SIGSTOP, a frozen VM) from a live one: the server
-- renews a poller's last access when its long poll ends, up to 60 s after the worker stopped.
CREATE TABLE IF NOT EXISTS worker_heartbeats (
  task_queue text NOT NULL,
  identity   text NOT NULL,
  seen_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (task_queue, identity)
);

-- Down Migration
DROP TABLE IF EXISTS worker_heartbeats;
