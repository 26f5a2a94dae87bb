-- Up Migration

-- The production-calendar versions workers have started with (docs/adr/015). A worker whose version is not here
-- starts the re-plan of open cases for it (one Temporal workflow per version, fixed id) and records it; the row
-- then says when the re-plan was started and how many open cases it told.
CREATE TABLE IF NOT EXISTS calendar_versions (
  version           text PRIMARY KEY,
  first_seen_at     timestamptz NOT NULL DEFAULT now(),
  replan_started_at timestamptz,
  replanned_at      timestamptz,
  cases_signalled   integer CHECK (cases_signalled >= 0)
);

-- Down Migration
DROP TABLE IF EXISTS calendar_versions;
