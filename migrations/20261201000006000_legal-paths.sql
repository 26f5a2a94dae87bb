-- Up Migration

-- The sixth request type (art. 21 p.5.1) and the case's position on its legal path (domain/case/legal-paths.ts).
ALTER TABLE cases DROP CONSTRAINT IF EXISTS cases_type_check;
ALTER TABLE cases ADD CONSTRAINT cases_type_check
  CHECK (type IN ('access', 'correction', 'blocking', 'withdrawal', 'deletion', 'cease_processing'));
-- `closed`: ended without an answer (the subject withdrew the request, a duplicate), with the reason in its history.
ALTER TABLE cases DROP CONSTRAINT IF EXISTS cases_status_check;
ALTER TABLE cases ADD CONSTRAINT cases_status_check CHECK (status IN ('received', 'overdue', 'responded', 'refused', 'closed'));
ALTER TABLE cases ADD COLUMN IF NOT EXISTS step text NOT NULL DEFAULT 'review';
ALTER TABLE cases ADD COLUMN IF NOT EXISTS assignee_name text;
ALTER TABLE cases ADD COLUMN IF NOT EXISTS assignee_email text;
CREATE INDEX IF NOT EXISTS cases_step_idx ON cases (step, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS cases_assignee_idx ON cases (assignee_name, created_at DESC, id DESC) WHERE assignee_name IS NOT NULL;

-- Every term a case's path started, with everything needed to recompute it (ADR 003), and whether it was met.
CREATE TABLE IF NOT EXISTS case_terms (
  case_id          text NOT NULL REFERENCES cases (id),
  key              text NOT NULL CHECK (key IN ('answer', 'block', 'rectify', 'cease', 'destroy', 'fallback')),
  rule_id          text NOT NULL,
  status           text NOT NULL CHECK (status IN ('running', 'met', 'overdue', 'cancelled')),
  due              date NOT NULL,
  due_at           timestamptz NOT NULL,
  extended         boolean NOT NULL DEFAULT false,
  calendar_version text NOT NULL,
  deadline         jsonb NOT NULL,
  started_at       timestamptz NOT NULL,
  met_at           timestamptz,
  PRIMARY KEY (case_id, key)
);
CREATE INDEX IF NOT EXISTS case_terms_running_idx ON case_terms (due_at) WHERE status IN ('running', 'overdue');

-- Down Migration
DROP TABLE IF EXISTS case_terms;
DROP INDEX IF EXISTS cases_assignee_idx;
DROP INDEX IF EXISTS cases_step_idx;
ALTER TABLE cases DROP COLUMN IF EXISTS assignee_email;
ALTER TABLE cases DROP COLUMN IF EXISTS assignee_name;
ALTER TABLE cases DROP COLUMN IF EXISTS step;
ALTER TABLE cases DROP CONSTRAINT IF EXISTS cases_status_check;
ALTER TABLE cases ADD CONSTRAINT cases_status_check CHECK (status IN ('received', 'overdue', 'responded', 'refused'));
ALTER TABLE cases DROP CONSTRAINT IF EXISTS cases_type_check;
ALTER TABLE cases ADD CONSTRAINT cases_type_check CHECK (type IN ('access', 'correction', 'blocking', 'withdrawal', 'deletion'));
