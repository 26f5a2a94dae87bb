-- Up Migration

-- One row per case and information system: the progress of destroying the subject's data there (docs/adr/012).
-- Written only by the system's destruction workflow (`<case>:destroy:<system>`); read by the API, the owners'
-- queue and the act. `found_keys` keeps the row keys the connector's `find` returned, so a block or erase re-run
-- after a crash works on the same rows (a second `find` would no longer see erased ones) and counts them once.
CREATE TABLE IF NOT EXISTS destruction_tasks (
  case_id               text NOT NULL REFERENCES cases (id),
  system_id             text NOT NULL,
  -- connector: the engine destroys through the system's connector; manual: the system's owner confirms.
  kind                  text NOT NULL CHECK (kind IN ('connector', 'manual')),
  -- pending: not done yet (a manual task waits for its owner); blocked: the connector blocked the rows;
  -- done: destroyed; nothing_found: the system held nothing of the subject's; failed: the connector met a
  -- permanent fault (`fault`), and the owner may confirm by hand; cancelled: an officer confirmed the whole
  -- case's destruction, or the case left destruction, before this system was done.
  status                text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'blocked', 'done', 'nothing_found', 'failed', 'cancelled')),
  owner_name            text,
  owner_email           text,
  found_keys            jsonb,
  rows_found            integer CHECK (rows_found >= 0),
  rows_blocked          integer CHECK (rows_blocked >= 0),
  rows_erased           integer CHECK (rows_erased >= 0),
  method                text,
  sheets                integer CHECK (sheets > 0),
  destroyed_at          timestamptz,
  destroyed_by_name     text,
  destroyed_by_position text,
  confirmed_by          text,
  note                  text,
  fault                 text,
  request_id            text,
  due_at                timestamptz,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, system_id),
  CHECK (status <> 'done' OR destroyed_at IS NOT NULL)
);
CREATE INDEX IF NOT EXISTS destruction_tasks_open_idx ON destruction_tasks (status, due_at) WHERE status IN ('pending', 'blocked', 'failed');

-- Down Migration
DROP TABLE IF EXISTS destruction_tasks;
