-- Up Migration

-- Case numbers (DSAR-YYYY-NNNNNN) come from one sequence: gaps can occur (a rolled-back intake),
-- duplicates cannot.
CREATE SEQUENCE IF NOT EXISTS case_number_seq;

-- The read model of cases. Intake writes the first row; every later change is written by the case
-- workflow's activities, so the row always follows the workflow (see docs/adr/002).
CREATE TABLE IF NOT EXISTS cases (
  id               text PRIMARY KEY CHECK (id ~ '^DSAR-[0-9]{4}-[0-9]{6,}$'),
  type             text NOT NULL CHECK (type IN ('access', 'correction', 'blocking', 'withdrawal', 'deletion')),
  status           text NOT NULL CHECK (status IN ('received', 'overdue', 'responded', 'refused')),
  channel          text NOT NULL CHECK (channel IN ('email', 'web', 'post', 'in_person')),
  subject_name     text NOT NULL,
  subject_email    text,
  received_at      timestamptz NOT NULL,
  -- The statutory term, as computed at intake, with everything needed to recompute it.
  rule_id          text NOT NULL,
  calendar_version text NOT NULL,
  due              date NOT NULL,
  due_at           timestamptz NOT NULL,
  extended_due     date,
  provisional      boolean NOT NULL,
  deadline         jsonb NOT NULL,
  idempotency_key  text UNIQUE,
  opened_by        text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  closed_at        timestamptz
);
CREATE INDEX IF NOT EXISTS cases_status_due_idx ON cases (status, due);
CREATE INDEX IF NOT EXISTS cases_type_idx ON cases (type);
CREATE INDEX IF NOT EXISTS cases_created_idx ON cases (created_at DESC, id DESC);

-- Append-only history of every case: who did what, when, from which status to which.
CREATE TABLE IF NOT EXISTS audit_events (
  id          bigserial PRIMARY KEY,
  case_id     text NOT NULL REFERENCES cases (id),
  at          timestamptz NOT NULL DEFAULT now(),
  actor       text NOT NULL,
  action      text NOT NULL,
  from_status text,
  to_status   text,
  message     text,
  data        jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- Makes retried writes (activity retries, repeated intake) idempotent.
  dedupe_key  text NOT NULL UNIQUE
);
CREATE INDEX IF NOT EXISTS audit_events_case_idx ON audit_events (case_id, id);

CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;

DROP TRIGGER IF EXISTS audit_events_no_update ON audit_events;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
DROP TRIGGER IF EXISTS audit_events_no_truncate ON audit_events;
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

-- API bearer tokens. Only a SHA-256 hash is stored: the tokens are 256-bit random, so a slow hash
-- adds nothing, and a database leak does not leak usable tokens.
CREATE TABLE IF NOT EXISTS api_tokens (
  id         bigserial PRIMARY KEY,
  name       text NOT NULL,
  role       text NOT NULL CHECK (role IN ('officer', 'dpo', 'auditor', 'admin')),
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

-- Down Migration
DROP TABLE IF EXISTS api_tokens;
DROP TABLE IF EXISTS audit_events;
DROP FUNCTION IF EXISTS audit_events_append_only();
DROP TABLE IF EXISTS cases;
DROP SEQUENCE IF EXISTS case_number_seq;
