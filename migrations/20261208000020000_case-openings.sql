-- Up Migration

-- The intent to open a case (issue 16, point 5; docs/adr/016): written in the transaction that accepts the request
-- (with the Idempotency-Key's reservation, or with the received e-mail's row), before Temporal is asked. A row whose
-- started_at is NULL is an accepted request whose workflow has not started yet: the reconciler (opening/reconciler.ts)
-- starts it when Temporal answers again, so no sender has to retry.
CREATE TABLE IF NOT EXISTS case_openings (
  case_id         text PRIMARY KEY CHECK (case_id ~ '^DSAR-[0-9]{4}-[0-9]{6,}$'),
  -- The request as accepted (type, channel, receivedAt, subject, language, ground): what the start needs to rebuild
  -- the same CaseOpened. Cleared once the workflow has started (the case row holds it then): no second copy of the
  -- subject's data outlives the opening.
  body            jsonb,
  opened_by       text NOT NULL,
  acted_at        timestamptz NOT NULL,
  idempotency_key text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  started_at      timestamptz,
  attempts        integer NOT NULL DEFAULT 0,
  -- Not before this instant may the reconciler try (again): the accepting request's own start comes first, and a
  -- claim is a lease, so two API processes never start one opening at the same moment.
  next_attempt_at timestamptz NOT NULL,
  -- The last failure to start, without personal data (a gRPC status, a timeout).
  last_error      text,
  CHECK ((started_at IS NULL) = (body IS NOT NULL))
);
CREATE INDEX IF NOT EXISTS case_openings_pending_idx ON case_openings (next_attempt_at) WHERE started_at IS NULL;

-- Letters taken in before this table whose case never started (the workflow start failed and nobody re-sent the
-- letter): their message row keeps the opening; the reconciler now starts them.
INSERT INTO case_openings (case_id, body, opened_by, acted_at, idempotency_key, next_attempt_at)
SELECT m.case_id, m.parsed->'opening'->'body', 'intake', (m.parsed->'opening'->>'actedAt')::timestamptz, 'mail:' || m.raw_sha256, now()
FROM mail_messages m
WHERE m.case_id IS NOT NULL AND m.outcome IN ('case', 'triage') AND m.parsed ? 'opening'
  AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = m.case_id)
ON CONFLICT (case_id) DO NOTHING;

-- Down Migration
DROP TABLE IF EXISTS case_openings;
