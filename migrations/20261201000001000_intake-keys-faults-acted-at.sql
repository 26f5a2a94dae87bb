-- Up Migration

-- Intake reserves its case number under the client's Idempotency-Key in a committed row *before* it starts
-- the workflow (docs/adr/005). A retry after a crash at any point finds the same number, so one key can
-- never open two cases, and no database connection is held while Temporal is called.
CREATE TABLE IF NOT EXISTS intake_keys (
  idempotency_key text PRIMARY KEY,
  case_id         text NOT NULL UNIQUE CHECK (case_id ~ '^DSAR-[0-9]{4}-[0-9]{6,}$'),
  -- SHA-256 of the request's content: the same key with other content is refused (409), not merged.
  request_hash    text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now()
);

-- The reservation owns the key's uniqueness now. A unique index on cases.idempotency_key as well would let
-- the API's row insert and the workflow's (same case, same key) collide on a non-arbiter index.
ALTER TABLE cases DROP CONSTRAINT IF EXISTS cases_idempotency_key_key;
CREATE INDEX IF NOT EXISTS cases_idempotency_key_idx ON cases (idempotency_key) WHERE idempotency_key IS NOT NULL;
-- Keys used before this migration keep answering with their case (hash as api/features/cases/open-case.ts computes it).
INSERT INTO intake_keys (idempotency_key, case_id, request_hash, created_at)
SELECT idempotency_key, id,
       encode(sha256(convert_to(concat_ws(E'\n', type, channel, ((extract(epoch FROM received_at) * 1000)::bigint)::text,
                                          subject_name, coalesce(subject_email, '')), 'UTF8')), 'hex'),
       created_at
FROM cases WHERE idempotency_key IS NOT NULL
ON CONFLICT DO NOTHING;

-- Permanent failures a case workflow met (a constraint it can never satisfy, an impossible input). The
-- workflow records the fault and ends instead of retrying for ever; officers see it on the case and in
-- GET /api/v1/faults, operators in /metrics. No foreign key: the fault may be that the case row could not
-- be written at all.
CREATE TABLE IF NOT EXISTS case_faults (
  id          bigserial PRIMARY KEY,
  case_id     text NOT NULL,
  kind        text NOT NULL,
  message     text NOT NULL,
  dedupe_key  text NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz
);
CREATE INDEX IF NOT EXISTS case_faults_open_idx ON case_faults (created_at DESC) WHERE resolved_at IS NULL;
CREATE INDEX IF NOT EXISTS case_faults_case_idx ON case_faults (case_id);

-- Two instants per event: when the person (or the engine's timer) acted, and when the worker applied it
-- (`at`). They differ when the worker was down; an auditor needs both.
ALTER TABLE audit_events ADD COLUMN IF NOT EXISTS acted_at timestamptz;

-- Down Migration
ALTER TABLE audit_events DROP COLUMN IF EXISTS acted_at;
DROP TABLE IF EXISTS case_faults;
DROP TABLE IF EXISTS intake_keys;
DROP INDEX IF EXISTS cases_idempotency_key_idx;
ALTER TABLE cases ADD CONSTRAINT cases_idempotency_key_key UNIQUE (idempotency_key);
